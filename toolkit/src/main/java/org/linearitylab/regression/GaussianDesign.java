package org.linearitylab.regression;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.linearitylab.core.Describe;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;
import org.linearitylab.data.Synthetic;

/**
 * Double descent in its simplest exactly solvable form (Belkin, Hsu, Xu 2019, "Two models of double
 * descent for weak features", Theorem 1). Data: x ~ N(0, I_D), y = xᵀβ + σε. The learner sees only the
 * first p coordinates T = {1…p} and fits them by least squares (p &lt; n) or minimum-norm interpolation (p &gt; n).
 * The expected test risk E[(y − xᵀβ̂)²] is
 * <pre>
 *   (‖β_Tᶜ‖² + σ²)·(1 + p/(n − p − 1))                          for p ≤ n − 2,
 *   +∞                                                         for n − 1 ≤ p ≤ n + 1,
 *   ‖β_T‖²·(1 − n/p) + (‖β_Tᶜ‖² + σ²)·(1 + n/(p − n − 1))      for p ≥ n + 2.
 * </pre>
 * Because x is isotropic, the risk of a given β̂ is exact: σ² + ‖β − β̂‖² (β̂ padded with zeros).
 */
public final class GaussianDesign {
    private GaussianDesign() {
    }

    /** The closed-form expected risk for signal split ‖β_T‖² (seen) and ‖β_Tᶜ‖² (unseen), noise variance σ². */
    public static double risk(int n, int p, double seenSignal, double unseenSignal, double noiseVariance) {
        Require.positive("n", n);
        Require.positive("p", p);
        Require.nonNegative("seenSignal", seenSignal);
        Require.nonNegative("unseenSignal", unseenSignal);
        Require.nonNegative("noiseVariance", noiseVariance);
        double rest = unseenSignal + noiseVariance;
        if (p <= n - 2) {
            return rest * (1 + (double) p / (n - p - 1));
        }
        if (p <= n + 1) {
            return Double.POSITIVE_INFINITY;
        }
        return seenSignal * (1 - (double) n / p) + rest * (1 + (double) n / (p - n - 1));
    }

    /**
     * The closed-form risk for each p when β is spread evenly over D coordinates with ‖β‖ = 1
     * (so ‖β_T‖² = p/D) and noise level σ.
     */
    public static double[] risk(int n, int[] ps, int dimension, double sigma) {
        Require.nonNegative("sigma", sigma);
        Require.notNull("ps", ps);
        if (ps.length == 0) {
            throw new IllegalArgumentException("ps must hold at least one number of features p");
        }
        Require.positive("dimension", dimension);
        double[] out = new double[ps.length];
        for (int k = 0; k < ps.length; k++) {
            Require.inRange("ps[" + k + "]", ps[k], 1, dimension);
            double seen = (double) ps[k] / dimension;
            out[k] = risk(n, ps[k], seen, 1 - seen, sigma * sigma);
        }
        return out;
    }

    /** Monte-Carlo risk: mean, and the 25% / 75% quantiles over trials, for each p, with the model's settings. */
    public record Simulation(int n, int dimension, double sigma, int[] ps, double[] mean, double[] lower, double[] upper,
                             int trials) {
        /** The closed-form risk at the same p (+∞ for n − 1 ≤ p ≤ n + 1). */
        public double[] closedForm() {
            return risk(n, ps, dimension, sigma);
        }

        /** Relative deviation |simulated mean − closed form| / closed form at the measured p closest to q. */
        public double relativeError(int q) {
            Require.inRange("q", q, 1, Integer.MAX_VALUE);
            int best = 0;
            for (int k = 1; k < ps.length; k++) {
                if (Math.abs(ps[k] - q) < Math.abs(ps[best] - q)) {
                    best = k;
                }
            }
            double exact = closedForm()[best];
            return Math.abs(mean[best] - exact) / exact;
        }

        /** One line: every array summarised by length and range (never {@code [D@…}). */
        @Override
        public String toString() {
            return Describe.record(this);
        }
    }

    /**
     * Simulates the same model: per trial draw n samples with β_j = 1/√D, fit every p with
     * {@link LeastSquares#minNorm} on the first p coordinates, and compute the exact risk σ² + ‖β − β̂‖².
     */
    public static Simulation simulate(int n, int[] ps, int dimension, double sigma, int trials, long seed) {
        Require.notNull("ps", ps);
        if (ps.length == 0) {
            throw new IllegalArgumentException("ps must hold at least one number of features p");
        }
        Memory.require("trials × ps = " + trials + " × " + ps.length + " stored errors", Memory.doubles("results", Math.max(0, trials), ps.length), 0, "Use fewer trials");
        Require.positive("n", n);
        Require.positive("dimension", dimension);
        Require.positive("trials", trials);
        Memory.require("a simulation with n × dimension = " + n + " × " + dimension, Memory.doubles("X", n, dimension), Memory.doubles("X", 2, n, dimension), "Use a smaller n or dimension");
        Require.nonNegative("sigma", sigma);
        double[] beta = new double[dimension];
        java.util.Arrays.fill(beta, 1 / Math.sqrt(dimension));
        double[][] risks = new double[ps.length][trials];
        for (int t = 0; t < trials; t++) {
            Synthetic.LinearSample sample = Synthetic.gaussianLinear(n, beta, sigma, seed + t);
            INDArray x = Nd.matrix(sample.x());
            INDArray y = Nd.array(sample.y());
            for (int k = 0; k < ps.length; k++) {
                int p = Require.inRange("ps[" + k + "]", ps[k], 1, dimension);
                INDArray phi = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p)).dup();
                double[] b = LeastSquares.minNorm(phi, y).coefficients();
                double r = sigma * sigma;
                for (int j = 0; j < dimension; j++) {
                    double e = beta[j] - (j < p ? b[j] : 0);
                    r += e * e;
                }
                risks[k][t] = r;
            }
        }
        double[] mean = new double[ps.length];
        double[] lo = new double[ps.length];
        double[] hi = new double[ps.length];
        for (int k = 0; k < ps.length; k++) {
            double[] r = risks[k].clone();
            java.util.Arrays.sort(r);
            for (double v : r) {
                mean[k] += v / trials;
            }
            lo[k] = r[(int) Math.floor(0.25 * (trials - 1))];
            hi[k] = r[(int) Math.ceil(0.75 * (trials - 1))];
        }
        return new Simulation(n, dimension, sigma, ps.clone(), mean, lo, hi, trials);
    }
}
