package org.linearitylab.regression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import org.linearitylab.core.Require;
import org.linearitylab.experiment.SweepResult;

/**
 * The result of a {@link DoubleDescent} run: for every metric, ridge penalty λ, seed and number of features p
 * one number. <b>One statistic everywhere:</b> the median over seeds, with the interquartile range (the middle half
 * of the seeds) as its spread — in {@link #at}, {@link #peak}, {@link #table()}, {@link #thresholdRatio} and the
 * charts of {@code display.DoubleDescentCharts} (bold median, thin lines at the first and third quartile). The
 * median, not the mean: near p = n one seed with a nearly singular Φ can move a mean by orders of magnitude.
 * Plain data: the numbers are the {@link SweepResult} of the {@code experiment.Sweep} over p that ran the
 * experiment ({@link #sweep()}; one measurement per metric and λ, {@link #name}), and its statistics over seeds.
 */
public final class DoubleDescentCurve {
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

        /** True when the metric spans many decades (MSE, ‖β‖): charts show its log₁₀. */
        public boolean logScale() {
            return logScale;
        }
    }

    private final String title;
    private final int n;
    private final int[] ps;
    private final double[] lambdas;
    private final int seeds;
    private final SweepResult sweep;
    private final double seconds;

    DoubleDescentCurve(String title, int n, double[] lambdas, SweepResult sweep, double seconds) {
        this.title = title;
        this.n = n;
        this.ps = sweep.widths();
        this.lambdas = lambdas;
        this.seeds = sweep.seedCount();
        this.sweep = sweep;
        this.seconds = seconds;
    }

    /** The name of the measurement of {@code metric} at penalty {@code lambda} in {@link #sweep()}: "test MSE, λ = 0.001". */
    public static String name(Metric metric, double lambda) {
        return Require.notNull("metric", metric).label() + ", λ = " + Require.nonNegative("lambda", lambda);
    }

    /** The engine's result: one row per (p, seed), one measurement per metric and λ ({@link #name}; 0-1 errors only with labels). */
    public SweepResult sweep() {
        return sweep;
    }

    /** What was fitted: "Legendre features", "random ReLU features", … */
    public String title() {
        return title;
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

    /** The raw values [seed][p index] of a metric for penalty λ (one of {@link #lambdas()}); NaN for a 0-1 error without labels. */
    public double[][] values(Metric metric, double lambda) {
        String name = measured(metric, lambda);
        double[][] out = new double[seeds][ps.length];
        for (int k = 0; k < ps.length; k++) {
            double[] at = name == null ? null : sweep.valuesAt(name, ps[k]);
            for (int s = 0; s < seeds; s++) {
                out[s][k] = at == null ? Double.NaN : at[s];
            }
        }
        return out;
    }

    /** Mean over seeds, per p, for the first λ. */
    public double[] mean(Metric metric) {
        return mean(metric, lambdas[0]);
    }

    /** Mean over seeds, per p. */
    public double[] mean(Metric metric, double lambda) {
        String name = measured(metric, lambda);
        return name == null ? undefined() : sweep.mean(name);
    }

    /** Median over seeds, per p, for the first λ. */
    public double[] median(Metric metric) {
        return median(metric, lambdas[0]);
    }

    /** Median over seeds, per p (robust to one seed with a nearly singular Φ). */
    public double[] median(Metric metric, double lambda) {
        String name = measured(metric, lambda);
        return name == null ? undefined() : sweep.median(name);
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
        String name = measured(metric, lambda);
        return name == null ? new double[][]{undefined(), undefined()} : new double[][]{sweep.quantile(name, 25), sweep.quantile(name, 75)};
    }

    /** The measurement's name in {@link #sweep()}, or null for a 0-1 error of a run without labels (its values are NaN). */
    private String measured(Metric metric, double lambda) {
        Require.notNull("metric", metric);
        String name = name(metric, lambdas[lambdaIndex(lambda)]);
        return sweep.names().contains(name) ? name : null;
    }

    private double[] undefined() {
        double[] v = new double[ps.length];
        Arrays.fill(v, Double.NaN);
        return v;
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

    /** One sentence: the run's size and where the median test MSE peaks (shown after the title by the HTML view). */
    public String summary() {
        return "n = " + n + ", " + seeds + " seeds, " + ps.length + " values of p in ["
                + ps[0] + ", " + ps[ps.length - 1] + "], λ ∈ " + Arrays.toString(lambdas) + ". "
                + "Median test MSE peaks at p = " + peak(Metric.TEST_MSE) + String.format(" (%.3g).",
                Arrays.stream(median(Metric.TEST_MSE, lambdas[0])).max().orElse(Double.NaN)); // run time: seconds()
    }

    @Override
    public String toString() {
        return title + ": " + summary();
    }
}
