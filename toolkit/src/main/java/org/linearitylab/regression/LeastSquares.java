package org.linearitylab.regression;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;

/**
 * Linear least squares in feature space, always through the SVD Φ = U·diag(s)·Vᵀ (never the normal
 * equations ΦᵀΦβ = Φᵀy, which square the condition number).
 *
 * <ul>
 *   <li>{@link #minNorm}: β = Φ⁺y = Σ_{sᵢ > rcond·s₁} vᵢ (uᵢᵀy)/sᵢ. For p &lt; n with full column rank this
 *       is the ordinary least-squares solution; for p ≥ n it is the interpolating solution of smallest
 *       ‖β‖ (Belkin, Hsu, Ma, Mandal 2019).</li>
 *   <li>{@link #ridge}: β = argmin ‖Φβ − y‖² + λ‖β‖² = Σ vᵢ sᵢ/(sᵢ² + λ) (uᵢᵀy), λ &gt; 0 (no cutoff
 *       needed: the penalty regularises small sᵢ).</li>
 * </ul>
 * Targets may have several columns (one-hot classes): each is solved with the same decomposition.
 */
public final class LeastSquares {
    /**
     * Default relative cutoff for singular values: max(n, p)·ε (ε = 2.2·10⁻¹⁶), as in LAPACK's and
     * NumPy's {@code lstsq}. Singular values at or below rcond·s₁ are treated as zero.
     */
    public static final double MACHINE_EPS = Math.ulp(1.0);

    private LeastSquares() {
    }

    /** The default cutoff max(n, p)·ε for an n×p matrix. */
    public static double defaultCutoff(long n, long p) {
        return Math.max(n, p) * MACHINE_EPS;
    }

    /** Minimum-norm least squares Φ⁺y with the default relative cutoff max(n, p)·ε. */
    public static LinearFit minNorm(INDArray phi, INDArray y) {
        requireMatrix("phi", phi);
        return minNorm(phi, y, defaultCutoff(phi.rows(), phi.columns()));
    }

    /**
     * Minimum-norm least squares β = Φ⁺y, keeping singular values sᵢ &gt; rcond·s₁.
     *
     * @param phi   n×p feature matrix (n ≥ 1, p ≥ 1, finite)
     * @param y     n×c targets (or a length-n vector), finite
     * @param rcond relative cutoff in [0, 1)
     */
    public static LinearFit minNorm(INDArray phi, INDArray y, double rcond) {
        INDArray target = requireTargets(phi, y);
        Require.inRange("rcond", rcond, 0.0, 1.0 - 1e-12);
        return minNorm(ThinSvd.of(phi), target, rcond);
    }

    /** Minimum-norm solution from an existing decomposition (reuse one SVD for several targets or cutoffs). */
    public static LinearFit minNorm(ThinSvd svd, INDArray y, double rcond) {
        Require.inRange("rcond", rcond, 0.0, 1.0);
        Require.notNull("svd", svd);
        INDArray target = asColumns("y", y);
        checkRows(svd.rows(), target);
        int r = svd.rank(rcond);
        double[] w = new double[svd.s().length];
        for (int i = 0; i < r; i++) {
            w[i] = 1.0 / svd.s()[i];
        }
        return new LinearFit(svd.apply(w, target), r, 0);
    }

    /**
     * Ridge regression β = argmin ‖Φβ − y‖² + λ‖β‖² (λ not scaled by n), via the SVD.
     *
     * @param lambda penalty λ ≥ 0; λ = 0 gives the minimum-norm solution with the default cutoff
     */
    public static LinearFit ridge(INDArray phi, INDArray y, double lambda) {
        INDArray target = requireTargets(phi, y);
        Require.nonNegative("lambda", lambda);
        return ridge(ThinSvd.of(phi), target, lambda);
    }

    /** Ridge from an existing decomposition. */
    public static LinearFit ridge(ThinSvd svd, INDArray y, double lambda) {
        Require.notNull("svd", svd);
        Require.nonNegative("lambda", lambda);
        if (lambda == 0) {
            return minNorm(svd, y, defaultCutoff(svd.rows(), svd.columns()));
        }
        INDArray target = asColumns("y", y);
        checkRows(svd.rows(), target);
        double[] s = svd.s();
        double[] w = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            w[i] = s[i] / (s[i] * s[i] + lambda);
        }
        return new LinearFit(svd.apply(w, target), s.length, lambda);
    }

    /** Plain-array form: minimum-norm least squares for rows Φ (n×p) and targets y (length n). */
    public static LinearFit minNorm(double[][] phi, double[] y) {
        Require.finiteMatrix("phi", phi);
        Require.length("y", y, phi.length);
        Require.finiteMatrix("phi", phi);
        Require.finite("y", y);
        return minNorm(Nd.matrix(phi), Nd.array(y));
    }

    /**
     * Plain gradient descent on L(β) = ½‖Φβ − y‖² from β₀: β ← β − η Φᵀ(Φβ − y) with η = 1/s₁² (s₁ the largest
     * singular value), {@code steps} steps; returns β after each of the recorded steps {@code record} (increasing).
     * Every step adds a vector of the row space of Φ, so from β₀ = 0 the iterates stay in it and converge to the
     * minimum-norm solution Φ⁺y; from any other β₀ they converge to Φ⁺y plus β₀'s component orthogonal to the rows.
     */
    public static double[][] gradientDescent(INDArray phi, INDArray y, double[] beta0, int[] record) {
        requireMatrix("phi", phi);
        Require.notNull("record", record);
        if (record.length == 0) {
            throw new IllegalArgumentException("record must name at least one step to record");
        }
        INDArray target = requireTargets(phi, y);
        if (target.columns() != 1) {
            throw new IllegalArgumentException("y must be one target column, got " + target.columns());
        }
        Require.length("beta0", beta0, phi.columns());
        Require.finite("beta0", beta0);
        Require.notNull("record", record);
        for (int i = 0; i < record.length; i++) {
            if (record[i] < 0 || (i > 0 && record[i] <= record[i - 1])) {
                throw new IllegalArgumentException("record must hold increasing step counts ≥ 0, got " + Arrays.toString(record));
            }
        }
        double s1 = ThinSvd.of(phi).largest();
        double eta = 1 / (s1 * s1);
        // plain arrays: the matrices here are small, and a step is two matrix-vector products (ND4J's per-call
        // overhead would dominate 10⁵ steps)
        double[][] a = phi.toDoubleMatrix();
        double[] t = target.toDoubleVector();
        int n = a.length;
        int p = a[0].length;
        double[] beta = beta0.clone();
        double[] r = new double[n];
        double[][] out = new double[record.length][];
        int step = 0;
        for (int k = 0; k < record.length; k++) {
            for (; step < record[k]; step++) {
                for (int i = 0; i < n; i++) {
                    double s = -t[i];
                    for (int j = 0; j < p; j++) {
                        s += a[i][j] * beta[j];
                    }
                    r[i] = s;
                }
                for (int i = 0; i < n; i++) {
                    double c = eta * r[i];
                    for (int j = 0; j < p; j++) {
                        beta[j] -= c * a[i][j];
                    }
                }
            }
            out[k] = beta.clone();
        }
        return out;
    }

    // ---- validation shared by the package ----

    static void requireMatrix(String name, INDArray a) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (a.rank() != 2) {
            throw new IllegalArgumentException(name + " must be a matrix (rank 2), got rank " + a.rank());
        }
        if (a.rows() < 1) {
            throw new IllegalArgumentException(name + " must have n ≥ 1 rows (samples), got n = " + a.rows());
        }
        if (a.columns() < 1) {
            throw new IllegalArgumentException(name + " must have p ≥ 1 columns (features), got p = " + a.columns());
        }
        requireFinite(name, a);
    }

    static void requireFinite(String name, INDArray a) {
        if (a.isNaN().any() || a.isInfinite().any()) {
            throw new IllegalArgumentException(name + " must hold finite numbers only, but contains NaN or ±∞");
        }
    }

    private static INDArray requireTargets(INDArray phi, INDArray y) {
        requireMatrix("phi", phi);
        INDArray target = asColumns("y", y);
        checkRows(phi.rows(), target);
        return target;
    }

    private static INDArray asColumns(String name, INDArray y) {
        if (y == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        INDArray t = y.rank() == 1 ? y.reshape(y.length(), 1) : y;
        if (t.rank() != 2) {
            throw new IllegalArgumentException(name + " must be a vector or a matrix, got rank " + y.rank());
        }
        if (t.length() == 0) {
            throw new IllegalArgumentException(name + " must hold n ≥ 1 targets, got none");
        }
        requireFinite(name, t);
        return t;
    }

    private static void checkRows(long n, INDArray y) {
        if (y.rows() != n) {
            throw new IllegalArgumentException("y has " + y.rows() + " rows but phi has n = " + n
                    + " rows: one target row per sample is required (mismatched X/y shapes)");
        }
    }
}
