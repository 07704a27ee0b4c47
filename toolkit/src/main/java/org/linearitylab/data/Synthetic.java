package org.linearitylab.data;

import java.util.function.DoubleUnaryOperator;
import org.linearitylab.core.Describe;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;


/** Seeded synthetic data sets: same seed, same numbers. */
public final class Synthetic {
    private Synthetic() {
    }

    /** A smooth target on [−1, 1] for the demos: f(x) = sin(πx) + ½·cos(3x). */
    public static double smooth(double x) {
        return Math.sin(Math.PI * x) + 0.5 * Math.cos(3 * x);
    }

    /** n points x in [−1, 1] with y = f(x) + noise·ε, ε ~ N(0, 1). */
    public record Sample1D(double[] x, double[] y) {
        /** One line: every array summarised by length and range (never {@code [D@…}). */
        @Override
        public String toString() {
            return Describe.record(this);
        }
    }

    /**
     * n noisy samples of a 1-D function on [−1, 1] (n ≥ 1, noise ≥ 0). The x are stratified: x_i is uniform in
     * the i-th of n equal cells of [−1, 1] (random, but never two points almost on top of each other, which
     * would make every interpolant spike between them).
     */
    public static Sample1D curve1D(int n, DoubleUnaryOperator f, double noise, long seed) {
        Memory.require("a curve of n = " + n + " samples", Memory.doubles("n", 2, Math.max(0, n)), 0, "Use fewer samples n");
        Require.positive("n", n);
        Require.notNull("f", f);
        Require.nonNegative("noise", noise);
        Rng rng = Rng.seed(seed);
        double[] x = rng.uniform(n, 0, 1);
        for (int i = 0; i < n; i++) {
            x[i] = -1 + 2 * (i + x[i]) / n;
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = f.applyAsDouble(x[i]) + noise * rng.gaussian();
        }
        return new Sample1D(x, y);
    }

    /** Gaussian-design linear regression: rows x ~ N(0, I_D), y = xᵀβ + σε. */
    public record LinearSample(double[][] x, double[] y) {
        /** One line: every array summarised by length and range (never {@code [D@…}). */
        @Override
        public String toString() {
            return Describe.record(this);
        }
    }

    /** n samples of y = xᵀβ + σε with x ~ N(0, I_D), D = beta.length. */
    public static LinearSample gaussianLinear(int n, double[] beta, double sigma, long seed) {
        Require.notNull("beta", beta);
        Memory.require("a sample of n × d = " + n + " × " + beta.length, Memory.doubles("x", Math.max(0, n), beta.length + 1L), 0, "Use fewer samples n");
        Require.positive("n", n);
        Require.finite("beta", beta);
        Require.positive("beta.length", beta.length);
        Require.nonNegative("sigma", sigma);
        Rng rng = Rng.seed(seed);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.gaussian(beta.length);
            double s = 0;
            for (int j = 0; j < beta.length; j++) {
                s += x[i][j] * beta[j];
            }
            y[i] = s + sigma * rng.gaussian();
        }
        return new LinearSample(x, y);
    }
}
