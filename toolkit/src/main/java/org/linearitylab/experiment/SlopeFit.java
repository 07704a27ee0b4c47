package org.linearitylab.experiment;

import java.util.Arrays;
import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;
import org.linearitylab.core.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A scaling exponent measured over seeds, with its 95% confidence interval: one log-log least-squares fit
 * log y = c + a·log x per seed (seed k's values across the widths), then
 * <pre>  a = mean of the per-seed slopes,   a ± t₀.₉₇₅,ₙ₋₁ · sd/√n   (n seeds, Student t),</pre>
 * so the interval says how far the exponent moves when the random draw changes — not the residual scatter
 * of one fit. The seed convention is {@link Sweep}'s: the same seed indices at every width.
 *
 * @param name      what was fitted
 * @param slope     the mean per-seed exponent a
 * @param lo        lower end of the 95% interval
 * @param hi        upper end of the 95% interval
 * @param intercept the mean per-seed log-intercept c (natural log), for drawing C·x^a
 * @param perSeed   the per-seed exponents
 */
public record SlopeFit(String name, double slope, double lo, double hi, double intercept, double[] perSeed) {
    /** The 95% two-sided level of every interval here. */
    public static final double LEVEL = 0.95;

    /** Fits measurement {@code name} of a sweep with at least 2 seeds and 2 widths (all values &gt; 0). */
    public static SlopeFit of(SweepResult result, String name) {
        return of(result, name, m -> m);
    }

    /**
     * Fits measurement {@code name} against x(m) instead of m, e.g. {@code m -> Math.log(m)} for a law y ∝ (ln m)^a
     * (Appendix A): the exponent is then in the units of x. Every x(m) must be finite and &gt; 0.
     */
    public static SlopeFit of(SweepResult result, String name, java.util.function.IntToDoubleFunction x) {
        Require.notNull("result", result);
        Require.notNull("x", x);
        return of(name, java.util.Arrays.stream(result.widths()).mapToDouble(x).toArray(), result.curvesPerSeed(name));
    }

    /**
     * Fits y[seed][k] against x[k]: every row is one seed's curve (at least 2 rows, each of length x.length,
     * every value finite and &gt; 0).
     */
    public static SlopeFit of(String name, double[] x, double[][] y) {
        Require.notNull("name", name);
        Require.notNull("y", y);
        if (y.length < 2) {
            throw new IllegalArgumentException("y must hold at least 2 seeds (rows) for an interval over seeds, got " + y.length);
        }
        double[] slopes = new double[y.length];
        double[] intercepts = new double[y.length];
        for (int s = 0; s < y.length; s++) {
            LogLogFit f = LogLogFit.of(x, Require.length("y[" + s + "]", y[s], x.length));
            slopes[s] = f.slope();
            intercepts[s] = f.intercept();
        }
        double mean = Stats.mean(slopes);
        double half = new TDistribution(y.length - 1).inverseCumulativeProbability(0.5 + LEVEL / 2)
                * Stats.std(slopes) / Math.sqrt(y.length);
        return new SlopeFit(name, mean, mean - half, mean + half, Stats.mean(intercepts), slopes);
    }

    /** Half the width of the interval. */
    public double halfWidth() {
        return (hi - lo) / 2;
    }

    /** True when {@code value} lies in the 95% interval. */
    public boolean contains(double value) {
        Require.finite("value", value);
        return value >= lo && value <= hi;
    }

    /** The number of seeds. */
    public int seeds() {
        return perSeed.length;
    }

    /** The fitted power law C·x^a at x (C and a the per-seed means). */
    public double[] predict(double[] x) {
        Require.finite("x", x);
        if (x.length == 0) {
            throw new IllegalArgumentException("x must hold at least one width to predict at");
        }
        return Arrays.stream(x).map(v -> Math.exp(intercept) * Math.pow(v, slope)).toArray();
    }

    /** "−0.48 [−0.52, −0.44]": the exponent and its 95% interval, for legends and sentences. */
    public String label() {
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", slope, lo, hi);
    }

    /**
     * One row per measurement of {@code r}: its exponent, the 95% interval and the per-seed spread (min, max) — the
     * numbers only; {@code display.SweepCharts.slopeTable} shows them rounded.
     */
    public static Table table(SweepResult r, String title, String... names) {
        Require.notNull("r", r);
        Require.notNull("title", title);
        Require.notNull("names", names);
        StringColumn q = StringColumn.create("measurement");
        DoubleColumn a = DoubleColumn.create("exponent");
        DoubleColumn lo = DoubleColumn.create("95% low");
        DoubleColumn hi = DoubleColumn.create("95% high");
        DoubleColumn min = DoubleColumn.create("min over seeds");
        DoubleColumn max = DoubleColumn.create("max over seeds");
        for (String name : names) {
            SlopeFit f = of(r, name);
            q.append(name);
            a.append(f.slope());
            lo.append(f.lo());
            hi.append(f.hi());
            min.append(Stats.min(f.perSeed()));
            max.append(Stats.max(f.perSeed()));
        }
        return Table.create(title, q, a, lo, hi, min, max);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: slope %.3f, 95%% interval [%.3f, %.3f] over %d seeds", name, slope, lo, hi, perSeed.length);
    }
}
