package org.linearitylab.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.regression.DoubleDescentCurve.Metric;
import org.linearitylab.data.Digits;
import org.linearitylab.data.Synthetic;

class DoubleDescentTest {
    /** Train MSE counted as zero (interpolation) below this. */
    static final double INTERPOLATES = org.linearitylab.Tolerances.INTERPOLATES;

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
                LinearFit fit = LeastSquares.ridge(phi, org.linearitylab.core.Nd.array(train.y()), lambda);
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

    @Test
    void fullGridHasEveryPUpToJustPastTheThresholdAndReachesPMax() {
        int[] g = DoubleDescent.fullGrid(16, 160, 12);
        for (int p = 1; p <= 20; p++) {
            assertEquals(p, g[p - 1], "every p from 1 to n + 4");
        }
        assertEquals(160, g[g.length - 1]);
        for (int i = 1; i < g.length; i++) {
            assertTrue(g[i] > g[i - 1], "sorted and distinct");
        }
        assertThrows(IllegalArgumentException.class, () -> DoubleDescent.fullGrid(16, 10, 5));
    }

    @Test
    void medianAndQuartilesAgreeWithSortingTheSeedsByHand() {
        DoubleDescentCurve c = DoubleDescent.legendre(Synthetic::smooth, 10, 0.3).ps(3, 10, 25).seeds(5).progress(null).run();
        double[][] v = c.values(Metric.TEST_MSE);
        for (int k = 0; k < 3; k++) {
            double[] col = new double[5];
            for (int s = 0; s < 5; s++) {
                col[s] = v[s][k];
            }
            java.util.Arrays.sort(col);
            int p = c.ps()[k];
            assertEquals(col[2], c.at(Metric.TEST_MSE, p), 0, "at() is the median");
            // R-7 quartiles of 5 sorted values: positions 1 + 0.25·4 = 2 and 1 + 0.75·4 = 4 (1-based)
            assertEquals(col[1], c.quartilesAt(Metric.TEST_MSE, p)[0], 1e-15);
            assertEquals(col[3], c.quartilesAt(Metric.TEST_MSE, p)[1], 1e-15);
        }
    }

    @Test
    void gradientDescentFromZeroReachesTheMinimumNormInterpolant() {
        Synthetic.Sample1D train = Synthetic.curve1D(8, Synthetic::smooth, 0.1, 2);
        var phi = Legendre.features(20, 1).apply(train.x());
        var y = org.linearitylab.core.Nd.array(train.y());
        double[] minNorm = LeastSquares.minNorm(phi, y).coefficients();
        double[][] path = LeastSquares.gradientDescent(phi, y, new double[20], new int[]{0, 100, 200_000});
        assertEquals(0, norm(path[0]), 0, "recorded step 0 is β₀");
        assertTrue(dist(path[2], minNorm) < 1e-6 * norm(minNorm), "GD from 0 converges to Φ⁺y: " + dist(path[2], minNorm));
        assertTrue(dist(path[1], minNorm) > dist(path[2], minNorm), "and gets closer as it goes");
        // from another start: Φ⁺y plus the start's component orthogonal to the row space (an invariant of GD)
        double[] b0 = org.linearitylab.core.Rng.seed(3).gaussian(20);
        double[] end = LeastSquares.gradientDescent(phi, y, b0, new int[]{200_000})[0];
        double[] proj = LeastSquares.minNorm(phi, phi.mmul(org.linearitylab.core.Nd.array(b0).reshape(20, 1))).coefficients();
        for (int i = 0; i < 20; i++) {
            assertEquals(minNorm[i] + b0[i] - proj[i], end[i], 1e-6, "entry " + i);
        }
        assertTrue(norm(end) > norm(minNorm), "any other interpolant is longer");
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.gradientDescent(phi, y, new double[3], new int[]{1}));
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.gradientDescent(phi, y, new double[20], new int[]{5, 2}));
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /** Relative agreement with the recorded numbers: BLAS may reorder sums on another machine, a wrong seed moves them by ~%. */
    static final double SAME = 1e-9;

    private static void assertSame(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], SAME * Math.abs(expected[i]), what + " [" + i + "]");
        }
    }

    /**
     * On the sweep engine the curves are those of DoubleDescent's own seed loop, recorded on main before the port
     * (commit 35f2ffd): seeds firstSeed + s, test points from seed + 7 777 777, features from seed · 1 000 003.
     */
    @Test
    void sameNumbersAsItsOwnSeedLoopGave() {
        DoubleDescentCurve leg = DoubleDescent.legendre(Synthetic::smooth, 12, 0.2).ps(5, 11, 12, 13, 30).seeds(3).firstSeed(4)
                .lambdas(0, 0.1).progress(null).run();
        double[][] test = leg.values(Metric.TEST_MSE, 0);
        assertSame(new double[]{0.03095959926107314, 1.2433650722669394, 78.27731818568657, 15.709083720997464, 0.3292683780508288}, test[0], "test MSE, seed 4");
        assertSame(new double[]{0.02041890847484952, 4.977413619315839, 24.48023184366079, 19.095902344609573, 0.23327239703854707}, test[1], "test MSE, seed 5");
        assertSame(new double[]{0.029686326334333143, 5.0228774891043795, 48.324325178395846, 48.27065348212181, 0.22567037826420142}, test[2], "test MSE, seed 6");
        assertSame(new double[]{0.03215947681943727, 0.003294093400511819, 0.003396895050624852, 0.001142066031878985, 2.0352622070339475E-5},
                leg.values(Metric.TRAIN_MSE, 0.1)[1], "train MSE, λ = 0.1, seed 5");
        assertSame(new double[]{0.903233571130651, 1.531434240450769, 9.29664413869236, 5.111208409397283, 0.6874544785542405},
                leg.values(Metric.NORM, 0)[0], "‖β‖, seed 4");
        double[][] q = leg.quartiles(Metric.TEST_MSE, 0);
        assertSame(new double[]{0.025052617404591332, 3.110389345791389, 36.402278511028314, 17.40249303280352, 0.22947138765137426}, q[0], "q₁");
        assertSame(new double[]{0.03032296279770314, 5.000145554210109, 63.3008216820412, 33.68327791336569, 0.2812703875446879}, q[1], "q₃");
        assertTrue(Double.isNaN(leg.values(Metric.TEST_ERROR, 0)[0][0]), "no 0-1 error without labels");
        assertEquals("Legendre features: n = 12, 3 seeds, 5 values of p in [5, 30], λ ∈ [0.0, 0.1]. Median test MSE peaks at p = 12 (48.3).",
                leg.toString());

        Digits d = Digits.load();
        DoubleDescentCurve rf = DoubleDescent.randomFeatures(RandomFeatures.Kind.RELU, d.features(), d.labels())
                .trainSize(30).testSize(100).ps(10, 29, 30, 31, 90).seeds(2).firstSeed(7).lambdas(0, 1e-2).progress(null).run();
        double[][] rfTest = rf.values(Metric.TEST_MSE, 0);
        assertSame(new double[]{1.0952183696918054, 21.37488266168934, 35.28475360953684, 17.829586595706505, 0.7720818988082587}, rfTest[0], "RF test MSE, seed 7");
        assertSame(new double[]{1.0574108363166383, 43.870236896494276, 111.13747096959847, 9.283798821652452, 0.9293349936356177}, rfTest[1], "RF test MSE, seed 8");
        assertArrayEquals(new double[]{0.6, 0.43, 0.44, 0.43, 0.38}, rf.values(Metric.TEST_ERROR, 1e-2)[1], 0.0);
        assertArrayEquals(new long[]{7, 8}, rf.sweep().seeds());
    }
}
