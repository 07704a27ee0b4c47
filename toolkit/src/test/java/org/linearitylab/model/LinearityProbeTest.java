package org.linearitylab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;
import org.linearitylab.Tolerances;
import org.linearitylab.core.Nd;
import org.linearitylab.experiment.SlopeFit;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.experiment.SweepResult;

/** Notebook 02's measurements: gradient direction, linear change vs deviation, fitted output layer. */
class LinearityProbeTest {
    private static final double[] X = {0.3, -1.2, 0.7};
    private static final double[] ONE = {1.0};
    /** Fitted log-log slopes over 3 seeds and 2 decades of width: ±0.15 around the expected exponent. */
    private static final double SLOPE_TOL = Tolerances.SLOPE;
    /** Least squares by two different algorithms (SVD vs QR) on a well-conditioned 40×8 problem. */
    private static final double LSQ_TOL = Tolerances.LEAST_SQUARES;

    @Test
    void gradientDirectionIsUnitAndItsSlopeIsTheGradientNormByFiniteDifferences() {
        TwoLayerNet net = TwoLayerNet.tanh(30, 3, 4);
        double[] u = net.gradientDirection(X);
        assertEquals(1.0, Math.sqrt(u.length == 0 ? 0 : java.util.Arrays.stream(u).map(a -> a * a).sum()), 1e-14);
        double h = Tolerances.STEP;
        double[] fs = net.alongLine(X, u, new double[]{-h, h});
        double fd = (fs[1] - fs[0]) / (2 * h);
        assertEquals(fd, net.gradientNorm(X), Tolerances.FINITE_DIFFERENCE);
        assertEquals(net.gradientNorm(X), net.lineScan(X, u, new double[]{0.5}).slope(), Tolerances.ROUND_OFF);
    }

    @Test
    void lineScanReadsOffTheLinearPartAndTheThreeArgumentFormAgrees() {
        TwoLayerNet net = TwoLayerNet.tanh(20, 3, 2);
        double[] u = net.randomDirection(5);
        double[] ts = Nd.linspace(-2, 3, 11);
        LineScan s = net.lineScan(X, u, ts);
        double slopeFd = (net.alongLine(X, u, new double[]{Tolerances.STEP})[0] - net.alongLine(X, u, new double[]{-Tolerances.STEP})[0])
                / (2 * Tolerances.STEP);
        assertEquals(slopeFd, s.slope(), Tolerances.FINITE_DIFFERENCE);
        assertEquals(net.output(X), s.f0(), Tolerances.ROUND_OFF);
        assertEquals(3 * Math.abs(s.slope()), s.linearChange(), Tolerances.ROUND_OFF);
        LineScan three = new LineScan(s.t(), s.f(), s.tangent());
        assertEquals(s.f0(), three.f0(), 1e-13);
        assertEquals(s.slope(), three.slope(), 1e-13);
        double[] r = s.remainder();
        double[] c = s.change();
        double[] tc = s.tangentChange();
        for (int i = 0; i < ts.length; i++) {
            assertEquals(c[i] - tc[i], r[i], 1e-13);
        }
        assertEquals(s.maxDeviation() / s.linearChange(), s.deviationToLinearChange(), 0);
        assertThrows(IllegalArgumentException.class, () -> new LineScan(new double[]{1}, new double[]{1}, new double[]{1}));
    }

    @Test
    void remainderIsSecondOrder_halvingTheStepQuartersIt() {
        TwoLayerNet net = TwoLayerNet.tanh(200, 1, 3);
        for (double[] u : new double[][]{net.gradientDirection(ONE), net.randomDirection(7), net.singleNeuronDirection(0)}) {
            double[] r = net.lineScan(ONE, u, new double[]{0.02, 0.01}).remainder();
            assertEquals(4.0, r[0] / r[1], 0.1);
        }
    }

    /**
     * The claim, as fitted exponents over m = 10..10⁴ and 3 seeds at R = 4: along the gradient the linear change
     * stays Θ(1) (slope ≈ 0) while deviation/linear change falls; along a single neuron both shrink together (ratio flat).
     */
    @Test
    void deviationRelativeToLinearChangeFallsAlongTheGradientButNotAlongOneNeuron() {
        double[] ts = Nd.linspace(-4, 4, 41);
        SweepResult r = Sweep.logWidths(10, 10_000, 2).seeds(3).quiet()
                .measure(java.util.List.of("grad lin", "grad ratio", "one ratio", "one dev"), (m, seed) -> {
                    TwoLayerNet net = TwoLayerNet.tanh(m, 1, seed);
                    LineScan g = net.lineScan(ONE, net.gradientDirection(ONE), ts);
                    LineScan one = net.lineScan(ONE, net.singleNeuronDirection(0), ts);
                    return new double[]{g.linearChange(), g.deviationToLinearChange(), one.deviationToLinearChange(), one.maxDeviation()};
                }).run();
        assertEquals(0.0, SlopeFit.of(r, "grad lin").slope(), 0.05);
        assertTrue(SlopeFit.of(r, "grad ratio").hi() < -0.3, SlopeFit.of(r, "grad ratio").toString());
        assertEquals(0.0, SlopeFit.of(r, "one ratio").slope(), SLOPE_TOL);
        assertEquals(-0.5, SlopeFit.of(r, "one dev").slope(), SLOPE_TOL);
    }

    @Test
    void fittedOutputLayerIsTheLeastSquaresSolution() {
        TwoLayerNet net = TwoLayerNet.tanh(8, 2, 1);
        double[][] xs = new double[40][];
        double[] y = new double[40];
        double[] grid = Nd.linspace(-2, 2, 40);
        for (int j = 0; j < 40; j++) {
            xs[j] = new double[]{grid[j], 1};
            y[j] = Math.sin(2 * grid[j]) + 0.3 * grid[j] * grid[j];
        }
        TwoLayerNet fitted = net.withFittedOutputLayer(xs, y);
        assertArrayEquals(net.inputWeights()[3], fitted.inputWeights()[3], 0);
        double[][] phi = new double[40][8];
        double[][] w = net.inputWeights();
        for (int j = 0; j < 40; j++) {
            for (int i = 0; i < 8; i++) {
                phi[j][i] = Math.tanh(w[i][0] * xs[j][0] + w[i][1] * xs[j][1]) / Math.sqrt(8);
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        ols.newSampleData(y, phi);
        assertArrayEquals(ols.estimateRegressionParameters(), fitted.outputWeights(), LSQ_TOL);
        // invariant: the residual is orthogonal to every feature
        double[] out = fitted.outputs(xs);
        for (int i = 0; i < 8; i++) {
            double dot = 0;
            for (int j = 0; j < 40; j++) {
                dot += phi[j][i] * (out[j] - y[j]);
            }
            assertEquals(0, dot, 1e-10);
        }
        // a target the hidden layer can represent exactly is fitted exactly
        TwoLayerNet again = net.withFittedOutputLayer(xs, net.outputs(xs));
        assertArrayEquals(net.outputWeights(), again.outputWeights(), 1e-9);
    }

    @Test
    void gradientDirectionOfAFlatNetworkIsRejected() {
        TwoLayerNet zero = TwoLayerNet.of(Activation.TANH, new double[][]{{0.0}}, new double[]{0.0});
        assertThrows(IllegalArgumentException.class, () -> zero.gradientDirection(new double[]{0.0}));
    }
}
