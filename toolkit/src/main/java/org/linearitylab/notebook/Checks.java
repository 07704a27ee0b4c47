package org.linearitylab.notebook;

/**
 * Assertions for notebooks: a key number checked in the notebook itself, so that a run whose numbers drift
 * out of their defensible band fails loudly (the headless notebook runner turns the error into a failure).
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Returns a one-line confirmation when lo ≤ value ≤ hi; throws an AssertionError naming the quantity,
     * the value and the band otherwise (NaN is always out of band).
     */
    public static String inRange(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new AssertionError(String.format("%s = %.6g is outside the expected band [%.6g, %.6g]", name, value, lo, hi));
        }
        return String.format("✓ %s = %.4g (expected in [%.4g, %.4g])", name, value, lo, hi);
    }
}
