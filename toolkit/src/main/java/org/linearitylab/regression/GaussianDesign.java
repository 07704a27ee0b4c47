package org.linearitylab.regression;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.linearitylab.core.Describe;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;
import org.linearitylab.data.Synthetic;
import org.linearitylab.display.Plots;

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
        Require.notNull("ps", ps);
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

        /** Simulated mean and quartiles with the closed form overlaid (log scale; the formula is ∞ at p = n ± 1). */
        public XYChart chart() {
            XYChart c = Plots.xy("Gaussian design, n = " + n + ", D = " + dimension,
                    "number of features p", "test risk E(y − xᵀβ̂)²");
            c.getStyler().setYAxisLogarithmic(true);
            double[] exact = closedForm();
            // the formula is +∞ for n−1 ≤ p ≤ n+1: draw its two finite branches as separate lines
            java.util.List<Double> lx = new java.util.ArrayList<>();
            java.util.List<Double> ly = new java.util.ArrayList<>();
            java.util.List<Double> rx = new java.util.ArrayList<>();
            java.util.List<Double> ry = new java.util.ArrayList<>();
            for (int k = 0; k < ps.length; k++) {
                if (Double.isFinite(exact[k])) {
                    (ps[k] < n ? lx : rx).add((double) ps[k]);
                    (ps[k] < n ? ly : ry).add(exact[k]);
                }
            }
            double[] x = java.util.Arrays.stream(ps).asDoubleStream().toArray();
            XYSeries band = Plots.line(c, "simulation: 25–75% of trials", x, lower);
            band.setLineColor(new java.awt.Color(0x1f, 0x77, 0xb4, 90));
            XYSeries up = Plots.line(c, "upper quartile", x, upper);
            up.setLineColor(new java.awt.Color(0x1f, 0x77, 0xb4, 90));
            up.setShowInLegend(false);
            XYSeries m = Plots.points(c, "simulation: mean of " + trials + " trials", x, mean);
            m.setMarkerColor(new java.awt.Color(0x1f77b4));
            java.awt.Color red = new java.awt.Color(0xd62728);
            if (!lx.isEmpty()) {
                XYSeries f = Plots.line(c, "closed form (Belkin–Hsu–Xu), σ = " + sigma, toArray(lx), toArray(ly));
                f.setLineColor(red);
            }
            if (!rx.isEmpty()) {
                XYSeries g = Plots.line(c, "closed form, p > n", toArray(rx), toArray(ry));
                g.setLineColor(red);
                g.setShowInLegend(lx.isEmpty());
            }
            double lo = java.util.Arrays.stream(lower).min().orElse(1);
            double hi = java.util.Arrays.stream(upper).max().orElse(10);
            XYSeries t = Plots.dashed(c, "p = n = " + n, new double[]{n, n}, new double[]{lo, hi});
            t.setLineColor(java.awt.Color.GRAY);
            return c;
        }

        private static double[] toArray(java.util.List<Double> v) {
            return v.stream().mapToDouble(Double::doubleValue).toArray();
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
        Require.positive("n", n);
        Require.notNull("ps", ps);
        Require.positive("dimension", dimension);
        Require.nonNegative("sigma", sigma);
        Require.positive("trials", trials);
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
