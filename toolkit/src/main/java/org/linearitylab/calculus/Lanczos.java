package org.linearitylab.calculus;

import java.util.ArrayList;
import java.util.List;

import org.linearitylab.Lab;
import org.linearitylab.Require;
import org.linearitylab.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Extreme eigenvalues of a symmetric matrix-free operator A by the Lanczos method with full
 * re-orthogonalization: after k products A q, the tridiagonal Tₖ = Qₖᵀ A Qₖ has Ritz values θⱼ that
 * converge to the extreme eigenvalues of A (Golub &amp; Van Loan, Matrix Computations, §10.1).
 *
 * <p>Stopping test: the residual of a Ritz pair (θ, y = Qₖs) is ‖A y − θ y‖ = |βₖ sₖ|; we stop when it is
 * ≤ {@code tolerance}·|θ|. The eigenvalue error is then at most residual²/gap, far below the tolerance.
 * Cost: k products plus O(k²n) for re-orthogonalization and memory for k vectors of length n — meant for
 * n up to a few 10⁵ and k up to a few hundred. Typical use, the spectral norm of a Hessian:
 *
 * <pre>{@code
 * SpectralEstimate e = Lanczos.of(model.hessianOperator(x)).largestMagnitude();
 * double norm = e.magnitude();
 * }</pre>
 *
 * Immutable: the {@code with...} methods return a new configured instance.
 */
public final class Lanczos {
    /** Default relative residual tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** Default maximum number of iterations (operator applications). */
    public static final int DEFAULT_MAX_ITERATIONS = 300;

    static boolean TRACE = Boolean.getBoolean("lanczos.trace");

    private final LinearOperator operator;
    private final int dimension;
    private final int maxIterations;
    private final double tolerance;
    private final long seed;
    private final double[] start;

    private Lanczos(LinearOperator operator, int dimension, int maxIterations, double tolerance, long seed, double[] start) {
        this.operator = operator;
        this.dimension = dimension;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.seed = seed;
        this.start = start;
    }

    /** Lanczos on an operator that knows its dimension ({@link LinearOperator#dimension()} ≥ 1). */
    public static Lanczos of(LinearOperator operator) {
        Require.notNull("operator", operator);
        if (operator.dimension() < 1) {
            throw new IllegalArgumentException("operator must report its dimension (≥ 1); use Lanczos.of(operator, dimension)");
        }
        return of(operator, operator.dimension());
    }

    /** Lanczos on an operator of the given dimension n ≥ 1. */
    public static Lanczos of(LinearOperator operator, int dimension) {
        Require.notNull("operator", operator);
        Require.positive("dimension", dimension);
        return new Lanczos(operator, dimension, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, 0L, null);
    }

    /** At most k ≥ 1 operator applications (capped at the dimension). */
    public Lanczos withMaxIterations(int k) {
        return new Lanczos(operator, dimension, Require.positive("maxIterations", k), tolerance, seed, start);
    }

    /** Relative residual tolerance, &gt; 0. */
    public Lanczos withTolerance(double tol) {
        return new Lanczos(operator, dimension, maxIterations, Require.positive("tolerance", tol), seed, start);
    }

    /** Seed of the random start vector (default 0). */
    public Lanczos withSeed(long s) {
        return new Lanczos(operator, dimension, maxIterations, tolerance, s, start);
    }

    /** An explicit non-zero start vector of length n (instead of a random one). */
    public Lanczos withStart(double[] v0) {
        Require.length("start", v0, dimension);
        Require.finite("start", v0);
        if (Vectors.norm(v0) == 0) {
            throw new IllegalArgumentException("start must be a non-zero vector");
        }
        return new Lanczos(operator, dimension, maxIterations, tolerance, seed, v0.clone());
    }

    /** The eigenvalue of largest |λ| and its eigenvector: value() is signed, magnitude() = ‖A‖₂. */
    public SpectralEstimate largestMagnitude() {
        return run(Target.MAGNITUDE);
    }

    /** The largest (algebraic) eigenvalue λ_max. */
    public SpectralEstimate largest() {
        return run(Target.LARGEST);
    }

    /** The smallest (algebraic) eigenvalue λ_min. */
    public SpectralEstimate smallest() {
        return run(Target.SMALLEST);
    }

    private enum Target { MAGNITUDE, LARGEST, SMALLEST }

    private SpectralEstimate run(Target target) {
        int n = dimension;
        int kMax = Math.min(maxIterations, n);
        List<double[]> q = new ArrayList<>();
        double[] alpha = new double[kMax];
        double[] beta = new double[kMax];
        double[] v = start != null ? start.clone() : Rng.seed(seed).unitVector(n);
        Vectors.scale(v, 1 / Vectors.norm(v));
        double best = 0;
        double[] bestS = null;
        boolean converged = false;
        int k = 0;
        for (int j = 0; j < kMax; j++) {
            q.add(v);
            double[] w = operator.apply(v);
            Require.length("operator output", w, n);
            k = j + 1;
            alpha[j] = Vectors.dot(w, v);
            // full re-orthogonalization, twice ("twice is enough", Kahan/Parlett)
            for (int pass = 0; pass < 2; pass++) {
                for (double[] qi : q) {
                    Vectors.axpy(-Vectors.dot(w, qi), qi, w);
                }
            }
            double b = Vectors.norm(w);
            beta[j] = b;
            // Ritz values every step while k is small, then every 4th step (each check costs O(k³))
            boolean last = k == kMax || b <= 1e-14 * Math.max(Math.abs(best), Math.abs(alpha[j]));
            if (k <= 24 || k % 4 == 0 || last) {
                double[][] ritz = ritz(alpha, beta, k);
                int pick = pick(ritz[0], target);
                best = ritz[0][pick];
                bestS = ritz[1 + pick];
                double residual = b * Math.abs(bestS[k - 1]);
                double scale = Math.max(Math.abs(best), Double.MIN_NORMAL);
                if (TRACE) {
                    System.err.printf("k=%d theta=%.15g res/|theta|=%.3g%n", k, best, residual / scale);
                }
                boolean invariant = b <= 1e-14 * Math.max(scale, Math.abs(alpha[j]));
                if (residual <= tolerance * scale || invariant || k == n) {
                    converged = true;
                    break;
                }
                if (last) {
                    break;
                }
            }
            v = w;
            Vectors.scale(v, 1 / b);
        }
        double[] y = new double[n];
        for (int i = 0; i < k; i++) {
            Vectors.axpy(bestS[i], q.get(i), y);
        }
        Vectors.scale(y, 1 / Vectors.norm(y));
        return new SpectralEstimate(best, y, k, converged);
    }

    /** Eigen-decomposition of the k×k tridiagonal T: row 0 = eigenvalues, rows 1..k = eigenvectors sⱼ. */
    private static double[][] ritz(double[] alpha, double[] beta, int k) {
        if (k == 1) {
            return new double[][]{{alpha[0]}, {1.0}};
        }
        Lab.init();
        double[] t = new double[k * k];
        for (int i = 0; i < k; i++) {
            t[i * k + i] = alpha[i];
            if (i + 1 < k) {
                t[i * k + i + 1] = beta[i];
                t[(i + 1) * k + i] = beta[i];
            }
        }
        INDArray tm = Nd4j.create(t, new long[]{k, k}, 'c').castTo(DataType.DOUBLE);
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(tm, true); // tm now holds eigenvectors as columns
        double[][] out = new double[k + 1][];
        out[0] = values.dup().data().asDouble();
        double[] vecs = tm.dup('c').data().asDouble(); // (i, j) at i·k + j, column j = eigenvector j
        for (int j = 0; j < k; j++) {
            double[] col = new double[k];
            for (int i = 0; i < k; i++) {
                col[i] = vecs[i * k + j];
            }
            out[1 + j] = col;
        }
        return out;
    }

    private static int pick(double[] values, Target target) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            boolean better = switch (target) {
                case MAGNITUDE -> Math.abs(values[i]) > Math.abs(values[best]);
                case LARGEST -> values[i] > values[best];
                case SMALLEST -> values[i] < values[best];
            };
            if (better) {
                best = i;
            }
        }
        return best;
    }
}
