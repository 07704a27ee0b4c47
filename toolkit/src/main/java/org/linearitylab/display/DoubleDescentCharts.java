package org.linearitylab.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.linearitylab.core.Require;
import org.linearitylab.regression.DoubleDescentCurve;
import org.linearitylab.regression.DoubleDescentCurve.Metric;

/**
 * Charts and the HTML view of a {@link DoubleDescentCurve} (plain data): per metric (or per ridge penalty λ) the
 * median over seeds in bold with thin lines at the first and third quartile, and the threshold p = n dashed.
 */
public final class DoubleDescentCharts {
    /**
     * MSE and ‖β‖ span many decades: their charts show log₁₀ of the value on a linear axis; values below this
     * floor (an exact 0 training error has no logarithm) are drawn at log₁₀ of the floor, −16.
     */
    public static final double LOG_FLOOR = 1e-16;

    private DoubleDescentCharts() {
    }

    /** Chart of one or more metrics against p for the first λ. */
    public static XYChart chart(DoubleDescentCurve curve, Metric... metrics) {
        Require.notNull("curve", curve);
        Require.notNull("metrics", metrics);
        if (metrics.length == 0) {
            throw new IllegalArgumentException("metrics must name at least one metric");
        }
        List<double[]> series = new ArrayList<>();
        boolean log = Arrays.stream(metrics).allMatch(Metric::logScale);
        XYChart chart = Plots.xy(curve.title() + " (n = " + curve.n() + ", " + curve.seeds() + " seeds)",
                "number of features p", log ? "log₁₀ of " + label(metrics) : label(metrics));
        for (int i = 0; i < metrics.length; i++) {
            addBundle(curve, chart, metrics[i].label(), metrics[i], curve.lambdas()[0], Plots.color(i), log, series);
        }
        markThreshold(curve, chart, series, log);
        return chart;
    }

    /** Chart of one metric against p, one curve per ridge penalty λ. */
    public static XYChart chartByLambda(DoubleDescentCurve curve, Metric metric) {
        Require.notNull("curve", curve);
        Require.notNull("metric", metric);
        List<double[]> series = new ArrayList<>();
        XYChart chart = Plots.xy(curve.title() + ", ridge (n = " + curve.n() + ", " + curve.seeds() + " seeds)",
                "number of features p", metric.logScale() ? "log₁₀ of " + metric.label() : metric.label());
        double[] lambdas = curve.lambdas();
        for (int l = 0; l < lambdas.length; l++) {
            String name = lambdas[l] == 0 ? "λ = 0 (min-norm)" : "λ = " + String.format("%.0e", lambdas[l]);
            addBundle(curve, chart, name, metric, lambdas[l], Plots.color(l), metric.logScale(), series);
        }
        markThreshold(curve, chart, series, metric.logScale());
        return chart;
    }

    /** The HTML view: the title in bold, then {@link DoubleDescentCurve#summary()}. */
    public static String html(DoubleDescentCurve curve) {
        Require.notNull("curve", curve);
        return "<p><b>" + curve.title() + "</b>: " + curve.summary() + "</p>";
    }

    private static void addBundle(DoubleDescentCurve curve, XYChart chart, String name, Metric metric, double lambda, Color color,
                                  boolean log, List<double[]> series) {
        double[] x = Arrays.stream(curve.ps()).asDoubleStream().toArray();
        if (curve.seeds() > 1) {
            double[][] q = curve.quartiles(metric, lambda);
            Color faint = Plots.faint(color, 110);
            for (int i = 0; i < 2; i++) {
                double[] y = floor(q[i], log);
                XYSeries line = Plots.line(chart, name + (i == 0 ? " (middle half of the seeds)" : " q3"), x, y);
                line.setLineColor(faint);
                line.setLineStyle(new BasicStroke(1f));
                line.setShowInLegend(i == 0);
                series.add(y);
            }
        }
        double[] y = floor(curve.median(metric, lambda), log);
        XYSeries m = chart.addSeries(name + (curve.seeds() > 1 ? " (median)" : ""), x, y);
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        m.setLineColor(color);
        m.setMarkerColor(color);
        m.setMarker(SeriesMarkers.CIRCLE);
        m.setLineStyle(new BasicStroke(2.2f));
        series.add(y);
    }

    /** log₁₀ of the values (floored at {@link #LOG_FLOOR}) for log metrics, the values themselves otherwise. */
    private static double[] floor(double[] v, boolean log) {
        double[] out = v.clone();
        if (log) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.log10(Math.max(out[i], LOG_FLOOR));
            }
        }
        return out;
    }

    private static void markThreshold(DoubleDescentCurve curve, XYChart chart, List<double[]> series, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] y : series) {
            for (double v : y) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo <= hi)) {
            return;
        }
        if (!log) {
            lo = Math.min(lo, 0);
        }
        // the median over seeds is drawn on top of its interquartile lines; log charts show log₁₀ on a linear axis
        int n = curve.n();
        XYSeries t = Plots.dashed(chart, "p = n = " + n, new double[]{n, n}, new double[]{lo, hi});
        t.setLineColor(Color.GRAY);
    }

    private static String label(Metric... metrics) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < metrics.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(metrics[i].label());
        }
        return sb.toString();
    }
}
