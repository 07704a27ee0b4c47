package org.linearitylab.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.linearitylab.core.Require;

/**
 * Charts in one style for every notebook, on XChart. Build a chart here, add series with XChart's own
 * API ({@code chart.addSeries(name, x, y)}), and leave it as a cell's last expression: it shows as a PNG.
 *
 * <pre>{@code
 * XYChart c = Plots.xy("f along a line", "t", "f");
 * c.addSeries("m = 10", t, f);
 * c   // renders inline
 * }</pre>
 *
 * JJava and IJava render charts themselves ({@code notebook.Renderings}); elsewhere {@code display(Plots.image(c))}.
 */
public final class Plots {
    /** Default size in pixels. */
    public static final int WIDTH = 720;
    public static final int HEIGHT = 420;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    /** The k-th colour of the toolkit's one palette (cycling): series k of every chart has this colour. */
    public static Color color(int k) {
        Require.inRange("k", k, 0, Integer.MAX_VALUE);
        return PALETTE[k % PALETTE.length];
    }

    /** {@code c} made translucent (alpha 0–255), for per-seed points and spread bands under a mean. */
    public static Color faint(Color c, int alpha) {
        Require.notNull("c", c);
        Require.inRange("alpha", alpha, 0, 255);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /** Reference lines that are not data (thresholds such as p = n): neutral grey, outside the series colours. */
    public static final Color REFERENCE = Color.GRAY;

    /** The same fonts on every chart of every notebook. */
    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    public static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    public static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    public static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /**
     * A dashed series is drawn through at most this many of its points: XChart restarts the dash pattern at every
     * point, so a dashed line through hundreds of points would look solid.
     */
    public static final int MAX_DASHED_POINTS = 24;

    /** A log axis spanning fewer decades than this also labels intermediate ticks (2, 3, …, 9 × 10ᵏ). */
    public static final double DECADES_FOR_DECADE_LABELS_ONLY = 2.0;

    private Plots() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** An XY line chart with title and axis labels, in the house style. */
    public static XYChart xy(String title, String xLabel, String yLabel) {
        return xy(title, xLabel, yLabel, WIDTH, HEIGHT);
    }

    /** A small chart for a panel in {@link #grid}: legend below the plot. */
    public static XYChart panel(String title, String xLabel, String yLabel) {
        XYChart chart = xy(title, xLabel, yLabel, 460, 320);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /** An XY line chart of the given size in pixels. */
    public static XYChart xy(String title, String xLabel, String yLabel, int width, int height) {
        if (width < 50 || height < 50) {
            throw new IllegalArgumentException("width and height must be ≥ 50 pixels, got " + width + "×" + height);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setSeriesColors(PALETTE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleFont(TITLE_FONT);
        chart.getStyler().setAxisTitleFont(AXIS_TITLE_FONT);
        chart.getStyler().setAxisTickLabelsFont(TICK_FONT);
        s.setLegendFont(LEGEND_FONT);
        s.setAntiAlias(true);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
        return chart;
    }

    /** An XY chart with both axes logarithmic (for scaling laws). */
    public static XYChart logLog(String title, String xLabel, String yLabel) {
        XYChart chart = xy(title, xLabel, yLabel);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    /** Adds a line series without markers. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        fresh(chart, name, x, y);
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return s;
    }

    /**
     * Checks a series before it is added, and makes adding it idempotent: re-running a notebook cell that adds
     * "m = 10" to a chart replaces that series instead of failing with XChart's "series name already used".
     * An all-NaN/∞ series is an error (it would draw nothing and look like a blank chart).
     */
    private static void fresh(XYChart chart, String name, double[] x, double[] y) {
        Require.notNull("chart", chart);
        Require.notNull("name", name);
        Require.notNull("x", x);
        if (x.length == 0) {
            throw new IllegalArgumentException("x and y of series '" + name + "' must hold at least one point");
        }
        Require.length("y", y, x.length);
        boolean any = false;
        for (int i = 0; i < y.length && !any; i++) {
            any = Double.isFinite(y[i]) && Double.isFinite(x[i]);
        }
        if (!any) {
            throw new IllegalArgumentException("series '" + name + "' holds no finite point (every x or y is NaN or ±∞): "
                    + "the chart would be blank; check the measurement that produced y (e.g. run the cell that computes it first)");
        }
        if (chart.getSeriesMap().containsKey(name)) {
            chart.removeSeries(name);
        }
    }

    /**
     * Adds a dashed line series without markers (bounds, reference slopes, tangent lines), drawn through at most
     * {@link #MAX_DASHED_POINTS} points spaced evenly along the curve (first and last kept, {@link #alongTheCurve}) so the
     * dashes show at any size and a fast transient keeps its shape.
     */
    public static XYSeries dashed(XYChart chart, String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length, got " + x.length + " and " + y.length);
        }
        double[] xs = x;
        double[] ys = y;
        if (x.length > MAX_DASHED_POINTS) {
            int[] keep = alongTheCurve(chart, x, y, MAX_DASHED_POINTS);
            xs = new double[keep.length];
            ys = new double[keep.length];
            for (int i = 0; i < keep.length; i++) {
                xs[i] = x[keep[i]];
                ys[i] = y[keep[i]];
            }
        }
        XYSeries s = line(chart, name, xs, ys);
        s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{8f, 5f}, 0f));
        return s;
    }

    /**
     * At most {@code n} indices of the points of (x, y), first and last included, spaced evenly along the curve's length
     * as drawn (each axis scaled to its data range, log axes in decades): a fast transient keeps its points, a long
     * flat stretch gives them up, so the thinned line follows the original.
     */
    static int[] alongTheCurve(XYChart chart, double[] x, double[] y, int n) {
        boolean logX = chart.getStyler().isXAxisLogarithmic();
        boolean logY = chart.getStyler().isYAxisLogarithmic();
        double[] u = screen(x, logX);
        double[] v = screen(y, logY);
        double[] arc = new double[x.length];
        for (int i = 1; i < x.length; i++) {
            double du = u[i] - u[i - 1];
            double dv = v[i] - v[i - 1];
            double step = Math.sqrt(du * du + dv * dv);
            arc[i] = arc[i - 1] + (Double.isFinite(step) ? step : 0);
        }
        java.util.TreeSet<Integer> keep = new java.util.TreeSet<>(java.util.List.of(0, x.length - 1));
        int i = 0;
        for (int k = 1; k < n - 1; k++) {
            double target = arc[x.length - 1] * k / (n - 1);
            while (i < x.length - 1 && arc[i] < target) {
                i++;
            }
            keep.add(i);
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Values scaled to [0, 1] over their finite range (log10 first on a log axis). */
    private static double[] screen(double[] a, boolean log) {
        double[] t = new double[a.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.length; i++) {
            t[i] = log ? (a[i] > 0 ? Math.log10(a[i]) : Double.NaN) : a[i];
            if (Double.isFinite(t[i])) {
                lo = Math.min(lo, t[i]);
                hi = Math.max(hi, t[i]);
            }
        }
        double span = hi > lo ? hi - lo : 1;
        for (int i = 0; i < a.length; i++) {
            t[i] = (t[i] - lo) / span;
        }
        return t;
    }

    /**
     * {@code y} with every value below {@code floor} raised to it, for a log axis: values at the floating-point floor
     * (a training error of 1e-16) would otherwise stretch the axis over ten decades and squash the curve that matters.
     */
    public static double[] clipBelow(double[] y, double floor) {
        if (!(floor > 0) || !Double.isFinite(floor)) {
            throw new IllegalArgumentException("floor must be a finite number > 0, got " + floor);
        }
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] >= floor)) {
                out[i] = floor;
            }
        }
        return out;
    }

    /**
     * Adds a line whose values below {@code floor} are drawn at the floor, and says so in the legend
     * ("name (3 values < 1e-12 drawn at 1e-12)"), so the clipping is never silent.
     */
    public static XYSeries lineAboveFloor(XYChart chart, String name, double[] x, double[] y, double floor) {
        Require.notNull("name", name);
        double[] clipped = clipBelow(y, floor);
        int count = 0;
        for (int i = 0; i < y.length; i++) {
            count += clipped[i] != y[i] ? 1 : 0;
        }
        String label = count == 0 ? name : String.format(java.util.Locale.ROOT, "%s (%d value%s < %.0e drawn at %.0e)", name, count,
                count == 1 ? "" : "s", floor, floor);
        return line(chart, label, x, clipped);
    }

    /** Adds a scatter series (markers only). */
    public static XYSeries points(XYChart chart, String name, double[] x, double[] y) {
        fresh(chart, name, x, y);
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return s;
    }

    /** Adds a line with markers and optional error bars (pass {@code null} for none). */
    public static XYSeries withErrors(XYChart chart, String name, double[] x, double[] y, double[] err) {
        fresh(chart, name, x, y);
        if (err != null) {
            Require.length("err", err, y.length);
        }
        XYSeries s = err == null ? chart.addSeries(name, x, y) : chart.addSeries(name, x, y, err);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return s;
    }

    /** The chart as an image: renders in every IJava-family kernel via {@code display(image)}. */
    public static BufferedImage image(Chart<?, ?> chart) {
        Require.notNull("chart", chart);
        if (chart instanceof XYChart xy) { // a series added with XChart's own addSeries is checked here, when drawn
            for (XYSeries series : xy.getSeriesMap().values()) {
                if (java.util.Arrays.stream(series.getYData()).noneMatch(Double::isFinite)) {
                    throw new IllegalArgumentException("series '" + series.getName() + "' of chart '" + xy.getTitle()
                            + "' holds no finite y value (all NaN or ±∞): the chart would be blank; check the measurement that produced it");
                }
            }
        }
        if (chart instanceof XYChart xy) {
            fitLinearYAxis(xy);
            labelLogAxes(xy);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * XChart can clip a line series whose values exceed the automatic y range of a linear axis; pin the range
     * to the data (with 5% padding) unless the user set it.
     */
    private static void fitLinearYAxis(XYChart chart) {
        var styler = chart.getStyler();
        if (styler.isYAxisLogarithmic() || styler.getYAxisMin() != null || styler.getYAxisMax() != null) {
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            double[] y = series.getYData();
            double[] e = series.getExtraValues();
            for (int i = 0; i < y.length; i++) {
                double err = e == null ? 0 : e[i];
                if (Double.isFinite(y[i])) {
                    lo = Math.min(lo, y[i] - err);
                    hi = Math.max(hi, y[i] + err);
                }
            }
        }
        if (lo < hi) {
            double pad = 0.05 * (hi - lo);
            styler.setYAxisMin(lo - pad);
            styler.setYAxisMax(hi + pad);
        }
    }

    /**
     * Log axes label every decade; an axis whose data span fewer than {@link #DECADES_FOR_DECADE_LABELS_ONLY}
     * decades also labels the ticks in between, so a value can be read off.
     */
    static void labelLogAxes(XYChart chart) {
        var styler = chart.getStyler();
        if (styler.isXAxisLogarithmic()) {
            styler.setXAxisLogarithmicDecadeOnly(decades(chart, true) >= DECADES_FOR_DECADE_LABELS_ONLY);
        }
        if (styler.isYAxisLogarithmic()) {
            styler.setYAxisLogarithmicDecadeOnly(decades(chart, false) >= DECADES_FOR_DECADE_LABELS_ONLY);
        }
    }

    /** log10(max/min) of the positive finite data on one axis (or of the axis range the user set). */
    static double decades(XYChart chart, boolean x) {
        var styler = chart.getStyler();
        Double setLo = x ? styler.getXAxisMin() : styler.getYAxisMin();
        Double setHi = x ? styler.getXAxisMax() : styler.getYAxisMax();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double v : x ? series.getXData() : series.getYData()) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (setLo != null && setLo > 0) {
            lo = setLo;
        }
        if (setHi != null && setHi > 0) {
            hi = setHi;
        }
        return hi > lo ? Math.log10(hi / lo) : 0;
    }

    /**
     * Several charts side by side, {@code columns} per row, as one image (renders in every kernel).
     */
    public static BufferedImage grid(int columns, Chart<?, ?>... charts) {
        Require.notNull("charts", charts);
        Require.inRange("columns", columns, 1, Math.max(1, charts.length));
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be ≥ 1, got " + columns);
        }
        if (charts.length == 0) {
            throw new IllegalArgumentException("charts must hold at least one chart");
        }
        BufferedImage[] images = new BufferedImage[charts.length];
        int cw = 0;
        int ch = 0;
        for (int i = 0; i < charts.length; i++) {
            images[i] = image(charts[i]);
            cw = Math.max(cw, images[i].getWidth());
            ch = Math.max(ch, images[i].getHeight());
        }
        int rows = (charts.length + columns - 1) / columns;
        int cols = Math.min(columns, charts.length);
        BufferedImage out = new BufferedImage(cols * cw, rows * ch, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < images.length; i++) {
            g.drawImage(images[i], (i % columns) * cw, (i / columns) * ch, null);
        }
        g.dispose();
        return out;
    }

    /** The chart as PNG bytes. */
    public static byte[] png(Chart<?, ?> chart) {
        return png(image(chart));
    }

    /** An image as PNG bytes. */
    public static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chart as base64 PNG, the form Jupyter's image/png output takes. */
    public static String base64Png(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    /** The chart as an HTML {@code <img>} with the PNG inlined. */
    public static String html(Chart<?, ?> chart) {
        return "<img src=\"data:image/png;base64," + base64Png(chart) + "\"/>";
    }
}
