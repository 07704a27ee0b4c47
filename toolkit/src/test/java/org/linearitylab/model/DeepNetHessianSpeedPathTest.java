package org.linearitylab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.eigen.Eigen;
import org.linearitylab.analysis.Curvature;
import org.linearitylab.calculus.Lanczos;
import org.linearitylab.calculus.Operators;
import org.linearitylab.calculus.SpectralEstimate;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Rng;

/**
 * Issue 19: the fused single-input Hessian-vector product and the three-vector Lanczos behind deep Hessian norms
 * at width, checked three ways: against the batched ND4J R-operator (an independent implementation), against
 * finite differences of backprop gradients, and by brute force (dense Hessian eigendecomposition) at small size.
 */
class DeepNetHessianSpeedPathTest {
    static final double SAME_PRODUCT = org.linearitylab.Tolerances.SAME_PRODUCT;   // two exact implementations of one product, relative to max|Hv|
    static final double FD_TOL = org.linearitylab.Tolerances.FINITE_DIFFERENCE_DEEP_HESSIAN;         // central differences with h = 1e-5
    static final double EIGEN_TOL = org.linearitylab.Tolerances.LANCZOS_DEEP_HESSIAN;

    static double[] input(int d, long seed) {
        double[] x = Rng.seed(seed).unitVector(d);
        for (int i = 0; i < d; i++) {
            x[i] *= Math.sqrt(d);
        }
        return x;
    }

    static double relMaxDiff(double[] a, double[] b) {
        double err = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            err = Math.max(err, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return err / scale;
    }

    @Test
    void fusedProductEqualsTheBatchedROperator() {
        DeepNet[] nets = {
                DeepNet.tanh(5, 1, 7, 4, 6),                       // uneven widths, a bottleneck
                DeepNet.tanh(3, 2, 9),                             // one hidden layer
                DeepNet.builder().inputDim(4).hidden(8, 8).activation(Activation.SIGMOID).seed(3).build(),
                DeepNet.builder().inputDim(4).hidden(6, 5, 7).activation(Activation.SOFTPLUS).seed(4).build(),
                DeepNet.builder().inputDim(3).hidden(4, 5, 6).dense(true).seed(7).build(),                      // DenseNet
                DeepNet.tanh(16, 5, 600, 600),                     // large enough to split rows over threads
        };
        for (DeepNet net : nets) {
            double[] x = input(net.inputDim(), 7);
            double[] v = net.randomDirection(11);
            double[] fused = net.hessianVectorProduct(x, v);
            double[] batched = net.hessianVectorProduct(new double[][]{x}, new double[]{1}, v);
            assertTrue(relMaxDiff(fused, batched) < SAME_PRODUCT, net + ": " + relMaxDiff(fused, batched));
            assertTrue(Curvature.hessianVectorCheck(net, x, v, 1e-5) < FD_TOL, net.toString());
        }
    }

    @Test
    void lanczosOnTheDeepHessianMatchesDenseEigendecomposition() {
        DeepNet net = DeepNet.tanh(4, 3, 9, 8, 7); // P = 36 + 72 + 56 + 7 = 171
        double[] x = input(4, 2);
        double[][] h = Operators.toMatrix(net.hessian(x));
        double[] ev = Eigen.symmetricGeneralizedEigenvalues(Nd.matrix(h), false).dup().data().asDouble();
        double norm = Arrays.stream(ev).map(Math::abs).max().orElseThrow();
        SpectralEstimate full = Lanczos.of(net.hessian(x)).withReorthogonalization(true).largestMagnitude();
        SpectralEstimate three = Lanczos.of(net.hessian(x)).withReorthogonalization(false).largestMagnitude();
        assertEquals(norm, full.magnitude(), EIGEN_TOL * norm, full.toString());
        assertEquals(norm, three.magnitude(), EIGEN_TOL * norm, three.toString());
    }

    @Test
    void hessianNormAgreesWithFullReorthogonalizationAndReportsItsTolerance() {
        DeepNet net = DeepNet.tanh(16, 1, 64, 64, 64); // P = 9,280: stored basis for the reference
        double[] x = input(16, 3);
        SpectralEstimate reference = Lanczos.of(net.hessian(x)).withReorthogonalization(true).withTolerance(1e-10).largestMagnitude();
        assertTrue(reference.converged(), reference.toString());
        SpectralEstimate e = net.hessianNorm(x, Lanczos.DEFAULT_MAX_ITERATIONS, 1e-3);
        assertTrue(e.converged() && e.residual() <= 1e-3, e.toString());
        // residual r bounds the distance to an eigenvalue by r·|θ| (and the error is ~r²/gap in practice)
        assertEquals(reference.magnitude(), e.magnitude(), 1e-3 * reference.magnitude(), e + " vs " + reference);
        SpectralEstimate loose = net.hessianNorm(x, Lanczos.DEFAULT_MAX_ITERATIONS, 0.5);
        assertTrue(loose.iterations() < e.iterations(), loose + " / " + e);
    }

    @Test
    void gradientStepEqualsTheStepThroughParameters() {
        DeepNet[] nets = {DeepNet.tanh(5, 1, 7, 4, 6), DeepNet.tanh(5, 2, 300, 300),
                DeepNet.builder().inputDim(3).hidden(5, 6).dense(true).seed(3).build()};
        double[][] x = {{0.3, -1, 2, 0.5, 1}, {1, 1, -0.2, 0, 0.7}, {-0.4, 0.1, 0.9, -1.2, 0.3}};
        for (DeepNet net0 : nets) {
            double[][] xs = new double[3][];
            for (int j = 0; j < 3; j++) {
                xs[j] = Arrays.copyOf(x[j], net0.inputDim());
            }
            double[] c = {0.7, -1.3, 0.4};
            double eta = 0.05;
            double[] g = net0.weightedGradient(xs, c);
            double[] theta = net0.parameters();
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= eta * g[i];
            }
            double[] expected = net0.withParameters(theta).parameters();
            double[] got = net0.gradientStep(xs, c, eta).parameters();
            assertTrue(relMaxDiff(got, expected) < 1e-14, net0 + ": " + relMaxDiff(got, expected));
            assertTrue(relMaxDiff(net0.gradientStep(xs, c, eta).outputs(xs), net0.withParameters(theta).outputs(xs)) < 1e-12);
        }
    }
    @Test
    void consumingStepEqualsTheCopyingStepAndReleasesOnlyTheOldNet() {
        DeepNet start = DeepNet.tanh(5, 4, 9, 7);
        double[][] xs = {{0.3, -1, 2, 0.5, 1}, {1, 1, -0.2, 0, 0.7}};
        double[] c = {0.7, -1.3};
        DeepNet copied = start.gradientStep(xs, c, 0.05).gradientStep(xs, c, 0.05);
        DeepNet owned = start.gradientStep(xs, c, 0.05);
        DeepNet consumed = owned.gradientStepConsuming(xs, c, 0.05);
        assertArrayEquals(copied.parameters(), consumed.parameters(), 0.0);
        var e = assertThrows(IllegalStateException.class, () -> owned.outputs(xs));
        assertTrue(e.getMessage().contains("releaseNativeMemory"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> owned.weightView(1));
        owned.releaseNativeMemory(); // must not free the buffers the new net took over
        assertArrayEquals(copied.outputs(xs), consumed.outputs(xs), 0.0);
        assertEquals(start.outputs(xs)[0], DeepNet.tanh(5, 4, 9, 7).outputs(xs)[0], 0.0); // the start net never changes
    }

    /**
     * Consuming steps on a wide layer are deferred (W = buffer + UᵀV, applied as one GEMM of rank ≤ 64): every
     * number a caller can see — outputs and tangent kernel between steps (the corrected forward and backward),
     * parameters, distance, Hessian-vector products and a copying step from a net with a pending part — equals
     * the eager path (gradientStep, which applies each step at once), for a chain and a DenseNet, across several
     * applications.
     */
    @Test
    void deferredStepsAreTheEagerSteps() {
        DeepNet[] nets = {DeepNet.tanh(4, 6, 530, 520), DeepNet.builder().inputDim(3).hidden(516, 512).dense(true).seed(7).build()};
        for (DeepNet start : nets) {
            int d = start.inputDim();
            double[][] xs = new double[5][];
            for (int j = 0; j < xs.length; j++) {
                xs[j] = input(d, 40 + j);
            }
            double[] y = {0.5, -0.3, 0.8, 0.1, -0.6};
            double eta = 0.4;
            DeepNet eager = start;
            DeepNet lazy = start.gradientStep(xs, residual(start.outputs(xs), y), eta);
            eager = eager.gradientStep(xs, residual(eager.outputs(xs), y), eta);
            int maxRank = 0;
            int applied = 0;
            for (int t = 1; t < 40; t++) {
                double[] fe = eager.outputs(xs);
                double[] fl = lazy.outputs(xs);
                assertTrue(relMaxDiff(fl, fe) < 1e-12, start + " step " + t + ": " + relMaxDiff(fl, fe));
                double[] ke = eager.tangentKernel(xs).toDoubleMatrix()[2];
                double[] kl = lazy.tangentKernel(xs).toDoubleMatrix()[2];
                assertTrue(relMaxDiff(kl, ke) < 1e-12, start + " kernel at step " + t);
                int before = lazy.pendingRank(2);
                eager = eager.gradientStep(xs, residual(fe, y), eta);
                lazy = lazy.gradientStepConsuming(xs, residual(fl, y), eta);
                int after = lazy.pendingRank(2);
                maxRank = Math.max(maxRank, after);
                applied += after < before ? 1 : 0;
                assertEquals(0, lazy.pendingRank(1), "layer 1 (fan-in " + d + ") is updated at once");
                if (t == 17) { // a copying step from a net with a pending part, and the Hessian on it
                    assertTrue(before > 0);
                    DeepNet copy = lazy.gradientStep(xs, y, eta);
                    assertEquals(0, copy.pendingRank(2));
                    assertTrue(relMaxDiff(copy.parameters(), eager.gradientStep(xs, y, eta).parameters()) < 1e-12);
                    assertEquals(after, lazy.pendingRank(2), "a copying step leaves its source as it was");
                    double[] v = Rng.seed(3).unitVector(start.parameterCount());
                    assertTrue(relMaxDiff(lazy.hessianVectorProduct(xs, y, v), eager.hessianVectorProduct(xs, y, v)) < 1e-10);
                }
            }
            assertEquals(xs.length * ((DeepNet.MAX_DEFERRED_RANK - 1) / xs.length), maxRank, "steps deferred until rank 64 would be reached");
            assertTrue(applied >= 2, "the deferred part was applied " + applied + " times");
            double dist = lazy.parameterDistance(start);
            assertEquals(eager.parameterDistance(start), dist, 1e-10 * dist);
            assertEquals(0, lazy.pendingRank(2), "parameterDistance applies the pending part");
            assertTrue(relMaxDiff(lazy.parameters(), eager.parameters()) < 1e-12);
        }
    }

    private static double[] residual(double[] f, double[] y) {
        double[] r = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            r[i] = f[i] - y[i];
        }
        return r;
    }

    @Test
    void parameterNormAndDistanceAgreeWithTheParameterVectors() {
        DeepNet[] nets = {DeepNet.tanh(5, 1, 7, 4, 6), DeepNet.builder().inputDim(3).hidden(5, 6).dense(true).seed(3).build()};
        for (DeepNet a : nets) {
            double[][] xs = new double[2][a.inputDim()];
            xs[0][0] = 1;
            xs[1][a.inputDim() - 1] = -0.5;
            DeepNet b = a.gradientStep(xs, new double[]{0.9, -0.4}, 0.3);
            double[] ta = a.parameters();
            double[] tb = b.parameters();
            double norm = 0;
            double dist = 0;
            for (int i = 0; i < ta.length; i++) {
                norm += ta[i] * ta[i];
                dist += (ta[i] - tb[i]) * (ta[i] - tb[i]);
            }
            assertEquals(Math.sqrt(norm), a.parameterNorm(), 1e-12 * Math.sqrt(norm));
            assertTrue(dist > 0);
            assertEquals(Math.sqrt(dist), b.parameterDistance(a), 1e-10 * Math.sqrt(dist));
            assertEquals(0.0, a.parameterDistance(a), 0.0);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> nets[0].parameterDistance(DeepNet.tanh(5, 1, 7, 4, 5)));
        assertTrue(e.getMessage().startsWith("other"), e.getMessage());
    }
}
