package org.linearitylab.regression;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import org.linearitylab.core.Require;
import org.linearitylab.display.Html;
import org.linearitylab.display.Plots;

/**
 * The result of a {@link DoubleDescent} run: for every metric, ridge penalty λ, seed and number of features p
 * one number. <b>One statistic everywhere:</b> the median over seeds, with the interquartile range (the middle half
 * of the seeds) as its spread — in {@link #at}, {@link #peak}, {@link #table()}, {@link #thresholdRatio} and the
 * charts (bold median, thin lines at the first and third quartile). The median, not the mean: near p = n one seed
 * with a nearly singular Φ can move a mean by orders of magnitude. The interpolation threshold p = n is marked.
 */
public final class DoubleDescentCurve implements Html {
    /** What was measured. */
    public enum Metric {
        TRAIN_MSE("train MSE", true),
        TEST_MSE("test MSE", true),
        TRAIN_ERROR("train 0-1 error", false),
        TEST_ERROR("test 0-1 error", false),
        NORM("‖β‖", true);

        private final String label;
        private final boolean logScale;

        Metric(String label, boolean logScale) {
            this.label = label;
            this.logScale = logScale;
        }

        /** Human-readable name. */
        public String label() {
            return label;
        }
    }

    /**
     * MSE and ‖β‖ span many decades: their charts show log₁₀ of the value on a linear axis; values below this
     * floor (an exact 0 training error has no logarithm) are drawn at log₁₀ of the floor, −16.
     */
    public static final double LOG_FLOOR = 1e-16;

    private final String title;
    private final int n;
    private final int[] ps;
    private final double[] lambdas;
    private final int seeds;
    private final double[][][][] values;   // [metric][lambda][seed][p]
    private final double seconds;

    DoubleDescentCurve(String title, int n, int[] ps, double[] lambdas, int seeds, double[][][][] values, double seconds) {
        this.title = title;
        this.n = n;
        this.ps = ps;
        this.lambdas = lambdas;
        this.seeds = seeds;
        this.values = values;
        this.seconds = seconds;
    }

    /** Number of training samples n (the interpolation threshold is p = n). */
    public int n() {
        return n;
    }

    /** The numbers of features p, increasing. */
    public int[] ps() {
        return ps.clone();
    }

    /** The ridge penalties λ. */
    public double[] lambdas() {
        return lambdas.clone();
    }

    /** Number of seeds. */
    public int seeds() {
        return seeds;
    }

    /** Wall time of the run in seconds. */
    public double seconds() {
        return seconds;
    }

    /** The raw values [seed][p index] of a metric for the first λ. */
    public double[][] values(Metric metric) {
        return values(metric, lambdas[0]);
    }

    /** The raw values [seed][p index] of a metric for penalty λ (one of {@link #lambdas()}). */
    public double[][] values(Metric metric, double lambda) {
        double[][] v = values[metric.ordinal()][lambdaIndex(lambda)];
        double[][] out = new double[v.length][];
        for (int s = 0; s < v.length; s++) {
            out[s] = v[s].clone();
        }
        return out;
    }

    /** Mean over seeds, per p, for the first λ. */
    public double[] mean(Metric metric) {
        return mean(metric, lambdas[0]);
    }

    /** Mean over seeds, per p. */
    public double[] mean(Metric metric, double lambda) {
        double[][] v = values[metric.ordinal()][lambdaIndex(lambda)];
        double[] out = new double[ps.length];
        for (int k = 0; k < ps.length; k++) {
            for (double[] row : v) {
                out[k] += row[k] / v.length;
            }
        }
        return out;
    }

    /** Median over seeds, per p, for the first λ. */
    public double[] median(Metric metric) {
        return median(metric, lambdas[0]);
    }

    /** Median over seeds, per p (robust to one seed with a nearly singular Φ). */
    public double[] median(Metric metric, double lambda) {
        double[][] v = values[metric.ordinal()][lambdaIndex(lambda)];
        double[] out = new double[ps.length];
        double[] col = new double[v.length];
        for (int k = 0; k < ps.length; k++) {
            for (int s = 0; s < v.length; s++) {
                col[s] = v[s][k];
            }
            Arrays.sort(col);
            out[k] = col.length % 2 == 1 ? col[col.length / 2] : 0.5 * (col[col.length / 2 - 1] + col[col.length / 2]);
        }
        return out;
    }

    /** The median over seeds of a metric at one p (which must be one of {@link #ps()}), first λ. */
    public double at(Metric metric, int p) {
        return at(metric, p, lambdas[0]);
    }

    /** The median over seeds of a metric at one p (which must be one of {@link #ps()}). */
    public double at(Metric metric, int p, double lambda) {
        return median(metric, lambda)[indexOf(p)];
    }

    /** The first and third quartile over seeds of a metric at one p (one of {@link #ps()}), first λ: {q₁, q₃}. */
    public double[] quartilesAt(Metric metric, int p) {
        double[][] q = quartiles(metric, lambdas[0]);
        int k = indexOf(p);
        return new double[]{q[0][k], q[1][k]};
    }

    /**
     * First and third quartile over seeds, per p: {q₁[], q₃[]} (linear interpolation between order statistics,
     * commons-math's R-7 estimate, the default of R and NumPy).
     */
    public double[][] quartiles(Metric metric, double lambda) {
        double[][] v = values[metric.ordinal()][lambdaIndex(lambda)];
        double[][] out = new double[2][ps.length];
        Percentile q = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        double[] col = new double[v.length];
        for (int k = 0; k < ps.length; k++) {
            for (int s = 0; s < v.length; s++) {
                col[s] = v[s][k];
            }
            out[0][k] = q.evaluate(col, 25);
            out[1][k] = q.evaluate(col, 75);
        }
        return out;
    }

    private int indexOf(int p) {
        int k = Arrays.binarySearch(ps, p);
        if (k < 0) {
            throw new IllegalArgumentException("p = " + p + " was not measured; measured p: " + Arrays.toString(ps));
        }
        return k;
    }

    /** The p where the median over seeds of a metric is largest (the peak of the curve), first λ. */
    public int peak(Metric metric) {
        return peak(metric, lambdas[0]);
    }

    /** The p where the median over seeds of a metric is largest. */
    public int peak(Metric metric, double lambda) {
        double[] m = median(metric, lambda);
        int best = 0;
        for (int k = 1; k < m.length; k++) {
            if (m[k] > m[best]) {
                best = k;
            }
        }
        return ps[best];
    }

    /**
     * Height of the bump at the threshold: the median at the measured p closest to n divided by the larger
     * of the medians at the p closest to n/2 and at the largest p. ≫ 1: a peak at p = n; ≤ 1: no bump
     * (the curve at n is not above both its under- and its over-parameterised side).
     */
    public double thresholdRatio(Metric metric, double lambda) {
        double[] m = median(metric, lambda);
        return m[nearest(n)] / Math.max(m[nearest(n / 2.0)], m[m.length - 1]);
    }

    private int nearest(double target) {
        int best = 0;
        for (int k = 1; k < ps.length; k++) {
            if (Math.abs(ps[k] - target) < Math.abs(ps[best] - target)) {
                best = k;
            }
        }
        return best;
    }

    /** Chart of one or more metrics against p for the first λ. */
    public XYChart chart(Metric... metrics) {
        Require.notNull("metrics", metrics);
        if (metrics.length == 0) {
            throw new IllegalArgumentException("metrics must name at least one metric");
        }
        List<double[]> series = new ArrayList<>();
        boolean log = Arrays.stream(metrics).allMatch(m -> m.logScale);
        XYChart chart = Plots.xy(title + " (n = " + n + ", " + seeds + " seeds)",
                "number of features p", log ? "log₁₀ of " + label(metrics) : label(metrics));
        for (int i = 0; i < metrics.length; i++) {
            addBundle(chart, metrics[i].label, metrics[i], 0, Plots.color(i), log, series);
        }
        markThreshold(chart, series, log);
        return chart;
    }

    /** Chart of one metric against p, one curve per ridge penalty λ. */
    public XYChart chartByLambda(Metric metric) {
        Require.notNull("metric", metric);
        List<double[]> series = new ArrayList<>();
        XYChart chart = Plots.xy(title + ", ridge (n = " + n + ", " + seeds + " seeds)",
                "number of features p", metric.logScale ? "log₁₀ of " + metric.label : metric.label);
        for (int l = 0; l < lambdas.length; l++) {
            String name = lambdas[l] == 0 ? "λ = 0 (min-norm)" : "λ = " + String.format("%.0e", lambdas[l]);
            addBundle(chart, name, metric, l, Plots.color(l), metric.logScale, series);
        }
        markThreshold(chart, series, metric.logScale);
        return chart;
    }

    private void addBundle(XYChart chart, String name, Metric metric, int lambda, Color color, boolean log, List<double[]> series) {
        double[] x = Arrays.stream(ps).asDoubleStream().toArray();
        if (seeds > 1) {
            double[][] q = quartiles(metric, lambdas[lambda]);
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
        double[] y = floor(median(metric, lambdas[lambda]), log);
        XYSeries m = chart.addSeries(name + (seeds > 1 ? " (median)" : ""), x, y);
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

    private void markThreshold(XYChart chart, List<double[]> series, boolean log) {
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
        XYSeries t = Plots.dashed(chart, "p = n = " + n, new double[]{n, n}, new double[]{lo, hi});
        t.setLineColor(Color.GRAY);
    }

    private static String label(Metric... metrics) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < metrics.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(metrics[i].label);
        }
        return sb.toString();
    }

    private int lambdaIndex(double lambda) {
        for (int l = 0; l < lambdas.length; l++) {
            if (lambdas[l] == lambda) {
                return l;
            }
        }
        throw new IllegalArgumentException("lambda = " + lambda + " was not run; run with λ in " + Arrays.toString(lambdas));
    }

    /** Medians over seeds as a table: one row per (λ, p), one column per metric. */
    public Table table() {
        Table t = Table.create(title + " (median over " + seeds + " seeds)");
        DoubleColumn lam = DoubleColumn.create("λ");
        IntColumn p = IntColumn.create("p");
        List<DoubleColumn> cols = new ArrayList<>();
        for (Metric m : Metric.values()) {
            cols.add(DoubleColumn.create(m.label));
        }
        for (double l : lambdas) {
            double[][] means = new double[Metric.values().length][];
            for (Metric m : Metric.values()) {
                means[m.ordinal()] = median(m, l);
            }
            for (int k = 0; k < ps.length; k++) {
                lam.append(l);
                p.append(ps[k]);
                for (Metric m : Metric.values()) {
                    cols.get(m.ordinal()).append(means[m.ordinal()][k]);
                }
            }
        }
        t.addColumns(lam, p);
        for (DoubleColumn c : cols) {
            boolean allNaN = true;
            for (int i = 0; i < c.size(); i++) {
                allNaN &= Double.isNaN(c.getDouble(i));
            }
            if (!allNaN) {
                c.setPrintFormatter(new NumberColumnFormatter(new java.text.DecimalFormat("0.00E0")));
                t.addColumns(c);
            }
        }
        return t;
    }

    /** Rows of {@link #table()} with p near the threshold (n−w ≤ p ≤ n+w). */
    public Table tableNearThreshold(int w) {
        Require.inRange("w", w, 0, ps().length);
        Table t = table();
        return t.where(t.intColumn("p").isBetweenInclusive(n - w, n + w));
    }

    @Override
    public String toHtml() {
        return "<p><b>" + title + "</b>: n = " + n + ", " + seeds + " seeds, " + ps.length + " values of p in ["
                + ps[0] + ", " + ps[ps.length - 1] + "], λ ∈ " + Arrays.toString(lambdas) + ". "
                + "Median test MSE peaks at p = " + peak(Metric.TEST_MSE) + String.format(" (%.3g).</p>",
                Arrays.stream(median(Metric.TEST_MSE, lambdas[0])).max().orElse(Double.NaN)); // run time: seconds()
    }

    @Override
    public String toString() {
        return toHtml().replaceAll("<[^>]+>", "");
    }
}
