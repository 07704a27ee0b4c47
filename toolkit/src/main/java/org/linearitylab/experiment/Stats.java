package org.linearitylab.experiment;

import java.util.Arrays;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.linearitylab.core.Require;


/** Summary statistics of a sample (plain double[]: these are tiny). */
public final class Stats {
    private Stats() {
    }

    /** The arithmetic mean (plain left-to-right summation); the sample must be non-empty. */
    public static double mean(double[] xs) {
        nonEmpty(xs);
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    /**
     * The arithmetic mean by compensated (Kahan) summation, as {@code DoubleStream.average()}: what
     * {@link SweepResult} reports per swept value. It can differ from {@link #mean} in the last digit.
     */
    public static double compensatedMean(double[] xs) {
        nonEmpty(xs);
        return Arrays.stream(xs).average().orElseThrow();
    }

    /** The sample standard deviation (divisor n − 1) about {@link #mean}; 0 for a single value. */
    public static double std(double[] xs) {
        nonEmpty(xs);
        return deviation(xs, mean(xs));
    }

    /** The sample standard deviation (divisor n − 1) about the given (finite) mean {@code mu} of {@code xs}; 0 for a single value. */
    public static double std(double[] xs, double mu) {
        nonEmpty(xs);
        return deviation(xs, Require.finite("mu", mu));
    }

    private static double deviation(double[] xs, double mu) {
        if (xs.length == 1) {
            return 0;
        }
        double s = 0;
        for (double x : xs) {
            s += (x - mu) * (x - mu);
        }
        return Math.sqrt(s / (xs.length - 1));
    }

    /** The median (mean of the two middle values for even n). */
    public static double median(double[] xs) {
        nonEmpty(xs);
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * The {@code percent} quantile (0 &lt; percent ≤ 100; 25 and 75 are the quartiles): linear interpolation between
     * order statistics, commons-math's R-7 estimate (the default of R and NumPy).
     */
    public static double quantile(double[] xs, double percent) {
        nonEmpty(xs);
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
        }
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(xs, percent);
    }

    /** The largest value. */
    public static double max(double[] xs) {
        nonEmpty(xs);
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** The smallest value. */
    public static double min(double[] xs) {
        nonEmpty(xs);
        double m = Double.POSITIVE_INFINITY;
        for (double x : xs) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static void nonEmpty(double[] xs) {
        Require.notNull("xs (the sample)", xs);
        if (xs.length == 0) {
            throw new IllegalArgumentException("xs (the sample) must hold at least one value");
        }
    }
}
