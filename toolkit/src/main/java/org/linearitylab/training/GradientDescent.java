package org.linearitylab.training;

import java.util.ArrayList;
import java.util.List;
import org.linearitylab.analysis.TangentKernel;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.model.DeepNet;
import org.linearitylab.model.DifferentiableModel;
import org.linearitylab.model.Linearized;


/**
 * Full-batch gradient descent (and mini-batch SGD) on the square loss L(θ) = ½ Σⱼ (f(θ; xⱼ) − yⱼ)²:
 * <pre>  θ_{t+1} = θ_t − η ∇L(θ_t) = θ_t − η J(θ_t)ᵀ (f(θ_t) − y).</pre>
 * SGD uses a random mini-batch B of size b each step (drawn without replacement within the step):
 * θ_{t+1} = θ_t − η J_Bᵀ (f_B − y_B), the gradient of ½ Σ_{j∈B}(fⱼ − yⱼ)².
 *
 * <p>The step size is either given ({@link #stepSize}) or chosen from the tangent kernel at the start:
 * η = c / λ_max(K(θ₀)) ({@link #stepFraction}, default c = 1). For a linear model GD on this loss is stable
 * exactly when η &lt; 2/λ_max(K). A run that diverges (loss NaN/∞, or more than {@link #divergenceFactor}
 * times its initial value) throws {@link TrainingDivergedException} naming the step and the stable range.
 *
 * <pre>{@code
 * TrainingRun run = GradientDescent.on(net, data.inputs(), data.targets()).steps(300).run();
 * run.history();            // a Tablesaw table: step, loss, ‖∇L‖², ‖θ−θ₀‖, kernel drift, λ_min, λ_max, PL ratio
 * }</pre>
 *
 * A mutable builder: configure, then {@link #run()} (which may be called again).
 */
public final class GradientDescent {
    /** Default number of steps. */
    public static final int DEFAULT_STEPS = 200;
    /** Default c in η = c / λ_max(K₀). */
    public static final double DEFAULT_STEP_FRACTION = 1.0;
    /** Default: a loss above this multiple of the initial loss is divergence. */
    public static final double DEFAULT_DIVERGENCE_FACTOR = 1e4;

    private final DifferentiableModel model;
    private final double[][] inputs;
    private final double[] targets;
    private double stepSize = Double.NaN;
    private double stepFraction = DEFAULT_STEP_FRACTION;
    private int steps = DEFAULT_STEPS;
    private int batchSize;
    private long seed;
    private int recordEvery = 1;
    private boolean trackKernel = true;
    private double[][] probe;
    private double divergenceFactor = DEFAULT_DIVERGENCE_FACTOR;

    private GradientDescent(DifferentiableModel model, double[][] inputs, double[] targets) {
        this.model = model;
        this.inputs = inputs;
        this.targets = targets;
        this.batchSize = inputs.length;
    }

    /** Training of {@code model} (from its current parameters θ₀) on inputs (n×d) and targets (n). */
    public static GradientDescent on(DifferentiableModel model, double[][] inputs, double[] targets) {
        Require.notNull("model", model);
        int d = Require.finiteMatrix("inputs", inputs);
        if (d != model.inputDim()) {
            throw new IllegalArgumentException("inputs rows must have length " + model.inputDim() + " (the model's input dimension), got " + d);
        }
        Require.length("targets", targets, inputs.length);
        Require.finite("targets", targets);
        return new GradientDescent(model, inputs, targets);
    }

    /** Training on a {@link TrainingSet}. */
    public static GradientDescent on(DifferentiableModel model, TrainingSet data) {
        Require.notNull("data", data);
        return on(model, data.inputs(), data.targets());
    }

    /** A fixed step size η &gt; 0 (overrides {@link #stepFraction}). */
    public GradientDescent stepSize(double eta) {
        this.stepSize = Require.positive("stepSize", eta);
        return this;
    }

    /** η = c / λ_max(K(θ₀)), c &gt; 0 (default 1; GD on a linear model diverges for c &gt; 2). */
    public GradientDescent stepFraction(double c) {
        this.stepFraction = Require.positive("stepFraction", c);
        this.stepSize = Double.NaN;
        return this;
    }

    /** The number of steps T ≥ 0 (default 200). */
    public GradientDescent steps(int t) {
        this.steps = Require.inRange("steps", t, 0, Integer.MAX_VALUE - 1);
        return this;
    }

    /** Mini-batch size b for SGD, 1 ≤ b ≤ n (default n: full-batch GD). */
    public GradientDescent batchSize(int b) {
        this.batchSize = Require.inRange("batchSize", b, 1, inputs.length);
        return this;
    }

    /** Seed of the mini-batch sampling (default 0). */
    public GradientDescent seed(long s) {
        this.seed = s;
        return this;
    }

    /** Record a history row every k steps (and always at the last step); default 1. */
    public GradientDescent recordEvery(int k) {
        this.recordEvery = Require.positive("recordEvery", k);
        return this;
    }

    /** Whether history rows include the tangent kernel (drift, λ_min, λ_max, PL ratio); default true. */
    public GradientDescent trackKernel(boolean track) {
        this.trackKernel = track;
        return this;
    }

    /** Extra inputs (k×d) whose outputs are recorded at every history row (e.g. test points or a grid). */
    public GradientDescent probe(double[][] probeInputs) {
        int d = Require.finiteMatrix("probe", probeInputs);
        if (d != model.inputDim()) {
            throw new IllegalArgumentException("probe rows must have length " + model.inputDim() + ", got " + d);
        }
        this.probe = probeInputs;
        return this;
    }

    /** Divergence threshold: loss &gt; factor × initial loss stops training with an exception (factor &gt; 1). */
    public GradientDescent divergenceFactor(double factor) {
        Require.positive("divergenceFactor", factor);
        if (!(factor > 1)) {
            throw new IllegalArgumentException("divergenceFactor must be > 1, got " + factor);
        }
        this.divergenceFactor = factor;
        return this;
    }

    /**
     * Runs T steps from θ₀ and returns the trajectory (with ND4J single-threaded meanwhile below 2·10⁶ parameters, see
     * {@link SingleThreaded}).
     */
    public TrainingRun run() {
        return SingleThreaded.forParameters(model.parameterCount(), this::runSteps);
    }

    private TrainingRun runSteps() {
        TangentKernel k0 = TangentKernel.of(model, inputs);
        double eta = Double.isNaN(stepSize) ? stepFraction / k0.lambdaMax() : stepSize;
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("the step size from the kernel, " + stepFraction + "/λ_max(K₀) = " + eta
                    + ", is not a finite number > 0 (λ_max(K₀) = " + k0.lambdaMax() + "); pass stepSize(η) explicitly");
        }
        double stable = 2 / k0.lambdaMax();
        return model instanceof Linearized lin ? runInFunctionSpace(lin, k0, eta, stable) : runInParameterSpace(k0, eta, stable);
    }

    /**
     * The general loop: θ ← θ − η ∇L(θ) with ∇L = Jᵀr by the model's backprop ({@link DifferentiableModel#weightedGradient});
     * at recorded steps the kernel comes from {@link DifferentiableModel#tangentKernel}, so no n×P Jacobian is formed.
     */
    private TrainingRun runInParameterSpace(TangentKernel k0, double eta, double stable) {
        int n = inputs.length;
        boolean fullBatch = batchSize == n;
        if (fullBatch && model instanceof DeepNet deep) {
            return runDeepNet(deep, k0, eta, stable);
        }
        double[] theta0 = model.parameters();
        double[] theta = theta0.clone();
        DifferentiableModel current = model;
        Recorder rec = new Recorder();
        Rng rng = Rng.seed(seed);
        LossGuard guard = new LossGuard(eta, stable);

        for (int t = 0; t <= steps; t++) {
            boolean record = t % recordEvery == 0 || t == steps;
            double[] r = null;
            double[] fullGrad = null;
            if (record || fullBatch) {
                double[] f = current.outputs(inputs);
                r = residual(f, targets);
                double loss = guard.loss(t, f);
                if (record) {
                    fullGrad = current.weightedGradient(inputs, r);
                    TangentKernel k = !trackKernel ? null : t == 0 ? k0 : TangentKernel.of(current, inputs);
                    rec.add(t, loss, dot(fullGrad, fullGrad), distance(theta, theta0), k, k0, f,
                            probe == null ? null : current.outputs(probe));
                }
            }
            if (t == steps) {
                break;
            }
            double[] grad;
            if (fullBatch) {
                grad = fullGrad != null ? fullGrad : current.weightedGradient(inputs, r);
            } else {
                int[] batch = batch(rng, n);
                double[][] bx = new double[batchSize][];
                double[] by = new double[batchSize];
                for (int b = 0; b < batchSize; b++) {
                    bx[b] = inputs[batch[b]];
                    by[b] = targets[batch[b]];
                }
                grad = current.weightedGradient(bx, residual(current.outputs(bx), by));
            }
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= eta * grad[i];
                if (!Double.isFinite(theta[i])) {
                    throw diverged(t + 1, Double.NaN, guard.loss0, eta, stable, "a parameter became " + theta[i]);
                }
            }
            current = current.withParameters(theta);
        }
        return rec.run(model, current, eta, k0);
    }

    /**
     * Full-batch GD on a {@link DeepNet} without a P-sized array on the Java heap (issue 19: at P = 1.7·10⁷ each such
     * array is 134 MB): every step is {@link DeepNet#gradientStep} on the native weights (from the second step on
     * {@link DeepNet#gradientStepConsuming}, which updates the buffers of the intermediate net this loop owns instead
     * of copying them), and a history row needs no parameter vector either:
     * <pre>  ‖∇L‖² = ‖Jᵀr‖² = rᵀ K r,   ‖θ − θ₀‖ = (Σₗ ‖W⁽ˡ⁾ − W₀⁽ˡ⁾‖²_F)^½,</pre>
     * K the n×n tangent kernel (two small GEMMs per layer after one backprop pass) and the distance a native
     * reduction over the two nets' weights. Same steps as the general loop, the same history to rounding
     * ({@code GradientDescentTest} compares them).
     */
    private TrainingRun runDeepNet(DeepNet start, TangentKernel k0, double eta, double stable) {
        DeepNet current = start;
        Recorder rec = new Recorder();
        LossGuard guard = new LossGuard(eta, stable);
        for (int t = 0; t <= steps; t++) {
            double[] f = current.outputs(inputs);
            double[] r = residual(f, targets);
            double loss = guard.loss(t, f);
            if (t % recordEvery == 0 || t == steps) {
                TangentKernel k = t == 0 ? k0 : TangentKernel.of(current, inputs);
                rec.add(t, loss, quadraticForm(k.matrix(), r), current.parameterDistance(start), trackKernel ? k : null, k0, f,
                        probe == null ? null : current.outputs(probe));
            }
            if (t == steps) {
                break;
            }
            current = current == start ? current.gradientStep(inputs, r, eta) : current.gradientStepConsuming(inputs, r, eta);
        }
        return rec.run(model, current, eta, k0);
    }

    /**
     * GD on a linearization is kernel regression with the frozen K₀, so it runs in function space (n numbers per
     * step instead of P): θ_t = θ₀ + J₀ᵀ a_t, and a step on the batch B is
     * <pre>  a_B ← a_B − η r_B,   f ← f − η K₀[:, B] r_B,</pre>
     * exactly the parameter-space update θ ← θ − η J₀,Bᵀ r_B mapped through J₀. Then ‖∇L‖² = rᵀK₀r,
     * ‖θ_t − θ₀‖² = aᵀK₀a, probe outputs are f(θ₀; probe) + K₀(probe, X) a, and the final model is θ_T = θ₀ + J₀ᵀa_T, kept as a_T ({@link Linearized#movedAlong}: no P-sized array unless its parameters are asked for).
     * Same batches (same seed) and same history as the parameter-space loop, to rounding.
     */
    private TrainingRun runInFunctionSpace(Linearized lin, TangentKernel k0, double eta, double stable) {
        int n = inputs.length;
        double[][] k = k0.matrix();
        double[] f = lin.outputs(inputs);
        double[][] kProbe = probe == null ? null : lin.tangentKernel(probe, inputs).toDoubleMatrix();
        double[] probe0 = probe == null ? null : lin.outputs(probe);
        double[] a = new double[n];
        Recorder rec = new Recorder();
        Rng rng = Rng.seed(seed);
        LossGuard guard = new LossGuard(eta, stable);
        for (int t = 0; t <= steps; t++) {
            double[] r = residual(f, targets);
            double loss = guard.loss(t, f);
            if (t % recordEvery == 0 || t == steps) {
                double[] probeOut = null;
                if (probe != null) {
                    probeOut = probe0.clone();
                    for (int q = 0; q < probeOut.length; q++) {
                        probeOut[q] += dot(kProbe[q], a);
                    }
                }
                rec.add(t, loss, quadraticForm(k, r), Math.sqrt(Math.max(0, quadraticForm(k, a))), trackKernel ? k0 : null, k0,
                        f.clone(), probeOut);
            }
            if (t == steps) {
                break;
            }
            int[] batch = batchSize == n ? null : batch(rng, n);
            int size = batch == null ? n : batchSize;
            double[] df = new double[n];
            for (int b = 0; b < size; b++) {
                int j = batch == null ? b : batch[b];
                double step = eta * r[j];
                a[j] -= step;
                for (int i = 0; i < n; i++) {
                    df[i] += k[i][j] * step;
                }
            }
            for (int i = 0; i < n; i++) {
                f[i] -= df[i];
                if (!Double.isFinite(f[i])) {
                    throw diverged(t + 1, Double.NaN, guard.loss0, eta, stable, "an output became " + f[i]);
                }
            }
        }
        return rec.run(model, lin.movedAlong(inputs, a), eta, k0); // θ_T = θ₀ + J₀ᵀa, kept as the n numbers a
    }

    /** The first b indices of a fresh random permutation: one mini-batch, without replacement. */
    private int[] batch(Rng rng, int n) {
        return java.util.Arrays.copyOf(rng.permutation(n), batchSize);
    }

    /** Collects the history rows and outputs of one run. */
    private final class Recorder {
        private final List<double[]> rows = new ArrayList<>();
        private final List<double[]> trainOut = new ArrayList<>();
        private final List<double[]> probeOut = new ArrayList<>();

        /** One row; {@code k} null when the kernel is not tracked. */
        void add(int t, double loss, double gradSq, double dist, TangentKernel k, TangentKernel k0, double[] f, double[] probeOutputs) {
            double drift = Double.NaN;
            double lmin = Double.NaN;
            double lmax = Double.NaN;
            double pl = Double.NaN;
            if (k != null) {
                drift = k == k0 ? 0 : k.relativeDistance(k0);
                lmin = k.lambdaMin();
                lmax = k.lambdaMax();
                pl = loss > 0 ? gradSq / (2 * lmin * loss) : Double.NaN;
            }
            rows.add(new double[]{t, loss, gradSq, dist, drift, lmin, lmax, pl});
            trainOut.add(f);
            if (probeOutputs != null) {
                probeOut.add(probeOutputs);
            }
        }

        TrainingRun run(DifferentiableModel start, DifferentiableModel end, double eta, TangentKernel k0) {
            return new TrainingRun(start, end, eta, batchSize, k0, rows, trainOut, probe == null ? null : probeOut);
        }
    }

    private static double quadraticForm(double[][] k, double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * dot(k[i], v);
        }
        return s;
    }

    /** The square loss of each step's outputs, the first one kept, and the divergence check every loop makes. */
    private final class LossGuard {
        private final double eta;
        private final double stable;
        private double loss0 = Double.NaN;

        LossGuard(double eta, double stable) {
            this.eta = eta;
            this.stable = stable;
        }

        /** The loss of outputs f at step t; throws {@link TrainingDivergedException} if it is not finite or grew too much. */
        double loss(int t, double[] f) {
            double loss = SquareLoss.value(f, targets);
            if (t == 0) {
                loss0 = loss;
            }
            if (!Double.isFinite(loss)) {
                throw diverged(t, loss, loss0, eta, stable, "the loss became " + loss);
            }
            if (t > 0 && loss > divergenceFactor * Math.max(loss0, 1e-300)) {
                throw diverged(t, loss, loss0, eta, stable, "the loss grew from " + fmt(loss0) + " to " + fmt(loss)
                        + " (more than " + fmt(divergenceFactor) + "×)");
            }
            return loss;
        }
    }

    private TrainingDivergedException diverged(int t, double loss, double loss0, double eta, double stable, String what) {
        return new TrainingDivergedException("training diverged at step " + t + ": " + what + ". Step size η = " + fmt(eta)
                + "; gradient descent on the square loss is stable for η < 2/λ_max(K₀) = " + fmt(stable)
                + ". Use a smaller stepSize(η) or stepFraction(c) with c < 2.", t, loss);
    }

    private static String fmt(double v) {
        return String.format("%.4g", v);
    }

    private static double[] residual(double[] f, double[] y) {
        double[] r = new double[f.length];
        for (int j = 0; j < f.length; j++) {
            r[j] = f[j] - y[j];
        }
        return r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** One line: the model, data size and settings (call {@link #run()} for the training run). */
    @Override
    public String toString() {
        return "GradientDescent on " + model + ", n = " + inputs.length + ", " + steps + " steps"
                + (Double.isNaN(stepSize) ? ", η = " + stepFraction + "/λ_max(K₀)" : ", η = " + stepSize) + " (call run())";
    }
}
