package org.linearitylab.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Require;

/**
 * The measurements of a {@link Sweep}: one row per (swept value, seed), swept-value-major. Immutable plain data.
 * {@link #table()} is the long table, {@link #summary()} the mean/std per swept value, {@link #mean},
 * {@link #median}, {@link #quantile}, {@link #std}, {@link #min}, {@link #max} the statistics over seeds (from
 * {@link Stats}), {@link #fit(String)} the log-log fit of the per-value mean against the swept value
 * ({@link SlopeFit} for an exponent's interval over seeds). Charts and the HTML view: {@code display.SweepCharts}.
 * The swept value is called a width throughout the API ({@link #widths()}); {@link #axis()} is its name.
 */
public final class SweepResult {
    private final String axis;
    private final List<String> names;
    private final int[] widthOfRow;
    private final long[] seedOfRow;
    private final double[][] values;

    SweepResult(String axis, List<String> names, int[] widthOfRow, long[] seedOfRow, double[][] values) {
        this.axis = axis;
        this.names = List.copyOf(names);
        this.widthOfRow = widthOfRow;
        this.seedOfRow = seedOfRow;
        this.values = values;
    }

    /** The name of the swept value: "width", or the name given to {@link Sweep#over}. */
    public String axis() {
        return axis;
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

    /** The seeds, in replicate order (the same at every swept value). */
    public long[] seeds() {
        return Arrays.copyOf(seedOfRow, seedCount());
    }

    /** The swept value of every row (width-major, then seed), e.g. the x of each point of a chart of {@link #values}. */
    public int[] widthOfRows() {
        return widthOfRow.clone();
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

    /** The mean over seeds of {@code name} (compensated summation, {@link Stats#compensatedMean}), one per width. */
    public double[] mean(String name) {
        return perWidth(name, Stats::compensatedMean);
    }

    /** The median over seeds of {@code name}, one per width. */
    public double[] median(String name) {
        return perWidth(name, Stats::median);
    }

    /** The {@code percent} quantile over seeds of {@code name} (R-7, {@link Stats#quantile}; 25 and 75: the quartiles), one per width. */
    public double[] quantile(String name, double percent) {
        return perWidth(name, v -> Stats.quantile(v, percent));
    }

    /** The sample standard deviation over seeds (0 for one seed), one per width. */
    public double[] std(String name) {
        return perWidth(name, v -> Stats.std(v, Stats.compensatedMean(v)));
    }

    /** The maximum over seeds, one per width. */
    public double[] max(String name) {
        return perWidth(name, Stats::max);
    }

    /** The minimum over seeds, one per width. */
    public double[] min(String name) {
        return perWidth(name, Stats::min);
    }

    /**
     * A statistic of the seeds' values of {@code name} at each swept value, in sweep order (e.g. {@code Stats::mean}
     * for a plain mean, {@code Stats::median}).
     */
    public double[] perWidth(String name, java.util.function.ToDoubleFunction<double[]> statistic) {
        index(name);
        Require.notNull("statistic", statistic);
        return Arrays.stream(widths()).mapToDouble(m -> statistic.applyAsDouble(valuesAt(name, m))).toArray();
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
        double[][] curves = curvesPerSeed(name);
        double[] slopes = curves.length > 1 ? SlopeFit.of(name, widthsAsDouble(), curves).perSeed()
                : new double[]{LogLogFit.of(widthsAsDouble(), curves[0]).slope()};
        return new double[]{Stats.mean(slopes), Stats.std(slopes), Stats.min(slopes), Stats.max(slopes)};
    }

    /** The values of {@code name} as one curve per seed: [seed][swept value, in sweep order]. */
    public double[][] curvesPerSeed(String name) {
        int[] widths = widths();
        double[][] y = new double[seedCount()][widths.length];
        for (int w = 0; w < widths.length; w++) {
            double[] at = valuesAt(name, widths[w]);
            for (int s = 0; s < y.length; s++) {
                y[s][w] = at[s];
            }
        }
        return y;
    }

    /** The long table: columns width, seed, then one column per measurement. */
    public Table table() {
        Table t = Table.create("sweep", IntColumn.create(axis, widthOfRow), LongColumn.create("seed", seedOfRow));
        for (int c = 0; c < names.size(); c++) {
            t.addColumns(DoubleColumn.create(names.get(c), values[c]));
        }
        return t;
    }

    /** One row per width: for each measurement its mean and standard deviation over seeds. */
    public Table summary() {
        Table t = Table.create("sweep summary (" + seedCount() + " seed" + (seedCount() == 1 ? "" : "s") + " per " + axis + ")",
                IntColumn.create(axis, widths()));
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

    /** Summaries of every measurement as a map name → per-width means (handy in JShell). */
    public Map<String, double[]> means() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, mean(n));
        }
        return out;
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
}
