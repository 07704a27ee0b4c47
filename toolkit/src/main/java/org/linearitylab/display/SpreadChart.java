package org.linearitylab.display;

import java.awt.Color;
import java.util.Arrays;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.linearitylab.core.Require;
import org.linearitylab.experiment.SlopeFit;
import org.linearitylab.experiment.SweepResult;

/**
 * A log-log chart of several measurements of a {@link SweepResult} against the width with their spread over
 * seeds: every seed as a small dot, the per-width mean as a line with markers, and the power law of
 * {@link SlopeFit} dashed, its exponent and 95% interval in the legend. A new chart every call.
 */
public final class SpreadChart {
    private SpreadChart() {
    }

    /** The chart; every named measurement must be &gt; 0 at every width and seed (at least 2 seeds). */
    public static XYChart of(SweepResult r, String title, String yLabel, String... names) {
        return against(r, "width m", m -> m, title, yLabel, names);
    }

    /**
     * As {@link #of} with x(m) on the horizontal axis (e.g. {@code "ln m", m -> Math.log(m)}); the legend's exponents are
     * then those of y ∝ x^a, in the same units as the axis.
     */
    public static XYChart against(SweepResult r, String xLabel, java.util.function.IntToDoubleFunction xOfWidth, String title,
                                  String yLabel, String... names) {
        Require.notNull("r", r);
        Require.notNull("xOfWidth", xOfWidth);
        Require.notNull("names", names);
        if (names.length == 0) {
            throw new IllegalArgumentException("names must hold at least one measurement name");
        }
        XYChart c = Plots.xy(title, Require.notNull("xLabel", xLabel), yLabel, Plots.WIDTH, Plots.HEIGHT + 22 * names.length);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        double[] x = Arrays.stream(r.widths()).mapToDouble(xOfWidth).toArray();
        double[] allW = Arrays.stream(r.widthOfRows()).mapToDouble(xOfWidth).toArray();
        for (int i = 0; i < names.length; i++) {
            Color color = Plots.color(i);
            SlopeFit fit = SlopeFit.of(r, names[i], xOfWidth);
            XYSeries mean = Plots.withErrors(c, names[i] + ": slope " + fit.label(), x, r.mean(names[i]), null);
            mean.setLineColor(color);
            mean.setMarkerColor(color);
            XYSeries dots = Plots.points(c, names[i] + " (each seed)", allW, r.values(names[i]));
            dots.setMarkerColor(Plots.faint(color, 110));
            dots.setMarker(SeriesMarkers.CIRCLE);
            dots.setShowInLegend(false);
            XYSeries line = Plots.dashed(c, names[i] + " (fit)", x, fit.predict(x));
            line.setLineColor(color);
            line.setShowInLegend(false);
        }
        return c;
    }
}
