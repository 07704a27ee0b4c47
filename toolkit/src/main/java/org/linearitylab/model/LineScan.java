package org.linearitylab.model;

import org.linearitylab.notebook.Describe;

/**
 * A function along a line in parameter space and its tangent line at t = 0.
 *
 * @param t       the positions t along θ₀ + t·u
 * @param f       f(θ₀ + t·u)
 * @param tangent f(θ₀) + t ∇f(θ₀)·u
 */
public record LineScan(double[] t, double[] f, double[] tangent) {
    /** max over t of |f(θ₀ + t·u) − tangent(t)|: the deviation from linearity on this segment. */
    public double maxDeviation() {
        double max = 0;
        for (int i = 0; i < t.length; i++) {
            max = Math.max(max, Math.abs(f[i] - tangent[i]));
        }
        return max;
    }

    /** max over t of |f − tangent| divided by the range of f on the segment (scale-free). */
    public double relativeDeviation() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double y : f) {
            lo = Math.min(lo, y);
            hi = Math.max(hi, y);
        }
        return hi > lo ? maxDeviation() / (hi - lo) : 0;
    }

    /** One line: every array summarised by length and range (never {@code [D@…}). */
    @Override
    public String toString() {
        return Describe.record(this);
    }
}
