package org.linearitylab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;
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
        WidthSweepResult s = WidthSweep.of((m, seed) -> TwoLayerNet.tanh(m, 3, seed), WIDTHS).data(DATA).steps(100).run();
        double drift = s.fit(WidthSweep.KERNEL_DRIFT).slope();
        double gap = s.fit(WidthSweep.LINEAR_GAP).slope();
        double dist = s.fit(WidthSweep.DISTANCE).slope();
        assertTrue(drift >= -1.4 && drift <= -0.4, "kernel drift slope " + drift);
        assertTrue(gap >= -1.4 && gap <= -0.4, "network–linearization gap slope " + gap);
        assertTrue(Math.abs(dist) <= 0.2, "‖θ_T−θ₀‖ slope " + dist);
    }

    @Test
    void nonLinearOutputKernelDoesNotSettle() {
        WidthSweepResult s = WidthSweep.of((m, seed) -> NonLinearOutput.of(TwoLayerNet.tanh(m, 3, seed), Activation.TANH), WIDTHS)
                .data(DATA.scaledTargets(0.5)).steps(100).compareWithLinearized(false).run();
        double drift = s.fit(WidthSweep.KERNEL_DRIFT).slope();
        double[] d = s.column(WidthSweep.KERNEL_DRIFT);
        assertTrue(drift > -0.25, "kernel drift slope of tanh(f) " + drift + " should be ≈ 0");
        assertTrue(d[d.length - 1] > 0.05, "kernel drift of tanh(f) at the largest width " + d[d.length - 1] + " stays O(1)");
    }

    @Test
    void seedsAreAveragedAndTheirSpreadIsReported() {
        int seeds = 3;
        WidthSweepResult s = WidthSweep.of((m, seed) -> TwoLayerNet.tanh(m, 3, seed), 20, 80).data(DATA).steps(30).seeds(seeds)
                .compareWithLinearized(false).run();
        for (int i = 0; i < 2; i++) {
            int m = i == 0 ? 20 : 80;
            double[] drift = new double[seeds];
            double mean = 0;
            for (int k = 0; k < seeds; k++) {
                // each seed's value is what a separate run of that seed's network gives
                drift[k] = GradientDescent.on(TwoLayerNet.tanh(m, 3, k), DATA).steps(30).run().maxKernelDrift();
                assertEquals(drift[k], s.column(WidthSweep.KERNEL_DRIFT, k)[i], 1e-12, "m = " + m + ", seed " + k);
                mean += drift[k] / seeds;
            }
            assertEquals(mean, s.column(WidthSweep.KERNEL_DRIFT)[i], 1e-12, "mean over seeds at m = " + m);
            double ss = 0;
            for (double d : drift) {
                ss += (d - mean) * (d - mean);
            }
            assertEquals(Math.sqrt(ss / (seeds - 1)), s.spread(WidthSweep.KERNEL_DRIFT)[i], 1e-12, "sd over seeds at m = " + m);
        }
        assertTrue(s.spread(WidthSweep.KERNEL_DRIFT)[0] > 0, "different seeds give different networks");
        double[] slope = s.slopeOverSeeds(WidthSweep.KERNEL_DRIFT);
        assertEquals(seeds, s.seedCount());
        assertTrue(slope[2] <= slope[0] && slope[0] <= slope[3] && slope[1] > 0, java.util.Arrays.toString(slope));
        var e = assertThrows(IllegalArgumentException.class, () -> s.spread("drift"));
        assertTrue(e.getMessage().startsWith("name must be one of"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.column(WidthSweep.KERNEL_DRIFT, seeds));
        var notTrained = assertThrows(IllegalStateException.class, () -> s.column(WidthSweep.LINEAR_GAP));
        assertTrue(notTrained.getMessage().contains("compareWithLinearized(true)"), notTrained.getMessage());
        assertTrue(s.table().doubleColumn(WidthSweep.LINEAR_GAP).isMissing(0), "not trained: an empty cell in the table");
    }

    @Test
    void deepNetKernelDriftFallsWithWidthOverSeeds() {
        // Eq. 8 deep net (two hidden layers of width m); the bound is O(1/√m); measured ≈ m^-0.8 (notebook 05)
        TrainingSet data = DATA.scaledInputs(Math.sqrt(3));
        WidthSweepResult s = WidthSweep.of((m, seed) -> DeepNet.tanh(3, seed, m, m), 32, 128, 512).data(data).steps(60).recordEvery(10)
                .seeds(2).run();
        double drift = s.fit(WidthSweep.KERNEL_DRIFT).slope();
        double gap = s.fit(WidthSweep.LINEAR_GAP).slope();
        assertTrue(drift >= -1.3 && drift <= -0.4, "deep kernel drift slope " + drift);
        assertTrue(gap >= -1.3 && gap <= -0.3, "deep network–linearization gap slope " + gap);
    }

    @Test
    void theConfigurationIsImmutable() {
        WidthSweep base = WidthSweep.of((m, seed) -> TwoLayerNet.tanh(m, 3, seed), 5, 10).data(DATA).steps(4).compareWithLinearized(false)
                .progress(x -> { });
        WidthSweep longer = base.steps(8).seeds(2);
        assertEquals(4, base.run().steps(), "a setter returns a new configuration");
        WidthSweepResult r = longer.run();
        assertEquals(8, r.steps());
        assertEquals(2, r.seedCount());
        assertEquals(8 / 1 + 1, r.networkRun(1).recordedSteps());
        assertThrows(IllegalStateException.class, WidthSweep.of((m, seed) -> TwoLayerNet.tanh(m, 3, seed), 5)::run, "no data");
    }
    @Test
    void keptRunsDropTheirModelsAboveTheLimitButKeepTheirHistories() {
        // P = 800 000·3 = 2.4·10⁶ > KEEP_MODELS_UP_TO: the histories stay, the models go (and say why); below it both stay
        var data = TrainingSet.sphere(4, 2, 1);
        WidthSweepResult wide = WidthSweep.of((m, seed) -> TwoLayerNet.tanh(m, 2, seed), 800_000).data(data).steps(2).run();
        assertTrue(800_000 * 3 > WidthSweep.KEEP_MODELS_UP_TO);
        TrainingRun run = wide.networkRun(0);
        assertEquals(3, run.loss().length);
        assertTrue(run.finalLoss() < run.loss()[0]);
        assertTrue(run.history().name().contains("TwoLayerNet"), run.history().name());
        var e = assertThrows(IllegalStateException.class, run::model);
        assertTrue(e.getMessage().contains("KEEP") || e.getMessage().contains("keeps the models"), e.getMessage());
        assertThrows(IllegalStateException.class, run::initial);
        assertThrows(IllegalStateException.class, () -> wide.linearRun(0).model());
        WidthSweepResult narrow = WidthSweep.of((m, seed) -> TwoLayerNet.tanh(m, 2, seed), 50).data(data).steps(2).run();
        assertEquals(50 * 3, narrow.networkRun(0).model().parameterCount());
    }
}
