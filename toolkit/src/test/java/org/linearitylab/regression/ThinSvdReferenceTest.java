package org.linearitylab.regression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Rng;

/**
 * ThinSvd against an independent implementation (commons-math3's SVD) at sizes where LAPACK's QR runs its
 * blocked code path (k = min(n, p) ≥ 128), tall and wide. This is the test that caught wrong singular values
 * (s₁ = 551 instead of 35.3 for a 400×256 Gaussian matrix) from the SkylakeX/Cooperlake kernels of the
 * OpenBLAS 0.3.19 that ND4J 1.0.0-M2.1 bundles; small sizes (unblocked QR) were right.
 */
public class ThinSvdReferenceTest {
    /** Two backward-stable SVDs of the same matrix agree to a few ulps of the largest singular value. */
    static final double RELATIVE = org.linearitylab.Tolerances.DENSE_SPECTRUM;

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"400,256", "256,400", "220,210", "200,150", "400,128", "300,300"})
    void singularValuesMatchCommonsMath(int n, int p) {
        double worst = maxRelativeError(n, p);
        assertTrue(worst <= RELATIVE, n + "×" + p + ": max |sᵢ − sᵢ(commons-math3)| / s₁ = " + worst + ", allowed " + RELATIVE);
    }

    /**
     * max |sᵢ − sᵢ(commons-math3)| / s₁ for a seeded n×p Gaussian matrix (LAPACK's blocked QR runs for
     * min(n, p) ≥ 128); also what {@code bench.OpenBlasProbe} reports for each OpenBLAS core.
     */
    public static double maxRelativeError(int n, int p) {
        double[] flat = Rng.seed(n * 1000L + p).gaussian(n * p);
        double[][] rows = new double[n][p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * p, rows[i], 0, p);
        }
        double[] reference = new SingularValueDecomposition(new Array2DRowRealMatrix(rows, false)).getSingularValues();
        double[] got = ThinSvd.of(Nd.matrix(rows)).s();
        if (got.length != reference.length) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            worst = Math.max(worst, Math.abs(reference[i] - got[i]) / reference[0]);
        }
        return worst;
    }
}
