package org.linearitylab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.model.DeepNet;

class InitVersusTrainedTest {
    private static final TrainingSet DATA = TrainingSet.sphere(6, 3, 0).scaledInputs(Math.sqrt(3));

    /** The trained state is the network GradientDescent returns, re-measured independently. */
    @Test
    void trainedStateIsWhatGradientDescentReturns() {
        int steps = 20;
        InitVersusTrainedResult c = InitVersusTrained.of((m, seed) -> DeepNet.tanh(3, seed, m, m), 8, 16)
                .data(DATA).steps(steps).seeds(2)
                .measure("f(x₀)", net -> net.output(DATA.inputs()[0]))
                .measure(List.of("‖θ‖", "P"), net -> new double[]{norm(net.parameters()), net.parameterCount()})
                .run();
        for (int i = 0; i < 2; i++) {
            int m = c.swept()[i];
            for (int s = 0; s < 2; s++) {
                DeepNet net = DeepNet.tanh(3, s, m, m);
                TrainingRun run = GradientDescent.on(net, DATA).steps(steps).trackKernel(false).run();
                DeepNet trained = (DeepNet) run.model();
                assertEquals(net.output(DATA.inputs()[0]), c.values("f(x₀)", InitVersusTrained.State.INITIAL)[i][s], 1e-12);
                assertEquals(trained.output(DATA.inputs()[0]), c.values("f(x₀)", InitVersusTrained.State.TRAINED)[i][s], 1e-9);
                assertEquals(run.finalLoss(), c.values(InitVersusTrained.FINAL_LOSS, InitVersusTrained.State.TRAINED)[i][s], 1e-9);
                assertEquals(0.0, c.values(InitVersusTrained.DISTANCE, InitVersusTrained.State.INITIAL)[i][s], 0.0);
                double d = c.values(InitVersusTrained.DISTANCE, InitVersusTrained.State.TRAINED)[i][s];
                double[] a = net.parameters();
                double[] b = trained.parameters();
                double dd = 0;
                for (int k = 0; k < a.length; k++) {
                    dd += (a[k] - b[k]) * (a[k] - b[k]);
                }
                assertEquals(Math.sqrt(dd), d, 1e-9);
                assertTrue(run.finalLoss() < c.values(InitVersusTrained.FINAL_LOSS, InitVersusTrained.State.INITIAL)[i][s]);
            }
        }
        assertEquals(c.mean("P", InitVersusTrained.State.INITIAL)[1], c.mean("P", InitVersusTrained.State.TRAINED)[1], 0.0);
        assertEquals(0.0, c.spread("P", InitVersusTrained.State.TRAINED)[0], 0.0);
        assertEquals(c.values("‖θ‖", InitVersusTrained.State.TRAINED)[1][1],
                c.sweep().valuesAt(InitVersusTrainedResult.key("‖θ‖", InitVersusTrained.State.TRAINED), 16)[1], 0.0, "the engine's values, by key");
        assertEquals(2 * 5, c.table().rowCount(), "2 widths × (loss, distance, f(x₀), ‖θ‖, P)");
    }

    @Test
    void badUseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> InitVersusTrained.of((m, s) -> DeepNet.tanh(3, s, m), new int[0]));
        assertThrows(IllegalArgumentException.class, () -> InitVersusTrained.of((m, s) -> DeepNet.tanh(3, s, m), 0));
        InitVersusTrained c = InitVersusTrained.of((m, s) -> DeepNet.tanh(3, s, m), 4);
        assertThrows(IllegalStateException.class, c::run);
        assertThrows(IllegalArgumentException.class, () -> c.measure("loss", net -> 0));
        InitVersusTrained wrong = InitVersusTrained.of((m, s) -> DeepNet.tanh(3, s, m), 4).data(DATA).steps(2).seeds(1)
                .measure(List.of("a", "b"), net -> new double[]{1});
        assertThrows(IllegalArgumentException.class, wrong::run);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
