package org.linearitylab.display;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.linearitylab.analysis.CosineEstimate;
import org.linearitylab.analysis.OrthogonalitySweep;
import org.linearitylab.core.Require;
import org.linearitylab.experiment.LogLogFit;

/** The chart and HTML view of an {@link OrthogonalitySweep} (Figure 3): the result is plain data. */
public final class OrthogonalityCharts {
    private OrthogonalityCharts() {
    }

    /**
     * Log-log chart: one line per layer with 95% error bars where estimated and its fitted slope dashed.
     * Layers whose values are all exactly 0 (layer 1) cannot be drawn on a log axis and are named in the title.
     */
    public static XYChart chart(OrthogonalitySweep s, String title, String xLabel) {
        Require.notNull("s", s);
        int[] swept = s.swept();
        int[] layers = s.layers();
        List<String> zero = new ArrayList<>();
        XYChart c = Plots.logLog(title, xLabel, "mean |cos| between neuron gradients");
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int layer : layers) {
            for (double v : s.means(layer)) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi > 0 && hi / lo < 30) { // less than ~1.5 decades: label ticks inside the decade too
            c.getStyler().setYAxisLogarithmicDecadeOnly(false);
            c.getStyler().setYAxisDecimalPattern("0.###");
        }
        if ((double) Arrays.stream(swept).max().getAsInt() / Arrays.stream(swept).min().getAsInt() < 30) {
            c.getStyler().setXAxisLogarithmicDecadeOnly(false);
            c.getStyler().setXAxisDecimalPattern("0");
        }
        double[] x = Arrays.stream(swept).asDoubleStream().toArray();
        for (int layer : layers) {
            double[] y = s.means(layer);
            if (Arrays.stream(y).allMatch(v -> v == 0)) {
                zero.add("layer " + layer);
                continue;
            }
            double[] err = new double[swept.length];
            for (int i = 0; i < swept.length; i++) {
                CosineEstimate e = s.at(i, layer);
                err[i] = e.isExact() ? 0 : e.halfWidth();
            }
            boolean anyErr = Arrays.stream(err).anyMatch(e -> e > 0);
            Plots.withErrors(c, "layer " + layer, x, y, anyErr ? err : null);
            LogLogFit f = x.length >= 2 ? s.fit(layer) : null;
            if (f != null && f.r2() >= 0.9) { // a power law only where the points follow one
                Plots.dashed(c, String.format(java.util.Locale.ROOT, "layer %d fit: slope %.2f", layer, f.slope()), x, f.predict(x));
            }
        }
        if (!zero.isEmpty()) {
            c.setTitle(title + " (" + String.join(", ", zero) + ": exactly 0)");
        }
        return c;
    }

    /** The HTML view: the sweep's table. */
    public static String html(OrthogonalitySweep s) {
        return Tables.html(Require.notNull("s", s).table());
    }
}
