package org.linearitylab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.linearitylab.Tolerances;

class NonLinearOutputTest {
    private static final double[][] X = {{0.3, -1.2}, {0.5, 0.4}};

    @Test
    void outputIsPhiOfTheInnerNetwork() {
        TwoLayerNet f = TwoLayerNet.tanh(6, 2, 1);
        NonLinearOutput g = NonLinearOutput.of(f, Activation.SIGMOID);
        double[] fo = f.outputs(X);
        double[] go = g.outputs(X);
        for (int j = 0; j < X.length; j++) {
            assertEquals(Activation.SIGMOID.value(fo[j]), go[j], Tolerances.ROUND_OFF);
        }
        assertArrayEquals(f.parameters(), g.parameters(), 0.0);
    }

    @Test
    void jacobianMatchesCentralDifferences() {
        NonLinearOutput g = NonLinearOutput.of(TwoLayerNet.tanh(4, 2, 3), Activation.TANH);
        double[][] j = g.jacobian(X).toDoubleMatrix();
        double[] theta = g.parameters();
        for (int k = 0; k < theta.length; k++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[k] += Tolerances.STEP;
            minus[k] -= Tolerances.STEP;
            double[] fp = g.withParameters(plus).outputs(X);
            double[] fm = g.withParameters(minus).outputs(X);
            for (int r = 0; r < X.length; r++) {
                assertEquals((fp[r] - fm[r]) / (2 * Tolerances.STEP), j[r][k], Tolerances.FINITE_DIFFERENCE, "∂g/∂θ" + k + " at x" + r);
            }
        }
    }
}
