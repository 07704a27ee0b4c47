package org.linearitylab;

/** Named tolerances shared by the tests (EJML style: defined once, used everywhere). */
public final class Tolerances {
    /** Central finite differences with step h have error O(h²·f'''); with h = 1e-5 this is ≪ 1e-7 relative. */
    public static final double FINITE_DIFFERENCE = 1e-7;
    /** Two float64 computations of the same quantity by different orders of summation. */
    public static final double ROUND_OFF = 1e-12;
    /** The central-difference step. */
    public static final double STEP = 1e-5;

    private Tolerances() {
    }

    /** Central difference of a scalar function at z. */
    public static double centralDifference(java.util.function.DoubleUnaryOperator f, double z) {
        return (f.applyAsDouble(z + STEP) - f.applyAsDouble(z - STEP)) / (2 * STEP);
    }
}
