package org.linearitylab.notebook;

/**
 * In-notebook assertions for key numbers: a notebook cell states what a measurement must be, and the
 * headless test run (./lab test) fails when it is not. The return value is a one-line confirmation
 * for the reader.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Passes when {@code lo ≤ value ≤ hi}; otherwise throws an {@link AssertionError} naming the quantity,
     * the measured value and the expected band.
     */
    public static String inRange(String name, double value, double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi || lo == Double.POSITIVE_INFINITY || hi == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("lo and hi must be a band lo ≤ hi (±∞ for no bound), got [" + lo + ", " + hi + "]");
        }
        if (!(value >= lo && value <= hi)) {
            throw new AssertionError(name + " = " + fmt(value) + " is outside the expected band [" + fmt(lo) + ", " + fmt(hi) + "]");
        }
        return "✓ " + name + " = " + fmt(value) + " (expected in [" + fmt(lo) + ", " + fmt(hi) + "])";
    }

    /** Passes when {@code condition} holds; otherwise throws an {@link AssertionError} with {@code claim}. */
    public static String holds(String claim, boolean condition) {
        if (!condition) {
            throw new AssertionError("expected: " + claim);
        }
        return "✓ " + claim;
    }

    static String fmt(double v) {
        if (v == 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) {
            return String.format("%.4g", v);
        }
        return String.format("%.3e", v);
    }
}
