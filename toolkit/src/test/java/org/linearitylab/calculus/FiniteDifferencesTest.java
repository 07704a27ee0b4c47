package org.linearitylab.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.linearitylab.SeededTest;
import org.linearitylab.Tolerances;

/**
 * FiniteDifferences against hand-derived derivatives of f(θ) = Σⱼ sin(θⱼ) + θ₀θ₁², and its error budget:
 * central differences have error c·h² + O(ε/h), so where truncation dominates, halving h divides the error by
 * about 4 (Hipparchus' convention for pinning a finite-difference error budget).
 */
class FiniteDifferencesTest extends SeededTest {
    /** Steps large enough that truncation (∝ h²) dominates round-off (∝ 1e-16/h). */
    static final double[] STEPS = {4e-2, 2e-2, 1e-2, 5e-3};
    /** Halving h divides a pure O(h²) error by 4; allow the O(h⁴) term and round-off some room. */
    static final double RATIO_LOW = 3.6;
    static final double RATIO_HIGH = 4.4;

    static final ToDoubleFunction<double[]> F = t -> {
        double s = 0;
        for (double x : t) {
            s += Math.sin(x);
        }
        return s + t[0] * t[1] * t[1];
    };

    static double[] exactGradient(double[] t) {
        double[] g = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            g[j] = Math.cos(t[j]);
        }
        g[0] += t[1] * t[1];
        g[1] += 2 * t[0] * t[1];
        return g;
    }

    static double[][] exactHessian(double[] t) {
        int n = t.length;
        double[][] h = new double[n][n];
        for (int j = 0; j < n; j++) {
            h[j][j] = -Math.sin(t[j]);
        }
        h[0][1] += 2 * t[1];
        h[1][0] += 2 * t[1];
        h[1][1] += 2 * t[0];
        return h;
    }

    @Test
    void gradientMatchesTheHandDerivedOneAtTheDefaultStep() {
        double[] t = rng().gaussian(6);
        assertTrue(FiniteDifferences.maxAbsDifference(FiniteDifferences.gradient(F, t), exactGradient(t))
                < Tolerances.FINITE_DIFFERENCE);
    }

    @Test
    void gradientErrorFallsFourfoldWhenTheStepHalves() {
        double[] t = rng().gaussian(6);
        double[] g = exactGradient(t);
        double previous = Double.NaN;
        for (double h : STEPS) {
            double err = FiniteDifferences.maxAbsDifference(FiniteDifferences.gradient(F, t, h), g);
            if (!Double.isNaN(previous)) {
                double ratio = previous / err;
                assertTrue(ratio > RATIO_LOW && ratio < RATIO_HIGH, "h = " + h + ": error ratio " + ratio);
            }
            previous = err;
        }
    }

    @Test
    void hessianVectorOfAGradientMatchesTheExactHessianTimesU() {
        double[] t = rng().gaussian(5);
        double[] u = rng(1).unitVector(5);
        double[][] h = exactHessian(t);
        double[] hu = new double[5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                hu[i] += h[i][j] * u[j];
            }
        }
        UnaryOperator<double[]> grad = FiniteDifferencesTest::exactGradient;
        assertTrue(FiniteDifferences.maxAbsDifference(FiniteDifferences.hessianVectorProduct(grad, t, u), hu)
                < Tolerances.FINITE_DIFFERENCE);
        double previous = Double.NaN;
        for (double eps : STEPS) {
            double err = FiniteDifferences.maxAbsDifference(FiniteDifferences.hessianVectorProduct(grad, t, u, eps), hu);
            if (!Double.isNaN(previous)) {
                double ratio = previous / err;
                assertTrue(ratio > RATIO_LOW && ratio < RATIO_HIGH, "ε = " + eps + ": error ratio " + ratio);
            }
            previous = err;
        }
    }

    @Test
    void denseHessianMatchesTheHandDerivedOne() {
        double[] t = rng().gaussian(4);
        double[][] fd = FiniteDifferences.hessian(F, t, 1e-4);
        double[][] exact = exactHessian(t);
        // Second differences of f: error O(h²) + O(ε/h²) ≈ 1e-8 at h = 1e-4.
        assertTrue(FiniteDifferences.maxAbsDifference(fd, exact) < 1e-6);
    }

    @Test
    void thetaIsNotModified() {
        double[] t = rng().gaussian(3);
        double[] copy = t.clone();
        FiniteDifferences.gradient(F, t);
        FiniteDifferences.hessian(F, t, 1e-4);
        FiniteDifferences.hessianVectorProduct(FiniteDifferencesTest::exactGradient, t, rng(1).unitVector(3));
        assertEquals(0, FiniteDifferences.maxAbsDifference(t, copy));
    }
}
