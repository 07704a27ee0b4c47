package org.linearitylab.calculus;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;

/**
 * Extreme eigenvalues of a symmetric matrix-free operator A by the Lanczos method: after k products A q, the
 * tridiagonal Tₖ = Qₖᵀ A Qₖ has Ritz values θⱼ that converge to the extreme eigenvalues of A (Golub &amp; Van
 * Loan, Matrix Computations, §10.1).
 *
 * <p>Two variants, chosen by size (or {@link #withReorthogonalization(boolean)}):
 * <ul>
 *   <li><b>full re-orthogonalization</b> (n·k ≤ {@value #FULL_BASIS_DOUBLES} doubles, i.e. at most 64 MB of basis):
 *       every Lanczos vector is kept and each new one is orthogonalised against all of them, twice;
 *       O(k²n) extra work, exact invariant-subspace detection.</li>
 *   <li><b>three-term recurrence without re-orthogonalization</b> (larger n, e.g. a deep-net Hessian with
 *       P = 8.5·10⁶ parameters): only the current and previous Lanczos vectors and the product A q are kept —
 *       three vectors of length n whatever k. Rounding makes the vectors lose orthogonality once a Ritz value
 *       converges, which only adds copies ("ghosts") of converged Ritz values; the extreme Ritz values and their
 *       residual estimates stay valid (Paige 1976; Cullum &amp; Willoughby, Lanczos Algorithms, ch. 4), so the
 *       largest |θ| is the same number as with full re-orthogonalization to the tolerance. The eigenvector
 *       y = Σ sᵢ qᵢ needs the qᵢ: it is rebuilt by repeating the recurrence from the same start (k more products)
 *       unless {@link #withoutVector()} is asked for. Chosen over power iteration with deflation because for the
 *       same products it converges much faster (power iteration's error falls like |λ₂/λ₁|ᵏ, Lanczos' like the
 *       Chebyshev rate in the gap), and over thick-restart Lanczos because it needs fewer stored vectors.</li>
 * </ul>
 *
 * <p>Stopping test: the residual of a Ritz pair (θ, y = Qₖs) is ‖A y − θ y‖ = |βₖ sₖ|; we stop when it is
 * ≤ {@code tolerance}·|θ| and report that relative residual ({@link SpectralEstimate#residual()}). The eigenvalue
 * error is then at most residual²/gap, far below the tolerance. An operator that returns NaN or ±∞ is an
 * {@link IllegalArgumentException} naming the iteration and index; a run that reaches the iteration limit
 * first is reported as not converged (use {@link SpectralEstimate#requireConverged()} to make that an error).
 * Typical use, the spectral norm of a Hessian:
 *
 * <pre>{@code
 * SpectralEstimate e = Lanczos.of(model.hessian(x)).largestMagnitude();
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

    /** Above n·maxIterations = this many doubles (64 MB of stored basis) the three-vector recurrence is used. */
    public static final long FULL_BASIS_DOUBLES = 8L << 20;

    static boolean TRACE = Boolean.getBoolean("lanczos.trace");

    private final LinearOperator operator;
    private final int dimension;
    private final int maxIterations;
    private final double tolerance;
    private final long seed;
    private final double[] start;
    private final Boolean reorthogonalize; // null = by size
    private final boolean vector;

    private Lanczos(LinearOperator operator, int dimension, int maxIterations, double tolerance, long seed, double[] start,
                    Boolean reorthogonalize, boolean vector) {
        this.operator = operator;
        this.dimension = dimension;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.seed = seed;
        this.start = start;
        this.reorthogonalize = reorthogonalize;
        this.vector = vector;
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
        return new Lanczos(operator, dimension, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, 0L, null, null, true);
    }

    /** At most k ≥ 1 operator applications (capped at the dimension). */
    public Lanczos withMaxIterations(int k) {
        return new Lanczos(operator, dimension, Require.positive("maxIterations", k), tolerance, seed, start, reorthogonalize, vector);
    }

    /** Relative residual tolerance, &gt; 0. */
    public Lanczos withTolerance(double tol) {
        return new Lanczos(operator, dimension, maxIterations, Require.positive("tolerance", tol), seed, start, reorthogonalize, vector);
    }

    /** Seed of the random start vector (default 0). */
    public Lanczos withSeed(long s) {
        return new Lanczos(operator, dimension, maxIterations, tolerance, s, start, reorthogonalize, vector);
    }

    /** An explicit non-zero start vector of length n (instead of a random one). */
    public Lanczos withStart(double[] v0) {
        Require.length("start", v0, dimension);
        Require.finite("start", v0);
        if (Vectors.norm(v0) == 0) {
            throw new IllegalArgumentException("start must be a non-zero vector");
        }
        return new Lanczos(operator, dimension, maxIterations, tolerance, seed, v0.clone(), reorthogonalize, vector);
    }

    /**
     * Force full re-orthogonalization ({@code true}: stores every Lanczos vector) or the three-vector recurrence
     * ({@code false}); by default it is chosen by size (see the class comment).
     */
    public Lanczos withReorthogonalization(boolean full) {
        return new Lanczos(operator, dimension, maxIterations, tolerance, seed, start, full, vector);
    }

    /**
     * Do not compute the eigenvector ({@link SpectralEstimate#vector()} is then null): saves the second pass of the
     * three-vector recurrence (half the products) when only the eigenvalue is wanted, e.g. a Hessian norm.
     */
    public Lanczos withoutVector() {
        return new Lanczos(operator, dimension, maxIterations, tolerance, seed, start, reorthogonalize, false);
    }

    /** Whether this configuration keeps (and re-orthogonalizes against) every Lanczos vector. */
    public boolean storesBasis() {
        return reorthogonalize != null ? reorthogonalize : (long) dimension * Math.min(maxIterations, dimension) <= FULL_BASIS_DOUBLES;
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
        return storesBasis() ? runFull(target) : runShort(target);
    }

    /** A = operator.apply(v), checked: right length, every entry finite. */
    private double[] apply(double[] v, int iteration) {
        double[] w = operator.apply(v);
        Require.length("operator output", w, dimension);
        return w;
    }

    /** Throws when w holds NaN/±∞ (found through a non-finite scalar computed from it anyway). */
    private static void requireFinite(double[] w, double scalar, int iteration) {
        if (Double.isFinite(scalar)) {
            return;
        }
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) {
                throw new IllegalArgumentException("operator output[" + i + "] is " + w[i] + " at iteration " + iteration
                        + ": the operator must return finite values (check the model's parameters and inputs for NaN/∞ or overflow)");
            }
        }
        throw new IllegalArgumentException("operator output overflows (its norm is " + scalar + ") at iteration " + iteration
                + ": the operator must return finite values of moderate size; scale it down");
    }

    /** The three-term recurrence keeping three vectors of length n (see the class comment). */
    private SpectralEstimate runShort(Target target) {
        int n = dimension;
        int kMax = Math.min(maxIterations, n);
        double[] alpha = new double[kMax];
        double[] beta = new double[kMax];
        double[] v0 = startVector(n);
        double[] v = v0.clone();
        double[] prev = null;
        double[] spare = new double[n]; // three buffers in rotation: no allocation per product
        double best = 0;
        double[] bestS = null;
        double relResidual = Double.NaN;
        boolean converged = false;
        int k = 0;
        for (int j = 0; j < kMax; j++) {
            double[] w = spare;
            operator.applyInto(v, w);
            k = j + 1;
            alpha[j] = Vectors.dot(w, v);
            requireFinite(w, alpha[j], k);
            double b = Math.sqrt(Vectors.lanczosUpdate(w, alpha[j], v, j == 0 ? 0 : beta[j - 1], prev));
            requireFinite(w, b, k);
            beta[j] = b;
            double[][] ritz = ritz(alpha, beta, k);
            int pick = pick(ritz[0], target);
            best = ritz[0][pick];
            bestS = ritz[1 + pick];
            double scale = Math.max(Math.abs(best), Double.MIN_NORMAL);
            relResidual = b * Math.abs(bestS[k - 1]) / scale;
            if (TRACE) {
                System.err.printf("k=%d theta=%.15g res/|theta|=%.3g%n", k, best, relResidual);
            }
            if (relResidual <= tolerance || b <= 1e-14 * Math.max(scale, Math.abs(alpha[j]))) {
                converged = true;
                break;
            }
            Vectors.scale(w, 1 / b);
            spare = prev != null ? prev : new double[n];
            prev = v;
            v = w;
        }
        double[] y = null;
        if (vector) {
            // second pass: the same recurrence from the same start, accumulating y = Σ sᵢ qᵢ
            prev = null;
            v = null;
            y = new double[n];
            double[] q = v0;
            double[] qPrev = null;
            double[] buffer = spare;
            for (int i = 0; i < k; i++) {
                Vectors.axpy(bestS[i], q, y);
                if (i + 1 == k) {
                    break;
                }
                double[] w = buffer;
                operator.applyInto(q, w);
                Vectors.lanczosUpdate(w, alpha[i], q, i == 0 ? 0 : beta[i - 1], qPrev);
                Vectors.scale(w, 1 / beta[i]);
                buffer = qPrev != null && qPrev != v0 ? qPrev : new double[n];
                qPrev = q;
                q = w;
            }
            Vectors.scale(y, 1 / Vectors.norm(y));
        }
        return new SpectralEstimate(best, y, k, converged, relResidual);
    }

    /** Full re-orthogonalization: every Lanczos vector kept. */
    private SpectralEstimate runFull(Target target) {
        int n = dimension;
        int kMax = Math.min(maxIterations, n);
        List<double[]> q = new ArrayList<>();
        double[] alpha = new double[kMax];
        double[] beta = new double[kMax];
        double[] v = startVector(n);
        double best = 0;
        double[] bestS = null;
        double relResidual = Double.NaN;
        boolean converged = false;
        int k = 0;
        for (int j = 0; j < kMax; j++) {
            q.add(v);
            double[] w = apply(v, j + 1);
            k = j + 1;
            alpha[j] = Vectors.dot(w, v);
            requireFinite(w, alpha[j], k);
            // full re-orthogonalization, twice ("twice is enough", Kahan/Parlett)
            for (int pass = 0; pass < 2; pass++) {
                for (double[] qi : q) {
                    Vectors.axpy(-Vectors.dot(w, qi), qi, w);
                }
            }
            double b = Vectors.norm(w);
            requireFinite(w, b, k);
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
                relResidual = residual / scale;
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
        double[] y = null;
        if (vector) {
            y = new double[n];
            for (int i = 0; i < k; i++) {
                Vectors.axpy(bestS[i], q.get(i), y);
            }
            Vectors.scale(y, 1 / Vectors.norm(y));
        }
        return new SpectralEstimate(best, y, k, converged, relResidual);
    }

    /** Eigen-decomposition of the k×k tridiagonal T: row 0 = eigenvalues, rows 1..k = eigenvectors sⱼ. */
    /** The unit start vector q₁ of both variants: the caller's start, normalised, or a seeded random unit vector. */
    private double[] startVector(int n) {
        double[] v = start != null ? start.clone() : Rng.seed(seed).unitVector(n);
        Vectors.scale(v, 1 / Vectors.norm(v));
        return v;
    }

    private static double[][] ritz(double[] alpha, double[] beta, int k) {
        if (k == 1) {
            return new double[][]{{alpha[0]}, {1.0}};
        }
        Nd.init();
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

    /** One line: the settings (a Lanczos run is configured, then asked for an eigenvalue). */
    @Override
    public String toString() {
        return "Lanczos on a " + dimension + "-dimensional operator, at most " + maxIterations + " products, relative residual "
                + tolerance + (reorthogonalize == null ? "" : reorthogonalize ? ", full re-orthogonalization" : ", three-vector recurrence")
                + ", seed " + seed;
    }
}
