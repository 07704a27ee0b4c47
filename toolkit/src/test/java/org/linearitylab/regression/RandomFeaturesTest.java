package org.linearitylab.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.core.Nd;

class RandomFeaturesTest {
    static final double TOL = org.linearitylab.Tolerances.ROUND_OFF;

    @Test
    void firstFeaturesOfAWideMapAreTheNarrowMap() {
        INDArray x = Nd.matrix(Brute.random(6, 4, 1));
        for (RandomFeatures.Kind kind : RandomFeatures.Kind.values()) {
            INDArray wide = RandomFeatures.of(kind, 4, 50, 2, 9).raw(x);
            INDArray narrow = RandomFeatures.of(kind, 4, 20, 2, 9).apply(x);
            INDArray prefix = RandomFeatures.firstColumns(wide, 20);
            assertTrue(Brute.maxAbsDiff(Brute.of(prefix), Brute.of(narrow)) < TOL, kind + " nested");
        }
    }

    @Test
    void reluFeaturesAreRectifiedLinear() {
        double[][] x = Brute.random(5, 3, 2);
        RandomFeatures map = RandomFeatures.relu(3, 8, 4);
        double[][] raw = map.raw(Nd.matrix(x)).toDoubleMatrix();
        double[][] scaled = Brute.random(5, 3, 2);
        for (double[] row : scaled) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= 3;
            }
        }
        double[][] raw3 = map.raw(Nd.matrix(scaled)).toDoubleMatrix();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 8; j++) {
                assertTrue(raw[i][j] >= 0);
                assertEquals(3 * raw[i][j], raw3[i][j], 1e-12, "positively homogeneous");
            }
        }
    }

    @Test
    void fourierFeaturesApproximateTheGaussianKernel() {
        // ΦΦᵀ → exp(−‖x−x'‖²/2ℓ²); Monte-Carlo error ~ 1/√p
        int p = 40_000;
        double ell = 1.5;
        double[][] x = Brute.random(4, 3, 5);
        double[][] k = Brute.of(RandomFeatures.fourier(3, p, ell, 6).apply(Nd.matrix(x)).mmul(
                RandomFeatures.fourier(3, p, ell, 6).apply(Nd.matrix(x)).transpose()));
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double d2 = 0;
                for (int c = 0; c < 3; c++) {
                    d2 += (x[i][c] - x[j][c]) * (x[i][c] - x[j][c]);
                }
                assertEquals(Math.exp(-d2 / (2 * ell * ell)), k[i][j], 5 / Math.sqrt(p), "kernel(" + i + "," + j + ")");
            }
        }
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> RandomFeatures.relu(3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomFeatures.relu(0, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomFeatures.fourier(3, 3, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomFeatures.relu(3, 5, 1).apply(Nd.matrix(Brute.random(2, 4, 1))));
        assertTrue(e.getMessage().contains("columns"), e.getMessage());
    }
}
