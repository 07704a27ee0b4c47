package org.linearitylab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linearitylab.notebook.Feedback.Verdict;
import org.linearitylab.analysis.NeuronGradientGram;
import org.linearitylab.core.Nd;
import org.linearitylab.model.Activation;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.model.assembly.AssemblyModel;

/**
 * The homework checks compare against the toolkit's own measurement on the same objects, name known slips,
 * reject fabricated power laws and toolkit calls for derived quantities, and show hints only after a wrong answer.
 * Each "student" answer below is computed the way a student would (right, or with one slip).
 */
class HomeworkTest {
    private static final double[] X = {1.0};
    private static Homework.Design design;

    @BeforeAll
    static void init() {
        Nd.init();
        design = Homework.design(new int[]{100, 1000, 10_000}, 3);
    }

    @BeforeEach
    void fresh() {
        Check.reset();
    }

    /** The student's block formula for ‖H‖, with switches for the slips. */
    private static double[] blockFormula(Homework.ProbedActivation sp, boolean mean, boolean sqrtM, boolean squared, boolean half) {
        double[] out = new double[design.size()];
        Activation s = sp.activation();
        for (int k = 0; k < out.length; k++) {
            int m = design.widths()[k];
            var net = TwoLayerNet.builder().width(m).inputDim(1).activation(s).seed(design.seeds()[k]).build();
            double[] z = net.preActivations(X);
            double[] v = net.outputWeights();
            double best = 0;
            double sum = 0;
            for (int i = 0; i < m; i++) {
                double a = s.derivative(z[i]);
                double b = v[i] * s.secondDerivative(z[i]);
                double block = (Math.abs(b) + Math.sqrt(b * b + 4 * a * a)) / ((half ? 1 : 2) * (sqrtM ? 1 : Math.sqrt(m)));
                best = Math.max(best, block);
                sum += block;
            }
            double h = mean ? sum / m : best;
            out[k] = squared ? h * h : h;
        }
        return out;
    }

    @Test
    void theRightBlockFormulaIsCorrectAndQuotesTheSlopeWithItsInterval() {
        var sp = Homework.softplus();
        Feedback f = Homework.hessianNorm(design.widths(), design.seeds(), X, sp, blockFormula(sp, false, false, false, false));
        assertEquals(Verdict.CORRECT, f.verdict(), f.toString());
        assertTrue(f.detail().contains("slope") && f.detail().contains("±"), f.detail());
        assertFalse(f.toHtml().contains("Hint"), "no hint for a correct answer");
    }

    @Test
    void eachKnownSlipIsRecognisedAndNamed() {
        var sp = Homework.softplus();
        assertSlip(Homework.hessianNorm(design.widths(), design.seeds(), X, sp, blockFormula(sp, true, false, false, false)), "mean instead of max");
        assertSlip(Homework.hessianNorm(design.widths(), design.seeds(), X, sp, blockFormula(sp, false, true, false, false)), "missing 1/√m");
        assertSlip(Homework.hessianNorm(design.widths(), design.seeds(), X, sp, blockFormula(sp, false, false, true, false)), "squared norm");
        assertSlip(Homework.hessianNorm(design.widths(), design.seeds(), X, sp, blockFormula(sp, false, false, false, true)), "factor ½");
    }

    private static void assertSlip(Feedback f, String name) {
        assertEquals(Verdict.WRONG, f.verdict(), f.toString());
        assertTrue(f.detail().contains("known slip") && f.detail().contains(name), f.detail());
        assertTrue(f.toHtml().contains("Hint"), "a wrong answer shows its hint");
    }

    @Test
    void aFabricatedPowerLawIsNotYetWithTheReason() {
        double[] fake = Arrays.stream(design.widths()).mapToDouble(m -> Math.pow(m, -0.5)).toArray();
        Feedback f = Homework.hessianNorm(design.widths(), design.seeds(), X, Homework.softplus(), fake);
        assertEquals(Verdict.WRONG, f.verdict(), f.toString());
        assertTrue(f.detail().contains("exactly on a power law"), f.detail());
        // also with the right constant: still an exact law, still not a measurement
        double[] ref = blockFormula(Homework.softplus(), false, false, false, false);
        double c = ref[0] * Math.sqrt(design.widths()[0]);
        double[] fitted = Arrays.stream(design.widths()).mapToDouble(m -> c / Math.sqrt(m)).toArray();
        assertTrue(Homework.hessianNorm(design.widths(), design.seeds(), X, Homework.softplus(), fitted).detail().contains("power law"));
    }

    @Test
    void aPastedToolkitCallForTheDerivedQuantityIsNotYet() {
        var sp = Homework.softplus();
        double[] pasted = new double[design.size()];
        for (int k = 0; k < pasted.length; k++) {
            var net = TwoLayerNet.builder().width(design.widths()[k]).inputDim(1).activation(sp.activation()).seed(design.seeds()[k]).build();
            pasted[k] = AssemblyModel.of(net).hessianNorm(X);
        }
        Feedback f = Homework.hessianNorm(design.widths(), design.seeds(), X, sp, pasted);
        assertEquals(Verdict.WRONG, f.verdict(), f.toString());
        assertTrue(f.detail().contains("computed by the toolkit"), f.detail());
    }

    @Test
    void theUnansweredPlaceholderGetsNoHintAndNoExpectedValue() {
        double[] nan = new double[design.size()];
        Arrays.fill(nan, Double.NaN);
        Feedback f = Homework.hessianNorm(design.widths(), design.seeds(), X, Homework.softplus(), nan);
        assertEquals(Verdict.UNANSWERED, f.verdict());
        assertFalse(f.toHtml().contains("Hint"), f.toHtml());
        assertThrows(AssertionError.class, f::orThrow, "an unanswered check fails when graded");
    }

    @Test
    void rightScalingWithAWrongConstantIsClose() {
        double[] ref = blockFormula(Homework.softplus(), false, false, false, false);
        double[] off = Arrays.stream(ref).map(v -> 1.7 * v).toArray();
        Feedback f = Homework.hessianNorm(design.widths(), design.seeds(), X, Homework.softplus(), off);
        assertEquals(Verdict.CLOSE, f.verdict(), f.toString());
        assertThrows(AssertionError.class, f::orThrow, "close is not correct when graded");
    }

    @Test
    void theGradientByHandIsCheckedAtDrawnWeightsAndActivations() {
        Homework.GradientFormula right = (s, ds, w, v, x) -> grad(s, ds, w, v, x, 1, 1, false);
        assertEquals(Verdict.CORRECT, Homework.gradientByHand(right).verdict());
        assertSlip(Homework.gradientByHand((s, ds, w, v, x) -> grad(s, ds, w, v, x, Math.sqrt(w.length), 1, false)), "missing 1/√m");
        assertSlip(Homework.gradientByHand((s, ds, w, v, x) -> grad(s, ds, w, v, x, 1, -1, false)), "wrong sign");
        assertSlip(Homework.gradientByHand((s, ds, w, v, x) -> grad(s, ds, w, v, x, 1, 1, true)), "swapped");
        assertSlip(Homework.gradientByHand((s, ds, w, v, x) -> grad(Math::tanh, z -> 1 - Math.tanh(z) * Math.tanh(z), w, v, x, 1, 1, false)),
                "hard-coded to tanh");
        assertEquals(Verdict.UNANSWERED, Homework.gradientByHand(null).verdict());
    }

    @Test
    void theGradientPastedFromTheToolkitIsNotYet() {
        Homework.GradientFormula pasted = (s, ds, w, v, x) -> {
            double[][] wm = new double[w.length][];
            for (int i = 0; i < w.length; i++) {
                wm[i] = new double[]{w[i]};
            }
            return TwoLayerNet.of(Activation.custom("mine", s, ds, z -> 0), wm, v).gradient(new double[]{x});
        };
        Feedback f = Homework.gradientByHand(pasted);
        assertEquals(Verdict.WRONG, f.verdict(), f.toString());
        assertTrue(f.detail().contains("computed by the toolkit"), f.detail());
    }

    private static double[] grad(java.util.function.DoubleUnaryOperator s, java.util.function.DoubleUnaryOperator ds,
                                 double[] w, double[] v, double x, double scale, double sign, boolean swap) {
        int m = w.length;
        double[] g = new double[2 * m];
        for (int i = 0; i < m; i++) {
            double dw = sign * scale * v[i] * ds.applyAsDouble(w[i] * x) * x / Math.sqrt(m);
            double dv = sign * scale * s.applyAsDouble(w[i] * x) / Math.sqrt(m);
            g[swap ? m + i : i] = dw;
            g[swap ? i : m + i] = dv;
        }
        return g;
    }

    @Test
    void theWrongLayerOfTheBottleneckExerciseNamesThePapersLayer() {
        int[] bs = {2, 8, 32};
        long[] seeds = {0, 1, 2};
        double[][] inputs = org.linearitylab.data.GaussianInputs.sample(2, 4, 11);
        double[] layer2 = new double[bs.length];
        double[] layer3 = new double[bs.length];
        for (int k = 0; k < bs.length; k++) {
            var g = NeuronGradientGram.of(Homework.bottleneckNet(4, bs[k], seeds[k]));
            layer2[k] = g.exact(inputs, 2).mean();
            layer3[k] = g.exact(inputs, 3).mean();
        }
        assertEquals(Verdict.CORRECT, Homework.bottleneckCosine(bs, seeds, inputs, layer3).verdict());
        Feedback f = Homework.bottleneckCosine(bs, seeds, inputs, layer2);
        assertSlip(f, "layer 2");
        assertTrue(f.detail().contains("Figure 3"), f.detail());
    }

    @Test
    void jacobianShapesCatchTranspositionAndMissingOutputWeights() {
        assertEquals(Verdict.CORRECT, Homework.jacobianShape(new long[]{8, 400}, new long[]{60_000, 4096L * 785}).verdict());
        assertTrue(Homework.jacobianShape(new long[]{400, 8}, new long[]{60_000, 4096L * 785}).detail().contains("transposed"));
        assertTrue(Homework.jacobianShape(new long[]{8, 300}, new long[]{60_000, 4096L * 784}).detail().contains("output weights v"));
        Feedback smallOnly = Homework.jacobianShape(new long[]{8, 400}, new long[]{60_000, 1});
        assertEquals(Verdict.WRONG, smallOnly.verdict());
        assertEquals(Verdict.UNANSWERED, Homework.jacobianShape(null, null).verdict());
    }

    @Test
    void measuredRejectsInstructorMistakes() {
        assertThrows(IllegalArgumentException.class, () -> Check.measured("q", new double[]{1, 2}, new double[]{1}, new double[]{1}, 0.1, List.of(), "h"));
        assertThrows(IllegalArgumentException.class, () -> Check.measured("q", null, new double[]{1}, new double[]{Double.NaN}, 0.1, List.of(), "h"));
        assertThrows(IllegalArgumentException.class, () -> Check.measured("q", null, new double[]{1}, new double[]{1}, -1, List.of(), "h"));
        assertThrows(IllegalArgumentException.class, () -> Homework.design(new int[]{10}, 0));
        assertThrows(IllegalArgumentException.class, () -> Homework.gradientNorm(new int[]{10, 20}, new long[]{1}, X, new double[2]));
    }

    @Test
    void aWrongLengthAndAPartlyFilledAnswerAreNamed() {
        double[] ref = {1, 2, 3};
        assertEquals(Verdict.WRONG, Check.measured("q", null, new double[]{1, 2}, ref, 1e-6, List.of(), "h").verdict());
        Feedback partly = Check.measured("q", null, new double[]{1, Double.NaN, 3}, ref, 1e-6, List.of(), "h");
        assertEquals(Verdict.UNANSWERED, partly.verdict());
        assertTrue(partly.detail().contains("[1]"));
    }

    @Test
    void assumptionOneWithoutAbsoluteValuesAndAppendixAWithoutTheSqrtMAreNamed() {
        double[] right = new double[design.size()];
        double[] signed = new double[design.size()];
        double[] scaled = new double[design.size()];
        double[] unscaled = new double[design.size()];
        for (int k = 0; k < design.size(); k++) {
            int m = design.widths()[k];
            var net = Homework.neuron0Net(m, design.seeds()[k], Math.sqrt(m));
            double[] g = new double[m];
            for (int i = 0; i < m; i++) {
                g[i] = net.outputWeights()[i] * Math.tanh(net.inputWeights()[i][0]);
            }
            double[] abs = Arrays.stream(g).map(Math::abs).toArray();
            right[k] = org.linearitylab.experiment.Stats.median(abs) / org.linearitylab.experiment.Stats.max(abs);
            signed[k] = org.linearitylab.experiment.Stats.median(g) / org.linearitylab.experiment.Stats.max(g);
            double h = Homework.appendixA(m, 1, org.linearitylab.model.assembly.Weights.GAUSSIAN, design.seeds()[k]).hessianNorm(X);
            scaled[k] = Math.sqrt(m) * h;
            unscaled[k] = h;
        }
        assertEquals(Verdict.CORRECT, Homework.dominatedRatio(design.widths(), design.seeds(), right).verdict());
        assertSlip(Homework.dominatedRatio(design.widths(), design.seeds(), signed), "no absolute values");
        assertEquals(Verdict.CORRECT, Homework.gaussianHessian(design.widths(), design.seeds(), X, scaled).verdict());
        assertSlip(Homework.gaussianHessian(design.widths(), design.seeds(), X, unscaled), "missing the factor √m");
    }
}
