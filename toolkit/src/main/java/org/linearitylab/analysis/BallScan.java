package org.linearitylab.analysis;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;
import org.linearitylab.model.assembly.AssemblyModel;
import org.linearitylab.model.assembly.SubModel;

/**
 * What Theorem 1 is about, measured on the ball B(θ₀, R) of an assembly model at input x:
 * <ul>
 * <li>{@code supRemainder}: the largest |𝓡(θ)| found on the sphere ‖θ − θ₀‖ = R (the worst direction of
 *     {@link AssemblyModel#worstDirection} and random directions) — a lower bound on sup |𝓡|;</li>
 * <li>{@code maxChange}: the largest |f(θ) − f(θ₀)| found on the ball (± the gradient direction refined by
 *     fixed-point ascent on the sphere, and the same random directions) — a lower bound on the variation of f;</li>
 * <li>‖H(θ)‖ at random points of the ball (direction uniform, radius uniform in [0, R]), at points
 *     θ₀ + t·u_worst, 0 ≤ t ≤ R (the remainder's worst direction), and the largest ‖H(θ)‖ found by moving one sub-model at
 *     a time (every block i, by t ∈ {R/2, R} along ± each of its coordinates and ± its top eigenvector: the moves
 *     that can raise one block's curvature most), against the bound β/s(m) ({@link AssemblyModel#smoothness}), which
 *     holds on the whole ball.</li>
 * </ul>
 *
 * @param width              m
 * @param radius             R
 * @param supRemainder       max |𝓡| found on the sphere
 * @param maxChange          max |f(θ) − f(θ₀)| found on the ball
 * @param hessianAtCentre    ‖H(θ₀)‖
 * @param hessianSampledMax  max ‖H(θ)‖ over the random points of the ball
 * @param hessianWorstMax    max ‖H(θ)‖ over θ₀ + t·u_worst, 0 ≤ t ≤ R
 * @param hessianBlockMax    max ‖H(θ)‖ over the single-block moves
 * @param hessianBound       β/s(m)
 * @param remainderBound     βR²/(2s(m))
 */
public record BallScan(int width, double radius, double supRemainder, double maxChange, double hessianAtCentre,
                       double hessianSampledMax, double hessianWorstMax, double hessianBlockMax, double hessianBound, double remainderBound) {
    /** The number of points along the worst direction. */
    public static final int WORST_POINTS = 9;
    /** Fixed-point ascent steps θ ← θ₀ + R·∇f(θ)/‖∇f(θ)‖ that refine the largest change of f on the sphere. */
    public static final int ASCENT_STEPS = 5;

    /** Scans the ball of radius R &gt; 0 with {@code points} ≥ 1 random points (seeded). */
    public static BallScan of(AssemblyModel f, double[] x, double radius, int points, long seed) {
        Require.notNull("f", f);
        Require.positive("radius", radius);
        Require.inRange("points", points, 1, 100_000);
        int n = f.parameterCount();
        double[] theta0 = f.parameters();
        double f0 = f.output(x);
        Rng rng = Rng.seed(seed);
        double[][] dirs = new double[points][];
        for (int k = 0; k < points; k++) {
            dirs[k] = rng.unitVector(n);
        }
        double[] worstU = f.worstDirection(x, radius);
        double sup = Math.abs(f.remainderAlong(x, worstU, radius));
        double change = 0;
        for (double r : f.remaindersAlong(x, dirs, radius)) {
            sup = Math.max(sup, Math.abs(r));
        }
        double[] radii = rng.uniform(points, 0, radius);
        double sampled = 0;
        for (int k = 0; k < points; k++) {
            AssemblyModel at = f.withParameters(step(theta0, radius, dirs[k]));
            change = Math.max(change, Math.abs(at.output(x) - f0));
            sampled = Math.max(sampled, f.withParameters(step(theta0, radii[k], dirs[k])).hessianNorm(x));
        }
        for (double sign : new double[]{1, -1}) {
            double[] u = f.gradient(x);
            for (int it = 0; it <= ASCENT_STEPS; it++) {
                AssemblyModel at = f.withParameters(step(theta0, sign * radius, u));
                change = Math.max(change, Math.abs(at.output(x) - f0));
                u = at.gradient(x);
            }
        }
        double worstMax = 0;
        for (int k = 0; k < WORST_POINTS; k++) {
            double t = radius * k / (WORST_POINTS - 1);
            worstMax = Math.max(worstMax, f.withParameters(step(theta0, t, worstU)).hessianNorm(x));
        }
        double beta = f.smoothness(x, radius);
        return new BallScan(f.width(), radius, sup, change, f.hessianNorm(x), sampled, worstMax, blockSearch(f, x, radius), beta / f.scale(),
                f.remainderBound(beta, radius));
    }

    /** max ‖H(θ)‖ over θ = θ₀ moved on one block only (see the class comment); ‖H‖ = max over blocks (Obs. 2). */
    static double blockSearch(AssemblyModel f, double[] x, double radius) {
        SubModel g = f.subModel();
        int m = f.width();
        int p = g.parameterCount();
        double[] v = f.weights();
        double s = f.scale();
        double[] norms = f.blockNorms(x);
        double first = 0;
        double second = 0;
        for (double b : norms) {
            if (b > first) {
                second = first;
                first = b;
            } else if (b > second) {
                second = b;
            }
        }
        double best = first;
        double[] moved = new double[p];
        for (int i = 0; i < m; i++) {
            double[] wi = f.block(i);
            double others = norms[i] == first ? second : first;
            double[] top = g.hessianTop(wi, x).vector();
            for (int k = 0; k <= p; k++) {
                for (double sign : new double[]{1, -1}) {
                    for (double t : new double[]{radius / 2, radius}) {
                        for (int j = 0; j < p; j++) {
                            double e = k < p ? (j == k ? 1 : 0) : top[j];
                            moved[j] = wi[j] + sign * t * e;
                        }
                        best = Math.max(best, Math.max(others, Math.abs(v[i]) * g.hessianNorm(moved, x) / s));
                    }
                }
            }
        }
        return best;
    }

    /** supRemainder / maxChange: the non-linear part relative to how much f moves on the ball. */
    public double remainderToChange() {
        return supRemainder / maxChange;
    }

    /** The largest ‖H(θ)‖ found on the ball (sampled points and the worst direction). */
    public double hessianMax() {
        return Math.max(Math.max(hessianAtCentre, hessianBlockMax), Math.max(hessianSampledMax, hessianWorstMax));
    }

    /** One row per quantity. */
    public Table table() {
        return Table.create("The ball B(θ₀, R), R = " + radius + ", m = " + width,
                StringColumn.create("quantity", "sup |𝓡| on the sphere (found)", "max |f(θ) − f(θ₀)| on the ball (found)",
                        "Theorem 1 bound βR²/(2s(m))", "‖H(θ₀)‖", "max ‖H(θ)‖, random points of the ball",
                        "max ‖H(θ)‖, along the remainder's worst direction", "max ‖H(θ)‖, one block moved (search)", "bound β/s(m)"),
                DoubleColumn.create("value", supRemainder, maxChange, remainderBound, hessianAtCentre, hessianSampledMax,
                        hessianWorstMax, hessianBlockMax, hessianBound));
    }

    private static double[] step(double[] theta0, double t, double[] u) {
        double nu = 0;
        for (double a : u) {
            nu += a * a;
        }
        double c = t / Math.sqrt(nu);
        double[] out = theta0.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += c * u[i];
        }
        return out;
    }
}
