package org.linearitylab.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Rng;

class LanczosTest {
    static final double EIGEN_TOL = org.linearitylab.Tolerances.LANCZOS;

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
        INDArray m = Nd.matrix(a);
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

    // ------------------------------------------------------------ three-vector recurrence (large n)

    static final double SHORT_TOL = org.linearitylab.Tolerances.LANCZOS;

    @Test
    void threeVectorRecurrenceMatchesDenseEigendecomposition() {
        double[][] a = symmetric(150, 21);
        double[] ev = referenceEigenvalues(a);
        double expected = Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
        Lanczos lz = Lanczos.of(operator(a)).withReorthogonalization(false);
        assertFalse(lz.storesBasis());
        SpectralEstimate e = lz.largestMagnitude();
        assertTrue(e.converged(), e.toString());
        assertEquals(expected, e.magnitude(), SHORT_TOL * expected);
        assertTrue(e.residual() <= Lanczos.DEFAULT_TOLERANCE, e.toString());
        double[] av = operator(a).apply(e.vector()); // the vector rebuilt by the second pass is an eigenvector
        double res = 0;
        for (int i = 0; i < av.length; i++) {
            res += Math.pow(av[i] - e.value() * e.vector()[i], 2);
        }
        assertTrue(Math.sqrt(res) < 1e-6 * expected, "residual " + Math.sqrt(res));
        assertEquals(ev[ev.length - 1], lz.largest().value(), SHORT_TOL * Math.abs(ev[ev.length - 1]));
        assertEquals(ev[0], lz.smallest().value(), SHORT_TOL * Math.abs(ev[0]));
        assertEquals(null, lz.withoutVector().largestMagnitude().vector());
    }

    @Test
    void threeVectorRecurrenceAgreesWithFullReorthogonalization() {
        // a wide spectrum with a clustered top: the case where orthogonality is lost fastest
        int n = 400;
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = i < 3 ? 10 - 0.01 * i : Math.cos(i);
        }
        double[][] q = orthogonal(n, 8);
        LinearOperator op = LinearOperator.of(n, x -> {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = lambda[i] * Vectors.dot(q[i], x);
            }
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                Vectors.axpy(c[i], q[i], y);
            }
            return y;
        });
        SpectralEstimate full = Lanczos.of(op).withReorthogonalization(true).largestMagnitude();
        SpectralEstimate shortRun = Lanczos.of(op).withReorthogonalization(false).largestMagnitude();
        assertTrue(full.converged() && shortRun.converged(), full + " / " + shortRun);
        assertEquals(10, full.value(), 1e-9);
        assertEquals(full.value(), shortRun.value(), 1e-9);
    }

    static double[][] orthogonal(int n, long seed) {
        double[][] q = new double[n][];
        Rng rng = Rng.seed(seed);
        for (int i = 0; i < n; i++) {
            double[] v = rng.unitVector(n);
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < i; j++) {
                    Vectors.axpy(-Vectors.dot(v, q[j]), q[j], v);
                }
            }
            Vectors.scale(v, 1 / Vectors.norm(v));
            q[i] = v;
        }
        return q;
    }

    @Test
    void largeOperatorsStoreOnlyAFewVectors() {
        LinearOperator big = LinearOperator.of(8_500_000, x -> x);
        assertFalse(Lanczos.of(big).storesBasis());
        assertTrue(Lanczos.of(LinearOperator.of(4000, x -> x)).storesBasis());
    }

    // ------------------------------------------------------------ no silent wrong answers (issue 18)

    @Test
    void nanOrInfiniteOperatorIsAnErrorNotAValue() {
        double[][] a = symmetric(30, 2);
        for (boolean full : new boolean[]{true, false}) {
            LinearOperator nan = LinearOperator.of(30, x -> {
                double[] y = operator(a).apply(x);
                y[7] = Double.NaN;
                return y;
            });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Lanczos.of(nan).withReorthogonalization(full).largestMagnitude());
            assertTrue(e.getMessage().contains("operator output[7] is NaN") && e.getMessage().contains("iteration 1"), e.getMessage());
            LinearOperator inf = LinearOperator.of(30, x -> {
                double[] y = new double[30];
                y[3] = Double.POSITIVE_INFINITY;
                return y;
            });
            e = assertThrows(IllegalArgumentException.class, () -> Lanczos.of(inf).withReorthogonalization(full).largest());
            assertTrue(e.getMessage().contains("operator output[3] is Infinity"), e.getMessage());
            LinearOperator zeroThenNan = new LinearOperator() { // NaN only from the third product on
                int calls;

                @Override
                public double[] apply(double[] x) {
                    double[] y = operator(a).apply(x);
                    if (++calls >= 3) {
                        y[0] = Double.NaN;
                    }
                    return y;
                }
            };
            e = assertThrows(IllegalArgumentException.class, () -> Lanczos.of(zeroThenNan, 30).withReorthogonalization(full).largestMagnitude());
            assertTrue(e.getMessage().contains("iteration 3"), e.getMessage());
        }
        LinearOperator nan = LinearOperator.of(30, x -> {
            double[] y = x.clone();
            y[5] = Double.NaN;
            return y;
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PowerIteration.of(nan).largestMagnitude());
        assertTrue(e.getMessage().contains("operator output[5] is NaN"), e.getMessage());
    }

    @Test
    void nonConvergenceIsReportedAndCanBeRequired() {
        double[][] a = symmetric(200, 4);
        for (boolean full : new boolean[]{true, false}) {
            SpectralEstimate e = Lanczos.of(operator(a)).withReorthogonalization(full).withMaxIterations(3).largestMagnitude();
            assertFalse(e.converged());
            assertTrue(e.residual() > Lanczos.DEFAULT_TOLERANCE, e.toString());
            ArithmeticException ex = assertThrows(ArithmeticException.class, e::requireConverged);
            assertTrue(ex.getMessage().contains("did not converge") && ex.getMessage().contains("3 iterations"), ex.getMessage());
            assertTrue(e.toString().contains("NOT converged"));
        }
        SpectralEstimate p = PowerIteration.of(operator(a)).withMaxIterations(5).largestMagnitude();
        assertFalse(p.converged());
        assertThrows(ArithmeticException.class, p::requireConverged);
        SpectralEstimate ok = Lanczos.of(operator(a)).largestMagnitude();
        assertEquals(ok, ok.requireConverged());
    }

    @Test
    void operatorOfValidatesItsAction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinearOperator.of(3, null));
        assertTrue(e.getMessage().contains("action"));
        e = assertThrows(IllegalArgumentException.class, () -> LinearOperator.of(3, x -> new double[2]).apply(new double[3]));
        assertTrue(e.getMessage().contains("length 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinearOperator.of(3, x -> x).apply(null));
        assertTrue(e.getMessage().contains("x must not be null"));
    }
}
