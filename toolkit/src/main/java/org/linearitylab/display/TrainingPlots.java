package org.linearitylab.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Require;
import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.experiment.SweepResult;
import org.linearitylab.training.InitVersusTrained;
import org.linearitylab.training.InitVersusTrainedResult;
import org.linearitylab.training.TrainingRun;
import org.linearitylab.training.WidthSweepResult;

/**
 * Charts and HTML views of training results in the house style ({@link Plots}), with matching colours where two
 * series belong together (a network and its linearization; measured points and their fitted line; a quantity at
 * θ₀ and after training). The views ({@link #html(TrainingRun)}, {@link #html(WidthSweepResult)},
 * {@link #html(InitVersusTrainedResult)}) are registered in {@link Views}.
 */
public final class TrainingPlots {
    private TrainingPlots() {
    }

    /** An XY chart against training step with a logarithmic y axis and readable step ticks. */
    public static XYChart overSteps(String title, String yLabel, boolean logY) {
        XYChart c = Plots.xy(title, "step t", yLabel);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setXAxisTickMarkSpacingHint(90);
        return c;
    }

    /** Loss L(θ_t) of each run on a log scale; {@code labels[i]} names {@code runs[i]}. */
    public static XYChart lossCurves(String title, String[] labels, TrainingRun... runs) {
        Require.notNull("labels", labels);
        if (labels.length != runs.length) {
            throw new IllegalArgumentException("labels must have one entry per run (" + runs.length + "), got " + labels.length);
        }
        XYChart c = overSteps(title, "loss L(θ_t)", true);
        for (int i = 0; i < runs.length; i++) {
            Plots.line(c, labels[i], runs[i].steps(), runs[i].loss()).setLineColor(Plots.color(i));
        }
        return c;
    }

    /**
     * Network (solid) vs linearization (dashed, same colour) loss curves: {@code nets[i]} and {@code lins[i]} are
     * the two runs of label i.
     */
    public static XYChart lossVersusLinearized(String title, String[] labels, TrainingRun[] nets, TrainingRun[] lins) {
        XYChart c = overSteps(title, "loss L(θ_t)", true);
        for (int i = 0; i < nets.length; i++) {
            Plots.line(c, "net, " + labels[i], nets[i].steps(), nets[i].loss()).setLineColor(Plots.color(i));
            Plots.dashed(c, "lin, " + labels[i], lins[i].steps(), lins[i].loss()).setLineColor(Plots.color(i));
        }
        return c;
    }

    /** f_t(xⱼ) of the network (solid) and its linearization (dashed, same colour) for the training samples j. */
    public static XYChart outputsVersusLinearized(String title, TrainingRun net, TrainingRun lin, int... samples) {
        Require.notNull("samples", samples);
        if (samples.length == 0) {
            throw new IllegalArgumentException("samples must name at least one training sample index");
        }
        for (int i = 0; i < samples.length; i++) {
            Require.inRange("samples[" + i + "]", samples[i], 0, Require.notNull("net", net).trainOutputs(0).length - 1);
        }
        XYChart c = overSteps(title, "f_t(x_j)", false);
        for (int s = 0; s < samples.length; s++) {
            int j = samples[s];
            Plots.line(c, "net, x" + j, net.steps(), outputTrace(net, j)).setLineColor(Plots.color(s));
            Plots.dashed(c, "lin, x" + j, lin.steps(), outputTrace(lin, j)).setLineColor(Plots.color(s));
        }
        return c;
    }

    /** f_t(xⱼ) at every recorded step. */
    public static double[] outputTrace(TrainingRun run, int j) {
        Require.notNull("run", run);
        Require.inRange("j (training sample index)", j, 0, run.trainOutputs(0).length - 1);
        double[] out = new double[run.recordedSteps()];
        for (int k = 0; k < out.length; k++) {
            out[k] = run.trainOutputs(k)[j];
        }
        return out;
    }

    /**
     * Adds measured points (x, y) and their log-log fit as a line of the same colour (colour index k); returns the fit.
     */
    public static LogLogFit addScaling(XYChart chart, int k, String name, double[] x, double[] y) {
        Require.notNull("x", x);
        if (x.length < 2) {
            throw new IllegalArgumentException("x must hold at least 2 points for a fit, got " + x.length);
        }
        LogLogFit fit = LogLogFit.of(x, y);
        XYSeries p = Plots.points(chart, name, x, y);
        p.setMarkerColor(Plots.color(k));
        p.setMarker(SeriesMarkers.CIRCLE);
        Plots.line(chart, "fit: " + fit, x, fit.predict(x)).setLineColor(Plots.color(k));
        return fit;
    }

    /**
     * The same for one quantity of a {@link WidthSweepResult}: every seed as a small hollow marker, the mean over
     * seeds as a filled one, and the log-log fit of the means (colour index k); returns that fit.
     */
    public static LogLogFit addScaling(XYChart chart, int k, String name, WidthSweepResult sweep, String column) {
        Require.notNull("sweep", sweep);
        double[] w = sweep.widths();
        int seeds = sweep.seedCount();
        if (seeds > 1) {
            double[] xs = new double[w.length * seeds];
            double[] ys = new double[w.length * seeds];
            for (int s = 0; s < seeds; s++) {
                double[] v = sweep.column(column, s);
                for (int i = 0; i < w.length; i++) {
                    xs[s * w.length + i] = w[i];
                    ys[s * w.length + i] = v[i];
                }
            }
            XYSeries each = Plots.points(chart, name + ": each of " + seeds + " seeds", xs, ys);
            each.setMarker(SeriesMarkers.CIRCLE);
            each.setMarkerColor(Plots.faint(Plots.color(k), 90));
            name = name + " (mean)";
        }
        return addScaling(chart, k, name, w, sweep.column(column));
    }

    /** Adds a dashed reference power law c·x^slope through (x[0], y0) (grey): e.g. the bound's m^{-1/2}. */
    public static void addReferenceSlope(XYChart chart, String name, double[] x, double y0, double slope) {
        Require.finite("x", x);
        Require.finite("y0", y0);
        Require.finite("slope", slope);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = y0 * Math.pow(x[i] / x[0], slope);
        }
        Plots.dashed(chart, name, x, y).setLineColor(new Color(0x7f7f7f));
    }

    /**
     * A new log-log chart of measurements of a multi-seed sweep: per width the mean over seeds with ±1 sd error
     * bars, each legend entry with the slopes fitted per seed as mean ± sd (at least 2 seeds and 2 widths; values > 0).
     */
    public static XYChart seedBands(String title, String xLabel, String yLabel, SweepResult r, String... names) {
        Require.notNull("r", r);
        Require.notNull("names", names);
        XYChart c = Plots.logLog(title, xLabel, yLabel);
        double[] x = r.widthsAsDouble();
        int k = 0;
        for (String name : names) {
            double[] s = r.slopeOverSeeds(name);
            String label = String.format(Locale.ROOT, "%s (slope %.2f ± %.2f)", name, s[0], s[1]);
            double[] mean = r.mean(name);
            double[] sd = r.std(name);
            double[][] perSeed = new double[x.length][];
            for (int w = 0; w < x.length; w++) {
                perSeed[w] = r.valuesAt(name, r.widths()[w]);
            }
            addMeanWithSpread(c, label, x, mean, r.seedCount() > 1 ? sd : null, perSeed, Plots.color(k));
            k++;
        }
        double[][] ys = new double[names.length][];
        for (int j = 0; j < names.length; j++) {
            ys[j] = r.mean(names[j]);
        }
        labelShortLogAxes(c, x, ys);
        return c;
    }

    /**
     * A new log-log chart of the named quantities of an {@link InitVersusTrainedResult} at θ₀ (solid) and θ_T
     * (dashed), seed means with ±1 sd error bars, each with its fitted slope in the legend.
     */
    public static XYChart chart(InitVersusTrainedResult r, String title, String xLabel, String yLabel, String... quantities) {
        Require.notNull("r", r);
        Require.notNull("quantities", quantities);
        XYChart c = Plots.logLog(title, xLabel, yLabel);
        double[] x = r.sweptAsDouble();
        for (String q : quantities) {
            for (InitVersusTrained.State st : InitVersusTrained.State.values()) {
                double[] y = r.mean(q, st);
                String label = q + (st == InitVersusTrained.State.INITIAL ? ", θ₀" : ", trained");
                if (x.length >= 2 && Arrays.stream(y).allMatch(v -> v > 0 && Double.isFinite(v))) {
                    label += String.format(Locale.ROOT, " (slope %.2f)", r.fit(q, st).slope());
                }
                XYSeries series = addMeanWithSpread(c, label, x, y, r.seedCount() > 1 ? r.spread(q, st) : null, r.values(q, st),
                        Plots.color(c.getSeriesMap().size()));
                if (st == InitVersusTrained.State.TRAINED) {
                    series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{6f, 4f}, 0f));
                }
            }
        }
        double[][] ys = new double[2 * quantities.length][];
        for (int j = 0; j < quantities.length; j++) {
            ys[2 * j] = r.mean(quantities[j], InitVersusTrained.State.INITIAL);
            ys[2 * j + 1] = r.mean(quantities[j], InitVersusTrained.State.TRAINED);
        }
        labelShortLogAxes(c, x, ys);
        return c;
    }

    /** A training run's view: the first and last five rows of its history (all of it up to ten rows). */
    public static String html(TrainingRun run) {
        Table h = Require.notNull("run", run).history();
        Table shown = h.rowCount() <= 10 ? h : h.first(5).append(h.last(5));
        shown.setName(h.name());
        return Tables.html(Formatting.significant(shown, 4));
    }

    /** A width sweep's view: its table of seed means, one row per width. */
    public static String html(WidthSweepResult r) {
        return Tables.html(Formatting.significant(Require.notNull("r", r).table(), 4)); // table() is a new table each call
    }

    /** An init-versus-trained comparison's view: its table (mean ± sd at θ₀ and at θ_T per swept value and quantity). */
    public static String html(InitVersusTrainedResult r) {
        return Tables.html(Formatting.significant(Require.notNull("r", r).table(), 4));
    }

    /**
     * The mean line with ±1 sd error bars; on a log axis a bar reaching 0 cannot be drawn, so where any sd ≥ mean
     * the series shows every seed's value as a pale point instead of bars (never a clipped, misleading bar).
     */
    private static XYSeries addMeanWithSpread(XYChart c, String label, double[] x, double[] mean, double[] sd, double[][] perSeed, Color colour) {
        boolean fits = sd != null;
        if (sd != null) {
            for (int i = 0; i < mean.length; i++) {
                fits &= sd[i] < mean[i];
            }
        }
        XYSeries series = Plots.withErrors(c, label, x, mean, fits ? sd : null);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        if (sd != null && !fits && perSeed != null) {
            java.util.List<Double> px = new java.util.ArrayList<>();
            java.util.List<Double> py = new java.util.ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                for (double v : perSeed[i]) {
                    if (v > 0 && Double.isFinite(v)) {
                        px.add(x[i]);
                        py.add(v);
                    }
                }
            }
            XYSeries pts = Plots.points(c, label + ": each seed", px.stream().mapToDouble(Double::doubleValue).toArray(),
                    py.stream().mapToDouble(Double::doubleValue).toArray());
            pts.setMarkerColor(Plots.faint(colour, 90));
        }
        return series;
    }

    /** A log y axis spanning less than one decade (x: less than 5×) gets ticks inside the decade too (else at most one label shows). */
    private static void labelShortLogAxes(XYChart c, double[] x, double[]... ys) {
        double xlo = java.util.Arrays.stream(x).filter(v -> v > 0).min().orElse(1);
        double xhi = java.util.Arrays.stream(x).max().orElse(1);
        if (xhi / xlo < 5) {
            c.getStyler().setXAxisLogarithmicDecadeOnly(false);
            c.getStyler().setXAxisDecimalPattern("0");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[] y : ys) {
            for (double v : y) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi > 0 && hi / lo < 10) {
            c.getStyler().setYAxisLogarithmicDecadeOnly(false);
            c.getStyler().setYAxisDecimalPattern("0.####");
        }
    }
}
