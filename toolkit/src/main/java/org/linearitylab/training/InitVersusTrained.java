package org.linearitylab.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Require;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.display.Formatting;
import org.linearitylab.display.Html;
import org.linearitylab.display.Plots;
import org.linearitylab.display.Tables;
import org.linearitylab.display.TrainingPlots;
import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.experiment.Stats;
import org.linearitylab.model.DeepNet;

/**
 * Any per-network quantity measured twice: at the initialisation θ₀ and after full-batch gradient descent
 * θ_T on the given data, over a swept width and several seeds. The paper's Appendix B measures Figure 3 on
 * trained networks; the theory (Lemma 1, Theorem 3) describes θ₀ and its O(1) neighbourhood. This runs both.
 *
 * <pre>{@code
 * var cmp = InitVersusTrained.of((mb, seed) -> DeepNet.tanh(64, seed, 1000, mb, 1000), 4, 16, 64)
 *     .data(set).steps(100).seeds(3)
 *     .measure("layer 2 |cos|", net -> NeuronGradientGram.of(net).exact(set.inputs(), 2).mean())
 *     .progress(System.out::println).run();
 * cmp.mean("layer 2 |cos|", InitVersusTrained.State.TRAINED);   // per swept value, mean over seeds
 * }</pre>
 *
 * Each network is built, measured, trained (GD with η = c/λ_max(K₀), {@link GradientDescent}, kernel not
 * tracked), measured again and released: memory is one network and its gradient at a time. Besides the
 * measurements every run records the final loss ({@link #FINAL_LOSS}, in the TRAINED state; the initial loss
 * in INITIAL) and the distance ‖θ_T − θ₀‖ ({@link #DISTANCE}; 0 at INITIAL by definition).
 */
public final class InitVersusTrained implements Html {
    /** Builds the network at a swept value from a seed. */
    @FunctionalInterface
    public interface Factory {
        DeepNet create(int swept, long seed);
    }

    /** Where a quantity was measured. */
    public enum State { INITIAL, TRAINED }

    public static final String FINAL_LOSS = "loss";
    public static final String DISTANCE = "‖θ − θ₀‖";

    private final Factory factory;
    private final int[] swept;
    private TrainingSet data;
    private int steps = 100;
    private double stepFraction = GradientDescent.DEFAULT_STEP_FRACTION;
    private int seeds = 3;
    private Consumer<String> progress = s -> { };
    private final List<String> names = new ArrayList<>(List.of(FINAL_LOSS, DISTANCE));
    private final List<Function<DeepNet, double[]>> measures = new ArrayList<>();
    private final List<Integer> arity = new ArrayList<>();
    private double[][][][] values; // [state][name][swept][seed]
    private double seconds;

    private InitVersusTrained(Factory factory, int[] swept) {
        this.factory = factory;
        this.swept = swept;
    }

    /** A comparison over the swept values (each ≥ 1) of the networks {@code factory} builds. */
    public static InitVersusTrained of(Factory factory, int... swept) {
        Require.notNull("factory", factory);
        Require.notNull("swept", swept);
        if (swept.length == 0) {
            throw new IllegalArgumentException("swept must hold at least one value");
        }
        for (int w : swept) {
            Require.positive("swept value", w);
        }
        return new InitVersusTrained(factory, swept.clone());
    }

    /** The training data (required); its inputs are also what the measurements usually average over. */
    public InitVersusTrained data(TrainingSet d) {
        this.data = Require.notNull("data", d);
        return this;
    }

    /** Full-batch GD steps T ≥ 1 (default 100). */
    public InitVersusTrained steps(int t) {
        this.steps = Require.positive("steps", t);
        return this;
    }

    /** η = c / λ_max(K₀) per network (default c = 1). */
    public InitVersusTrained stepFraction(double c) {
        this.stepFraction = Require.positive("stepFraction", c);
        return this;
    }

    /** Seeds 0 … s−1 per swept value (default 3). */
    public InitVersusTrained seeds(int s) {
        this.seeds = Require.positive("seeds", s);
        return this;
    }

    /** A callback told about each finished swept value (e.g. {@code System.out::println}). */
    public InitVersusTrained progress(Consumer<String> p) {
        this.progress = Require.notNull("progress", p);
        return this;
    }

    /** A scalar quantity of a network, measured at θ₀ and at θ_T. */
    public InitVersusTrained measure(String name, ToDoubleFunction<DeepNet> m) {
        Require.notNull("name", name);
        Require.notNull("m", m);
        return measure(List.of(name), net -> new double[]{m.applyAsDouble(net)});
    }

    /** Several quantities from one call (sharing work, e.g. every layer of one Gram recursion), in name order. */
    public InitVersusTrained measure(List<String> newNames, Function<DeepNet, double[]> m) {
        Require.notNull("names", newNames);
        Require.notNull("m", m);
        if (newNames.isEmpty()) {
            throw new IllegalArgumentException("names must hold at least one name");
        }
        for (String n : newNames) {
            if (names.contains(Require.notNull("name", n))) {
                throw new IllegalArgumentException("name \"" + n + "\" is already measured; names must be distinct");
            }
        }
        names.addAll(newNames);
        measures.add(m);
        arity.add(newNames.size());
        return this;
    }

    /** Builds, measures, trains and re-measures every (swept value, seed); returns this with the results. */
    public InitVersusTrained run() {
        if (data == null) {
            throw new IllegalStateException("call data(trainingSet) before run()");
        }
        long start = System.nanoTime();
        values = new double[2][names.size()][swept.length][seeds];
        for (int i = 0; i < swept.length; i++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < seeds; s++) {
                DeepNet net = factory.create(swept[i], s);
                Require.notNull("factory result", net);
                record(State.INITIAL, i, s, net, SquareLoss.value(net.outputs(data.inputs()), data.targets()), 0);
                TrainingRun run = GradientDescent.on(net, data).steps(steps).stepFraction(stepFraction).recordEvery(steps)
                        .trackKernel(false).run();
                record(State.TRAINED, i, s, (DeepNet) run.model(), run.finalLoss(), run.finalDistance());
            }
            progress.accept(progressLine(i, (System.nanoTime() - t0) / 1e9));
        }
        seconds = (System.nanoTime() - start) / 1e9;
        return this;
    }

    private void record(State state, int i, int s, DeepNet net, double loss, double distance) {
        double[][][] v = values[state.ordinal()];
        v[0][i][s] = loss;
        v[1][i][s] = distance;
        int c = 2;
        for (int k = 0; k < measures.size(); k++) {
            double[] out = measures.get(k).apply(net);
            if (out == null || out.length != arity.get(k)) {
                throw new IllegalArgumentException("measurement " + names.subList(c, c + arity.get(k)) + " must return "
                        + arity.get(k) + " value(s), got " + (out == null ? "null" : out.length));
            }
            for (int j = 0; j < out.length; j++) {
                v[c + j][i][s] = out[j];
            }
            c += out.length;
        }
    }

    private String progressLine(int i, double secs) {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%d: loss %.3g → %.3g, ‖θ_T − θ₀‖ = %.3g",
                swept[i], Stats.mean(values[0][0][i]), Stats.mean(values[1][0][i]), Stats.mean(values[1][1][i])));
        for (int c = 2; c < names.size(); c++) {
            b.append(String.format(java.util.Locale.ROOT, "; %s %.4g → %.4g", names.get(c), Stats.mean(values[0][c][i]), Stats.mean(values[1][c][i])));
        }
        return b.append(String.format(java.util.Locale.ROOT, " (means of %d seed%s, %.1f s)", seeds, seeds == 1 ? "" : "s", secs)).toString();
    }

    // ------------------------------------------------------------------ results (plain data)

    /** The swept values. */
    public int[] swept() {
        return swept.clone();
    }

    /** The swept values as doubles (x axis). */
    public double[] sweptAsDouble() {
        return Arrays.stream(swept).asDoubleStream().toArray();
    }

    /** Every measured name, starting with {@link #FINAL_LOSS} and {@link #DISTANCE}. */
    public List<String> names() {
        return List.copyOf(names);
    }

    public int seedCount() {
        return seeds;
    }

    public int steps() {
        return steps;
    }

    /** values[swept index][seed] of a quantity in a state (a copy). */
    public double[][] values(String name, State state) {
        double[][] v = slice(name, state);
        double[][] out = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i].clone();
        }
        return out;
    }

    /** The mean over seeds, per swept value. */
    public double[] mean(String name, State state) {
        return Arrays.stream(slice(name, state)).mapToDouble(Stats::mean).toArray();
    }

    /** The sample standard deviation over seeds, per swept value (0 with one seed). */
    public double[] spread(String name, State state) {
        return Arrays.stream(slice(name, state)).mapToDouble(Stats::std).toArray();
    }

    /** The per-seed ratio trained / initial, averaged over seeds, per swept value. */
    public double[] ratio(String name) {
        double[][] a = slice(name, State.INITIAL);
        double[][] b = slice(name, State.TRAINED);
        double[] out = new double[swept.length];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int k = 0; k < seeds; k++) {
                s += b[i][k] / a[i][k];
            }
            out[i] = s / seeds;
        }
        return out;
    }

    /** Log-log fit of the seed means against the swept value. */
    public LogLogFit fit(String name, State state) {
        return LogLogFit.of(sweptAsDouble(), mean(name, state));
    }

    /** The log-log slope fitted per seed: {mean, sample sd, min, max} over seeds. */
    public double[] slopeOverSeeds(String name, State state) {
        double[][] v = slice(name, state);
        double[] slopes = new double[seeds];
        for (int k = 0; k < seeds; k++) {
            double[] y = new double[swept.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = v[i][k];
            }
            slopes[k] = LogLogFit.of(sweptAsDouble(), y).slope();
        }
        return new double[]{Stats.mean(slopes), Stats.std(slopes), Stats.min(slopes), Stats.max(slopes)};
    }

    /** Wall time of {@link #run()} in seconds. */
    public double seconds() {
        requireRun();
        return seconds;
    }

    /**
     * A new log-log chart of the named quantities at θ₀ (solid) and θ_T (dashed), seed means with ±1 sd error
     * bars, each with its fitted slope in the legend.
     */
    public XYChart chart(String title, String xLabel, String yLabel, String... quantities) {
        requireRun();
        XYChart c = Plots.logLog(title, xLabel, yLabel);
        double[] x = sweptAsDouble();
        for (String q : quantities) {
            for (State st : State.values()) {
                double[] y = mean(q, st);
                String label = q + (st == State.INITIAL ? ", θ₀" : ", trained");
                if (x.length >= 2 && Arrays.stream(y).allMatch(v -> v > 0 && Double.isFinite(v))) {
                    label += String.format(java.util.Locale.ROOT, " (slope %.2f)", fit(q, st).slope());
                }
                var series = TrainingPlots.addMeanWithSpread(c, label, x, y, seeds > 1 ? spread(q, st) : null, slice(q, st),
                        Plots.color(c.getSeriesMap().size()));
                if (st == State.TRAINED) {
                    series.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND,
                            10f, new float[]{6f, 4f}, 0f));
                }
            }
        }
        double[][] ys = new double[2 * quantities.length][];
        for (int j = 0; j < quantities.length; j++) {
            ys[2 * j] = mean(quantities[j], State.INITIAL);
            ys[2 * j + 1] = mean(quantities[j], State.TRAINED);
        }
        TrainingPlots.labelShortLogAxes(c, x, ys);
        return c;
    }

    /** One row per (swept value, quantity): mean ± sd over seeds at θ₀ and at θ_T, and the mean ratio. */
    public Table table() {
        requireRun();
        IntColumn sw = IntColumn.create("swept");
        StringColumn q = StringColumn.create("quantity");
        DoubleColumn m0 = DoubleColumn.create("at θ₀: mean");
        DoubleColumn s0 = DoubleColumn.create("at θ₀: sd");
        DoubleColumn m1 = DoubleColumn.create("at θ_T: mean");
        DoubleColumn s1 = DoubleColumn.create("at θ_T: sd");
        for (int i = 0; i < swept.length; i++) {
            for (String n : names) {
                sw.append(swept[i]);
                q.append(n);
                m0.append(Stats.mean(slice(n, State.INITIAL)[i]));
                s0.append(Stats.std(slice(n, State.INITIAL)[i]));
                m1.append(Stats.mean(slice(n, State.TRAINED)[i]));
                s1.append(Stats.std(slice(n, State.TRAINED)[i]));
            }
        }
        return Table.create(String.format(java.util.Locale.ROOT, "at θ₀ and after %d full-batch GD steps (η = %.3g/λ_max(K₀)), %d seeds",
                steps, stepFraction, seeds), sw, q, m0, s0, m1, s1);
    }

    private double[][] slice(String name, State state) {
        requireRun();
        Require.notNull("state", state);
        int c = names.indexOf(Require.notNull("name", name));
        if (c < 0) {
            throw new IllegalArgumentException("name must be one of " + names + ", got \"" + name + "\"");
        }
        return values[state.ordinal()][c];
    }

    private void requireRun() {
        if (values == null) {
            throw new IllegalStateException("call run() first");
        }
    }

    @Override
    public String toHtml() {
        return Tables.html(Formatting.significant(table(), 4));
    }

    @Override
    public String toString() {
        return table().print();
    }
}
