package org.linearitylab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linearitylab.Tolerances;
import org.linearitylab.analysis.TangentKernel;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.model.TwoLayerNet;

class GradientDescentTest {
    private static final TrainingSet DATA = TrainingSet.sphere(8, 3, 2);

    @Test
    void oneStepEqualsTheAnalyticUpdate() {
        // θ₁ = θ₀ − η Σⱼ (f(xⱼ) − yⱼ) ∇f(xⱼ), with ∇f from TwoLayerNet.gradient (per sample, no Jacobian)
        TwoLayerNet net = TwoLayerNet.tanh(5, 3, 4);
        double eta = 0.3;
        TrainingRun run = GradientDescent.on(net, DATA).stepSize(eta).steps(1).run();
        double[] expected = net.parameters();
        for (int j = 0; j < DATA.size(); j++) {
            double r = net.output(DATA.inputs()[j]) - DATA.targets()[j];
            double[] g = net.gradient(DATA.inputs()[j]);
            for (int i = 0; i < expected.length; i++) {
                expected[i] -= eta * r * g[i];
            }
        }
        assertArrayEquals(expected, run.model().parameters(), Tolerances.ROUND_OFF);
        assertEquals(eta, run.stepSize(), 0.0);
        assertEquals(2, run.recordedSteps());
    }

    @Test
    void defaultStepIsOneOverTheTopKernelEigenvalue() {
        TwoLayerNet net = TwoLayerNet.tanh(30, 3, 1);
        double lmax = TangentKernel.of(net, DATA.inputs()).lambdaMax();
        assertEquals(1 / lmax, GradientDescent.on(net, DATA).steps(1).run().stepSize(), Tolerances.ROUND_OFF / lmax);
        assertEquals(0.5 / lmax, GradientDescent.on(net, DATA).stepFraction(0.5).steps(1).run().stepSize(), Tolerances.ROUND_OFF / lmax);
    }

    @Test
    void wideNetConvergesLinearlyAndSatisfiesPl() {
        TrainingRun run = GradientDescent.on(TwoLayerNet.tanh(400, 3, 1), DATA).steps(150).run();
        double[] loss = run.loss();
        for (int t = 1; t < loss.length; t++) {
            assertTrue(loss[t] <= loss[t - 1], "loss must not increase at step " + t);
        }
        assertTrue(run.finalLoss() < 1e-2 * loss[0], "loss fell from " + loss[0] + " to " + run.finalLoss());
        for (double r : run.plRatio()) {
            assertTrue(r >= 1 - 1e-9, "PL ratio ‖∇L‖²/(2λ_min L) = " + r + " must be ≥ 1");
        }
        assertTrue(run.lossRatioPerStep() < 1, "linear convergence");
        assertEquals(run.history().rowCount(), 151);
        assertTrue(run.history().columnNames().contains(TrainingRun.KERNEL_DRIFT));
    }

    @Test
    void recordEveryThinsTheHistoryButKeepsTheLastStep() {
        TrainingRun run = GradientDescent.on(TwoLayerNet.tanh(20, 3, 1), DATA).steps(10).recordEvery(4).run();
        assertArrayEquals(new double[]{0, 4, 8, 10}, run.steps(), 0.0);
    }

    @Test
    void sgdIsDeterministicPerSeedAndDecreasesTheLoss() {
        TwoLayerNet net = TwoLayerNet.tanh(200, 3, 1);
        TrainingRun a = GradientDescent.on(net, DATA).batchSize(2).seed(1).steps(200).recordEvery(50).run();
        TrainingRun b = GradientDescent.on(net, DATA).batchSize(2).seed(1).steps(200).recordEvery(50).run();
        TrainingRun c = GradientDescent.on(net, DATA).batchSize(2).seed(2).steps(200).recordEvery(50).run();
        assertArrayEquals(a.model().parameters(), b.model().parameters(), 0.0);
        assertNotEquals(a.finalLoss(), c.finalLoss());
        assertTrue(a.finalLoss() < 0.1 * a.loss()[0], "SGD loss fell from " + a.loss()[0] + " to " + a.finalLoss());
        assertEquals(2, a.batchSize());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void nonPositiveStepSizeIsRejected(double eta) {
        var gd = GradientDescent.on(TwoLayerNet.tanh(5, 3, 0), DATA);
        var e = assertThrows(IllegalArgumentException.class, () -> gd.stepSize(eta));
        assertTrue(e.getMessage().startsWith("stepSize must be a finite number > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gd.stepFraction(eta));
        assertTrue(e.getMessage().startsWith("stepFraction must be"), e.getMessage());
    }

    @Test
    void divergingTrainingStopsWithAClearMessage() {
        var gd = GradientDescent.on(TwoLayerNet.tanh(100, 3, 0), DATA).stepFraction(10).steps(500);
        var e = assertThrows(TrainingDivergedException.class, gd::run);
        assertTrue(e.getMessage().startsWith("training diverged at step "), e.getMessage());
        assertTrue(e.getMessage().contains("2/λ_max(K₀)"), e.getMessage());
        assertTrue(e.step() > 0 && e.step() < 500, "detected at step " + e.step());
        // a huge fixed step overflows at once: still the exception, not NaNs
        var huge = GradientDescent.on(TwoLayerNet.tanh(10, 3, 0), DATA).stepSize(1e300).steps(5);
        assertThrows(TrainingDivergedException.class, huge::run);
    }

    @Test
    void otherBadInputNamesTheArgument() {
        TwoLayerNet net = TwoLayerNet.tanh(5, 3, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> GradientDescent.on(net, DATA.inputs(), new double[2]));
        assertTrue(e.getMessage().startsWith("targets must have length 8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GradientDescent.on(net, new double[][]{{1, 2}}, new double[1]));
        assertTrue(e.getMessage().startsWith("inputs rows must have length 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GradientDescent.on(net, DATA).batchSize(9));
        assertTrue(e.getMessage().startsWith("batchSize must be in [1, 8]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GradientDescent.on(net, DATA).steps(-1));
        assertTrue(e.getMessage().startsWith("steps must be in"), e.getMessage());
    }
    /** A DeepNet seen only through the interface, so GradientDescent takes its general loop (θ on the heap). */
    private record Plain(org.linearitylab.model.DeepNet net) implements org.linearitylab.model.DifferentiableModel {
        public int inputDim() { return net.inputDim(); }
        public int parameterCount() { return net.parameterCount(); }
        public double[] parameters() { return net.parameters(); }
        public Plain withParameters(double[] theta) { return new Plain(net.withParameters(theta)); }
        public double[] outputs(double[][] inputs) { return net.outputs(inputs); }
        public org.nd4j.linalg.api.ndarray.INDArray jacobian(double[][] inputs) { return net.jacobian(inputs); }
        public double[] weightedGradient(double[][] inputs, double[] c) { return net.weightedGradient(inputs, c); }
        public double[] hessianVectorProduct(double[] x, double[] v) { return net.hessianVectorProduct(x, v); }
    }

    @Test
    void deepNetFastPathRecordsWhatTheGeneralLoopRecords() {
        // the DeepNet loop takes ‖∇L‖² as rᵀKr and ‖θ − θ₀‖ from the native weights; the general loop forms ∇L = Jᵀr
        // and θ as P-vectors: the histories must agree (three consuming steps between records, wide and dense nets)
        var data = TrainingSet.sphere(6, 4, 3);
        for (var net : new org.linearitylab.model.DeepNet[]{org.linearitylab.model.DeepNet.tanh(4, 2, 40, 30),
                org.linearitylab.model.DeepNet.builder().inputDim(4).hidden(6, 5).dense(true).seed(1).build()}) {
            TrainingRun fast = GradientDescent.on(net, data).steps(12).recordEvery(4).run();
            TrainingRun slow = GradientDescent.on(new Plain(net), data).steps(12).recordEvery(4).run();
            assertEquals(slow.stepSize(), fast.stepSize(), 0.0);
            assertArrayEquals(slow.steps(), fast.steps(), 0.0);
            assertArrayEquals(slow.loss(), fast.loss(), 1e-12 * slow.loss()[0]);
            double[] g = slow.gradientNormSquared();
            assertTrue(g[g.length - 1] > 0 && g[g.length - 1] < g[0], java.util.Arrays.toString(g));
            assertArrayEquals(g, fast.gradientNormSquared(), 1e-10 * g[0]);
            double[] d = slow.parameterDistance();
            assertTrue(d[d.length - 1] > 0);
            assertArrayEquals(d, fast.parameterDistance(), 1e-10 * d[d.length - 1]);
            assertArrayEquals(slow.kernelDrift(), fast.kernelDrift(), 1e-10);
            assertArrayEquals(slow.lambdaMin(), fast.lambdaMin(), 1e-10 * slow.lambdaMax()[0]);
            assertArrayEquals(slow.model().parameters(), fast.model().parameters(), 1e-12);
            assertArrayEquals(net.parameters(), fast.initial().parameters(), 0.0); // θ₀ is untouched by the consuming steps
        }
    }
}
