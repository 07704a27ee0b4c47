package org.linearitylab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.Tolerances;
import org.linearitylab.core.Rng;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.model.TwoLayerNet;

class TangentKernelTest {
    /** Relative tolerance on eigenvalues from LAPACK against hand-computed ones. */
    private static final double EIGEN = Tolerances.DENSE_SPECTRUM;

    private static final TrainingSet DATA = TrainingSet.sphere(9, 4, 3);

    @Test
    void entriesAreDotProductsOfPerSampleGradients() {
        TwoLayerNet net = TwoLayerNet.tanh(13, 4, 1);
        TangentKernel k = TangentKernel.of(net, DATA.inputs());
        double[][] x = DATA.inputs();
        for (int j = 0; j < x.length; j++) {
            for (int l = 0; l < x.length; l++) {
                double[] gj = net.gradient(x[j]);
                double[] gl = net.gradient(x[l]);
                double dot = 0;
                for (int i = 0; i < gj.length; i++) {
                    dot += gj[i] * gl[i];
                }
                assertEquals(dot, k.get(j, l), Tolerances.ROUND_OFF * (1 + Math.abs(dot)), "K[" + j + "][" + l + "]");
            }
        }
    }

    @Test
    void isSymmetricAndPositiveSemiDefinite() {
        TangentKernel k = TangentKernel.of(TwoLayerNet.tanh(50, 4, 2), DATA.inputs());
        double[][] m = k.matrix();
        for (int j = 0; j < m.length; j++) {
            for (int l = 0; l < m.length; l++) {
                assertEquals(m[j][l], m[l][j], 0.0, "symmetry at " + j + "," + l);
            }
        }
        double[] e = k.eigenvalues();
        assertTrue(e[0] >= -EIGEN * e[e.length - 1], "smallest eigenvalue " + e[0] + " must be ≥ 0 up to round-off");
        Rng rng = Rng.seed(4);
        for (int rep = 0; rep < 20; rep++) {
            double[] v = rng.gaussian(m.length);
            assertTrue(k.quadraticForm(v) >= 0, "vᵀKv ≥ 0");
        }
    }

    @Test
    void rankDeficientKernelHasZeroEigenvalues() {
        // two inputs, three samples (one repeated): J has rank ≤ 2 when the net has P ≥ 3, so λ_min = 0
        double[][] x = {{1, 0}, {0, 1}, {1, 0}};
        TangentKernel k = TangentKernel.of(TwoLayerNet.tanh(10, 2, 0), x);
        assertEquals(0, k.lambdaMin(), EIGEN * k.lambdaMax());
    }

    @Test
    void eigenvaluesMatchAHandComputedCase() {
        TangentKernel k = TangentKernel.ofMatrix(new double[][]{{2, 1, 0}, {1, 2, 0}, {0, 0, 5}});
        assertArrayEquals(new double[]{1, 3, 5}, k.eigenvalues(), EIGEN);
        assertEquals(1, k.lambdaMin(), EIGEN);
        assertEquals(5, k.lambdaMax(), EIGEN);
        assertEquals(5, k.conditionNumber(), EIGEN);
    }

    @Test
    void relativeDistanceIsZeroToItselfAndScalesLinearly() {
        TangentKernel a = TangentKernel.ofMatrix(new double[][]{{2, 1}, {1, 2}});
        TangentKernel b = TangentKernel.ofMatrix(new double[][]{{3, 1.5}, {1.5, 3}});
        assertEquals(0, a.relativeDistance(a), Tolerances.ROUND_OFF);
        assertEquals(0.5, b.relativeDistance(a), Tolerances.ROUND_OFF);
    }

    @Test
    void badInputNamesTheArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> TangentKernel.ofMatrix(new double[][]{{1, 2}}));
        assertTrue(e.getMessage().startsWith("k must be square"), e.getMessage());
        var a = TangentKernel.ofMatrix(new double[][]{{1}});
        var b = TangentKernel.ofMatrix(new double[][]{{1, 0}, {0, 1}});
        e = assertThrows(IllegalArgumentException.class, () -> a.relativeDistance(b));
        assertTrue(e.getMessage().startsWith("other must be"), e.getMessage());
    }
}
