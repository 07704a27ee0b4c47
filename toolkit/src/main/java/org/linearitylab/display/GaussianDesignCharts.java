package org.linearitylab.display;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.linearitylab.core.Require;
import org.linearitylab.regression.GaussianDesign;

/**
 * The chart of Belkin–Hsu–Xu's Gaussian design ({@link GaussianDesign}): the simulated test risk against the number
 * of features p, with the closed form overlaid.
 *
 * <pre>{@code
 * var sim = GaussianDesign.simulate(20, ps, 100, 0.5, 40, 1);
 * GaussianDesignCharts.chart(sim)
 * }</pre>
 */
public final class GaussianDesignCharts {
    /** Alpha of the quartile lines (the 25–75% band of the trials). */
    static final int BAND_ALPHA = 90;

    private GaussianDesignCharts() {
    }

    /**
     * Simulated mean and quartiles with the closed form overlaid (log scale; the formula is +∞ for n − 1 ≤ p ≤ n + 1,
     * so its two finite branches are drawn as separate lines), and p = n dashed.
     */
    public static XYChart chart(GaussianDesign.Simulation sim) {
        Require.notNull("sim", sim);
        int n = sim.n();
        int[] ps = sim.ps();
        XYChart c = Plots.xy("Gaussian design, n = " + n + ", D = " + sim.dimension(),
                "number of features p", "test risk E(y − xᵀβ̂)²");
        c.getStyler().setYAxisLogarithmic(true);
        double[] exact = sim.closedForm();
        List<Double> lx = new ArrayList<>();
        List<Double> ly = new ArrayList<>();
        List<Double> rx = new ArrayList<>();
        List<Double> ry = new ArrayList<>();
        for (int k = 0; k < ps.length; k++) {
            if (Double.isFinite(exact[k])) {
                (ps[k] < n ? lx : rx).add((double) ps[k]);
                (ps[k] < n ? ly : ry).add(exact[k]);
            }
        }
        double[] x = Arrays.stream(ps).asDoubleStream().toArray();
        double[] lower = sim.lower();
        double[] upper = sim.upper();
        XYSeries band = Plots.line(c, "simulation: 25–75% of trials", x, lower);
        band.setLineColor(Plots.faint(Plots.color(0), BAND_ALPHA));
        XYSeries up = Plots.line(c, "upper quartile", x, upper);
        up.setLineColor(Plots.faint(Plots.color(0), BAND_ALPHA));
        up.setShowInLegend(false);
        XYSeries m = Plots.points(c, "simulation: mean of " + sim.trials() + " trials", x, sim.mean());
        m.setMarkerColor(Plots.color(0));
        if (!lx.isEmpty()) {
            XYSeries f = Plots.line(c, "closed form (Belkin–Hsu–Xu), σ = " + sim.sigma(), toArray(lx), toArray(ly));
            f.setLineColor(Plots.color(1));
        }
        if (!rx.isEmpty()) {
            XYSeries g = Plots.line(c, "closed form, p > n", toArray(rx), toArray(ry));
            g.setLineColor(Plots.color(1));
            g.setShowInLegend(lx.isEmpty());
        }
        double lo = Arrays.stream(lower).min().orElse(1);
        double hi = Arrays.stream(upper).max().orElse(10);
        XYSeries t = Plots.dashed(c, "p = n = " + n, new double[]{n, n}, new double[]{lo, hi});
        t.setLineColor(Plots.REFERENCE);
        return c;
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
