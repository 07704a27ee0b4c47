package org.linearitylab.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.linearitylab.core.Nd;

class ThinSvdTest {
    static final double TOL = org.linearitylab.Tolerances.SVD_IDENTITY;

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"7,7", "12,5", "5,12", "1,9", "9,1", "30,200"})
    void reconstructsAndIsOrthonormal(int n, int p) {
        double[][] a = Brute.random(n, p, 11L * n + p);
        ThinSvd svd = ThinSvd.of(Nd.matrix(a));
        int k = Math.min(n, p);
        assertEquals(k, svd.s().length);
        double[][] u = Brute.of(svd.u());
        double[][] vt = Brute.of(svd.vt());
        double[][] us = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                us[i][j] = u[i][j] * svd.s()[j];
            }
        }
        assertTrue(Brute.maxAbsDiff(Brute.mul(us, vt), a) < TOL * Math.max(n, p), "U S Vᵀ = A");
        assertTrue(Brute.maxAbsDiff(Brute.mul(Brute.t(u), u), Brute.plusIdentity(new double[k][k], 1)) < TOL, "UᵀU = I");
        assertTrue(Brute.maxAbsDiff(Brute.mul(vt, Brute.t(vt)), Brute.plusIdentity(new double[k][k], 1)) < TOL, "VᵀV = I");
        for (int i = 1; i < k; i++) {
            assertTrue(svd.s()[i] <= svd.s()[i - 1] && svd.s()[i] >= 0, "singular values sorted, ≥ 0");
        }
    }

    @Test
    void diagonalCaseIsExact() {
        ThinSvd svd = ThinSvd.of(Nd.matrix(new double[][]{{0, 3, 0}, {-2, 0, 0}}));
        assertEquals(3, svd.s()[0], TOL);
        assertEquals(2, svd.s()[1], TOL);
        assertEquals(2, svd.rank(1e-12));
        assertEquals(1, svd.rank(0.7));
    }

    @Test
    void rejectsEmptyAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> ThinSvd.of(Nd4j.create(DataType.DOUBLE, 0, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThinSvd.of(Nd.matrix(new double[][]{{1, Double.NaN}})));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
