package org.linearitylab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.data.GaussianInputs;

class DeepNetTest {
    /** Central differences with h = 1e-5 on O(1) functions: error ~ h² f''' ≈ 1e-10, round-off ~ 1e-11. */
    static final double FD_STEP = org.linearitylab.Tolerances.STEP;
    static final double FD_TOL = org.linearitylab.Tolerances.FINITE_DIFFERENCE;

    static double[][] inputs(int n, int d, long seed) {
        return GaussianInputs.sample(n, d, seed);
    }

    static DeepNet[] smallNets() {
        return new DeepNet[]{
                DeepNet.builder().inputDim(3).hidden(4, 3, 5).activation(Activation.TANH).seed(1).build(),
                DeepNet.builder().inputDim(3).hidden(5, 1, 4).activation(Activation.SIGMOID).seed(2).build(),
                DeepNet.builder().inputDim(2).hidden(3, 4).activation(Activation.SOFTPLUS).dense(true).seed(3).build(),
                DeepNet.builder().inputDim(3).hidden(4, 4).activation(Activation.TANH).seed(4).build(),
        };
    }

    static double[] fdGradient(Function<double[], Double> f, double[] theta) {
        double[] g = new double[theta.length];
        for (int k = 0; k < theta.length; k++) {
            double[] p = theta.clone();
            double[] q = theta.clone();
            p[k] += FD_STEP;
            q[k] -= FD_STEP;
            g[k] = (f.apply(p) - f.apply(q)) / (2 * FD_STEP);
        }
        return g;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void backpropGradientMatchesFiniteDifferences() {
        double[] x = inputs(1, 3, 9)[0];
        for (DeepNet net : smallNets()) {
            double[] xx = java.util.Arrays.copyOf(x, net.inputDim());
            double[] fd = fdGradient(t -> net.withParameters(t).output(xx), net.parameters());
            double err = maxAbsDiff(net.gradient(xx), fd);
            assertTrue(err < FD_TOL, net + ": gradient error " + err);
        }
    }

    @Test
    void jacobianRowsAreGradientsAndWeightedGradientIsTheirCombination() {
        for (DeepNet net : smallNets()) {
            double[][] xs = inputs(4, net.inputDim(), 5);
            INDArray j = net.jacobian(xs);
            double[] c = {0.5, -1, 2, 0.25};
            double[] combo = new double[net.parameterCount()];
            for (int r = 0; r < xs.length; r++) {
                double[] g = net.gradient(xs[r]);
                double[] row = j.getRow(r).toDoubleVector();
                assertTrue(maxAbsDiff(g, row) < 1e-13, net + " row " + r);
                for (int k = 0; k < g.length; k++) {
                    combo[k] += c[r] * g[k];
                }
            }
            assertTrue(maxAbsDiff(net.weightedGradient(xs, c), combo) < 1e-12);
            double[] out = net.outputs(xs);
            for (int r = 0; r < xs.length; r++) {
                assertEquals(net.output(xs[r]), out[r], 1e-14);
            }
        }
    }

    @Test
    void hessianVectorProductMatchesFiniteDifferencesOfGradients() {
        for (DeepNet net : smallNets()) {
            double[][] xs = inputs(3, net.inputDim(), 11);
            double[] c = {1, -0.5, 2};
            double[] v = net.randomDirection(17);
            double[] hv = net.hessianVectorProduct(xs, c, v);
            double[] tp = net.parameters();
            double[] tm = net.parameters();
            for (int k = 0; k < v.length; k++) {
                tp[k] += FD_STEP * v[k];
                tm[k] -= FD_STEP * v[k];
            }
            double[] gp = net.withParameters(tp).weightedGradient(xs, c);
            double[] gm = net.withParameters(tm).weightedGradient(xs, c);
            double[] fd = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                fd[k] = (gp[k] - gm[k]) / (2 * FD_STEP);
            }
            double err = maxAbsDiff(hv, fd);
            assertTrue(err < FD_TOL, net + ": Hv error " + err);
        }
    }

    @Test
    void hessianIsSymmetric() {
        DeepNet net = smallNets()[0];
        double[] x = inputs(1, 3, 2)[0];
        double[] u = net.randomDirection(1);
        double[] w = net.randomDirection(2);
        double uHw = dot(u, net.hessianVectorProduct(x, w));
        double wHu = dot(w, net.hessianVectorProduct(x, u));
        assertEquals(uHw, wHu, 1e-13);
    }

    @Test
    void jetGivesDirectionalDerivativesOfOutputAndNeurons() {
        for (DeepNet net : smallNets()) {
            double[][] xs = inputs(2, net.inputDim(), 3);
            double[] v = net.randomDirection(8);
            DeepNet.Jet jet = net.jet(xs, v);
            for (int r = 0; r < xs.length; r++) {
                assertEquals(net.output(xs[r]), jet.f()[r], 1e-13);
                assertEquals(dot(net.gradient(xs[r]), v), jet.fDot()[r], 1e-12);
                assertEquals(dot(v, net.hessianVectorProduct(xs[r], v)), jet.fDotDot()[r], 1e-11);
            }
            // second derivative of a hidden pre-activation by central differences along v
            double h = 1e-4;
            double[] tp = net.parameters();
            double[] tm = net.parameters();
            for (int k = 0; k < v.length; k++) {
                tp[k] += h * v[k];
                tm[k] -= h * v[k];
            }
            int layer = 2;
            double zp = net.withParameters(tp).preActivations(xs, layer)[0][0];
            double zm = net.withParameters(tm).preActivations(xs, layer)[0][0];
            double z0 = jet.z()[layer][0][0];
            assertEquals((zp - zm) / (2 * h), jet.zDot()[layer][0][0], 1e-7);
            assertEquals((zp - 2 * z0 + zm) / (h * h), jet.zDotDot()[layer][0][0], 1e-5);
        }
    }

    @Test
    void denseNetFanInCountsAllEarlierLayers() {
        DeepNet net = DeepNet.builder().inputDim(2).hidden(3, 4).dense(true).build();
        assertEquals(2, net.fanIn(1));
        assertEquals(5, net.fanIn(2));
        assertEquals(9, net.fanIn(3));
        assertEquals(3 * 2 + 4 * 5 + 9, net.parameterCount());
    }

    @Test
    void sameSeedSameNetwork() {
        DeepNet a = DeepNet.tanh(5, 42, 7, 7);
        DeepNet b = DeepNet.tanh(5, 42, 7, 7);
        assertEquals(0, maxAbsDiff(a.parameters(), b.parameters()));
    }

    @Test
    void badInputIsRejectedWithTheArgumentNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> DeepNet.builder().inputDim(3).hidden());
        assertTrue(e.getMessage().startsWith("hiddenWidths"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeepNet.builder().inputDim(3).hidden(4, 0, 2));
        assertTrue(e.getMessage().startsWith("hiddenWidths[1]"), e.getMessage());
        DeepNet net = DeepNet.tanh(3, 1, 4);
        e = assertThrows(IllegalArgumentException.class, () -> net.outputs(new double[][]{{1, 2}}));
        assertTrue(e.getMessage().startsWith("inputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.gradient(new double[]{1, 2, 3, 4}));
        assertTrue(e.getMessage().startsWith("x"), e.getMessage());
        DeepNet relu = DeepNet.builder().inputDim(3).hidden(4).activation(Activation.RELU).build();
        relu.gradient(new double[]{1, 2, 3}); // first derivatives are fine
        e = assertThrows(IllegalArgumentException.class, () -> relu.hessianVectorProduct(new double[]{1, 2, 3}, relu.randomDirection(1)));
        assertTrue(e.getMessage().startsWith("activation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> relu.hessian(new double[]{1, 2, 3}));
        assertTrue(e.getMessage().startsWith("activation"), e.getMessage());
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
