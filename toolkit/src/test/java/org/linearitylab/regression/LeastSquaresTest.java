package org.linearitylab.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Rng;

class LeastSquaresTest {
    /** Agreement with brute-force references on well-conditioned random matrices. */
    static final double TOL = org.linearitylab.Tolerances.LEAST_SQUARES;

    @Test
    void minNormEqualsBruteForcePseudoInverseForFullRowRank() {
        int n = 6;
        int p = 15;
        double[][] a = Brute.random(n, p, 1);
        double[] y = Rng.seed(2).gaussian(n);
        // A⁺ = Aᵀ (A Aᵀ)⁻¹ for full row rank, by Gauss–Jordan (no SVD)
        double[][] pinv = Brute.mul(Brute.t(a), Brute.inverse(Brute.mul(a, Brute.t(a))));
        double[][] expected = Brute.mul(pinv, Brute.column(y));
        LinearFit fit = LeastSquares.minNorm(Nd.matrix(a), Nd.array(y));
        assertTrue(Brute.maxAbsDiff(Brute.of(fit.beta()), expected) < TOL);
        assertEquals(n, fit.rank());
    }

    @Test
    void minNormEqualsBruteForcePseudoInverseForRankDeficient() {
        // A = B C with B 8×3, C 3×10: rank 3; A⁺ = C⁺B⁺ = Cᵀ(CCᵀ)⁻¹ (BᵀB)⁻¹Bᵀ
        double[][] b = Brute.random(8, 3, 3);
        double[][] c = Brute.random(3, 10, 4);
        double[][] a = Brute.mul(b, c);
        double[] y = Rng.seed(5).gaussian(8);
        double[][] cPlus = Brute.mul(Brute.t(c), Brute.inverse(Brute.mul(c, Brute.t(c))));
        double[][] bPlus = Brute.mul(Brute.inverse(Brute.mul(Brute.t(b), b)), Brute.t(b));
        double[][] expected = Brute.mul(Brute.mul(cPlus, bPlus), Brute.column(y));
        LinearFit fit = LeastSquares.minNorm(Nd.matrix(a), Nd.array(y), 1e-10);
        assertEquals(3, fit.rank(), "the cutoff finds the rank");
        assertTrue(Brute.maxAbsDiff(Brute.of(fit.beta()), expected) < TOL);
    }

    @Test
    void minNormInterpolantHasTheSmallestNorm() {
        int n = 5;
        int p = 12;
        double[][] a = Brute.random(n, p, 6);
        double[] y = Rng.seed(7).gaussian(n);
        LinearFit fit = LeastSquares.minNorm(Nd.matrix(a), Nd.array(y));
        double[] beta = fit.coefficients();
        // it interpolates
        double[][] pred = Brute.mul(a, Brute.column(beta));
        for (int i = 0; i < n; i++) {
            assertEquals(y[i], pred[i][0], TOL);
        }
        // any other interpolant β + z, z in the null space of A, is longer
        INDArray projector = LeastSquares.minNorm(Nd.matrix(a), Nd4j.eye(n).castTo(DataType.DOUBLE)).beta(); // A⁺ (p×n)
        for (int trial = 0; trial < 5; trial++) {
            double[] w = Rng.seed(100 + trial).gaussian(p);
            double[][] aw = Brute.mul(a, Brute.column(w));
            double[][] back = Brute.mul(Brute.of(projector), aw);          // A⁺A w
            double[] other = new double[p];
            for (int j = 0; j < p; j++) {
                other[j] = beta[j] + w[j] - back[j][0];                    // β + (I − A⁺A) w
            }
            double[][] otherPred = Brute.mul(a, Brute.column(other));
            for (int i = 0; i < n; i++) {
                assertEquals(y[i], otherPred[i][0], 1e-8, "the other vector interpolates too");
            }
            assertTrue(Brute.norm(other) > Brute.norm(beta), "min-norm is shorter than another interpolant");
        }
    }

    @Test
    void underParameterizedIsOrdinaryLeastSquares() {
        int n = 30;
        int p = 4;
        double[][] a = Brute.random(n, p, 8);
        double[] y = Rng.seed(9).gaussian(n);
        // well-conditioned (30 Gaussian rows, 4 columns): a direct solve of the normal equations is a fine reference
        double[][] expected = Brute.mul(Brute.inverse(Brute.mul(Brute.t(a), a)), Brute.mul(Brute.t(a), Brute.column(y)));
        LinearFit fit = LeastSquares.minNorm(Nd.matrix(a), Nd.array(y));
        assertTrue(Brute.maxAbsDiff(Brute.of(fit.beta()), expected) < TOL);
        assertEquals(p, fit.rank());
    }

    @Test
    void ridgeMatchesDirectSolveAndShrinks() {
        int n = 10;
        int p = 25;
        double lambda = 0.3;
        double[][] a = Brute.random(n, p, 10);
        double[] y = Rng.seed(11).gaussian(n);
        double[][] expected = Brute.mul(Brute.inverse(Brute.plusIdentity(Brute.mul(Brute.t(a), a), lambda)),
                Brute.mul(Brute.t(a), Brute.column(y)));
        LinearFit ridge = LeastSquares.ridge(Nd.matrix(a), Nd.array(y), lambda);
        assertTrue(Brute.maxAbsDiff(Brute.of(ridge.beta()), expected) < TOL);
        assertTrue(ridge.norm() < LeastSquares.minNorm(Nd.matrix(a), Nd.array(y)).norm());
        LinearFit zero = LeastSquares.ridge(Nd.matrix(a), Nd.array(y), 0);
        assertEquals(LeastSquares.minNorm(Nd.matrix(a), Nd.array(y)).norm(), zero.norm(), TOL);
    }

    @Test
    void severalOutputsAreSolvedColumnByColumn() {
        double[][] a = Brute.random(7, 11, 12);
        double[][] y = Brute.random(7, 3, 13);
        LinearFit all = LeastSquares.minNorm(Nd.matrix(a), Nd.matrix(y));
        for (int c = 0; c < 3; c++) {
            double[] col = new double[7];
            for (int i = 0; i < 7; i++) {
                col[i] = y[i][c];
            }
            double[] one = LeastSquares.minNorm(Nd.matrix(a), Nd.array(col)).coefficients();
            for (int j = 0; j < 11; j++) {
                assertEquals(one[j], all.beta().getDouble(j, c), TOL);
            }
        }
    }

    @Test
    void badInputGivesClearMessages() {
        INDArray ok = Nd.matrix(Brute.random(4, 3, 14));
        INDArray y = Nd.array(new double[]{1, 2, 3, 4});
        assertMessage("n ≥ 1", () -> LeastSquares.minNorm(Nd4j.create(DataType.DOUBLE, 0, 3), Nd4j.create(DataType.DOUBLE, 0, 1)));
        assertMessage("p ≥ 1", () -> LeastSquares.minNorm(Nd4j.create(DataType.DOUBLE, 4, 0), y));
        assertMessage("mismatched", () -> LeastSquares.minNorm(ok, Nd.array(new double[]{1, 2, 3})));
        assertMessage("phi must hold finite", () -> LeastSquares.minNorm(Nd.matrix(new double[][]{{1, Double.NaN}, {0, 1}}), Nd.array(new double[]{1, 2})));
        assertMessage("y must hold finite", () -> LeastSquares.minNorm(ok, Nd.array(new double[]{1, Double.NaN, 3, 4})));
        assertMessage("rcond", () -> LeastSquares.minNorm(ok, y, -1));
        assertMessage("lambda", () -> LeastSquares.ridge(ok, y, -0.5));
        assertMessage("lambda", () -> LeastSquares.ridge(ok, y, Double.NaN));
        assertMessage("phi[0]", () -> LeastSquares.minNorm(new double[][]{{Double.POSITIVE_INFINITY}}, new double[]{1}));
        assertMessage("phi must not be null", () -> LeastSquares.minNorm(null, y));
    }

    static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should mention '" + fragment + "'");
    }
}
