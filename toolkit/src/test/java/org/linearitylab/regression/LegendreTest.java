package org.linearitylab.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LegendreTest {
    static final double TOL = org.linearitylab.Tolerances.ROUND_OFF;
    /** Composite Simpson with 20 000 panels on polynomials of degree ≤ 24. */
    static final double QUAD_TOL = org.linearitylab.Tolerances.QUADRATURE;

    @Test
    void knownValues() {
        for (double x : new double[]{-1, -0.3, 0, 0.5, 0.9, 1}) {
            assertEquals(1, Legendre.polynomial(0, x), TOL);
            assertEquals(x, Legendre.polynomial(1, x), TOL);
            assertEquals((3 * x * x - 1) / 2, Legendre.polynomial(2, x), TOL);
            assertEquals((5 * x * x * x - 3 * x) / 2, Legendre.polynomial(3, x), TOL);
            assertEquals((35 * Math.pow(x, 4) - 30 * x * x + 3) / 8, Legendre.polynomial(4, x), TOL);
        }
        for (int k = 0; k < 30; k++) {
            assertEquals(1, Legendre.polynomial(k, 1), 1e-10, "P_k(1) = 1");
            assertEquals(k % 2 == 0 ? 1 : -1, Legendre.polynomial(k, -1), 1e-10, "P_k(−1) = (−1)^k");
        }
    }

    @Test
    void featuresAreOrthonormalForUniformX() {
        int p = 12;
        int panels = 20_000;
        double[] xs = new double[panels + 1];
        for (int i = 0; i <= panels; i++) {
            xs[i] = -1 + 2.0 * i / panels;
        }
        double[][] phi = Legendre.features(p).apply(xs).toDoubleMatrix();
        double h = 2.0 / panels;
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                double s = 0;
                for (int i = 0; i <= panels; i++) {
                    double w = (i == 0 || i == panels) ? 1 : (i % 2 == 1 ? 4 : 2);
                    s += w * phi[i][j] * phi[i][k];
                }
                double mean = 0.5 * s * h / 3;                   // ½∫₋₁¹ φ_j φ_k dx
                assertEquals(j == k ? 1 : 0, mean, QUAD_TOL, "⟨φ_" + j + ", φ_" + k + "⟩");
            }
        }
    }

    @Test
    void matrixMatchesPointwiseAndDecayScales() {
        double[] x = {-0.8, 0.1, 0.7};
        INDArray phi = Legendre.features(9).apply(x);
        INDArray weighted = Legendre.features(9, 1).apply(x);
        for (int i = 0; i < x.length; i++) {
            double[] row = Legendre.features(9).at(x[i]);
            for (int k = 0; k < 9; k++) {
                assertEquals(Math.sqrt(2 * k + 1) * Legendre.polynomial(k, x[i]), row[k], TOL);
                assertEquals(row[k], phi.getDouble(i, k), TOL);
                assertEquals(row[k] / (k + 1), weighted.getDouble(i, k), TOL);
            }
        }
    }

    @Test
    void fitReproducesAPolynomialAndInterpolatesBeyondN() {
        double[] x = {-0.9, -0.5, -0.1, 0.2, 0.6, 0.95};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 1 - 2 * x[i] + 0.5 * x[i] * x[i];
        }
        Legendre.Fit quad = Legendre.fit(x, y, 3);
        assertEquals(1 - 2 * 0.3 + 0.5 * 0.09, quad.predict(new double[]{0.3})[0], 1e-10, "exact for a quadratic");
        Legendre.Fit wide = Legendre.fit(x, y, 20);
        double[] fitted = wide.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], fitted[i], 1e-9, "p > n interpolates");
        }
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Legendre.features(0));
        assertThrows(IllegalArgumentException.class, () -> Legendre.features(3, -1));
        assertThrows(IllegalArgumentException.class, () -> Legendre.features(3).apply(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Legendre.features(3).apply(new double[]{Double.NaN}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Legendre.fit(new double[]{0, 1}, new double[]{1}, 2));
        assertTrue(e.getMessage().contains("y"), e.getMessage());
    }
}
