package org.linearitylab;

/**
 * Named tolerances shared by the tests (EJML style: defined once, used everywhere). Each says what two numbers it
 * compares and why that tolerance; a test keeps a short local name for the one it uses
 * ({@code static final double FD_TOL = Tolerances.FINITE_DIFFERENCE;}) but never its own value.
 */
public final class Tolerances {
    // ---------------------------------------------------------------- round-off: the same quantity computed twice

    /** Two float64 computations of the same quantity by different orders of summation. */
    public static final double ROUND_OFF = 1e-12;
    /** Two exact implementations of one product (fused and batched Hessian-vector products), relative to max |Hv|. */
    public static final double SAME_PRODUCT = 1e-11;
    /** A thin SVD's identities U·diag(s)·Vᵀ = A, UᵀU = I, VᵀV = I and known singular values, entrywise. */
    public static final double SVD_IDENTITY = 1e-11;
    /**
     * Two backward-stable dense computations of a spectrum (two SVDs, LAPACK against a closed form or hand-computed
     * eigenvalues), relative to the largest value: a few ulps.
     */
    public static final double DENSE_SPECTRUM = 1e-10;
    /** Least squares by two algorithms (SVD and QR, or a brute-force reference) on well-conditioned problems. */
    public static final double LEAST_SQUARES = 1e-9;

    // ---------------------------------------------------------------- iterative eigenvalues

    /** Lanczos (either variant) against a dense eigendecomposition on a small test operator, relative. */
    public static final double LANCZOS = 1e-9;
    /** Lanczos (either variant) on a deep net's Hessian (P ≈ 170) against its dense eigendecomposition, relative. */
    public static final double LANCZOS_DEEP_HESSIAN = 1e-8;
    /** Lanczos at its default stopping tolerance against a closed form at width m ≈ 1000, relative. */
    public static final double LANCZOS_DEFAULT = 1e-6;

    // ---------------------------------------------------------------- finite differences

    /** The central-difference step. */
    public static final double STEP = 1e-5;
    /** The central-difference step of the Jacobian check: error O(h²) ≈ 1e-12 plus round-off ≈ 1e-10. */
    public static final double JACOBIAN_STEP = 1e-6;
    /**
     * Central finite differences with step h have error O(h²·f'''); with h = 1e-5 this is ≪ 1e-7 relative (values,
     * gradients, Hessian-vector products as differences of exact gradients, Gram entries built from them).
     */
    public static final double FINITE_DIFFERENCE = 1e-7;
    /** Central differences of O(1) function values, h = 1e-5: truncation ~h² ≈ 1e-10, rounding ~1e-16/h ≈ 1e-11. */
    public static final double FINITE_DIFFERENCE_GRADIENT = 1e-8;
    /** A deep net's Hessian-vector product against central differences of its gradient (h = 1e-5), relative. */
    public static final double FINITE_DIFFERENCE_DEEP_HESSIAN = 1e-6;
    /** Second differences from values only (step 1e-4): error ~1e-8/h² ≈ 1e-6 plus h² terms. */
    public static final double SECOND_DIFFERENCE = 1e-5;

    // ---------------------------------------------------------------- other numerical methods

    /** Composite Simpson with 20 000 panels on polynomials of degree ≤ 24. */
    public static final double QUADRATURE = 1e-8;
    /**
     * Lines that are equal by construction in {@code ProofChain}: the mean-value point found by bisection (to 2⁻⁶⁰)
     * and the full Hessian-vector product against its block sum, relative.
     */
    public static final double MEAN_VALUE_POINT = 1e-7;
    /** A training MSE below this counts as zero (the fit interpolates). */
    public static final double INTERPOLATES = 1e-18;

    // ---------------------------------------------------------------- statistics

    /** Fitted log-log slopes over 3 seeds and 2 decades of width: ± this around the expected exponent. */
    public static final double SLOPE = 0.15;

    private Tolerances() {
    }

    /** Central difference of a scalar function at z. */
    public static double centralDifference(java.util.function.DoubleUnaryOperator f, double z) {
        return (f.applyAsDouble(z + STEP) - f.applyAsDouble(z - STEP)) / (2 * STEP);
    }
}
