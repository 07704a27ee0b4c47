package org.linearitylab.display;

import java.util.Arrays;

import org.knowm.xchart.XYChart;
import org.linearitylab.core.Require;
import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.experiment.SlopeFit;
import org.linearitylab.experiment.SweepResult;

import tech.tablesaw.api.Table;

/**
 * Charts, tables and the HTML view of a {@link SweepResult} (the result is plain data): a log-log chart of one
 * measurement (every seed, the mean, the fit), several measurements on one chart, the exponents of
 * {@link SlopeFit} as a rounded table. The spread chart of several measurements with their exponents' intervals
 * is {@link SpreadChart}. A new chart every call.
 */
public final class SweepCharts {
    private SweepCharts() {
    }

    /**
     * A log-log chart of {@code name} against m: every seed as a point, the mean as a line, and the
     * fitted power law dashed with its slope in the legend.
     */
    public static XYChart chart(SweepResult r, String name) {
        Require.notNull("r", r);
        double[] mean = r.mean(name);
        XYChart c = Plots.logLog(name + " vs width", "width m", name);
        double[] x = r.widthsAsDouble();
        if (r.seedCount() > 1) {
            Plots.points(c, "each seed", Arrays.stream(r.widthOfRows()).asDoubleStream().toArray(), r.values(name));
        }
        Plots.withErrors(c, "mean over seeds", x, mean, null);
        if (x.length >= 2 && Arrays.stream(mean).allMatch(v -> v > 0 && Double.isFinite(v))) {
            LogLogFit fit = r.fit(name);
            Plots.dashed(c, String.format("fit: slope %.3f", fit.slope()), x, fit.predict(x));
        }
        return c;
    }

    /**
     * Several measurements on one log-log chart against m: per-width means as lines with markers, each with
     * its fitted slope in the legend. Names ending in "bound" are drawn dashed.
     */
    public static XYChart chart(SweepResult r, String title, String yLabel, String... names) {
        Require.notNull("r", r);
        Require.notNull("names", names);
        XYChart c = Plots.logLog(title, "width m", yLabel);
        double[] x = r.widthsAsDouble();
        for (String name : names) {
            double[] mean = r.mean(name);
            String label = name;
            if (x.length >= 2 && Arrays.stream(mean).allMatch(v -> v > 0 && Double.isFinite(v))) {
                label = String.format("%s (slope %.2f)", name, r.fit(name).slope());
            }
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith("bound")) {
                Plots.dashed(c, label, x, mean);
            } else {
                Plots.withErrors(c, label, x, mean, null);
            }
        }
        return c;
    }

    /** {@link SlopeFit#table}, every number shown with 3 significant digits. */
    public static Table slopeTable(SweepResult r, String title, String... names) {
        return Formatting.significant(SlopeFit.table(r, title, names), 3);
    }

    /** The HTML view (a result as a cell's last expression): the summary table, 4 significant digits. */
    public static String html(SweepResult r) {
        Require.notNull("r", r);
        return Tables.html(Formatting.significant(r.summary(), 4));
    }
}
