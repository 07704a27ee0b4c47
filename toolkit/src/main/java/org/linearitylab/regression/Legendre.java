package org.linearitylab.regression;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;

/**
 * Legendre polynomial features on [−1, 1], the lecture's "polynomial features, p = d":
 * φ_k(x) = √(2k+1)·P_k(x), k = 0 … p−1, where P_k are the Legendre polynomials
 * (P₀ = 1, P₁ = x, (k+1)P_{k+1} = (2k+1)x·P_k − k·P_{k−1}).
 *
 * <p>With the √(2k+1) factor the features are orthonormal for x uniform on [−1, 1]:
 * ½∫₋₁¹ φ_j φ_k dx = δ_jk, so ‖β‖ measures the function's size and no degree is favoured by scale alone.
 * Inputs outside [−1, 1] are allowed but the polynomials grow fast there.
 */
public final class Legendre implements FeatureMap {
    private final int p;
    private final double decay;
    private final double[] weight;

    private Legendre(int p, double decay) {
        this.p = p;
        this.decay = decay;
        this.weight = new double[p];
        for (int k = 0; k < p; k++) {
            weight[k] = Math.sqrt(2 * k + 1) / Math.pow(k + 1, decay);
        }
    }

    /** The first p orthonormal Legendre features φ₀ … φ_{p−1} (p ≥ 1). */
    public static Legendre features(int p) {
        return features(p, 0);
    }

    /**
     * The first p Legendre features with decaying weights: φ_k = √(2k+1)·P_k/(k+1)^s, s ≥ 0.
     * Column weights do not change least squares for p &lt; n, but they change which interpolant has
     * the minimum norm for p &gt; n: with s ≥ 1 high degrees are expensive and the minimum-norm
     * interpolant is smooth; with s = 0 it is spiky.
     */
    public static Legendre features(int p, double decay) {
        Require.inRange("p", p, 1, 100_000);
        return new Legendre(Require.positive("p", p), Require.nonNegative("decay", decay));
    }

    /** The weight exponent s of φ_k = √(2k+1)·P_k/(k+1)^s. */
    public double decay() {
        return decay;
    }

    /** P_k(x) (not normalised), by the three-term recurrence; k ≥ 0. */
    public static double polynomial(int k, double x) {
        Require.inRange("k", k, 0, Integer.MAX_VALUE - 1);
        Require.finite("x", x);
        double prev = 1;
        if (k == 0) {
            return prev;
        }
        double cur = x;
        for (int j = 1; j < k; j++) {
            double next = ((2 * j + 1) * x * cur - j * prev) / (j + 1);
            prev = cur;
            cur = next;
        }
        return cur;
    }

    /** φ₀(x) … φ_{p−1}(x) into {@code out[offset …]}. */
    private void fill(double x, double[] out, int offset) {
        double prev = 1;
        double cur = x;
        out[offset] = weight[0];
        if (p > 1) {
            out[offset + 1] = weight[1] * x;
        }
        for (int k = 1; k + 1 < p; k++) {
            double next = ((2 * k + 1) * x * cur - k * prev) / (k + 1);
            prev = cur;
            cur = next;
            out[offset + k + 1] = weight[k + 1] * next;
        }
    }

    /** The feature vector φ(x) ∈ ℝᵖ at one point. */
    public double[] at(double x) {
        Require.finite("x", x);
        double[] out = new double[p];
        fill(x, out, 0);
        return out;
    }

    @Override
    public int inputDim() {
        return 1;
    }

    @Override
    public int features() {
        return p;
    }

    /** Φ (n×p) for points x₁ … xₙ. */
    public INDArray apply(double[] x) {
        Require.finite("x", x);
        if (x.length == 0) {
            throw new IllegalArgumentException("x must hold n ≥ 1 points, got n = 0");
        }
        double[] flat = new double[x.length * p];
        for (int i = 0; i < x.length; i++) {
            fill(x[i], flat, i * p);
        }
        return Nd.matrix(flat, x.length, p);
    }

    @Override
    public INDArray apply(INDArray x) {
        LeastSquares.requireMatrix("x", x);
        if (x.columns() != 1) {
            throw new IllegalArgumentException("x must have one column (Legendre features are 1-D), got " + x.columns());
        }
        return apply(x.toDoubleVector());
    }

    /**
     * Fits n points (x, y) with p Legendre features: least squares for p &lt; n, minimum-norm
     * interpolation for p ≥ n (via {@link LeastSquares#minNorm}).
     */
    public static Fit fit(double[] x, double[] y, int p) {
        return fit(x, y, p, 0);
    }

    /** As {@link #fit(double[], double[], int)} with decaying feature weights (see {@link #features(int, double)}). */
    public static Fit fit(double[] x, double[] y, int p, double decay) {
        if (x != null && x.length == 0) {
            throw new IllegalArgumentException("x must hold at least one point");
        }
        Require.finite("x", x);
        Require.length("y", Require.finite("y", y), x.length);
        Legendre map = features(p, decay);
        return new Fit(map, LeastSquares.minNorm(map.apply(x), Nd.array(y)));
    }

    /** A fitted polynomial ŷ(x) = Σ β_k φ_k(x). */
    public record Fit(Legendre map, LinearFit linear) {
        /** ŷ at each point of x. */
        public double[] predict(double[] x) {
            return linear.predict(map.apply(x)).toDoubleVector();
        }

        /** Coefficient norm ‖β‖. */
        public double norm() {
            return linear.norm();
        }

        /** Number of features p. */
        public int features() {
            return map.features();
        }
    }

    @Override
    public String toString() {
        return "Legendre features, p = " + p + (decay == 0 ? "" : ", weights (k+1)^-" + decay);
    }
}
