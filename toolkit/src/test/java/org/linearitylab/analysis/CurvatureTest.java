package org.linearitylab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.linearitylab.core.Nd;
import org.linearitylab.data.GaussianInputs;
import org.linearitylab.display.Plots;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;

class CurvatureTest {
    static final double ROUNDOFF = org.linearitylab.Tolerances.ROUND_OFF;

    @Test
    void hessianNormMatchesDenseEigendecomposition() {
        DeepNet net = DeepNet.builder().inputDim(3).hidden(4, 3).activation(Activation.SIGMOID).seed(3).build();
        double[] x = GaussianInputs.sample(1, 3, 2)[0];
        int p = net.parameterCount();
        double[][] h = new double[p][];
        for (int i = 0; i < p; i++) {
            double[] e = new double[p];
            e[i] = 1;
            h[i] = net.hessianVectorProduct(x, e);
        }
        INDArray dense = Nd.matrix(h);
        INDArray eig = Eigen.symmetricGeneralizedEigenvalues(dense.dup());
        double max = 0;
        for (int i = 0; i < p; i++) {
            max = Math.max(max, Math.abs(eig.getDouble(i)));
        }
        assertEquals(max, net.hessianNorm(x, p, 1e-6).magnitude(), 1e-8);
    }

    @Test
    void quadraticTermIsHalfRSquaredUHuAndBelowItsBound() {
        DeepNet net = DeepNet.tanh(5, 4, 16, 16, 16);
        double[][] xs = GaussianInputs.sample(3, 5, 1);
        double radius = 1.5;
        Curvature.QuadraticTerm q = Curvature.quadraticTerm(net, xs, radius, 1, 7);
        double[] u = net.randomDirection(7, 1, 2, 3);
        double mean = 0;
        for (double[] x : xs) {
            double[] hu = net.hessianVectorProduct(x, u);
            double uhu = 0;
            for (int i = 0; i < u.length; i++) {
                uhu += u[i] * hu[i];
            }
            mean += 0.5 * radius * radius * Math.abs(uhu) / xs.length;
        }
        assertEquals(mean, q.measured(), ROUNDOFF * 100);
        assertTrue(q.measured() <= q.bound(), q.toString());
        assertEquals(16, q.width());
    }

    @Test
    void lineRemainderVanishesAtZeroAndIsQuadraticNearIt() {
        DeepNet net = DeepNet.tanh(4, 2, 6, 6);
        double[] x = GaussianInputs.sample(1, 4, 3)[0];
        double[] u = net.randomDirection(1, 1, 2);
        double[] r = Curvature.lineRemainder(net, x, 2, 1, u, new double[]{0, 1e-2, 2e-2});
        assertEquals(0.0, r[0], ROUNDOFF);
        // r(t) ≈ ½ z̈ t²: doubling t multiplies r by ≈ 4
        assertEquals(4.0, r[2] / r[1], 0.05);
    }

    @Test
    void sweepChartAndTableRender() {
        var sweep = OrthogonalitySweep.of(m -> DeepNet.tanh(4, 1, m, m, m), 8, 16).inputs(GaussianInputs.sample(3, 4, 1)).layers(1, 2, 3).policy(OrthogonalitySweep.Policy.EXACT).run();
        assertTrue(Plots.png(org.linearitylab.display.OrthogonalityCharts.chart(sweep, "t", "m")).length > 1000);
        assertEquals(6, sweep.table().rowCount());
        assertTrue(org.linearitylab.display.OrthogonalityCharts.html(sweep).contains("<table"));
        var e = assertThrows(IllegalArgumentException.class, () -> sweep.means(4));
        assertTrue(e.getMessage().startsWith("layer 4"), e.getMessage());
    }
}
