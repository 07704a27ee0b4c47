package org.linearitylab.core;

import java.util.SplittableRandom;

/**
 * Seeded random numbers: the same seed gives the same numbers on every machine and every run.
 * Built on {@link SplittableRandom}, independent of ND4J's global random state.
 */
public final class Rng {
    private final SplittableRandom random;

    private Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A generator for this seed. */
    public static Rng seed(long seed) {
        return new Rng(seed);
    }

    /** n independent N(0,1) numbers. */
    public double[] gaussian(int n) {
        Require.inRange("n", n, 0, Integer.MAX_VALUE);
        Memory.require("n = " + n + " random numbers", Memory.doubles("n", n), 0, "Use a smaller n");
        Require.inRange("n", n, 0, Integer.MAX_VALUE - 8);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextGaussian();
        }
        return out;
    }

    /** One N(0,1) number. */
    public double gaussian() {
        return random.nextGaussian();
    }

    /** n independent U(lo, hi) numbers. */
    public double[] uniform(int n, double lo, double hi) {
        Require.inRange("n", n, 0, Integer.MAX_VALUE);
        Memory.require("n = " + n + " random numbers", Memory.doubles("n", n), 0, "Use a smaller n");
        Require.finite("lo", lo);
        Require.finite("hi", hi);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + (hi - lo) * random.nextDouble();
        }
        return out;
    }

    /** n independent signs ±1 with probability ½ each. */
    public double[] signs(int n) {
        Require.inRange("n", n, 0, Integer.MAX_VALUE);
        Memory.require("n = " + n + " random numbers", Memory.doubles("n", n), 0, "Use a smaller n");
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextBoolean() ? 1 : -1;
        }
        return out;
    }

    /** A uniformly random integer in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A random point on the unit sphere of ℝⁿ (a normalised Gaussian vector). */
    public double[] unitVector(int n) {
        Require.inRange("n", n, 0, Integer.MAX_VALUE);
        Memory.require("n = " + n + " random numbers", Memory.doubles("n", n), 0, "Use a smaller n");
        Require.positive("n", n);
        double[] g = gaussian(n);
        double norm = 0;
        for (double x : g) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            g[i] /= norm;
        }
        return g;
    }

    /** A random permutation of 0..n−1 (Fisher–Yates). */
    public int[] permutation(int n) {
        Require.inRange("n", n, 0, Integer.MAX_VALUE);
        Memory.require("n = " + n + " random numbers", Memory.doubles("n", n), 0, "Use a smaller n");
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** One line (the state of the stream is not shown: it is not a number a reader could use). */
    @Override
    public String toString() {
        return "Rng (seeded SplittableRandom stream)";
    }
}
