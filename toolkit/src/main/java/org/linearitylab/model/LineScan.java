package org.linearitylab.model;

import org.linearitylab.core.Describe;
import org.linearitylab.core.Require;







/**
 * A function along a line in parameter space and its tangent line at t = 0.
 *
 * <p>Linearity is a statement relative to the linear part ({@link org.linearitylab.calculus.TaylorRemainder}): report the deviation
 * max|f − f_lin| next to the linear change max|t ∇f(θ₀)·u| over the same segment, and their ratio. Along a
 * direction where ∇f·u is itself small, a small deviation says little.
 *
 * @param t       the positions t along θ₀ + t·u
 * @param f       f(θ₀ + t·u)
 * @param tangent f(θ₀) + t ∇f(θ₀)·u
 * @param f0      f(θ₀)
 * @param slope   the directional derivative ∇f(θ₀)·u
 */
public record LineScan(double[] t, double[] f, double[] tangent, double f0, double slope) {
    public LineScan {
        Require.notNull("t", t);
        Require.length("f", f, t.length);
        Require.length("tangent", tangent, t.length);
    }

    /** From the three arrays alone: f(θ₀) and ∇f·u are read off the (affine) tangent line, which needs two distinct t. */
    public LineScan(double[] t, double[] f, double[] tangent) {
        this(t, f, tangent, intercept(t, tangent), slopeOf(t, tangent));
    }

    /** max over t of |f(θ₀ + t·u) − tangent(t)|: the deviation from linearity on this segment. */
    public double maxDeviation() {
        double max = 0;
        for (int i = 0; i < t.length; i++) {
            max = Math.max(max, Math.abs(f[i] - tangent[i]));
        }
        return max;
    }

    /** The Taylor remainder 𝓡(t) = f(θ₀ + t·u) − f(θ₀) − t ∇f(θ₀)·u at every t. */
    public double[] remainder() {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = f[i] - tangent[i];
        }
        return r;
    }

    /** The linear change over the segment, max over t of |t ∇f(θ₀)·u| = |∇f·u|·max|t|. */
    public double linearChange() {
        double maxT = 0;
        for (double ti : t) {
            maxT = Math.max(maxT, Math.abs(ti));
        }
        return Math.abs(slope) * maxT;
    }

    /** maxDeviation / linearChange: how non-linear f is relative to how much its linear part moves (∞ if ∇f·u = 0). */
    public double deviationToLinearChange() {
        double lin = linearChange();
        return lin == 0 ? Double.POSITIVE_INFINITY : maxDeviation() / lin;
    }

    /** max over t of |f(θ₀ + t·u) − f(θ₀)|: how much f itself moves on the segment. */
    public double variation() {
        double max = 0;
        for (double y : f) {
            max = Math.max(max, Math.abs(y - f0));
        }
        return max;
    }

    /** f(θ₀ + t·u) − f(θ₀) at every t (for charts that share one y-scale across networks). */
    public double[] change() {
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = f[i] - f0;
        }
        return out;
    }

    /** t ∇f(θ₀)·u at every t: the tangent line's change. */
    public double[] tangentChange() {
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i] * slope;
        }
        return out;
    }

    private static int[] extremes(double[] t) {
        Require.notNull("t", t);
        int lo = 0;
        int hi = 0;
        for (int i = 1; i < t.length; i++) {
            lo = t[i] < t[lo] ? i : lo;
            hi = t[i] > t[hi] ? i : hi;
        }
        if (t.length < 2 || t[hi] == t[lo]) {
            throw new IllegalArgumentException("t must hold two distinct values to read the tangent line off; "
                    + "use the five-argument constructor (or DifferentiableModel.lineScan) otherwise");
        }
        return new int[]{lo, hi};
    }

    private static double slopeOf(double[] t, double[] tangent) {
        int[] e = extremes(t);
        return (tangent[e[1]] - tangent[e[0]]) / (t[e[1]] - t[e[0]]);
    }

    private static double intercept(double[] t, double[] tangent) {
        int[] e = extremes(t);
        return tangent[e[0]] - t[e[0]] * slopeOf(t, tangent);
    }

    /** One line: every array summarised by length and range (never {@code [D@…}). */
    @Override
    public String toString() {
        return Describe.record(this);
    }
}
