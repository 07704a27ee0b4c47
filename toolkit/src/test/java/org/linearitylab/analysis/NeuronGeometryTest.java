package org.linearitylab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.linearitylab.data.GaussianInputs;
import org.linearitylab.model.DeepNet;
import org.linearitylab.model.NonLinearOutput;

class NeuronGeometryTest {
    /** The neuron's own net reproduces the big net's pre- and post-activation, and its gradient is the big net's. */
    @Test
    void neuronNetIsTheNeuron() {
        DeepNet net = DeepNet.tanh(4, 2, 5, 6, 3);
        double[][] xs = GaussianInputs.sample(3, 4, 1);
        for (int layer = 2; layer <= 3; layer++) {
            double[][] z = net.preActivations(xs, layer);
            double[][] a = net.postActivations(xs, layer);
            for (int i = 0; i < net.width(layer); i++) {
                DeepNet pre = NeuronGeometry.preActivation(net, layer, i);
                NonLinearOutput post = NeuronGeometry.postActivation(net, layer, i);
                for (int s = 0; s < xs.length; s++) {
                    assertEquals(z[s][i], pre.output(xs[s]), 1e-12);
                    assertEquals(a[s][i], post.output(xs[s]), 1e-12);
                }
            }
            // gradient norms² are the Gram diagonal of NeuronGradientGram (an independent recursion)
            double[][] k = NeuronGradientGram.of(net).gram(xs[0], layer);
            for (int i = 0; i < net.width(layer); i++) {
                double[] g = NeuronGeometry.preActivation(net, layer, i).gradient(xs[0]);
                double n2 = 0;
                for (double v : g) {
                    n2 += v * v;
                }
                assertEquals(k[i][i], n2, 1e-10);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> NeuronGeometry.preActivation(net, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> NeuronGeometry.preActivation(net, 3, 3));
    }

    /** Brute force at small size: eigenvalues of the explicit Hessian (finite differences of gradients). */
    @Test
    void eigenRatioMatchesTheExplicitHessian() {
        DeepNet net = DeepNet.tanh(3, 4, 4, 3);
        double[] x = GaussianInputs.sample(1, 3, 2)[0];
        NonLinearOutput post = NeuronGeometry.postActivation(net, 2, 1);
        int p = post.parameterCount();
        double h = 1e-5;
        double[][] hess = new double[p][p];
        double[] theta = post.parameters();
        for (int j = 0; j < p; j++) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[j] += h;
            tm[j] -= h;
            double[] gp = post.withParameters(tp).gradient(x);
            double[] gm = post.withParameters(tm).gradient(x);
            for (int i = 0; i < p; i++) {
                hess[i][j] = (gp[i] - gm[i]) / (2 * h);
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                double s = (hess[i][j] + hess[j][i]) / 2;
                hess[i][j] = s;
                hess[j][i] = s;
            }
        }
        double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(hess)).getRealEigenvalues();
        double[] abs = java.util.Arrays.stream(ev).map(Math::abs).sorted().toArray();
        double brute = abs[p - 2] / abs[p - 1];
        var m = NeuronGeometry.measure(net, x, 2, 1, 1.0, 1e-10, p, 3);
        assertTrue(m.converged());
        assertEquals(brute, m.eigenRatio(), 1e-5);
        assertTrue(m.levelSet() >= 0 && m.normalTurn() >= 0 && m.normalTurn() <= 1);
    }

    /** Eq. 18's worst case against the explicit normals: λ_max of their Gram matrix by commons-math. */
    @Test
    void maxNormalProjectionIsTheTopEigenvalueOfTheCosineMatrix() {
        DeepNet net = DeepNet.tanh(4, 3, 5, 6, 3);
        double[] x = GaussianInputs.sample(1, 4, 3)[0];
        for (int layer = 1; layer <= 3; layer++) {
            double[][] j = NeuronGradientGramTest.neuronGradientsByFiniteDifferences(net, x, layer);
            int m = j.length;
            double[][] c = new double[m][m];
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    double ab = 0, aa = 0, bb = 0;
                    for (int t = 0; t < j[a].length; t++) {
                        ab += j[a][t] * j[b][t];
                        aa += j[a][t] * j[a][t];
                        bb += j[b][t] * j[b][t];
                    }
                    c[a][b] = ab / Math.sqrt(aa * bb);
                }
            }
            double top = java.util.Arrays.stream(new EigenDecomposition(new Array2DRowRealMatrix(c)).getRealEigenvalues()).max().getAsDouble();
            assertEquals(top, NeuronGradientGram.of(net).maxNormalProjection(x, layer), 1e-6, "layer " + layer);
            if (layer == 1) {
                assertEquals(1.0, top, 1e-9, "layer 1 normals are orthonormal: Bessel's bound is attained");
            }
        }
    }
}
