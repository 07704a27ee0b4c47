package org.linearitylab.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.data.Digits;
import org.linearitylab.data.Synthetic;
import org.linearitylab.regression.DoubleDescentCurve.Metric;

class DoubleDescentTest {
    /** Train MSE counted as zero (interpolation) below this. */
    static final double INTERPOLATES = 1e-18;

    @Test
    void legendreDemoPeaksAtTheThresholdAndInterpolatesFromThere() {
        int n = 16;
        DoubleDescentCurve c = DoubleDescent.legendre(Synthetic::smooth, n, 0.1).decay(1)
                .ps(DoubleDescent.grid(n, 80, 20)).seeds(4).progress(null).run();
        int peak = c.peak(Metric.TEST_MSE);
        assertTrue(peak >= n - 2 && peak <= n + 2, "peak at p = " + peak + ", expected within n ± 2");
        assertTrue(c.at(Metric.TRAIN_MSE, n - 1) > 1e-6, "p < n cannot interpolate");
        // at p = n the square Φ has condition number ~10¹⁰: the residual is rounding (≫ 1e-18) but
        // many orders of magnitude below the p = n − 1 least-squares residual
        assertTrue(c.at(Metric.TRAIN_MSE, n) < 1e-5 * c.at(Metric.TRAIN_MSE, n - 1),
                "p = n interpolates: train MSE " + c.at(Metric.TRAIN_MSE, n) + " vs " + c.at(Metric.TRAIN_MSE, n - 1) + " at n − 1");
        assertTrue(c.at(Metric.TRAIN_MSE, 80) < INTERPOLATES, "p > n interpolates");
        assertTrue(c.at(Metric.TEST_MSE, 80) < c.at(Metric.TEST_MSE, n) / 1e3, "second descent");
        assertTrue(c.at(Metric.NORM, n) > c.at(Metric.NORM, 80), "‖β‖ peaks at the threshold too");
    }

    @Test
    void digitsRandomFeaturesPeakNearNAndRidgeRemovesIt() {
        Digits d = Digits.load();
        int n = 60;
        DoubleDescentCurve c = DoubleDescent.randomFeatures(RandomFeatures.Kind.FOURIER, d.features(), d.labels())
                .trainSize(n).testSize(400).ps(DoubleDescent.grid(n, 4 * n, 24)).seeds(2).lambdas(0, 1e-2)
                .progress(null).run();
        int peak = c.peak(Metric.TEST_MSE, 0);
        assertTrue(peak >= 0.9 * n && peak <= 1.15 * n, "peak at p = " + peak + ", expected within [0.9n, 1.15n]");
        assertTrue(c.thresholdRatio(Metric.TEST_MSE, 0) > 10, "min-norm: a tall peak");
        assertTrue(c.thresholdRatio(Metric.TEST_MSE, 1e-2) <= 1, "ridge: no peak, ratio " + c.thresholdRatio(Metric.TEST_MSE, 1e-2));
        assertTrue(c.at(Metric.TRAIN_MSE, 4 * n, 0) < INTERPOLATES);
        assertEquals(n, c.n());
    }

    @Test
    void runnerAgreesWithLeastSquaresAndMetricsCalledDirectly() {
        int n = 12;
        double[] lambdas = {0, 0.1};
        DoubleDescentCurve c = DoubleDescent.legendre(Synthetic::smooth, n, 0.2).ps(5, 12, 30).seeds(1).firstSeed(4)
                .lambdas(lambdas).progress(null).run();
        Synthetic.Sample1D train = Synthetic.curve1D(n, Synthetic::smooth, 0.2, 4);
        for (int p : new int[]{5, 12, 30}) {
            var phi = Legendre.features(p).apply(train.x());
            for (double lambda : lambdas) {
                LinearFit fit = LeastSquares.ridge(phi, org.linearitylab.Lab.array(train.y()), lambda);
                double mse = Metrics.mse(fit.predict(phi).toDoubleVector(), train.y());
                assertEquals(mse, c.at(Metric.TRAIN_MSE, p, lambda), 1e-12 + 1e-9 * mse, "train MSE p = " + p + ", λ = " + lambda);
                assertEquals(fit.norm(), c.at(Metric.NORM, p, lambda), 1e-9 * fit.norm(), "‖β‖ p = " + p + ", λ = " + lambda);
            }
        }
    }

    @Test
    void gridResolvesTheThreshold() {
        int[] g = DoubleDescent.grid(100, 400, 40);
        assertTrue(g.length >= 40);
        for (int q = 98; q <= 102; q++) {
            assertTrue(java.util.Arrays.binarySearch(g, q) >= 0, "grid contains " + q);
        }
        assertEquals(1, g[0]);
        assertEquals(400, g[g.length - 1]);
    }

    @Test
    void badInput() {
        double[][] x = {{0, 1}, {1, 0}, {1, 1}};
        LeastSquaresTest.assertMessage("mismatched", () -> DoubleDescent.randomFeatures(RandomFeatures.Kind.RELU, x, new int[]{0, 1}));
        LeastSquaresTest.assertMessage("x[1][0]", () -> DoubleDescent.randomFeatures(RandomFeatures.Kind.RELU,
                new double[][]{{0, 1}, {Double.NaN, 0}}, new int[]{0, 1}));
        LeastSquaresTest.assertMessage("trainSize", () -> DoubleDescent.randomFeatures(RandomFeatures.Kind.RELU, x, new int[]{0, 1, 0})
                .trainSize(3).run());
        LeastSquaresTest.assertMessage("ps[0]", () -> DoubleDescent.legendre(Synthetic::smooth, 16, 0.1).ps(0, 3));
        LeastSquaresTest.assertMessage("n", () -> DoubleDescent.legendre(Synthetic::smooth, 0, 0.1));
        LeastSquaresTest.assertMessage("lambdas[0]", () -> DoubleDescent.legendre(Synthetic::smooth, 16, 0.1).lambdas(-1));
    }
}
