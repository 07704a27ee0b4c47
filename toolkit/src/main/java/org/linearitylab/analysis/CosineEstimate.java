package org.linearitylab.analysis;

import org.linearitylab.experiment.Stats;







/**
 * The mean |cos| between gradients of pairs of neurons of one layer, averaged over samples (Figure 3).
 *
 * @param layer    hidden layer l
 * @param width    mₗ
 * @param k        neurons per sample used (k = width: exact, all pairs)
 * @param mean     the mean |cos|
 * @param lo       lower end of the 95% confidence interval (= mean when exact)
 * @param hi       upper end (= mean when exact)
 * @param perSample the per-sample means
 * @param seconds  wall time of the computation
 */
public record CosineEstimate(int layer, int width, int k, double mean, double lo, double hi, double[] perSample, double seconds) {

    /** True when every pair was used. */
    public boolean isExact() {
        return k == width;
    }

    /** Half the width of the confidence interval. */
    public double halfWidth() {
        return (hi - lo) / 2;
    }

    static CosineEstimate exact(int layer, int width, double[] per, double seconds) {
        double mean = Stats.mean(per);
        return new CosineEstimate(layer, width, width, mean, mean, mean, per.clone(), seconds);
    }

    static CosineEstimate estimated(int layer, int width, int k, double[] per, double seconds) {
        double mean = Stats.mean(per);
        int n = per.length;
        double half = Double.POSITIVE_INFINITY;
        if (n >= 2) {
            double ss = 0;
            for (double v : per) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / (n - 1));
            half = tQuantile975(n - 1) * sd / Math.sqrt(n);
        }
        return new CosineEstimate(layer, width, k, mean, mean - half, mean + half, per.clone(), seconds);
    }

    /** The 97.5% quantile of Student's t with df degrees of freedom (Cornish–Fisher, error &lt; 1e-3 for df ≥ 2). */
    static double tQuantile975(int df) {
        if (df == 1) {
            return 12.706;
        }
        double z = 1.959964;
        double g1 = (z * z * z + z) / 4;
        double g2 = (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / 96;
        double g3 = (3 * Math.pow(z, 7) + 19 * Math.pow(z, 5) + 17 * z * z * z - 15 * z) / 384;
        return z + g1 / df + g2 / (df * (double) df) + g3 / Math.pow(df, 3);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "layer %d, m=%d: mean |cos| = %.5f%s", layer, width, mean,
                isExact() ? " (exact)" : String.format(java.util.Locale.ROOT, " ± %.5f (k=%d)", halfWidth(), k));
    }
}
