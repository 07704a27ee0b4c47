package org.linearitylab.training;

import java.util.Arrays;
import java.util.List;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Require;
import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.experiment.Stats;
import org.linearitylab.experiment.SweepResult;
import org.linearitylab.training.InitVersusTrained.State;

/**
 * What an {@link InitVersusTrained} measured: every quantity at θ₀ and at θ_T for every (swept value, seed), as
 * the {@link SweepResult} of the sweep engine (one measurement per quantity and {@link State}, named by
 * {@link #key}). Immutable plain data: per-seed values, means, spreads, ratios and log-log fits.
 */
public final class InitVersusTrainedResult {
    private final List<String> names;
    private final SweepResult values;
    private final int steps;
    private final double stepFraction;
    private final double seconds;

    InitVersusTrainedResult(List<String> names, SweepResult values, int steps, double stepFraction, double seconds) {
        this.names = List.copyOf(names);
        this.values = values;
        this.steps = steps;
        this.stepFraction = stepFraction;
        this.seconds = seconds;
    }

    /** The name of quantity {@code name} in {@code state} in {@link #sweep()}, e.g. "layer 2 at θ_T". */
    public static String key(String name, State state) {
        Require.notNull("name", name);
        return name + (Require.notNull("state", state) == State.INITIAL ? " at θ₀" : " at θ_T");
    }

    /** Every (swept value, seed) value of every quantity in both states (names: {@link #key}). */
    public SweepResult sweep() {
        return values;
    }

    /** The swept values. */
    public int[] swept() {
        return values.widths();
    }

    /** The swept values as doubles (x axis). */
    public double[] sweptAsDouble() {
        return values.widthsAsDouble();
    }

    /** Every measured name, starting with {@link InitVersusTrained#FINAL_LOSS} and {@link InitVersusTrained#DISTANCE}. */
    public List<String> names() {
        return names;
    }

    public int seedCount() {
        return values.seedCount();
    }

    public int steps() {
        return steps;
    }

    /** Wall time of the run in seconds. */
    public double seconds() {
        return seconds;
    }

    /** values[swept index][seed] of a quantity in a state (a copy). */
    public double[][] values(String name, State state) {
        String k = measured(name, state);
        return Arrays.stream(values.widths()).mapToObj(w -> values.valuesAt(k, w)).toArray(double[][]::new);
    }

    /** The mean over seeds ({@link Stats#mean}), per swept value. */
    public double[] mean(String name, State state) {
        return values.perWidth(measured(name, state), Stats::mean);
    }

    /** The sample standard deviation over seeds, per swept value (0 with one seed). */
    public double[] spread(String name, State state) {
        return values.perWidth(measured(name, state), Stats::std);
    }

    /** The per-seed ratio trained / initial, averaged over seeds, per swept value. */
    public double[] ratio(String name) {
        double[][] a = values(name, State.INITIAL);
        double[][] b = values(name, State.TRAINED);
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            double[] r = new double[a[i].length];
            for (int k = 0; k < r.length; k++) {
                r[k] = b[i][k] / a[i][k];
            }
            out[i] = Stats.mean(r);
        }
        return out;
    }

    /** Log-log fit of the seed means against the swept value. */
    public LogLogFit fit(String name, State state) {
        return LogLogFit.of(sweptAsDouble(), mean(name, state));
    }

    /** The log-log slope fitted per seed: {mean, sample sd, min, max} over seeds ({@link SweepResult#slopeOverSeeds}). */
    public double[] slopeOverSeeds(String name, State state) {
        return values.slopeOverSeeds(measured(name, state));
    }

    /** One row per (swept value, quantity): mean ± sd over seeds at θ₀ and at θ_T. */
    public Table table() {
        IntColumn sw = IntColumn.create("swept");
        StringColumn q = StringColumn.create("quantity");
        DoubleColumn m0 = DoubleColumn.create("at θ₀: mean");
        DoubleColumn s0 = DoubleColumn.create("at θ₀: sd");
        DoubleColumn m1 = DoubleColumn.create("at θ_T: mean");
        DoubleColumn s1 = DoubleColumn.create("at θ_T: sd");
        int[] w = swept();
        int k = names.size();
        double[][] mean0 = new double[k][], sd0 = new double[k][], mean1 = new double[k][], sd1 = new double[k][];
        for (int j = 0; j < k; j++) {
            mean0[j] = mean(names.get(j), State.INITIAL);
            sd0[j] = spread(names.get(j), State.INITIAL);
            mean1[j] = mean(names.get(j), State.TRAINED);
            sd1[j] = spread(names.get(j), State.TRAINED);
        }
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < k; j++) {
                sw.append(w[i]);
                q.append(names.get(j));
                m0.append(mean0[j][i]);
                s0.append(sd0[j][i]);
                m1.append(mean1[j][i]);
                s1.append(sd1[j][i]);
            }
        }
        return Table.create(String.format(java.util.Locale.ROOT, "at θ₀ and after %d full-batch GD steps (η = %.3g/λ_max(K₀)), %d seeds",
                steps, stepFraction, seedCount()), sw, q, m0, s0, m1, s1);
    }

    private String measured(String name, State state) {
        Require.notNull("name", name);
        if (!names.contains(name)) {
            throw new IllegalArgumentException("name must be one of " + names + ", got \"" + name + "\"");
        }
        return key(name, state);
    }

    @Override
    public String toString() {
        return table().print();
    }
}
