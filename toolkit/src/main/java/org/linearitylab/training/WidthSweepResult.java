package org.linearitylab.training;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Require;
import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.experiment.Stats;
import org.linearitylab.experiment.SweepResult;

/**
 * What a {@link WidthSweep} measured: per width and seed every quantity of {@link WidthSweep} (its constants name
 * them, e.g. {@link WidthSweep#KERNEL_DRIFT}), as the {@link SweepResult} of the sweep engine, plus the network's
 * and the linearization's {@link TrainingRun} at seed 0 of each width. Immutable; {@link #table()} holds the
 * seed means, one row per width.
 */
public final class WidthSweepResult {
    private final String title;
    private final int steps;
    private final int[] parameters;
    private final SweepResult values;
    private final List<TrainingRun> networkRuns;
    private final List<TrainingRun> linearRuns;

    WidthSweepResult(String title, int steps, int[] parameters, SweepResult values, List<TrainingRun> networkRuns,
                     List<TrainingRun> linearRuns) {
        this.title = title;
        this.steps = steps;
        this.parameters = parameters.clone();
        this.values = values;
        this.networkRuns = List.copyOf(networkRuns);
        this.linearRuns = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(linearRuns)); // null entries: not trained
    }

    /** Every (width, seed) value of every quantity measured (the linearization's only if it was trained). */
    public SweepResult sweep() {
        return values;
    }

    /** The results, one row per width: width, parameter count, and the mean over seeds of every quantity. */
    public Table table() {
        Table t = Table.create(title);
        t.addColumns(IntColumn.create(WidthSweep.WIDTH, values.widths()), IntColumn.create(WidthSweep.PARAMETERS, parameters));
        for (String n : WidthSweep.NAMES) {
            double[] mean = values.names().contains(n) ? column(n) : nan(parameters.length); // not trained: empty cells
            t.addColumns(DoubleColumn.create(n, mean));
        }
        return t;
    }

    /** The network's training run at widths[i] (seed 0). */
    public TrainingRun networkRun(int i) {
        return networkRuns.get(Require.inRange("i", i, 0, parameters.length - 1));
    }

    /** The linearized model's run at widths[i] (seed 0); requires {@link WidthSweep#compareWithLinearized} on. */
    public TrainingRun linearRun(int i) {
        TrainingRun r = linearRuns.get(Require.inRange("i", i, 0, parameters.length - 1));
        if (r == null) {
            throw notTrained();
        }
        return r;
    }

    /** The widths as doubles (for charts). */
    public double[] widths() {
        return values.widthsAsDouble();
    }

    /** The parameter count P of the network at each width. */
    public int[] parameters() {
        return parameters.clone();
    }

    /** The mean over seeds ({@link Stats#mean}) of a quantity (e.g. {@link WidthSweep#KERNEL_DRIFT}), per width. */
    public double[] column(String name) {
        return overSeeds(name, Stats::mean);
    }

    /** A quantity at every width for one seed s (0 ≤ s &lt; seeds), e.g. {@link WidthSweep#KERNEL_DRIFT}. */
    public double[] column(String name, int seed) {
        String n = measured(name);
        Require.inRange("seed", seed, 0, seedCount() - 1);
        return values.curvesPerSeed(n)[seed];
    }

    /** The sample standard deviation of a quantity over the seeds, per width (0 with one seed). */
    public double[] spread(String name) {
        return overSeeds(name, Stats::std);
    }

    /** The log-log fit of a quantity (the seed means) against width: the measured exponent. */
    public LogLogFit fit(String name) {
        return LogLogFit.of(widths(), column(name));
    }

    /** The slopes of one log-log fit per seed: {mean, sample sd (0 with one seed), min, max} ({@link SweepResult#slopeOverSeeds}). */
    public double[] slopeOverSeeds(String name) {
        return values.slopeOverSeeds(measured(name));
    }

    /** The number of seeds per width. */
    public int seedCount() {
        return values.seedCount();
    }

    /** GD steps per run. */
    public int steps() {
        return steps;
    }

    /** A statistic of the seeds' values of a quantity, per width. */
    private double[] overSeeds(String name, ToDoubleFunction<double[]> statistic) {
        return values.perWidth(measured(name), statistic);
    }

    private String measured(String name) {
        Require.notNull("name", name);
        if (!WidthSweep.NAMES.contains(name)) {
            throw new IllegalArgumentException("name must be one of " + WidthSweep.NAMES + ", got \"" + name + "\"");
        }
        if (!values.names().contains(name)) {
            throw notTrained();
        }
        return name;
    }

    private static IllegalStateException notTrained() {
        return new IllegalStateException("the linearized models were not trained: compareWithLinearized(true) before run()");
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** One line: what was swept and the size of the result table (its rich form is the table). */
    @Override
    public String toString() {
        int s = seedCount();
        return "WidthSweep over widths " + Arrays.toString(values.widths()) + ", " + s + " seed" + (s == 1 ? "" : "s") + ", " + steps
                + " GD steps: " + parameters.length + " rows × " + (2 + WidthSweep.NAMES.size()) + " columns";
    }
}
