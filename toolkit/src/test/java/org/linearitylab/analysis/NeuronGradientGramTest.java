package org.linearitylab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.linearitylab.data.GaussianInputs;
import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;

class NeuronGradientGramTest {
    static final double FD_STEP = org.linearitylab.Tolerances.STEP;
    /** Gram entries are sums of products of O(1) gradients known to ~1e-9 by central differences. */
    static final double FD_GRAM_TOL = org.linearitylab.Tolerances.FINITE_DIFFERENCE;
    static final double ROUNDOFF = org.linearitylab.Tolerances.ROUND_OFF;

    static double[][] inputs(int n, int d, long seed) {
        return GaussianInputs.sample(n, d, seed);
    }

    /** Rows: ∇_θ ã⁽ˡ⁾ᵢ by central finite differences, one parameter at a time (brute force). */
    static double[][] neuronGradientsByFiniteDifferences(DeepNet net, double[] x, int layer) {
        int m = net.width(layer);
        int p = net.parameterCount();
        double[][] j = new double[m][p];
        double[] theta = net.parameters();
        for (int k = 0; k < p; k++) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[k] += FD_STEP;
            tm[k] -= FD_STEP;
            double[] zp = net.withParameters(tp).preActivations(new double[][]{x}, layer)[0];
            double[] zm = net.withParameters(tm).preActivations(new double[][]{x}, layer)[0];
            for (int i = 0; i < m; i++) {
                j[i][k] = (zp[i] - zm[i]) / (2 * FD_STEP);
            }
        }
        return j;
    }

    @Test
    void gramRecursionMatchesExplicitPerNeuronGradients() {
        for (Activation act : new Activation[]{Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS}) {
            DeepNet net = DeepNet.builder().inputDim(3).hidden(4, 5, 3).activation(act).seed(6).build();
            double[] x = inputs(1, 3, 1)[0];
            NeuronGradientGram gram = NeuronGradientGram.of(net);
            for (int layer = 1; layer <= 3; layer++) {
                double[][] j = neuronGradientsByFiniteDifferences(net, x, layer);
                double[][] k = gram.gram(x, layer);
                for (int a = 0; a < j.length; a++) {
                    for (int b = 0; b < j.length; b++) {
                        double brute = 0;
                        for (int t = 0; t < j[a].length; t++) {
                            brute += j[a][t] * j[b][t];
                        }
                        assertEquals(brute, k[a][b], FD_GRAM_TOL, act + " layer " + layer + " (" + a + "," + b + ")");
                    }
                }
            }
        }
    }

    /** Brute-force mean |cos| over pairs of layer l for one input, from explicit finite-difference gradients. */
    static double bruteForceMeanAbsCosine(DeepNet net, double[] x, int layer) {
        double[][] j = neuronGradientsByFiniteDifferences(net, x, layer);
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < j.length; a++) {
            for (int b = a + 1; b < j.length; b++) {
                double ab = 0, aa = 0, bb = 0;
                for (int t = 0; t < j[a].length; t++) {
                    ab += j[a][t] * j[b][t];
                    aa += j[a][t] * j[a][t];
                    bb += j[b][t] * j[b][t];
                }
                sum += Math.abs(ab) / Math.sqrt(aa * bb);
                pairs++;
            }
        }
        return sum / pairs;
    }

    /**
     * The known width-1 bug: a layer of width 1 (and 2) before a wide one. Every entry point (gram, subsetGram,
     * exact, exactAll, estimate) against explicit finite-difference gradients of a [10, 6, b, 6] net, b = 1, 2.
     * Before the fix gram/exact threw an ND4J index error at b = 1 and estimate/subsetGram lost the c·I term
     * (|cos| = 1 exactly).
     */
    @Test
    void narrowMiddleLayerMatchesBruteForce() {
        for (int b : new int[]{1, 2}) {
            DeepNet net = DeepNet.tanh(10, 4, 6, b, 6);
            double[][] xs = inputs(3, 10, 5);
            NeuronGradientGram gram = NeuronGradientGram.of(net);
            double bruteMean = 0;
            for (double[] x : xs) {
                for (int layer = 1; layer <= 3; layer++) {
                    double[][] j = neuronGradientsByFiniteDifferences(net, x, layer);
                    double[][] k = gram.gram(x, layer);
                    int[] all = java.util.stream.IntStream.range(0, net.width(layer)).toArray();
                    double[][] sub = gram.subsetGram(x, layer, all);
                    for (int a = 0; a < j.length; a++) {
                        for (int c = 0; c < j.length; c++) {
                            double brute = 0;
                            for (int t = 0; t < j[a].length; t++) {
                                brute += j[a][t] * j[c][t];
                            }
                            assertEquals(brute, k[a][c], FD_GRAM_TOL, "gram, b = " + b + ", layer " + layer);
                            assertEquals(brute, sub[a][c], FD_GRAM_TOL, "subsetGram, b = " + b + ", layer " + layer);
                        }
                    }
                }
                bruteMean += bruteForceMeanAbsCosine(net, x, 3) / xs.length;
            }
            assertTrue(bruteMean > 0.05 && bruteMean < 0.95, "brute-force |cos| is neither 0 nor 1: " + bruteMean);
            assertEquals(bruteMean, gram.exact(xs, 3).mean(), 1e-7, "exact, b = " + b);
            assertEquals(bruteMean, gram.estimate(xs, 3, 6, 1).mean(), 1e-7, "estimate with k = m, b = " + b);
            // a proper subset (k = 5 of 6): per sample the mean over that subset's pairs, checked by brute force
            CosineEstimate est = gram.estimate(xs, 3, 5, 1);
            assertTrue(Math.abs(est.mean() - 1) > 0.05, "estimate is not the degenerate |cos| = 1: " + est.mean());
            if (b == 2) {
                assertEquals(bruteMean, gram.exactAll(xs)[2].mean(), 1e-7, "exactAll");
                assertEquals(bruteForceMeanAbsCosineAll(net, xs, 2), gram.exact(xs, 2).mean(), 1e-7, "exact, the narrow layer itself");
            } else {
                assertThrows(IllegalArgumentException.class, () -> gram.exactAll(xs), "exactAll names the width-1 layer");
                assertThrows(IllegalArgumentException.class, () -> gram.exact(xs, 2), "a width-1 layer has no pairs");
            }
        }
    }

    static double bruteForceMeanAbsCosineAll(DeepNet net, double[][] xs, int layer) {
        double s = 0;
        for (double[] x : xs) {
            s += bruteForceMeanAbsCosine(net, x, layer) / xs.length;
        }
        return s;
    }

    /** The subset estimator with a proper subset against brute force on exactly the pairs of that subset. */
    @Test
    void subsetEstimateAfterWidthOneLayerMatchesBruteForceOnItsSubset() {
        DeepNet net = DeepNet.tanh(10, 4, 6, 1, 6);
        double[] x = inputs(1, 10, 9)[0];
        NeuronGradientGram gram = NeuronGradientGram.of(net);
        int[] subset = {0, 2, 3, 5};
        double[][] j = neuronGradientsByFiniteDifferences(net, x, 3);
        double[][] sub = gram.subsetGram(x, 3, subset);
        for (int a = 0; a < subset.length; a++) {
            for (int c = 0; c < subset.length; c++) {
                double brute = 0;
                for (int t = 0; t < j[0].length; t++) {
                    brute += j[subset[a]][t] * j[subset[c]][t];
                }
                assertEquals(brute, sub[a][c], FD_GRAM_TOL, "(" + a + "," + c + ")");
            }
        }
    }

    /** Exact rows carry no interval (empty cells), estimated rows their 95% CI around the mean. */
    @Test
    void sweepTableLeavesTheIntervalOfExactRowsEmpty() {
        double[][] xs = inputs(4, 5, 3);
        OrthogonalitySweep s = OrthogonalitySweep.of(m -> DeepNet.tanh(5, 1, m, m, m), 8, 64).inputs(xs).layers(2).policy(new OrthogonalitySweep.Policy(1e5, 16, 1)).run();
        var t = s.table();
        assertTrue(s.at(0, 2).isExact() && !s.at(1, 2).isExact(), "m = 8 exact, m = 64 estimated");
        assertTrue(t.doubleColumn("95% lo").isMissing(0) && t.doubleColumn("95% hi").isMissing(0));
        assertTrue(t.doubleColumn("95% lo").getDouble(1) < s.at(1, 2).mean() && s.at(1, 2).mean() < t.doubleColumn("95% hi").getDouble(1));
    }

    @Test
    void layerOneCosinesAreExactlyZero() {
        DeepNet net = DeepNet.tanh(5, 3, 8, 8, 8);
        NeuronGradientGram gram = NeuronGradientGram.of(net);
        double[][] xs = inputs(3, 5, 2);
        double[][] k = gram.gram(xs[0], 1);
        for (int a = 0; a < 8; a++) {
            for (int b = 0; b < 8; b++) {
                if (a != b) {
                    assertEquals(0.0, k[a][b], 0.0);
                }
            }
        }
        assertEquals(0.0, gram.exact(xs, 1).mean(), 0.0);
        assertTrue(gram.exact(xs, 2).mean() > 0.01, "deeper layers share parameters, so cosines are not zero");
    }

    @Test
    void onePassOverAllLayersEqualsLayerByLayer() {
        DeepNet net = DeepNet.builder().inputDim(5).hidden(9, 7, 8, 6).activation(Activation.SOFTPLUS).seed(4).build();
        NeuronGradientGram gram = NeuronGradientGram.of(net);
        double[][] xs = inputs(3, 5, 8);
        CosineEstimate[] all = gram.exactAll(xs);
        assertEquals(4, all.length);
        for (int layer = 1; layer <= 4; layer++) {
            assertEquals(gram.exact(xs, layer).mean(), all[layer - 1].mean(), 0.0, "layer " + layer);
            assertEquals(net.width(layer), all[layer - 1].width());
        }
    }

    @Test
    void sweepFindsTheOneOverSqrtMLawAndUsesTheEstimatorBeyondTheBudget() {
        double[][] xs = inputs(6, 8, 1);
        var sweep = OrthogonalitySweep.of(m -> DeepNet.tanh(8, 2, m, m, m), 16, 32, 64, 128).inputs(xs).layers(1, 2, 3).policy(new OrthogonalitySweep.Policy(6 * 8.0 * 64 * 64 * 64, 48, 3)).run();
        assertTrue(sweep.at(0, 3).isExact());
        assertTrue(!sweep.at(3, 3).isExact(), "m = 128 exceeds the flop budget, so it is estimated");
        assertEquals(0.0, sweep.means(1)[3], 0.0);
        assertTrue(sweep.decreasing(2) && sweep.decreasing(3));
        assertTrue(sweep.fit(3).slope() < -0.3 && sweep.fit(3).slope() > -0.7, "slope " + sweep.fit(3).slope());
    }

    @Test
    void subsetChainEqualsTheExactGramRestricted() {
        DeepNet net = DeepNet.builder().inputDim(4).hidden(6, 7, 5, 6).activation(Activation.SIGMOID).seed(2).build();
        NeuronGradientGram gram = NeuronGradientGram.of(net);
        double[] x = inputs(1, 4, 3)[0];
        for (int layer = 1; layer <= 4; layer++) {
            double[][] full = gram.gram(x, layer);
            int[] subset = layer == 3 ? new int[]{4, 0, 2} : new int[]{1, 3};
            double[][] sub = gram.subsetGram(x, layer, subset);
            for (int a = 0; a < subset.length; a++) {
                for (int b = 0; b < subset.length; b++) {
                    assertEquals(full[subset[a]][subset[b]], sub[a][b], ROUNDOFF * (1 + Math.abs(full[subset[a]][subset[b]])));
                }
            }
        }
    }

    @Test
    void estimateEqualsExactAtFullSubsetAndCoversItOtherwise() {
        DeepNet net = DeepNet.tanh(16, 4, 64, 64, 64);
        NeuronGradientGram gram = NeuronGradientGram.of(net);
        double[][] xs = inputs(20, 16, 5);
        for (int layer = 2; layer <= 3; layer++) {
            CosineEstimate exact = gram.exact(xs, layer);
            CosineEstimate full = gram.estimate(xs, layer, 64, 1);
            assertEquals(exact.mean(), full.mean(), 0.0, "k = m is the exact value");
            assertTrue(full.isExact());
            // the restricted chain with every neuron reproduces the exact value up to round-off
            double viaChain = 0;
            for (double[] x : xs) {
                var xr = org.linearitylab.core.Nd.matrix(x, 1, 16);
                int[] all = new int[64];
                for (int i = 0; i < 64; i++) {
                    all[i] = i;
                }
                viaChain += NeuronGradientGram.meanAbsCosine(org.linearitylab.core.Nd.matrix(gram.subsetGram(x, layer, all)));
            }
            assertEquals(exact.mean(), viaChain / xs.length, 1e-12);
            CosineEstimate est = gram.estimate(xs, layer, 24, 9);
            assertTrue(est.lo() < exact.mean() && exact.mean() < est.hi(), est + " vs exact " + exact.mean());
            assertTrue(est.halfWidth() < 0.3 * exact.mean(), "the interval is informative: " + est);
        }
    }

    @Test
    @Tag("slow")
    void meanAbsCosineDecreasesWithWidthLikeOneOverSqrtM() {
        int[] widths = {32, 64, 128, 256, 512};
        double[][] xs = inputs(5, 32, 7);
        double[] cos2 = new double[widths.length];
        double[] cos3 = new double[widths.length];
        double[] m = new double[widths.length];
        for (int i = 0; i < widths.length; i++) {
            int w = widths[i];
            NeuronGradientGram gram = NeuronGradientGram.of(DeepNet.tanh(32, 11, w, w, w));
            m[i] = w;
            cos2[i] = gram.exact(xs, 2).mean();
            cos3[i] = gram.exact(xs, 3).mean();
            if (i > 0) {
                assertTrue(cos2[i] < cos2[i - 1] && cos3[i] < cos3[i - 1], "monotone decrease at m = " + w);
            }
        }
        LogLogFit f2 = LogLogFit.of(m, cos2);
        LogLogFit f3 = LogLogFit.of(m, cos3);
        System.out.println("layer 2: " + f2 + "   layer 3: " + f3);
        // Lemma 1: W_i·a_j / m is a Gaussian with sd ~ 1/√m, so |cos| ~ m^(-1/2)
        assertTrue(f2.slope() > -0.65 && f2.slope() < -0.35, "layer 2 slope " + f2.slope());
        assertTrue(f3.slope() > -0.65 && f3.slope() < -0.35, "layer 3 slope " + f3.slope());
    }

    @Test
    void badInputIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> NeuronGradientGram.of(DeepNet.builder().inputDim(2).hidden(3, 3).dense(true).build()));
        assertTrue(e.getMessage().startsWith("net"), e.getMessage());
        NeuronGradientGram gram = NeuronGradientGram.of(DeepNet.tanh(3, 1, 4, 4));
        e = assertThrows(IllegalArgumentException.class, () -> gram.exact(new double[][]{{1, 2}}, 2));
        assertTrue(e.getMessage().startsWith("inputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gram.exact(new double[][]{{1, 2, 3}}, 3));
        assertTrue(e.getMessage().startsWith("layer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gram.estimate(new double[][]{{1, 2, 3}}, 2, 5, 1));
        assertTrue(e.getMessage().startsWith("k"), e.getMessage());
    }
    /**
     * The BLAS-speed chain of exact/exactAll (Cholesky factors: SYRK for K₂, then dpotrf, dtrmm and SYRK per layer, a
     * read-only pass) and its GEMM fallback (upper block GEMMs, the pass that writes Gₗ in place), each against the plain
     * two-GEMM chain behind gram(), per sample and layer: uneven widths (one layer wider than the one before, so Kₗ₋₁ is
     * factored at a size other than Kₗ's; blocking b = 2 and 3 with uneven last blocks) and four hidden layers, so a
     * factor (or a Gₗ written by the pass) feeds two more layers.
     */
    @Test
    void fastChainAgreesWithThePlainTwoGemmChain() {
        DeepNet net = DeepNet.tanh(8, 2, 50, 600, 1030, 520);
        NeuronGradientGram gram = NeuronGradientGram.of(net);
        double[][] xs = GaussianInputs.sample(2, 8, 5);
        CosineEstimate[] fast = gram.exactAll(xs);
        double[][] gemm = gram.chain(org.linearitylab.core.Nd.matrix(xs), 4, new double[5], true);
        for (int layer = 2; layer <= 4; layer++) {
            double plain = 0;
            double fallback = 0;
            for (int s = 0; s < xs.length; s++) {
                org.nd4j.linalg.api.ndarray.INDArray row = org.linearitylab.core.Nd.matrix(xs[s], 1, xs[s].length);
                plain += NeuronGradientGram.meanAbsCosine(gram.gramMatrix(row, layer, gram.new Sample(row)));
                fallback += gemm[layer][s];
            }
            plain /= xs.length;
            fallback /= xs.length;
            assertTrue(plain > 1e-3, "layer " + layer + ": " + plain);
            assertEquals(plain, fast[layer - 1].mean(), 1e-12 * plain, "layer " + layer + ", Cholesky chain");
            assertEquals(plain, fallback, 1e-12 * plain, "layer " + layer + ", GEMM chain");
            assertEquals(fast[layer - 1].mean(), gram.exact(xs, layer).mean(), 0.0, "exact(layer) runs the same chain");
        }
        assertEquals(0.0, fast[0].mean(), 0.0);
        double ratio = gram.chainFlops(2, 4) / gram.exactFlops(2, 4);
        assertTrue(ratio < 0.7, "Cholesky factors: " + ratio + " of the plain recursion's flops");
        // equal widths m: (m³ + m³/3 + m³ + m³) / (2m³ + 4m³) = 5/9
        NeuronGradientGram square = NeuronGradientGram.of(DeepNet.tanh(64, 1, 1024, 1024, 1024));
        assertEquals(5.0 / 9, square.chainFlops(20, 3) / square.exactFlops(20, 3), 1e-12);
    }

    /**
     * A singular Kₗ: with layer 1's weights 0 every α⁽¹⁾ is 0, so c₂ = 0 and K₂ = (c₁/m₁) W₂W₂ᵀ has rank m₁ = 3 &lt; m₂ = 40.
     * The Cholesky factorisation of K₂ fails or meets pivots at rounding level; either way (the GEMM fallback, or a factor
     * backward stable to rounding) layer 3's mean |cos| must agree with the plain chain's.
     */
    @Test
    void singularKernelStillGivesThePlainChainsCosines() {
        DeepNet base = DeepNet.tanh(5, 4, 3, 40, 30);
        double[] theta = base.parameters();
        java.util.Arrays.fill(theta, 0, 3 * 5, 0.0);
        DeepNet net = base.withParameters(theta);
        NeuronGradientGram gram = NeuronGradientGram.of(net);
        double[][] xs = GaussianInputs.sample(3, 5, 6);
        CosineEstimate[] fast = gram.exactAll(xs);
        double plain = 0;
        for (double[] x : xs) {
            org.nd4j.linalg.api.ndarray.INDArray row = org.linearitylab.core.Nd.matrix(x, 1, x.length);
            plain += NeuronGradientGram.meanAbsCosine(gram.gramMatrix(row, 3, gram.new Sample(row)));
        }
        plain /= xs.length;
        assertTrue(plain > 1e-3, "layer 3: " + plain);
        assertEquals(plain, fast[2].mean(), 1e-10 * plain);
    }
}
