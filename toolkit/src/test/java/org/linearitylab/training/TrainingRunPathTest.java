package org.linearitylab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.model.TwoLayerNet;

/** The path quantities of a run against their definitions, recomputed from the history columns. */
class TrainingRunPathTest {
    private static final TrainingSet DATA = TrainingSet.sphere(8, 3, 0);

    @Test
    void plRatioIsTheSmallestKernelEigenvalueAlongThePathOverTheFirst() {
        TrainingRun run = GradientDescent.on(TwoLayerNet.tanh(40, 3, 1), DATA).steps(40).recordEvery(4).run();
        double[] lm = run.lambdaMin();
        double min = java.util.Arrays.stream(lm).min().getAsDouble();
        assertEquals(min / lm[0], run.plConstantRatio(), 1e-12);
        assertTrue(run.plConstantRatio() > 0.5, "a wide-ish net keeps λ_min: " + run.plConstantRatio());
        double maxEta = java.util.Arrays.stream(run.lambdaMax()).max().getAsDouble() * run.stepSize();
        assertEquals(maxEta, run.maxStepTimesLambdaMax(), 1e-12);
        assertEquals(1.0, run.instabilityGrowth(), 0.0, "η = 1/λ_max(K₀) and a kernel that barely moves: never above 2");
        double[] l = run.loss();
        double rise = 0;
        for (int i = 1; i < l.length; i++) {
            rise = Math.max(rise, l[i] / l[i - 1]);
        }
        assertEquals(rise, run.maxLossIncrease(), 1e-12);
        assertTrue(rise < 1, "the loss falls at every recorded step");
    }

    /** P = 6 < n = 8: the kernel is singular at θ₀, there is no PL constant (0, not a ratio of rounding errors). */
    @Test
    void underParameterisedNetHasNoPlConstant() {
        TrainingRun run = GradientDescent.on(TwoLayerNet.tanh(1, 5, 0), TrainingSet.sphere(8, 5, 0)).steps(20).run();
        assertTrue(Math.abs(run.initialKernel().lambdaMin()) <= 1e-12 * run.initialKernel().lambdaMax());
        assertEquals(0.0, run.plConstantRatio(), 0.0);
    }

    /** A step just above the stable limit: the growth factor is |1 − ηλ_max|^steps while it stays above 2. */
    @Test
    void instabilityGrowthCountsTheStepsAboveTwo() {
        TrainingRun run = GradientDescent.on(TwoLayerNet.tanh(2000, 3, 2), DATA).stepFraction(2.02).steps(10).run();
        double[] lmax = run.lambdaMax();
        double expected = 1;
        for (int i = 0; i + 1 < lmax.length; i++) {
            expected *= Math.max(1, Math.abs(1 - run.stepSize() * lmax[i]));
        }
        assertEquals(expected, run.instabilityGrowth(), 1e-9 * expected);
        assertTrue(run.instabilityGrowth() > 1, "η λ_max(K₀) = 2.02 > 2");
    }
}
