package org.linearitylab.training;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Progress;
import org.linearitylab.core.Require;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.display.Formatting;
import org.linearitylab.display.Html;
import org.linearitylab.display.Tables;
import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.experiment.Stats;
import org.linearitylab.model.DifferentiableModel;
import org.linearitylab.model.Linearized;

/**
 * Trains a family of networks of growing width m with full-batch GD — and, optionally, each network's
 * linearization from the same start with the same step size — and tabulates, per width (mean over seeds):
 * the kernel drift max_t ‖K_t − K₀‖/‖K₀‖, the distance ‖θ_T − θ₀‖, the final loss, λ_min(K₀), and the gap
 * max_{t,j} |f_t(xⱼ) − f_lin,t(xⱼ)| between network and linear model along the path.
 *
 * <pre>{@code
 * var sweep = WidthSweep.of((m, seed) -> TwoLayerNet.tanh(m, 5, seed), 32, 100, 316, 1000, 3162)
 *     .data(TrainingSet.sphere(16, 5, 0)).steps(300).run();
 * sweep.fit(WidthSweep.KERNEL_DRIFT).slope();   // ≈ −1/2
 * }</pre>
 */
public final class WidthSweep implements Html {
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

    private static final String[] NAMES = {LAMBDA_MIN_0, FINAL_LOSS, KERNEL_DRIFT, DISTANCE, RELATIVE_DISTANCE, LINEAR_GAP,
        LINEAR_FINAL_LOSS, PL_RATIO, MAX_ETA_LAMBDA, MAX_LOSS_RISE, INSTABILITY_GROWTH};

    private final Factory factory;
    private final int[] widths;
    private TrainingSet data;
    private int steps = GradientDescent.DEFAULT_STEPS;
    private double stepFraction = GradientDescent.DEFAULT_STEP_FRACTION;
    private int seeds = 1;
    private boolean linearized = true;
    private int recordEvery = 1;
    private static final Consumer<String> PROGRESS_DISPLAY = s -> { }; // default: one notebook.Progress display
    private Consumer<String> progress = PROGRESS_DISPLAY;
    private Table table;
    private double[][][] perSeed; // [width][seed][column of NAMES]
    private final List<TrainingRun> networkRuns = new ArrayList<>();
    private final List<TrainingRun> linearRuns = new ArrayList<>();

    private WidthSweep(Factory factory, int[] widths) {
        this.factory = factory;
        this.widths = widths;
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
        return new WidthSweep(factory, widths.clone());
    }

    /** The training data (required). */
    public WidthSweep data(TrainingSet d) {
        this.data = Require.notNull("data", d);
        return this;
    }

    /** GD steps per run (default 200). */
    public WidthSweep steps(int t) {
        this.steps = Require.positive("steps", t);
        return this;
    }

    /** η = c / λ_max(K₀) per network (default c = 1). */
    public WidthSweep stepFraction(double c) {
        this.stepFraction = Require.positive("stepFraction", c);
        return this;
    }

    /** Seeds 0..s−1 per width, results averaged (default 1). */
    public WidthSweep seeds(int s) {
        this.seeds = Require.positive("seeds", s);
        return this;
    }

    /** Whether to train the linearized model too (default true). */
    public WidthSweep compareWithLinearized(boolean on) {
        this.linearized = on;
        return this;
    }

    /** Record the kernel every k steps (default 1; larger is faster, drift is then a max over fewer steps). */
    public WidthSweep recordEvery(int k) {
        this.recordEvery = Require.positive("recordEvery", k);
        return this;
    }

    /** A callback told about each finished width, all its seeds (e.g. {@code System.out::println}); default: one {@link Progress} display. */
    public WidthSweep progress(Consumer<String> p) {
        this.progress = Require.notNull("progress", p);
        return this;
    }

    /** Runs every width and seed; returns this sweep with its {@link #table()} filled. */
    public WidthSweep run() {
        if (data == null) {
            throw new IllegalStateException("call data(trainingSet) before run()");
        }
        org.linearitylab.core.Memory.require("the sweep's stored runs (" + widths.length + " widths × " + (steps / recordEvery + 2)
                + " recorded steps × n = " + data.size() + " outputs, network and linearization)", org.linearitylab.core.Memory.doubles("runs",
                widths.length, 2, steps / recordEvery + 2L, data.size() + 8L), 0, "Record less often (recordEvery) or sweep fewer widths");
        networkRuns.clear();
        linearRuns.clear();
        IntColumn width = IntColumn.create(WIDTH);
        IntColumn params = IntColumn.create(PARAMETERS);
        perSeed = new double[widths.length][seeds][];
        int wi = 0;
        List<DoubleColumn> cols = new ArrayList<>();
        for (String n : NAMES) {
            cols.add(DoubleColumn.create(n));
        }
        Progress bar = progress == PROGRESS_DISPLAY ? Progress.start("training", widths.length * seeds) : null;
        for (int m : widths) {
            int p = 0;
            long t0 = System.nanoTime();
            for (int s = 0; s < seeds; s++) {
                DifferentiableModel net = factory.create(m, s);
                p = net.parameterCount();
                TrainingRun run = GradientDescent.on(net, data).steps(steps).stepFraction(stepFraction).recordEvery(recordEvery).run();
                double[] theta0 = net.parameters();
                double norm0 = 0;
                for (double v : theta0) {
                    norm0 += v * v;
                }
                norm0 = Math.sqrt(norm0);
                double gap = Double.NaN;
                double linLoss = Double.NaN;
                TrainingRun linRun = null;
                if (linearized) {
                    TrainingRun lin = GradientDescent.on(Linearized.of(net), data).steps(steps).stepSize(run.stepSize())
                            .recordEvery(recordEvery).trackKernel(false).run();
                    gap = run.maxOutputGap(lin);
                    linLoss = lin.finalLoss();
                    linRun = lin;
                }
                if (s == 0) {
                    networkRuns.add(run);
                    linearRuns.add(linRun);
                }
                double[] v = {run.initialKernel().lambdaMin(), run.finalLoss(), run.maxKernelDrift(), run.finalDistance(),
                    run.finalDistance() / norm0, gap, linLoss, run.plConstantRatio(), run.maxStepTimesLambdaMax(), run.maxLossIncrease(),
                    run.instabilityGrowth()};
                for (int c = 0; c < v.length; c++) {
                    boolean linearColumn = c == 5 || c == 6; // the gap and the linearization's loss exist only with compareWithLinearized
                    if ((linearized || !linearColumn) && !Double.isFinite(v[c])) {
                        throw new IllegalArgumentException(NAMES[c] + " is " + v[c] + " at width m = " + m + ", seed " + s
                                + ": a sweep keeps finite measurements only (try a smaller stepFraction, or check that width and seed)");
                    }
                }
                perSeed[wi][s] = v;
                if (bar != null) {
                    bar.step("m = " + m + ", seed " + s);
                }
            }
            progress.accept(progressLine(m, wi, (System.nanoTime() - t0) / 1e9));
            width.append(m);
            params.append(p);
            for (int c = 0; c < NAMES.length; c++) {
                cols.get(c).append(Stats.mean(overSeeds(wi, c)));
            }
            wi++;
        }
        if (bar != null) {
            bar.done();
        }
        Table t = Table.create(String.format("GD on the square loss, %d steps, η = %.3g/λ_max(K₀), n = %d, %d seed%s", steps, stepFraction,
                data.size(), seeds, seeds == 1 ? "" : "s"));
        t.addColumns(width, params);
        for (DoubleColumn c : cols) {
            t.addColumns(c);
        }
        this.table = t;
        return this;
    }

    /** The results, one row per width. */
    public Table table() {
        requireRun();
        return table;
    }

    /** The network's training run at widths[i] (seed 0). */
    public TrainingRun networkRun(int i) {
        requireRun();
        return networkRuns.get(Require.inRange("i", i, 0, widths.length - 1));
    }

    /** The linearized model's run at widths[i] (seed 0); requires {@link #compareWithLinearized} on. */
    public TrainingRun linearRun(int i) {
        requireRun();
        TrainingRun r = linearRuns.get(Require.inRange("i", i, 0, widths.length - 1));
        if (r == null) {
            throw new IllegalStateException("the linearized models were not trained: compareWithLinearized(true) before run()");
        }
        return r;
    }

    /** The widths as doubles (for charts). */
    public double[] widths() {
        double[] w = new double[widths.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = widths[i];
        }
        return w;
    }

    /** A result column by name (e.g. {@link #KERNEL_DRIFT}). */
    public double[] column(String name) {
        requireRun();
        return table.doubleColumn(name).asDoubleArray();
    }

    /** The log-log fit of a column (the seed means) against width: the measured exponent. */
    public LogLogFit fit(String name) {
        return LogLogFit.of(widths(), column(name));
    }

    /** The number of seeds per width. */
    public int seedCount() {
        return seeds;
    }

    /** A result by name at every width for one seed s (0 ≤ s &lt; seeds), e.g. {@link #KERNEL_DRIFT}. */
    public double[] column(String name, int seed) {
        requireRun();
        int c = index(name);
        Require.inRange("seed", seed, 0, seeds - 1);
        double[] out = new double[widths.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = perSeed[i][seed][c];
        }
        return out;
    }

    /** The sample standard deviation of a result over the seeds, per width (0 with one seed). */
    public double[] spread(String name) {
        requireRun();
        int c = index(name);
        double[] out = new double[widths.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Stats.std(overSeeds(i, c));
        }
        return out;
    }

    /** One log-log fit per seed: the spread of their slopes says how far to trust {@link #fit}'s exponent. */
    public LogLogFit[] fitsPerSeed(String name) {
        LogLogFit[] fits = new LogLogFit[seeds];
        for (int s = 0; s < seeds; s++) {
            fits[s] = LogLogFit.of(widths(), column(name, s));
        }
        return fits;
    }

    /** The slopes of {@link #fitsPerSeed}: {mean, sample standard deviation (0 with one seed), min, max}. */
    public double[] slopeOverSeeds(String name) {
        LogLogFit[] fits = fitsPerSeed(name);
        double[] slopes = new double[fits.length];
        for (int s = 0; s < fits.length; s++) {
            slopes[s] = fits[s].slope();
        }
        return new double[]{Stats.mean(slopes), Stats.std(slopes), Stats.min(slopes), Stats.max(slopes)};
    }

    /** Column c of every seed's results at widths[i]. */
    private double[] overSeeds(int i, int c) {
        double[] v = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            v[s] = perSeed[i][s][c];
        }
        return v;
    }

    private String progressLine(int m, int i, double seconds) {
        StringBuilder b = new StringBuilder(String.format("m = %d: kernel drift %s", m, meanSd(overSeeds(i, 2))));
        if (linearized) {
            b.append(", gap to linearization ").append(meanSd(overSeeds(i, 5)));
        }
        b.append(", final loss ").append(meanSd(overSeeds(i, 1)));
        if (seeds > 1) {
            b.append(" (mean ± sd of ").append(seeds).append(" seeds)");
        }
        return b.append(String.format(", %.1f s", seconds)).toString();
    }

    private static String meanSd(double[] v) {
        return v.length == 1 ? String.format("%.3g", v[0]) : String.format("%.3g ± %.2g", Stats.mean(v), Stats.std(v));
    }

    private static int index(String name) {
        for (int c = 0; c < NAMES.length; c++) {
            if (NAMES[c].equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("name must be one of " + java.util.Arrays.toString(NAMES) + ", got \"" + name + "\"");
    }

    @Override
    public String toHtml() {
        Table shown = table().copy();
        shown.setName(table.name());
        return Tables.html(Formatting.significant(shown, 4));
    }

    private void requireRun() {
        if (table == null) {
            throw new IllegalStateException("this WidthSweep over widths " + java.util.Arrays.toString(widths) + " has not run yet: "
                    + "run the cell that calls .run() on it first (the section that trains this sweep), then this cell again");
        }
    }

    /** One line: what was swept and, once run, the size of the result table (its rich form is the table). */
    @Override
    public String toString() {
        return "WidthSweep over widths " + java.util.Arrays.toString(widths) + ", " + seeds + " seed" + (seeds == 1 ? "" : "s")
                + ", " + steps + " GD steps" + (table == null ? " (not run yet: call run())" : ": " + table.rowCount() + " rows × "
                + table.columnCount() + " columns");
    }
}
