package org.linearitylab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.Tolerances;
import org.linearitylab.core.Rng;

class TwoLayerNetTest {
    private static final double[] X = {0.3, -1.2, 0.7};

    @Test
    void outputMatchesTheDefinitionOnAHandMadeNet() {
        TwoLayerNet net = TwoLayerNet.of(Activation.TANH, new double[][]{{1, 0}, {0, 2}}, new double[]{3, -1});
        double[] x = {0.5, 0.25};
        double expected = (3 * Math.tanh(0.5) - Math.tanh(0.5)) / Math.sqrt(2);
        assertEquals(expected, net.output(x), Tolerances.ROUND_OFF);
        assertEquals(expected, net.outputs(new double[][]{x})[0], Tolerances.ROUND_OFF);
    }

    @Test
    void sameSeedSameNetwork_otherSeedOtherNetwork() {
        assertArrayEquals(TwoLayerNet.tanh(20, 3, 5).parameters(), TwoLayerNet.tanh(20, 3, 5).parameters());
        assertNotEquals(TwoLayerNet.tanh(20, 3, 5).output(X), TwoLayerNet.tanh(20, 3, 6).output(X));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid", "softplus"})
    void gradientMatchesCentralDifferences(String activation) {
        TwoLayerNet net = TwoLayerNet.builder().width(7).inputDim(3).activation(activation).seed(11).build();
        double[] theta = net.parameters();
        double[] g = net.gradient(X);
        for (int k = 0; k < theta.length; k++) {
            final int idx = k;
            double fd = Tolerances.centralDifference(t -> {
                double[] p = theta.clone();
                p[idx] += t;
                return net.withParameters(p).output(X);
            }, 0);
            assertEquals(fd, g[k], Tolerances.FINITE_DIFFERENCE, "∂f/∂θ[" + k + "]");
        }
    }

    @Test
    void jacobianRowsAreGradientsAndOutputsAreBatched() {
        TwoLayerNet net = TwoLayerNet.tanh(9, 3, 2);
        double[][] xs = {X, {1, 1, 1}, {-0.5, 0, 2}};
        INDArray j = net.jacobian(xs);
        double[] batched = net.outputs(xs);
        for (int r = 0; r < xs.length; r++) {
            assertArrayEquals(net.gradient(xs[r]), j.getRow(r).toDoubleVector(), Tolerances.ROUND_OFF);
            assertEquals(net.output(xs[r]), batched[r], Tolerances.ROUND_OFF);
        }
    }

    @Test
    void alongLineEqualsTheNetworkAtTheShiftedParameters() {
        TwoLayerNet net = TwoLayerNet.tanh(15, 3, 4);
        double[] u = net.randomDirection(9);
        double[] ts = {-2, -0.5, 0, 1, 3};
        double[] along = net.alongLine(X, u, ts);
        double[] theta = net.parameters();
        for (int j = 0; j < ts.length; j++) {
            double[] p = theta.clone();
            for (int k = 0; k < p.length; k++) {
                p[k] += ts[j] * u[k];
            }
            assertEquals(net.withParameters(p).output(X), along[j], Tolerances.ROUND_OFF);
        }
    }

    @Test
    void lineScanTouchesTheTangentAtZeroAndDeviatesSecondOrder() {
        TwoLayerNet net = TwoLayerNet.tanh(50, 3, 1);
        double[] u = net.randomDirection(2);
        LineScan near = net.lineScan(X, u, new double[]{-1e-2, 0, 1e-2});
        LineScan far = net.lineScan(X, u, new double[]{-1e-1, 0, 1e-1});
        assertEquals(near.f()[1], near.tangent()[1], 0);
        // the remainder is quadratic in t: 10× the step gives ~100× the deviation
        double ratio = far.maxDeviation() / near.maxDeviation();
        assertTrue(ratio > 70 && ratio < 130, "ratio " + ratio);
    }

    @Test
    void singleNeuronDirectionMovesOnlyThatNeuron() {
        TwoLayerNet net = TwoLayerNet.tanh(5, 2, 3);
        double[] u = net.singleNeuronDirection(2);
        double[] ts = {0.7};
        double[] theta = net.parameters();
        double norm = 0;
        for (int k = 0; k < u.length; k++) {
            norm += u[k] * u[k];
            boolean own = k == 4 || k == 5 || k == 10 + 2;
            assertEquals(own, u[k] != 0, "coordinate " + k);
            theta[k] += 0.7 * u[k];
        }
        assertEquals(1.0, norm, 1e-15);
        assertEquals(net.withParameters(theta).output(X2), net.alongLine(X2, u, ts)[0], Tolerances.ROUND_OFF);
        assertThrows(IllegalArgumentException.class, () -> net.singleNeuronDirection(5));
    }

    private static final double[] X2 = {0.4, -0.9};

    @Test
    void randomDirectionIsUnit() {
        double[] u = TwoLayerNet.tanh(100, 2, 0).randomDirection(3);
        double s = 0;
        for (double x : u) {
            s += x * x;
        }
        assertEquals(1.0, s, 1e-12);
        assertEquals(300, u.length);
    }

    @Test
    void wideNetsAreMoreLinearAlongARandomLine() {
        double[] x = {1.0};
        double[] ts = Rng.seed(0).uniform(41, -3, 3);
        double small = 0;
        double wide = 0;
        for (int seed = 0; seed < 5; seed++) {
            TwoLayerNet a = TwoLayerNet.tanh(10, 1, seed);
            TwoLayerNet b = TwoLayerNet.tanh(10_000, 1, seed);
            small += a.lineScan(x, a.randomDirection(seed + 100), ts).maxDeviation();
            wide += b.lineScan(x, b.randomDirection(seed + 100), ts).maxDeviation();
        }
        assertTrue(wide < small / 10, "deviation at m=10: " + small / 5 + ", at m=10⁴: " + wide / 5);
    }

    @Test
    void badInputNamesTheArgument() {
        assertMessage(() -> TwoLayerNet.builder().width(0), "width must be ≥ 1, got 0");
        assertMessage(() -> TwoLayerNet.builder().inputDim(-2), "inputDim must be ≥ 1, got -2");
        assertMessage(() -> TwoLayerNet.builder().build(), "width must be set");
        assertMessage(() -> TwoLayerNet.builder().width(3).activation("gelu"), "activation name must be one of");
        TwoLayerNet net = TwoLayerNet.tanh(4, 3, 0);
        assertMessage(() -> net.output(new double[]{1, 2}), "x must have length 3 (the input dimension), got 2");
        assertMessage(() -> net.output(new double[]{1, Double.NaN, 0}), "x[1] must be a finite number, got NaN");
        assertMessage(() -> net.outputs(new double[][]{{1, 2, Double.POSITIVE_INFINITY}}), "inputs[0][2] must be a finite number");
        assertMessage(() -> net.withParameters(new double[3]), "theta must have length 16, got 3");
        assertMessage(() -> net.alongLine(X, new double[16], new double[]{Double.NaN}), "ts[0] must be a finite number");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message was: " + e.getMessage());
    }
}
