package org.linearitylab.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.Lab;
import org.linearitylab.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;

class LanczosTest {
    static final double EIGEN_TOL = 1e-9;

    /** A random symmetric n×n matrix with a known spectrum (Q diag(λ) Qᵀ). */
    static double[][] symmetric(int n, long seed) {
        Rng rng = Rng.seed(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double g = rng.gaussian();
                a[i][j] = g;
                a[j][i] = g;
            }
        }
        return a;
    }

    static LinearOperator operator(double[][] a) {
        return LinearOperator.of(a.length, x -> {
            double[] y = new double[x.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    y[i] += a[i][j] * x[j];
                }
            }
            return y;
        });
    }

    /** Eigenvalues by ND4J/LAPACK (the reference implementation), ascending. */
    static double[] referenceEigenvalues(double[][] a) {
        INDArray m = Lab.matrix(a);
        double[] ev = Eigen.symmetricGeneralizedEigenvalues(m, false).dup().data().asDouble();
        java.util.Arrays.sort(ev);
        return ev;
    }

    @Test
    void largestMagnitudeMatchesDenseEigendecomposition() {
        double[][] a = symmetric(80, 3);
        double[] ev = referenceEigenvalues(a);
        double expected = Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
        SpectralEstimate e = Lanczos.of(operator(a)).largestMagnitude();
        assertTrue(e.converged(), e.toString());
        assertEquals(expected, e.magnitude(), EIGEN_TOL * expected);
        // the vector is an eigenvector: ‖Av − λv‖ small
        double[] av = operator(a).apply(e.vector());
        double res = 0;
        for (int i = 0; i < av.length; i++) {
            res += Math.pow(av[i] - e.value() * e.vector()[i], 2);
        }
        assertTrue(Math.sqrt(res) < 1e-6 * expected, "residual " + Math.sqrt(res));
    }

    @Test
    void largestAndSmallestMatchEnds() {
        double[][] a = symmetric(60, 5);
        double[] ev = referenceEigenvalues(a);
        assertEquals(ev[ev.length - 1], Lanczos.of(operator(a)).largest().value(), EIGEN_TOL * Math.abs(ev[ev.length - 1]));
        assertEquals(ev[0], Lanczos.of(operator(a)).smallest().value(), EIGEN_TOL * Math.abs(ev[0]));
    }

    @Test
    void lowRankOperatorStopsEarlyAtInvariantSubspace() {
        // A = 3 u uᵀ − 2 w wᵀ, rank 2 in ℝ¹⁰⁰⁰: Lanczos must find λ = 3 in ≤ 3 steps.
        int n = 1000;
        double[] u = Rng.seed(1).unitVector(n);
        double[] w = Rng.seed(2).unitVector(n);
        LinearOperator op = LinearOperator.of(n, x -> {
            double cu = 3 * Vectors.dot(u, x);
            double cw = -2 * Vectors.dot(w, x);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = cu * u[i] + cw * w[i];
            }
            return y;
        });
        SpectralEstimate e = Lanczos.of(op).largestMagnitude();
        assertTrue(e.converged());
        assertTrue(e.iterations() <= 3, "iterations " + e.iterations());
        // u and w are nearly but not exactly orthogonal; compare with 2×2 Gram problem solved analytically
        double c = Vectors.dot(u, w);
        // eigenvalues of [[3, 3c],[−2c, −2]] (A restricted to span{u,w} in the u,w basis)
        double tr = 1;
        double det = -6 + 6 * c * c;
        double top = (tr + Math.sqrt(tr * tr - 4 * det)) / 2;
        assertEquals(top, e.value(), 1e-10);
    }

    @Test
    void powerIterationAgreesWithLanczosWhenGapIsLarge() {
        double[][] a = symmetric(40, 11);
        for (int i = 0; i < 40; i++) {
            a[i][i] += i == 7 ? 50 : 0; // a dominant eigenvalue near 50
        }
        SpectralEstimate l = Lanczos.of(operator(a)).largestMagnitude();
        SpectralEstimate p = PowerIteration.of(operator(a)).withTolerance(1e-12).largestMagnitude();
        assertTrue(p.converged(), p.toString());
        assertEquals(l.value(), p.value(), 1e-9 * l.magnitude());
    }

    @Test
    void notConvergedIsReported() {
        double[][] a = symmetric(200, 4);
        SpectralEstimate e = Lanczos.of(operator(a)).withMaxIterations(3).largestMagnitude();
        assertFalse(e.converged());
        assertEquals(3, e.iterations());
    }

    @Test
    void badInputNamesTheArgument() {
        LinearOperator unknown = x -> x;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lanczos.of(unknown));
        assertTrue(e.getMessage().contains("dimension"));
        e = assertThrows(IllegalArgumentException.class, () -> Lanczos.of(unknown, 0));
        assertTrue(e.getMessage().contains("dimension"));
        e = assertThrows(IllegalArgumentException.class, () -> Lanczos.of(unknown, 5).withTolerance(0));
        assertTrue(e.getMessage().contains("tolerance"));
        e = assertThrows(IllegalArgumentException.class, () -> Lanczos.of(unknown, 5).withStart(new double[4]));
        assertTrue(e.getMessage().contains("start"));
        e = assertThrows(IllegalArgumentException.class, () -> Lanczos.of(x -> new double[3], 5).largestMagnitude());
        assertTrue(e.getMessage().contains("operator output"));
    }
}
