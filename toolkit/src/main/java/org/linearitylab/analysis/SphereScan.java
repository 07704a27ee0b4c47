package org.linearitylab.analysis;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Describe;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;
import org.linearitylab.model.assembly.AssemblyModel;

/**
 * The Taylor remainder |R(θ)| = |f(θ) − f(θ₀) − ∇f(θ₀)ᵀ(θ − θ₀)| on spheres ‖θ − θ₀‖ = R around θ₀, for several
 * radii: mean and max over random unit directions, the worst direction found
 * ({@link AssemblyModel#worstRemainder}), and Theorem 1's bound βR²/(2s(m)) ({@link AssemblyModel#remainderBound}).
 *
 * @param width      m
 * @param radii      the radii R
 * @param randomMean mean |R| over the random directions, per radius
 * @param randomMax  max |R| over the random directions, per radius
 * @param worst      the largest |R| found (worst direction), per radius
 * @param bound      Theorem 1's bound, per radius
 */
public record SphereScan(int width, double[] radii, double[] randomMean, double[] randomMax, double[] worst, double[] bound) {
    /** Scans f at input x: {@code directions} random unit directions (seeded) per radius, every radius &gt; 0. */
    public static SphereScan of(AssemblyModel f, double[] x, double[] radii, int directions, long seed) {
        Require.inRange("directions", directions, 1, 1_000_000);
        Require.notNull("f", f);
        Require.finite("radii", radii);
        Require.positive("directions", directions);
        if (radii.length == 0) {
            throw new IllegalArgumentException("radii must hold at least one radius");
        }
        int n = radii.length;
        double[] mean = new double[n];
        double[] max = new double[n];
        double[] worst = new double[n];
        double[] bound = new double[n];
        Rng rng = Rng.seed(seed);
        double[][] dirs = new double[directions][];
        for (int k = 0; k < directions; k++) {
            dirs[k] = rng.unitVector(f.parameterCount());
        }
        for (int r = 0; r < n; r++) {
            double radius = Require.positive("radius", radii[r]);
            for (double rem : f.remaindersAlong(x, dirs, radius)) {
                double a = Math.abs(rem);
                mean[r] += a / directions;
                max[r] = Math.max(max[r], a);
            }
            worst[r] = Math.max(f.worstRemainder(x, radius), max[r]);
            bound[r] = f.remainderBound(x, radius);
        }
        return new SphereScan(f.width(), radii.clone(), mean, max, worst, bound);
    }

    /** {worst, random max, random mean, bound} at radius index i. */
    public double[] at(int i) {
        Require.inRange("i", i, 0, radii.length - 1);
        return new double[]{worst[i], randomMax[i], randomMean[i], bound[i]};
    }

    /** max over radii of worst/bound: ≤ 1 is Theorem 1 holding on every sampled direction. */
    public double maxRatioToBound() {
        double best = 0;
        for (int i = 0; i < radii.length; i++) {
            best = Math.max(best, Math.max(worst[i], randomMax[i]) / bound[i]);
        }
        return best;
    }

    /** One row per radius. */
    public Table table() {
        double[] ratio = new double[radii.length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = worst[i] / bound[i];
        }
        return Table.create("Taylor remainder on spheres ‖θ − θ₀‖ = R, m = " + width,
                DoubleColumn.create("R", radii), DoubleColumn.create("mean |R(θ)| random", randomMean),
                DoubleColumn.create("max |R(θ)| random", randomMax), DoubleColumn.create("worst |R(θ)|", worst),
                DoubleColumn.create("bound βR²/2s(m)", bound), DoubleColumn.create("worst / bound", ratio));
    }

    /** One line: every array summarised by length and range (never {@code [D@…}). */
    @Override
    public String toString() {
        return Describe.record(this);
    }
}
