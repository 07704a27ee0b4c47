package org.linearitylab.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.model.Activation;
import org.linearitylab.model.NonLinearOutput;
import org.linearitylab.model.TwoLayerNet;

/**
 * Scaling laws of training. Bands: the papers bound the kernel drift and the network–linearization gap by
 * O(1/√m) (slope ≤ −1/2 up to noise); for two-layer nets with symmetric random output weights the first-order
 * change averages out and we measure ≈ m⁻¹ (see notebook 05), so the band is [−1.4, −0.4]. ‖θ_T − θ₀‖ stays O(1).
 */
class WidthSweepTest {
    private static final TrainingSet DATA = TrainingSet.sphere(8, 3, 0);
    private static final int[] WIDTHS = {50, 200, 800};

    @Test
    void kernelDriftAndLinearGapDecreaseWithWidthWhileParametersMoveOrderOne() {
        WidthSweep s = WidthSweep.of((m, seed) -> TwoLayerNet.tanh(m, 3, seed), WIDTHS).data(DATA).steps(100).run();
        double drift = s.fit(WidthSweep.KERNEL_DRIFT).slope();
        double gap = s.fit(WidthSweep.LINEAR_GAP).slope();
        double dist = s.fit(WidthSweep.DISTANCE).slope();
        assertTrue(drift >= -1.4 && drift <= -0.4, "kernel drift slope " + drift);
        assertTrue(gap >= -1.4 && gap <= -0.4, "network–linearization gap slope " + gap);
        assertTrue(Math.abs(dist) <= 0.2, "‖θ_T−θ₀‖ slope " + dist);
    }

    @Test
    void nonLinearOutputKernelDoesNotSettle() {
        WidthSweep s = WidthSweep.of((m, seed) -> NonLinearOutput.of(TwoLayerNet.tanh(m, 3, seed), Activation.TANH), WIDTHS)
                .data(DATA.scaledTargets(0.5)).steps(100).compareWithLinearized(false).run();
        double drift = s.fit(WidthSweep.KERNEL_DRIFT).slope();
        double[] d = s.column(WidthSweep.KERNEL_DRIFT);
        assertTrue(drift > -0.25, "kernel drift slope of tanh(f) " + drift + " should be ≈ 0");
        assertTrue(d[d.length - 1] > 0.05, "kernel drift of tanh(f) at the largest width " + d[d.length - 1] + " stays O(1)");
    }
}
