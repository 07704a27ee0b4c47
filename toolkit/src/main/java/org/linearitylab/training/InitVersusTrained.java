package org.linearitylab.training;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.linearitylab.core.Require;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.experiment.Stats;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.experiment.SweepResult;
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
 *
 * <p>Immutable configuration: every setter returns a new InitVersusTrained; {@link #run()} runs on the one sweep
 * engine ({@link Sweep}, seeds 0 … s−1: replicate r is seed r at every swept value) and returns an
 * {@link InitVersusTrainedResult}.
 */
public final class InitVersusTrained {
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
    private final TrainingSet data;
    private final int steps;
    private final double stepFraction;
    private final int seeds;
    private final Consumer<String> progress;
    private final List<String> names;
    private final List<Function<DeepNet, double[]>> measures;
    private final List<Integer> arity;

    private InitVersusTrained(Factory factory, int[] swept, TrainingSet data, int steps, double stepFraction, int seeds,
                              Consumer<String> progress, List<String> names, List<Function<DeepNet, double[]>> measures, List<Integer> arity) {
        this.factory = factory;
        this.swept = swept;
        this.data = data;
        this.steps = steps;
        this.stepFraction = stepFraction;
        this.seeds = seeds;
        this.progress = progress;
        this.names = names;
        this.measures = measures;
        this.arity = arity;
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
        return new InitVersusTrained(factory, swept.clone(), null, 100, GradientDescent.DEFAULT_STEP_FRACTION, 3, s -> { },
                List.of(FINAL_LOSS, DISTANCE), List.of(), List.of());
    }

    /** The training data (required); its inputs are also what the measurements usually average over. */
    public InitVersusTrained data(TrainingSet d) {
        return new InitVersusTrained(factory, swept, Require.notNull("data", d), steps, stepFraction, seeds, progress, names, measures, arity);
    }

    /** Full-batch GD steps T ≥ 1 (default 100). */
    public InitVersusTrained steps(int t) {
        return new InitVersusTrained(factory, swept, data, Require.positive("steps", t), stepFraction, seeds, progress, names, measures, arity);
    }

    /** η = c / λ_max(K₀) per network (default c = 1). */
    public InitVersusTrained stepFraction(double c) {
        return new InitVersusTrained(factory, swept, data, steps, Require.positive("stepFraction", c), seeds, progress, names, measures, arity);
    }

    /** Seeds 0 … s−1 per swept value (replicate r is seed r at every swept value; default 3). */
    public InitVersusTrained seeds(int s) {
        return new InitVersusTrained(factory, swept, data, steps, stepFraction, Require.positive("seeds", s), progress, names, measures, arity);
    }

    /** A callback told about each finished swept value (e.g. {@code System.out::println}). */
    public InitVersusTrained progress(Consumer<String> p) {
        return new InitVersusTrained(factory, swept, data, steps, stepFraction, seeds, Require.notNull("progress", p), names, measures, arity);
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
        List<String> n = new ArrayList<>(names);
        for (String name : newNames) {
            if (n.contains(Require.notNull("name", name))) {
                throw new IllegalArgumentException("name \"" + name + "\" is already measured; names must be distinct");
            }
            n.add(name);
        }
        List<Function<DeepNet, double[]>> ms = new ArrayList<>(measures);
        ms.add(m);
        List<Integer> a = new ArrayList<>(arity);
        a.add(newNames.size());
        return new InitVersusTrained(factory, swept, data, steps, stepFraction, seeds, progress, List.copyOf(n), List.copyOf(ms), List.copyOf(a));
    }

    /** Builds, measures, trains and re-measures every (swept value, seed), swept value by swept value. */
    public InitVersusTrainedResult run() {
        if (data == null) {
            throw new IllegalStateException("call data(trainingSet) before run()");
        }
        long start = System.nanoTime();
        List<String> keys = new ArrayList<>();
        for (State st : State.values()) {
            for (String n : names) {
                keys.add(InitVersusTrainedResult.key(n, st));
            }
        }
        List<double[]> atValue = new ArrayList<>(); // the current swept value's rows, one per seed so far
        long[] valueStart = new long[1];
        SweepResult values = Sweep.widths(swept).seeds(seeds).quiet().measure(keys, (w, s) -> {
            if (s == 0) {
                atValue.clear();
                valueStart[0] = System.nanoTime();
            }
            DeepNet net = Require.notNull("factory result", factory.create(w, s));
            double[] row = new double[2 * names.size()];
            record(row, 0, net, SquareLoss.value(net, data.inputs(), data.targets()), 0);
            TrainingRun run = GradientDescent.on(net, data).steps(steps).stepFraction(stepFraction).recordEvery(steps)
                    .trackKernel(false).run();
            record(row, names.size(), (DeepNet) run.model(), run.finalLoss(), run.finalDistance());
            atValue.add(row);
            if (s == seeds - 1) {
                progress.accept(progressLine(w, atValue, (System.nanoTime() - valueStart[0]) / 1e9));
            }
            return row;
        }).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new InitVersusTrainedResult(names, values, steps, stepFraction, seconds);
    }

    /** Writes loss, distance and every measurement of {@code net} into row[from …]. */
    private void record(double[] row, int from, DeepNet net, double loss, double distance) {
        row[from] = loss;
        row[from + 1] = distance;
        int c = from + 2;
        for (int k = 0; k < measures.size(); k++) {
            double[] out = measures.get(k).apply(net);
            if (out == null || out.length != arity.get(k)) {
                throw new IllegalArgumentException("measurement " + names.subList(c - from, c - from + arity.get(k)) + " must return "
                        + arity.get(k) + " value(s), got " + (out == null ? "null" : out.length));
            }
            System.arraycopy(out, 0, row, c, out.length);
            c += out.length;
        }
    }

    private String progressLine(int w, List<double[]> rows, double secs) {
        int n = names.size();
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%d: loss %.3g → %.3g, ‖θ_T − θ₀‖ = %.3g",
                w, mean(rows, 0), mean(rows, n), mean(rows, n + 1)));
        for (int c = 2; c < n; c++) {
            b.append(String.format(java.util.Locale.ROOT, "; %s %.4g → %.4g", names.get(c), mean(rows, c), mean(rows, n + c)));
        }
        return b.append(String.format(java.util.Locale.ROOT, " (means of %d seed%s, %.1f s)", seeds, seeds == 1 ? "" : "s", secs)).toString();
    }

    private static double mean(List<double[]> rows, int c) {
        return Stats.mean(rows.stream().mapToDouble(r -> r[c]).toArray());
    }

    /** One line: what is compared (call {@link #run()} for the results). */
    @Override
    public String toString() {
        return "InitVersusTrained over " + java.util.Arrays.toString(swept) + ", " + seeds + " seed" + (seeds == 1 ? "" : "s") + ", "
                + steps + " GD steps, measures " + names + " (call run())";
    }
}
