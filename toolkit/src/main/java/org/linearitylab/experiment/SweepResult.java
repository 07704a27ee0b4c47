package org.linearitylab.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import org.knowm.xchart.XYChart;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Require;
import org.linearitylab.display.Html;
import org.linearitylab.display.Plots;
import org.linearitylab.display.Tables;

/**
 * The measurements of a {@link Sweep}: one row per (width, seed). Immutable.
 * {@link #table()} is the long table, {@link #summary()} the mean/std/min/max per width,
 * {@link #fit(String)} the log-log fit of the per-width mean against m, {@link #chart(String)} a log-log
 * chart of every seed, the mean and the fit. As a cell's last expression it shows the summary table.
 */
public final class SweepResult implements Html {
    private final List<String> names;
    private final int[] widthOfRow;
    private final long[] seedOfRow;
    private final double[][] values;

    SweepResult(List<String> names, int[] widthOfRow, long[] seedOfRow, double[][] values) {
        this.names = List.copyOf(names);
        this.widthOfRow = widthOfRow;
        this.seedOfRow = seedOfRow;
        this.values = values;
    }

    /** The names of the measurements, in order. */
    public List<String> names() {
        return names;
    }

    /** The distinct widths, in sweep order. */
    public int[] widths() {
        return Arrays.stream(widthOfRow).distinct().toArray();
    }

    /** The distinct widths as doubles (for charts and fits). */
    public double[] widthsAsDouble() {
        return Arrays.stream(widths()).asDoubleStream().toArray();
    }

    /** Every measured value of {@code name}, one per row (width-major, then seed). */
    public double[] values(String name) {
        return values[index(name)].clone();
    }

    /** The values of {@code name} at one width, one per seed. */
    public double[] valuesAt(String name, int width) {
        if (Arrays.stream(widthOfRow).noneMatch(w -> w == width)) {
            throw new IllegalArgumentException("width must be one of the swept widths " + Arrays.toString(widths()) + ", got " + width);
        }
        double[] col = values[index(name)];
        return java.util.stream.IntStream.range(0, col.length).filter(i -> widthOfRow[i] == width).mapToDouble(i -> col[i]).toArray();
    }

    /** The mean over seeds of {@code name}, one per width. */
    public double[] mean(String name) {
        return Arrays.stream(widths()).mapToDouble(m -> Arrays.stream(valuesAt(name, m)).average().orElse(Double.NaN)).toArray();
    }

    /** The sample standard deviation over seeds (0 for one seed), one per width. */
    public double[] std(String name) {
        return Arrays.stream(widths()).mapToDouble(m -> std(valuesAt(name, m))).toArray();
    }

    /** The maximum over seeds, one per width. */
    public double[] max(String name) {
        return Arrays.stream(widths()).mapToDouble(m -> Arrays.stream(valuesAt(name, m)).max().orElse(Double.NaN)).toArray();
    }

    /** The minimum over seeds, one per width. */
    public double[] min(String name) {
        return Arrays.stream(widths()).mapToDouble(m -> Arrays.stream(valuesAt(name, m)).min().orElse(Double.NaN)).toArray();
    }

    /** Log-log least-squares fit of the per-width mean of {@code name} against m. */
    public LogLogFit fit(String name) {
        return LogLogFit.of(widthsAsDouble(), mean(name));
    }

    /** Log-log fit restricted to widths ≥ {@code minWidth} (to fit the asymptotic regime only). */
    public LogLogFit fit(String name, int minWidth) {
        Require.positive("minWidth", minWidth);
        if (Arrays.stream(widths()).filter(w -> w >= minWidth).count() < 2) {
            throw new IllegalArgumentException("minWidth = " + minWidth + " leaves fewer than 2 of the widths " + Arrays.toString(widths()) + " for a fit");
        }
        int[] ws = widths();
        double[] mean = mean(name);
        double[] x = java.util.stream.IntStream.range(0, ws.length).filter(i -> ws[i] >= minWidth).mapToDouble(i -> ws[i]).toArray();
        double[] y = java.util.stream.IntStream.range(0, ws.length).filter(i -> ws[i] >= minWidth).mapToDouble(i -> mean[i]).toArray();
        return LogLogFit.of(x, y);
    }

    /**
     * The log-log slope fitted to each seed's values of {@code name} against m (replicate r of every width is one
     * curve): {mean, sample sd (0 for one seed), min, max} over the seeds. The spread says how far to trust the
     * slope of the means ({@link #fit(String)}).
     */
    public double[] slopeOverSeeds(String name) {
        double[] x = widthsAsDouble();
        double[] all = values(name);
        int seeds = seedCount();
        double[] slopes = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            double[] y = new double[x.length];
            for (int w = 0; w < x.length; w++) {
                y[w] = all[w * seeds + s];
            }
            slopes[s] = LogLogFit.of(x, y).slope();
        }
        return new double[]{Stats.mean(slopes), Stats.std(slopes), Stats.min(slopes), Stats.max(slopes)};
    }

    /** The long table: columns width, seed, then one column per measurement. */
    public Table table() {
        Table t = Table.create("sweep", IntColumn.create("width", widthOfRow), LongColumn.create("seed", seedOfRow));
        for (int c = 0; c < names.size(); c++) {
            t.addColumns(DoubleColumn.create(names.get(c), values[c]));
        }
        return t;
    }

    /** One row per width: for each measurement its mean and standard deviation over seeds. */
    public Table summary() {
        Table t = Table.create("sweep summary (" + seedCount() + " seed" + (seedCount() == 1 ? "" : "s") + " per width)",
                IntColumn.create("width", widths()));
        for (String name : names) {
            t.addColumns(DoubleColumn.create(name + " mean", mean(name)));
            if (seedCount() > 1) {
                t.addColumns(DoubleColumn.create(name + " std", std(name)));
            }
        }
        return t;
    }

    /** The number of seeds per width. */
    public int seedCount() {
        return widthOfRow.length / widths().length;
    }

    /**
     * A log-log chart of {@code name} against m: every seed as a point, the mean as a line, and the
     * fitted power law dashed with its slope in the legend.
     */
    public XYChart chart(String name) {
        XYChart c = Plots.logLog(name + " vs width", "width m", name);
        double[] x = widthsAsDouble();
        double[] mean = mean(name);
        double[] all = values(name);
        double[] allW = Arrays.stream(widthOfRow).asDoubleStream().toArray();
        if (seedCount() > 1) {
            Plots.points(c, "each seed", allW, all);
        }
        Plots.withErrors(c, "mean over seeds", x, mean, null);
        if (x.length >= 2 && Arrays.stream(mean).allMatch(v -> v > 0 && Double.isFinite(v))) {
            LogLogFit fit = fit(name);
            Plots.dashed(c, String.format("fit: slope %.3f", fit.slope()), x, fit.predict(x));
        }
        return c;
    }

    /**
     * Several measurements on one log-log chart against m: per-width means as lines with markers, each with
     * its fitted slope in the legend. Names ending in "bound" are drawn dashed.
     */
    public XYChart chart(String title, String yLabel, String... names) {
        XYChart c = Plots.logLog(title, "width m", yLabel);
        double[] x = widthsAsDouble();
        for (String name : names) {
            double[] mean = mean(name);
            String label = name;
            if (x.length >= 2 && Arrays.stream(mean).allMatch(v -> v > 0 && Double.isFinite(v))) {
                label = String.format("%s (slope %.2f)", name, fit(name).slope());
            }
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith("bound")) {
                Plots.dashed(c, label, x, mean);
            } else {
                Plots.withErrors(c, label, x, mean, null);
            }
        }
        return c;
    }

    /** Summaries of every measurement as a map name → per-width means (handy in JShell). */
    public Map<String, double[]> means() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, mean(n));
        }
        return out;
    }

    @Override
    public String toHtml() {
        return Tables.html(org.linearitylab.display.Formatting.significant(summary(), 4));
    }

    @Override
    public String toString() {
        return summary().printAll();
    }

    private int index(String name) {
        Require.notNull("name", name);
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("name must be one of " + names + ", got '" + name + "'");
        }
        return i;
    }

    private static double std(double[] a) {
        if (a.length < 2) {
            return 0;
        }
        double mean = Arrays.stream(a).average().orElse(0);
        double s = 0;
        for (double v : a) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / (a.length - 1));
    }
}
