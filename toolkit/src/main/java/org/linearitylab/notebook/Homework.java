package org.linearitylab.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleUnaryOperator;

import org.linearitylab.notebook.Check.Slip;
import org.linearitylab.analysis.Curvature;
import org.linearitylab.analysis.NeuronGradientGram;
import org.linearitylab.analysis.TangentKernel;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.model.assembly.AssemblyModel;
import org.linearitylab.model.assembly.Scaling;
import org.linearitylab.model.assembly.Weights;
import org.linearitylab.regression.DoubleDescentCurve;
import org.linearitylab.training.GradientDescent;
import org.linearitylab.training.TrainingRun;

/**
 * The checks of notebook 06 (homework). Each check receives the student's numbers <b>and</b> the objects they
 * were computed from (widths, seeds, inputs, the network), recomputes the reference here in the toolkit on the
 * same objects, and compares values (relative tolerance {@link Check#MEASURED_REL_TOLERANCE}) and the
 * fitted slope ({@link Check#measured}). Known slips are recognised by recomputing the reference with the slip
 * (a missing √m, a squared norm, the mean instead of the max, the wrong layer, a wrong sign, a dropped factor 2).
 * Exercises that ask the student to <i>derive</i> a quantity detect an answer computed by the toolkit routine
 * for it: the student computes with an instrumented activation ({@link #softplus()}) or with the σ, σ′ that the
 * check hands over, and a call of those from inside the toolkit is reported ({@link Check#toolkitCall}).
 *
 * <p>No expected value, tolerance or solution appears in the student's notebook: a check cell reads
 * {@code Homework.hessianNorm(widths, seeds, x, sp, hessianNorm).orThrow()}. {@code orThrow()} makes a wrong
 * answer raise an {@link AssertionError} (what nbgrader's autograder counts as a failed test); without it the
 * feedback renders and the notebook goes on.
 */
public final class Homework {
    private Homework() {
    }

    // ---------------------------------------------------------------- toolkit-call detection

    /**
     * A σ (or σ′, σ″) that notes when it is evaluated from inside the toolkit (a model, a calculus routine)
     * instead of by the student's own code. Frames of {@link Activation} are skipped: calling
     * {@code sp.derivative(z)} yourself is allowed; {@code AssemblyModel.of(net).hessianNorm(x)} evaluating it
     * is not.
     */
    static final class Probe implements DoubleUnaryOperator {
        private final DoubleUnaryOperator f;
        private final AtomicBoolean fromToolkit;
        private final String what;
        private long calls;

        Probe(DoubleUnaryOperator f, AtomicBoolean fromToolkit, String what) {
            this.f = f;
            this.fromToolkit = fromToolkit;
            this.what = what;
        }

        @Override
        public double applyAsDouble(double z) {
            long c = calls++;
            if (!fromToolkit.get() && (c < 256 || c % 256 == 0) && calledFromToolkit()) {
                fromToolkit.set(true);
            }
            return f.applyAsDouble(z);
        }

        String what() {
            return what;
        }

        /** The first caller outside this probe, the JDK, ND4J and {@link Activation}: is it a toolkit routine? */
        private static boolean calledFromToolkit() {
            return StackWalker.getInstance().walk(frames -> frames
                    .map(StackWalker.StackFrame::getClassName)
                    .filter(c -> !c.startsWith(Probe.class.getName()) && !c.startsWith("java.") && !c.startsWith("jdk.")
                            && !c.startsWith(Activation.class.getName()) && !c.startsWith("org.nd4j."))
                    .findFirst()
                    .map(Probe::isToolkit)
                    .orElse(false));
        }

        private static boolean isToolkit(String className) {
            for (String p : TOOLKIT_PACKAGES) {
                if (className.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Packages whose routines compute model derivatives (the notebook package, where checks live, is not one). */
    private static final String[] TOOLKIT_PACKAGES = {
        "org.linearitylab.model.", "org.linearitylab.calculus.", "org.linearitylab.training.", "org.linearitylab.experiment.",
        "org.linearitylab.regression."
    };

    /** An activation whose σ″ was (or was not) evaluated by the toolkit: made by {@link #softplus()}. */
    public static final class ProbedActivation {
        private final Activation activation;
        private final AtomicBoolean fromToolkit = new AtomicBoolean();

        private ProbedActivation(String name, DoubleUnaryOperator s, DoubleUnaryOperator ds, DoubleUnaryOperator d2s) {
            activation = Activation.custom(name, new Probe(s, fromToolkit, "σ"), new Probe(ds, fromToolkit, "σ′"),
                    new Probe(d2s, fromToolkit, "σ″"));
        }

        /** The activation to compute with (σ, σ′, σ″ as {@code derivative}, {@code secondDerivative}). */
        public Activation activation() {
            return activation;
        }

        /** True when σ, σ′ or σ″ was evaluated from inside a toolkit routine since this object was made. */
        public boolean usedByToolkit() {
            return fromToolkit.get();
        }
    }

    /**
     * Softplus for exercise 1, instrumented: compute with {@code sp.activation()}; the check then knows whether
     * the Hessian norm came from your formula or from a toolkit routine. Make a fresh one in the exercise cell.
     */
    public static ProbedActivation softplus() {
        Activation s = Activation.SOFTPLUS;
        return new ProbedActivation("softplus", s::value, s::derivative, s::secondDerivative);
    }

    // ---------------------------------------------------------------- exercise 1: ‖H‖ from the block formula

    /**
     * Exercise 1: ‖H‖ = maxᵢ ‖Hᵢ‖ of softplus nets {@code TwoLayerNet.builder().width(widths[k]).inputDim(x.length)
     * .activation(sp.activation()).seed(seeds[k])} at x, from the 2×2 block formula. Slips: mean instead of max,
     * missing 1/√m, squared norm, dropped factor ½, the tanh network; an answer that the toolkit computed is
     * "not yet".
     */
    public static Feedback hessianNorm(int[] widths, long[] seeds, double[] x, ProbedActivation sp, double[] answer) {
        String q = "1 · ‖H‖ of a softplus net from its 2×2 blocks";
        requireSweep(widths, seeds);
        requireInput(x);
        Require.notNull("sp", sp);
        String hint = "write down aᵢ and bᵢ for every neuron, the block norm (|bᵢ| + √(bᵢ² + 4aᵢ²)) / (2√m), and keep the largest";
        if (sp.usedByToolkit()) {
            return Check.toolkitCall(q, "σ″ of your softplus was evaluated inside a toolkit routine, e.g. AssemblyModel.hessianNorm", hint);
        }
        int n = widths.length;
        double[] ref = new double[n];
        double[] mean = new double[n];
        double[] tanh = new double[n];
        for (int k = 0; k < n; k++) {
            double[] blocks = AssemblyModel.of(net(widths[k], x.length, Activation.SOFTPLUS, seeds[k])).blockNorms(x);
            ref[k] = Arrays.stream(blocks).max().orElseThrow();
            mean[k] = Arrays.stream(blocks).average().orElseThrow();
            tanh[k] = AssemblyModel.of(net(widths[k], x.length, Activation.TANH, seeds[k])).hessianNorm(x);
        }
        double[] ms = toDouble(widths);
        List<Slip> slips = List.of(
                new Slip("mean instead of max", mean, "‖H‖ of a block-diagonal matrix is the largest block norm, not the average"),
                new Slip("missing 1/√m", times(ref, sqrt(ms)), "every block carries the factor 1/√m of f = (1/√m) Σ vᵢ σ(wᵢx)"),
                new Slip("squared norm", square(ref), "the spectral norm is the largest |eigenvalue| itself, not its square"),
                new Slip("dropped the factor ½", scale(ref, 2), "the eigenvalue of [[b, a], [a, 0]] is (|b| + √(b² + 4a²)) / 2"),
                new Slip("wrong activation (tanh)", tanh, "build the nets with the softplus activation sp.activation()"));
        return Check.measured(q, ms, answer, ref, Check.MEASURED_REL_TOLERANCE, slips, hint);
    }

    // ---------------------------------------------------------------- exercise 2: ‖∇f‖

    /** Exercise 2: ‖∇_θ f(θ₀; x)‖ of {@code TwoLayerNet.tanh(widths[k], x.length, seeds[k])}. */
    public static Feedback gradientNorm(int[] widths, long[] seeds, double[] x, double[] answer) {
        requireSweep(widths, seeds);
        requireInput(x);
        int n = widths.length;
        double[] ref = new double[n];
        double[] l1 = new double[n];
        for (int k = 0; k < n; k++) {
            double[] g = TwoLayerNet.tanh(widths[k], x.length, seeds[k]).gradient(x);
            double s = 0;
            for (double gi : g) {
                s += gi * gi;
                l1[k] += Math.abs(gi);
            }
            ref[k] = Math.sqrt(s);
        }
        double[] ms = toDouble(widths);
        List<Slip> slips = List.of(
                new Slip("squared norm", square(ref), "take the square root of the sum of squares"),
                new Slip("sum of |entries| (ℓ¹ norm)", l1, "the Euclidean norm is √(Σ gᵢ²)"),
                new Slip("divided by m (a mean)", div(square(ref), ms), "sum the squares, do not average them"),
                new Slip("divided by √m", div(ref, sqrt(ms)), "the 1/√m is already inside every entry of the gradient"));
        return Check.measured("2 · ‖∇f(θ₀; x)‖ against m", ms, answer, ref, Check.MEASURED_REL_TOLERANCE, slips,
                "the norm of a vector is the square root of the sum of its squared entries");
    }

    // ---------------------------------------------------------------- exercise 3: Taylor remainder

    /** Exercise 3: |f(θ₀ + R u; x) − f_lin(R)| at t = R for every R, the net's own tangent line. */
    public static Feedback taylorGap(TwoLayerNet net, double[] x, double[] u, double[] radii, double[] answer) {
        Require.notNull("net", net);
        Require.notNull("radii", radii);
        int n = radii.length;
        double[] ref = new double[n];
        double[] change = new double[n];
        double f0 = net.output(x);
        for (int k = 0; k < n; k++) {
            ref[k] = net.lineScan(x, u, new double[]{radii[k]}).maxDeviation();
            change[k] = Math.abs(net.lineScan(x, u, new double[]{radii[k]}).f()[0] - f0);
        }
        List<Slip> slips = List.of(
                new Slip("|f(θ₀ + Ru) − f(θ₀)| (the change of f, not the gap to the tangent line)", change,
                        "subtract the tangent line f(θ₀) + R ∇f·u, not only f(θ₀)"));
        return Check.measured("3 · gap from the tangent line against R", radii, answer, ref, Check.MEASURED_REL_TOLERANCE, slips,
                "evaluate the scan at the single position t = R, with the same direction u for every R");
    }

    // ---------------------------------------------------------------- exercise 4: shapes

    /**
     * Exercise 4: the Jacobian's shape for a tanh net of width 100, input dimension 3, on 8 inputs (compared with
     * the toolkit's actual Jacobian), and for width 4096 on 60,000 MNIST images of 784 pixels (from the formula:
     * no toolkit call can build that 60,000 × 3.2·10⁶ matrix, so a pasted call does not answer it).
     */
    public static Feedback jacobianShape(long[] small, long[] mnist) {
        String q = "4 · shape of the Jacobian (small net and MNIST-sized net)";
        String hint = "one row per input; one column per parameter, and θ = (W, v) has m·d + m entries";
        if (small == null || mnist == null) {
            return Check.measured(q, null, null, new double[]{1}, 0, null, hint);
        }
        long[] smallRef = TwoLayerNet.tanh(100, 3, 4).jacobian(new double[8][3]).shape();
        long[] mnistRef = {60_000, 4096L * (784 + 1)};
        if (Arrays.equals(small, smallRef) && Arrays.equals(mnist, mnistRef)) {
            return record(q, Feedback.Verdict.CORRECT, "both shapes are right: " + Arrays.toString(smallRef) + " and "
                    + Arrays.toString(mnistRef) + " (that Jacobian would hold " + String.format(Locale.ROOT, "%.1e", 60_000.0 * mnistRef[1])
                    + " numbers)", hint);
        }
        for (long[][] pair : new long[][][]{{small, smallRef}, {mnist, mnistRef}}) {
            long[] got = pair[0];
            long[] ref = pair[1];
            if (got.length == 2 && got[0] == ref[1] && got[1] == ref[0]) {
                return record(q, Feedback.Verdict.WRONG, "your shape " + Arrays.toString(got) + " is transposed — known slip: rows and columns swapped", hint);
            }
            if (got.length == 2 && got[0] == ref[0] && got[1] != ref[1]) {
                long m = ref == smallRef ? 100 : 4096;
                long d = ref == smallRef ? 3 : 784;
                String slip = got[1] == m * d ? "only the input weights W (m·d) — the m output weights v are parameters too"
                        : got[1] == m ? "only the output weights v — the m·d input weights are parameters too" : "";
                return record(q, Feedback.Verdict.WRONG, "your shape " + Arrays.toString(got) + " has the right rows but not the right columns"
                        + (slip.isEmpty() ? "" : " — known slip: " + slip), hint);
            }
        }
        if (Arrays.equals(small, smallRef)) {
            return record(q, Feedback.Verdict.WRONG, "the small shape is right, the MNIST-sized one is not: write the formula in n, m and d", hint);
        }
        return record(q, Feedback.Verdict.WRONG, "your shapes " + Arrays.toString(small) + ", " + Arrays.toString(mnist) + " are not the Jacobian's", hint);
    }

    // ---------------------------------------------------------------- exercise 5: the gradient by hand

    /** Exercise 5's answer: ∇_θ f for f = (1/√m) Σ vᵢ σ(wᵢ x), d = 1, as (∂f/∂w₁..m, ∂f/∂v₁..m). */
    @FunctionalInterface
    public interface GradientFormula {
        double[] gradient(DoubleUnaryOperator sigma, DoubleUnaryOperator sigmaPrime, double[] w, double[] v, double x);
    }

    /**
     * Exercise 5: the student's formula, evaluated at weights, inputs and activations drawn here (tanh and sin,
     * widths 3 and 5), against {@code TwoLayerNet.gradient}. Slips: missing 1/√m, wrong sign, blocks swapped,
     * missing the factor x, σ hard-coded to tanh; σ or σ′ evaluated inside the toolkit is "not yet".
     */
    public static Feedback gradientByHand(GradientFormula formula) {
        String q = "5 · ∇f by hand";
        String hint = "∂f/∂wᵢ = vᵢ σ′(wᵢx) x / √m and ∂f/∂vᵢ = σ(wᵢx) / √m: use the σ and σ′ you are given, first the w's, then the v's";
        if (formula == null) {
            return Check.measured(q, null, null, new double[]{1}, 0, null, hint);
        }
        Rng rng = Rng.seed(20_22);
        List<double[]> answers = new ArrayList<>();
        List<double[]> refs = new ArrayList<>();
        List<double[]> tanhRefs = new ArrayList<>();
        List<double[]> noSqrt = new ArrayList<>();
        List<double[]> negated = new ArrayList<>();
        List<double[]> swapped = new ArrayList<>();
        List<double[]> noX = new ArrayList<>();
        AtomicBoolean toolkit = new AtomicBoolean();
        Activation sin = Activation.custom("sin", Math::sin, Math::cos, z -> -Math.sin(z));
        for (Activation act : new Activation[]{Activation.TANH, sin}) {
            for (int m : new int[]{3, 5}) {
                double[] w = rng.gaussian(m);
                double[] v = rng.gaussian(m);
                double x = rng.uniform(1, 0.5, 1.5)[0];
                double[][] wm = new double[m][];
                for (int i = 0; i < m; i++) {
                    wm[i] = new double[]{w[i]};
                }
                double[] ref = TwoLayerNet.of(act, wm, v).gradient(new double[]{x});
                double[] tanhRef = TwoLayerNet.of(Activation.TANH, wm, v).gradient(new double[]{x});
                double[] got;
                try {
                    got = formula.gradient(new Probe(act::value, toolkit, "σ"), new Probe(act::derivative, toolkit, "σ′"),
                            w.clone(), v.clone(), x);
                } catch (RuntimeException e) {
                    return record(q, Feedback.Verdict.WRONG, "your formula threw " + e, hint);
                }
                if (toolkit.get()) {
                    return Check.toolkitCall(q, "σ or σ′ was evaluated inside a toolkit routine, e.g. TwoLayerNet.gradient", hint);
                }
                if (got == null || got.length != 2 * m) {
                    return record(q, got == null ? Feedback.Verdict.UNANSWERED : Feedback.Verdict.WRONG,
                            got == null ? "your formula returned null" : "for m = " + m + " your formula returned " + got.length
                                    + " entries; the gradient has 2m = " + 2 * m, got == null ? "" : hint);
                }
                answers.add(got);
                refs.add(ref);
                tanhRefs.add(tanhRef);
                noSqrt.add(scale(ref, Math.sqrt(m)));
                negated.add(scale(ref, -1));
                double[] sw = new double[2 * m];
                double[] nx = ref.clone();
                for (int i = 0; i < m; i++) {
                    sw[i] = ref[m + i];
                    sw[m + i] = ref[i];
                    nx[i] = ref[i] / x;
                }
                swapped.add(sw);
                noX.add(nx);
            }
        }
        List<Slip> slips = List.of(
                new Slip("missing 1/√m", concat(noSqrt), "every entry carries the 1/√m of f"),
                new Slip("wrong sign", concat(negated), "f = +(1/√m) Σ vᵢ σ(wᵢx): no minus sign anywhere"),
                new Slip("the w and v blocks swapped", concat(swapped), "first the m entries ∂f/∂wᵢ, then the m entries ∂f/∂vᵢ"),
                new Slip("missing the factor x in ∂f/∂wᵢ", concat(noX), "the chain rule through wᵢx brings a factor x"),
                new Slip("σ hard-coded to tanh", concat(tanhRefs), "use the sigma and sigmaPrime you are given: the check also tries σ = sin"));
        return Check.measured(q, null, concat(answers), concat(refs), 1e-9, slips, hint);
    }

    // ---------------------------------------------------------------- exercise 6: Assumption 1 violated

    /**
     * The network of exercise 6: {@code TwoLayerNet.tanh(m, 1, seed)} with w₀ = 1 and, unless v0 is NaN, v₀ = v0
     * (v0 = √m: neuron 0 alone contributes O(1) to f).
     */
    public static TwoLayerNet neuron0Net(int m, long seed, double v0) {
        Require.inRange("m", m, 1, 10_000_000);
        TwoLayerNet base = TwoLayerNet.tanh(m, 1, seed);
        double[][] w = base.inputWeights();
        double[] v = base.outputWeights();
        w[0][0] = 1.0;
        if (!Double.isNaN(v0)) {
            v[0] = v0;
        }
        return TwoLayerNet.of(Activation.TANH, w, v);
    }

    /** Exercise 6a: median|gᵢ| / max|gᵢ| at x = 1 for {@code neuron0Net(widths[k], seeds[k], √m)}. */
    public static Feedback dominatedRatio(int[] widths, long[] seeds, double[] answer) {
        requireSweep(widths, seeds);
        int n = widths.length;
        double[] ref = new double[n];
        double[] signed = new double[n];
        double[] mean = new double[n];
        double[] normal = new double[n];
        double[] x = {1.0};
        for (int k = 0; k < n; k++) {
            AssemblyModel a = AssemblyModel.of(neuron0Net(widths[k], seeds[k], Math.sqrt(widths[k])));
            ref[k] = a.medianToMaxRatio(x);
            double[] g = a.subModelOutputs(x);
            double[] abs = Arrays.stream(g).map(Math::abs).toArray();
            signed[k] = median(g) / Arrays.stream(g).max().orElseThrow();
            mean[k] = Arrays.stream(abs).average().orElseThrow() / Arrays.stream(abs).max().orElseThrow();
            normal[k] = AssemblyModel.of(neuron0Net(widths[k], seeds[k], Double.NaN)).medianToMaxRatio(x);
        }
        List<Slip> slips = List.of(
                new Slip("no absolute values", signed, "Assumption 1 compares sizes: take |gᵢ| before the median and the max"),
                new Slip("mean instead of median", mean, "the assumption uses the median of |gᵢ|"),
                new Slip("the normal network", normal, "measure the dominated network neuron0Net(m, seed, √m)"));
        return Check.measured("6a · median|gᵢ| / max|gᵢ| (dominated network)", toDouble(widths), answer, ref,
                Check.MEASURED_REL_TOLERANCE, slips, "gᵢ = vᵢ·tanh(wᵢ·x) with the dominated network's own weights; take absolute values");
    }

    /** The gaps of exercise 6: max |f − f_lin| on |t| ≤ 2 along the direction that moves only neuron 0. */
    public static double neuron0Gap(TwoLayerNet net) {
        return net.lineScan(new double[]{1.0}, net.singleNeuronDirection(0), Nd.linspace(-2, 2, 41)).maxDeviation();
    }

    /** Exercise 6b: the fitted log-log slope of the dominated network's gap against m. */
    public static Feedback dominatedSlope(int[] widths, long[] seeds, double answerSlope) {
        requireSweep(widths, seeds);
        double[] ms = toDouble(widths);
        double[] dom = new double[ms.length];
        double[] normal = new double[ms.length];
        for (int k = 0; k < ms.length; k++) {
            dom[k] = neuron0Gap(neuron0Net(widths[k], seeds[k], Math.sqrt(widths[k])));
            normal[k] = neuron0Gap(neuron0Net(widths[k], seeds[k], Double.NaN));
        }
        double ref = LogLogFit.of(ms, dom).slope();
        double normalSlope = LogLogFit.of(ms, normal).slope();
        List<Slip> slips = List.of(new Slip("the slope of the normal network's gap", new double[]{normalSlope},
                "fit the dominated network's gaps"));
        return Check.measured("6b · slope of the dominated network's gap against m", null,
                new double[]{answerSlope}, new double[]{ref}, 1e-6, slips, "fit log(gap) against log(m): LogLogFit");
    }

    // ---------------------------------------------------------------- exercise 7: DenseNet

    /** Exercise 7: ‖H‖ at x of tanh DenseNets with hidden widths (m, m), seed seeds[k], 30 Lanczos steps. */
    public static Feedback denseHessian(int[] widths, long[] seeds, double[] x, double[] answer) {
        requireSweep(widths, seeds);
        requireInput(x);
        int n = widths.length;
        double[] ref = new double[n];
        double[] plain = new double[n];
        for (int k = 0; k < n; k++) {
            ref[k] = deep(x.length, widths[k], seeds[k], true).hessianNorm(x, 30, 1e-6).magnitude();
            plain[k] = deep(x.length, widths[k], seeds[k], false).hessianNorm(x, 30, 1e-6).magnitude();
        }
        List<Slip> slips = List.of(
                new Slip("a plain network, not a DenseNet", plain, "build with .dense(true)"),
                new Slip("squared norm", square(ref), "Lanczos returns ‖H‖ itself"));
        return Check.measured("7 · ‖H‖ of a DenseNet against m", toDouble(widths), answer, ref, 1e-6, slips,
                "a tanh DenseNet with two hidden layers of width m, input dimension 8, seed seeds[k]; 30 Lanczos steps");
    }

    /** The DenseNet (or plain net) of exercise 7. */
    public static DeepNet deep(int d, int m, long seed, boolean dense) {
        Require.inRange("d", d, 1, 1_000_000);
        Require.inRange("m", m, 1, 1_000_000);
        return DeepNet.builder().inputDim(d).hidden(m, m).activation(Activation.TANH).dense(dense).seed(seed).build();
    }

    // ---------------------------------------------------------------- exercise 8: bottleneck

    /** The bottleneck nets of exercise 8: hidden widths (256, b, 256), tanh, input dimension d. */
    public static DeepNet bottleneckNet(int d, int b, long seed) {
        Require.inRange("d", d, 1, 1_000_000);
        Require.inRange("b", b, 1, 1_000_000);
        return DeepNet.builder().inputDim(d).hidden(256, b, 256).activation(Activation.TANH).seed(seed).build();
    }

    /** Exercise 8: mean |cos| of neuron gradients in layer 3 (after the bottleneck) on the inputs. */
    public static Feedback bottleneckCosine(int[] bottlenecks, long[] seeds, double[][] inputs, double[] answer) {
        requireSweep("bottlenecks", bottlenecks, seeds);
        Require.finiteMatrix("inputs", inputs);
        int n = bottlenecks.length;
        double[] ref = new double[n];
        double[] layer2 = new double[n];
        double[] layer1 = new double[n];
        for (int k = 0; k < n; k++) {
            NeuronGradientGram g = NeuronGradientGram.of(bottleneckNet(inputs[0].length, bottlenecks[k], seeds[k]));
            ref[k] = g.exact(inputs, 3).mean();
            layer2[k] = g.exact(inputs, 2).mean();
            layer1[k] = g.exact(inputs, 1).mean();
        }
        List<Slip> slips = List.of(
                new Slip("wrong layer: layer 2, the bottleneck itself", layer2, "that is the layer the paper's Figure 3 (right) "
                        + "plots; this exercise asks for layer 3, whose shared part is fed through only b neurons (Lemma 1 with m_{l−1} = b)"),
                new Slip("wrong layer: layer 1", layer1, "layer 3 is the layer after the bottleneck"));
        return Check.measured("8 · mean |cos| after the bottleneck against b", toDouble(bottlenecks), answer, ref, 1e-6, slips,
                "NeuronGradientGram.of(net).exact(inputs, layer): layers are numbered 1, 2, 3 from the input");
    }

    // ---------------------------------------------------------------- exercise 9: kernel drift (notebook 05)

    /** The training of exercise 9: a tanh net of width m trained by full-batch GD for {@code steps} steps. */
    public static TrainingRun kernelRun(int m, long seed, TrainingSet data, int steps) {
        Require.inRange("m", m, 1, 10_000_000);
        Require.notNull("data", data);
        return GradientDescent.on(TwoLayerNet.tanh(m, data.inputDim(), seed), data).steps(steps).trackKernel(false).run();
    }

    /**
     * Exercise 9: the relative tangent-kernel drift ‖K_T − K₀‖_F / ‖K₀‖_F on the training inputs after
     * {@code steps} GD steps, for tanh nets {@code TwoLayerNet.tanh(widths[k], d, seeds[k])}.
     */
    public static Feedback kernelDrift(int[] widths, long[] seeds, TrainingSet data, int steps, double[] answer) {
        requireSweep(widths, seeds);
        Require.notNull("data", data);
        int n = widths.length;
        double[] ref = new double[n];
        double[] abs = new double[n];
        double[] byFinal = new double[n];
        for (int k = 0; k < n; k++) {
            TrainingRun run = kernelRun(widths[k], seeds[k], data, steps);
            TangentKernel k0 = TangentKernel.of(run.initial(), data.inputs());
            TangentKernel kt = TangentKernel.of(run.model(), data.inputs());
            ref[k] = kt.relativeDistance(k0);
            abs[k] = ref[k] * k0.frobeniusNorm();
            byFinal[k] = kt.relativeDistance(k0) * k0.frobeniusNorm() / kt.frobeniusNorm();
        }
        List<Slip> slips = List.of(
                new Slip("not divided by ‖K₀‖", abs, "the drift is relative: divide by the initial kernel's norm"),
                new Slip("divided by ‖K_T‖ instead of ‖K₀‖", byFinal, "measure the change relative to the kernel at initialisation"),
                new Slip("squared", square(ref), "the Frobenius norm is the square root of the sum of squares"));
        return Check.measured("9 · tangent-kernel drift after training against m", toDouble(widths), answer, ref, 1e-6, slips,
                "K₀ = TangentKernel.of(run.initial(), inputs), K_T = TangentKernel.of(run.model(), inputs); ‖K_T − K₀‖_F / ‖K₀‖_F");
    }

    // ---------------------------------------------------------------- exercise 10: Appendix A

    /** The model of exercise 10: m tanh neurons on ℝᵈ with output weights drawn from {@code weights}, s(m) = √m. */
    public static AssemblyModel appendixA(int m, int d, Weights weights, long seed) {
        Require.inRange("m", m, 1, 100_000_000);
        Require.inRange("d", d, 1, 1_000_000);
        return AssemblyModel.builder().neurons(Activation.TANH, d).width(m).weights(weights).scaling(Scaling.SQRT).seed(seed).build();
    }

    /** Exercise 10: √m·‖H‖ at x for Gaussian output weights vᵢ ~ N(0, 1) (Appendix A). */
    public static Feedback gaussianHessian(int[] widths, long[] seeds, double[] x, double[] answer) {
        requireSweep(widths, seeds);
        requireInput(x);
        int n = widths.length;
        double[] ref = new double[n];
        double[] signs = new double[n];
        for (int k = 0; k < n; k++) {
            ref[k] = Math.sqrt(widths[k]) * appendixA(widths[k], x.length, Weights.GAUSSIAN, seeds[k]).hessianNorm(x);
            signs[k] = Math.sqrt(widths[k]) * appendixA(widths[k], x.length, Weights.SIGNS, seeds[k]).hessianNorm(x);
        }
        double[] ms = toDouble(widths);
        List<Slip> slips = List.of(
                new Slip("missing the factor √m", div(ref, sqrt(ms)), "multiply ‖H‖ by √m: the exercise asks what is left of ‖H‖ after the 1/√m"),
                new Slip("±1 weights, not Gaussian", signs, "build with Weights.GAUSSIAN"),
                new Slip("squared", square(ref), "‖H‖ itself, times √m"));
        return Check.measured("10 · √m·‖H‖ with Gaussian vᵢ (Appendix A)", ms, answer, ref, 1e-9, slips,
                "Homework.appendixA(m, d, Weights.GAUSSIAN, seed).hessianNorm(x) times √m");
    }

    // ---------------------------------------------------------------- exercise 11: double descent

    /** Exercise 11: the p where the median test MSE of {@code curve} peaks, read off its chart (±2 grid points is close). */
    public static Feedback doubleDescentPeak(DoubleDescentCurve curve, int answer) {
        Require.notNull("curve", curve);
        String q = "11 · where the test error peaks (label noise)";
        String hint = "read the highest point of the test-MSE curve (the bold median line)";
        if (answer < 0) {
            return Check.measured(q, null, null, new double[]{1}, 0, null, hint);
        }
        int ref = curve.peak(DoubleDescentCurve.Metric.TEST_MSE);
        int[] ps = curve.ps();
        int at = Arrays.binarySearch(ps, ref);
        int got = Arrays.binarySearch(ps, answer);
        if (answer == ref) {
            return record(q, Feedback.Verdict.CORRECT, "p = " + answer + ": the interpolation threshold p = n = " + curve.n(), hint);
        }
        if (answer == curve.peak(DoubleDescentCurve.Metric.NORM)) {
            return record(q, Feedback.Verdict.WRONG, "p = " + answer + " is where ‖β‖ peaks, not the test MSE", hint);
        }
        boolean close = got >= 0 ? Math.abs(got - at) <= 2 : Math.abs(answer - ref) <= 2;
        return record(q, close ? Feedback.Verdict.CLOSE : Feedback.Verdict.WRONG, "p = " + answer
                + (close ? " is next to the peak" : " is not where the median test MSE is largest"), hint);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A sweep design: every width repeated for {@code seedsPerWidth} seeds 0, 1, …, flattened, so that the k-th
     * measurement is at width {@code widths()[k]} with seed {@code seeds()[k]} (a log-log fit over all of them
     * sees the spread between seeds).
     */
    public record Design(int[] widths, long[] seeds) {
        /** One line: arrays summarised by length and range (never {@code [D@…}). */
        @Override
        public String toString() {
            return org.linearitylab.core.Describe.record(this);
        }

        /** The widths as doubles (for fits and charts). */
        public double[] x() {
            return toDouble(widths);
        }

        /** Number of measurements (widths × seeds). */
        public int size() {
            return widths.length;
        }
    }

    /** {@link Design} of the distinct widths × seeds 0 … seedsPerWidth − 1. */
    public static Design design(int[] distinctWidths, int seedsPerWidth) {
        Require.notNull("distinctWidths", distinctWidths);
        if (distinctWidths.length == 0) {
            throw new IllegalArgumentException("distinctWidths must hold at least one width");
        }
        for (int i = 0; i < distinctWidths.length; i++) {
            Require.inRange("distinctWidths[" + i + "]", distinctWidths[i], 1, 100_000_000);
        }
        Require.inRange("seedsPerWidth", seedsPerWidth, 1, 1000);
        int n = distinctWidths.length * seedsPerWidth;
        int[] w = new int[n];
        long[] s = new long[n];
        for (int i = 0; i < distinctWidths.length; i++) {
            for (int j = 0; j < seedsPerWidth; j++) {
                w[i * seedsPerWidth + j] = distinctWidths[i];
                s[i * seedsPerWidth + j] = j;
            }
        }
        return new Design(w, s);
    }

    private static Feedback record(String q, Feedback.Verdict v, String detail, String hint) {
        return Check.record(new Feedback(q, v, detail, hint));
    }

    private static TwoLayerNet net(int m, int d, Activation a, long seed) {
        return TwoLayerNet.builder().width(m).inputDim(d).activation(a).seed(seed).build();
    }

    private static void requireSweep(int[] widths, long[] seeds) {
        requireSweep("widths", widths, seeds);
    }

    /** A sweep's design: one seed per entry, at least one entry, every width ≥ 1 (named as the caller's argument). */
    private static void requireSweep(String name, int[] widths, long[] seeds) {
        Require.notNull(name, widths);
        Require.notNull("seeds", seeds);
        if (widths.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one width");
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < 1) {
                throw new IllegalArgumentException(name + "[" + i + "] must be a width ≥ 1, got " + widths[i]);
            }
        }
        if (seeds.length != widths.length) {
            throw new IllegalArgumentException("seeds must have one entry per width (" + widths.length + "), got " + seeds.length);
        }
    }

    /** An input vector: not null, at least one coordinate, every coordinate finite. */
    private static void requireInput(double[] x) {
        Require.finite("x", x);
        if (x.length == 0) {
            throw new IllegalArgumentException("x must hold at least one coordinate (the input dimension d ≥ 1)");
        }
    }

    private static double[] toDouble(int[] a) {
        return Arrays.stream(a).asDoubleStream().toArray();
    }

    private static double[] sqrt(double[] a) {
        return Arrays.stream(a).map(Math::sqrt).toArray();
    }

    private static double[] square(double[] a) {
        return Arrays.stream(a).map(v -> v * v).toArray();
    }

    private static double[] scale(double[] a, double c) {
        return Arrays.stream(a).map(v -> v * c).toArray();
    }

    private static double[] times(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    private static double[] div(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
