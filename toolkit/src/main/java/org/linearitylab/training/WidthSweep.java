package org.linearitylab.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.linearitylab.core.Memory;
import org.linearitylab.core.Progress;
import org.linearitylab.core.Require;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.experiment.Stats;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.experiment.SweepResult;
import org.linearitylab.model.DifferentiableModel;
import org.linearitylab.model.Linearized;

/**
 * Trains a family of networks of growing width m with full-batch GD — and, optionally, each network's
 * linearization from the same start with the same step size — and measures, per width and seed:
 * the kernel drift max_t ‖K_t − K₀‖/‖K₀‖, the distance ‖θ_T − θ₀‖, the final loss, λ_min(K₀), and the gap
 * max_{t,j} |f_t(xⱼ) − f_lin,t(xⱼ)| between network and linear model along the path.
 *
 * <pre>{@code
 * WidthSweepResult r = WidthSweep.of((m, seed) -> TwoLayerNet.tanh(m, 5, seed), 32, 100, 316, 1000, 3162)
 *     .data(TrainingSet.sphere(16, 5, 0)).steps(300).run();
 * r.fit(WidthSweep.KERNEL_DRIFT).slope();   // ≈ −1/2
 * }</pre>
 *
 * Immutable configuration: every setter returns a new WidthSweep; {@link #run()} runs it on the one sweep engine
 * ({@link Sweep}, seeds 0 … s−1: replicate r is seed r at every width) and returns a {@link WidthSweepResult}.
 */
public final class WidthSweep {
    /**
     * The runs a result keeps (seed 0 of each width) hold their initial and trained models only up to this many
     * parameters; beyond it only the histories are kept ({@link TrainingRun#model()} says so). At m = 3162 a deep
     * net's two models are 160 MB off-heap, which in a 2 GB notebook kernel left no room to re-run the cell.
     */
    public static final int KEEP_MODELS_UP_TO = 2_000_000;

    /** Builds the network of width m from a seed. */
    @FunctionalInterface
    public interface Factory {
        DifferentiableModel create(int width, long seed);
    }

    public static final String WIDTH = "width m";
    public static final String PARAMETERS = "parameters P";
    public static final String LAMBDA_MIN_0 = "λ_min(K₀)";
    public static final String FINAL_LOSS = "final loss";
    public static final String KERNEL_DRIFT = "max ‖K−K₀‖/‖K₀‖";
    public static final String DISTANCE = "‖θ_T−θ₀‖";
    public static final String RELATIVE_DISTANCE = "‖θ_T−θ₀‖/‖θ₀‖";
    public static final String LINEAR_GAP = "max |f − f_lin|";
    public static final String LINEAR_FINAL_LOSS = "final loss (linearized)";
    /** {@link TrainingRun#plConstantRatio()}: min_t λ_min(K_t)/λ_min(K₀) (0 when K₀ is singular). */
    public static final String PL_RATIO = "min_t λ_min(K_t)/λ_min(K₀)";
    /** {@link TrainingRun#maxStepTimesLambdaMax()}: max_t η λ_max(K_t). */
    public static final String MAX_ETA_LAMBDA = "max_t ηλ_max(K_t)";
    /** {@link TrainingRun#maxLossIncrease()}: the largest rise of the loss between recorded steps. */
    public static final String MAX_LOSS_RISE = "max_t L_t/L_{t−1}";
    /** {@link TrainingRun#instabilityGrowth()}: Π_t max(1, |1 − ηλ_max(K_t)|). */
    public static final String INSTABILITY_GROWTH = "Π max(1, |1 − ηλ_max|)";

    /** Every measured quantity, in table order. */
    static final List<String> NAMES = List.of(LAMBDA_MIN_0, FINAL_LOSS, KERNEL_DRIFT, DISTANCE, RELATIVE_DISTANCE, LINEAR_GAP,
        LINEAR_FINAL_LOSS, PL_RATIO, MAX_ETA_LAMBDA, MAX_LOSS_RISE, INSTABILITY_GROWTH);
    /** The quantities that exist only with {@link #compareWithLinearized} on. */
    static final List<String> LINEAR_NAMES = List.of(LINEAR_GAP, LINEAR_FINAL_LOSS);

    private static final Consumer<String> PROGRESS_DISPLAY = s -> { }; // default: one core.Progress display

    private final Factory factory;
    private final int[] widths;
    private final TrainingSet data;
    private final int steps;
    private final double stepFraction;
    private final int seeds;
    private final boolean linearized;
    private final int recordEvery;
    private final Consumer<String> progress;

    private WidthSweep(Factory factory, int[] widths, TrainingSet data, int steps, double stepFraction, int seeds, boolean linearized,
                       int recordEvery, Consumer<String> progress) {
        this.factory = factory;
        this.widths = widths;
        this.data = data;
        this.steps = steps;
        this.stepFraction = stepFraction;
        this.seeds = seeds;
        this.linearized = linearized;
        this.recordEvery = recordEvery;
        this.progress = progress;
    }

    /** A sweep over {@code widths} (each ≥ 1) of the networks {@code factory} builds. */
    public static WidthSweep of(Factory factory, int... widths) {
        Require.notNull("factory", factory);
        Require.notNull("widths", widths);
        if (widths.length == 0) {
            throw new IllegalArgumentException("widths must hold at least one width");
        }
        for (int w : widths) {
            Require.positive("width", w);
        }
        return new WidthSweep(factory, widths.clone(), null, GradientDescent.DEFAULT_STEPS, GradientDescent.DEFAULT_STEP_FRACTION, 1, true,
                1, PROGRESS_DISPLAY);
    }

    /** The training data (required). */
    public WidthSweep data(TrainingSet d) {
        return new WidthSweep(factory, widths, Require.notNull("data", d), steps, stepFraction, seeds, linearized, recordEvery, progress);
    }

    /** GD steps per run (default 200). */
    public WidthSweep steps(int t) {
        return new WidthSweep(factory, widths, data, Require.positive("steps", t), stepFraction, seeds, linearized, recordEvery, progress);
    }

    /** η = c / λ_max(K₀) per network (default c = 1). */
    public WidthSweep stepFraction(double c) {
        return new WidthSweep(factory, widths, data, steps, Require.positive("stepFraction", c), seeds, linearized, recordEvery, progress);
    }

    /** Seeds 0..s−1 per width (replicate r is seed r at every width), results averaged (default 1). */
    public WidthSweep seeds(int s) {
        return new WidthSweep(factory, widths, data, steps, stepFraction, Require.positive("seeds", s), linearized, recordEvery, progress);
    }

    /** Whether to train the linearized model too (default true). */
    public WidthSweep compareWithLinearized(boolean on) {
        return new WidthSweep(factory, widths, data, steps, stepFraction, seeds, on, recordEvery, progress);
    }

    /** Record the kernel every k steps (default 1; larger is faster, drift is then a max over fewer steps). */
    public WidthSweep recordEvery(int k) {
        return new WidthSweep(factory, widths, data, steps, stepFraction, seeds, linearized, Require.positive("recordEvery", k), progress);
    }

    /** A callback told about each finished width, all its seeds (e.g. {@code System.out::println}); default: one {@link Progress} display. */
    public WidthSweep progress(Consumer<String> p) {
        return new WidthSweep(factory, widths, data, steps, stepFraction, seeds, linearized, recordEvery, Require.notNull("progress", p));
    }

    /** Runs every width and seed (width by width, seeds in order) and returns the results. */
    public WidthSweepResult run() {
        if (data == null) {
            throw new IllegalStateException("call data(trainingSet) before run()");
        }
        Memory.require("the sweep's stored runs (" + widths.length + " widths × " + (steps / recordEvery + 2)
                + " recorded steps × n = " + data.size() + " outputs, network and linearization)", Memory.doubles("runs",
                widths.length, 2, steps / recordEvery + 2L, data.size() + 8L), 0, "Record less often (recordEvery) or sweep fewer widths");
        List<String> names = NAMES.stream().filter(n -> linearized || !LINEAR_NAMES.contains(n)).toList();
        List<TrainingRun> networkRuns = new ArrayList<>(); // seed 0 of each width
        List<TrainingRun> linearRuns = new ArrayList<>();
        int[] parameters = new int[widths.length];
        List<double[]> atWidth = new ArrayList<>();         // the current width's values, one per seed so far
        long[] widthStart = new long[1];
        Progress bar = progress == PROGRESS_DISPLAY ? Progress.start("training", widths.length * seeds) : null;
        SweepResult values = Sweep.widths(widths).seeds(seeds).quiet().measure(names, (m, s) -> {
            if (s == 0) {
                atWidth.clear();
                widthStart[0] = System.nanoTime();
            }
            DifferentiableModel net = factory.create(m, s);
            TrainingRun run = GradientDescent.on(net, data).steps(steps).stepFraction(stepFraction).recordEvery(recordEvery).run();
            double norm0 = net.parameterNorm();
            double gap = Double.NaN;
            double linLoss = Double.NaN;
            TrainingRun linRun = null;
            if (linearized) {
                linRun = GradientDescent.on(Linearized.of(net), data).steps(steps).stepSize(run.stepSize())
                        .recordEvery(recordEvery).trackKernel(false).run();
                gap = run.maxOutputGap(linRun);
                linLoss = linRun.finalLoss();
            }
            boolean keepModels = s == 0 && net.parameterCount() <= KEEP_MODELS_UP_TO;
            if (!keepModels && run.model() != net && run.model() instanceof org.linearitylab.model.DeepNet trained) {
                // a trained net only this sweep has seen and does not keep: free its weights now, not at the next GC
                // (at m = 3162 each is 80 MB off-heap, and the kernel's budget is ~1 GB)
                trained.releaseNativeMemory();
            }
            if (s == 0) {
                String why = "WidthSweep keeps the models of its runs up to P = " + KEEP_MODELS_UP_TO + " parameters, and this net has P = "
                        + net.parameterCount() + " (so that re-running a sweep at large width fits in a notebook kernel's memory); "
                        + "for the models, train again: GradientDescent.on(factory.create(" + m + ", 0), data)";
                networkRuns.add(keepModels ? run : run.withoutModels(why));
                linearRuns.add(linRun == null || keepModels ? linRun : linRun.withoutModels(why));
                parameters[networkRuns.size() - 1] = net.parameterCount();
            }
            double[] v = {run.initialKernel().lambdaMin(), run.finalLoss(), run.maxKernelDrift(), run.finalDistance(),
                run.finalDistance() / norm0, gap, linLoss, run.plConstantRatio(), run.maxStepTimesLambdaMax(), run.maxLossIncrease(),
                run.instabilityGrowth()};
            atWidth.add(v);
            if (bar != null) {
                bar.step("m = " + m + ", seed " + s);
            }
            if (s == seeds - 1) {
                progress.accept(progressLine(m, atWidth, (System.nanoTime() - widthStart[0]) / 1e9));
            }
            return names.stream().mapToDouble(n -> v[NAMES.indexOf(n)]).toArray();
        }).run();
        if (bar != null) {
            bar.done();
        }
        String title = String.format("GD on the square loss, %d steps, η = %.3g/λ_max(K₀), n = %d, %d seed%s", steps, stepFraction,
                data.size(), seeds, seeds == 1 ? "" : "s");
        return new WidthSweepResult(title, steps, parameters, values, networkRuns, linearRuns);
    }

    private String progressLine(int m, List<double[]> atWidth, double seconds) {
        StringBuilder b = new StringBuilder(String.format("m = %d: kernel drift %s", m, meanSd(atWidth, KERNEL_DRIFT)));
        if (linearized) {
            b.append(", gap to linearization ").append(meanSd(atWidth, LINEAR_GAP));
        }
        b.append(", final loss ").append(meanSd(atWidth, FINAL_LOSS));
        if (seeds > 1) {
            b.append(" (mean ± sd of ").append(seeds).append(" seeds)");
        }
        return b.append(String.format(", %.1f s", seconds)).toString();
    }

    private static String meanSd(List<double[]> atWidth, String name) {
        double[] v = atWidth.stream().mapToDouble(r -> r[NAMES.indexOf(name)]).toArray();
        return v.length == 1 ? String.format("%.3g", v[0]) : String.format("%.3g ± %.2g", Stats.mean(v), Stats.std(v));
    }

    /** One line: what is swept (call {@link #run()} for the results). */
    @Override
    public String toString() {
        return "WidthSweep over widths " + Arrays.toString(widths) + ", " + seeds + " seed" + (seeds == 1 ? "" : "s")
                + ", " + steps + " GD steps (call run())";
    }
}
