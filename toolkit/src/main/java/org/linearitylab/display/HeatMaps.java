package org.linearitylab.display;

import java.awt.Color;
import java.awt.Font;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Require;

/**
 * Heat maps of matrices on XChart's {@link HeatMapChart} in the house style: row 0 at the top, like a matrix.
 *
 * <pre>{@code
 * HeatMaps.matrix("|H|", HeatMaps.abs(h))   // renders inline as a cell's last expression
 * }</pre>
 */
public final class HeatMaps {
    private HeatMaps() {
    }

    /** A heat map of an n×k matrix (row i drawn at the top for i = 0), white = 0 up to dark = max. */
    public static HeatMapChart matrix(String title, double[][] values) {
        int checkedCols = Require.finiteMatrix("values", values);
        // XChart keeps a Number[3] of boxed values per cell (~100 bytes)
        Memory.require("a heat map of " + values.length + " × " + checkedCols + " cells", Memory.elements("the heat map", values.length, checkedCols, 100), 0,
                "Draw a block or a subsampled matrix (a few hundred rows and columns are all a picture can show)");
        int rows = values.length;
        int cols = values[0].length;
        // XChart draws y upwards: y categories run rows−1 … 0 so that matrix row 0 is at the top
        java.util.List<Integer> x = new java.util.ArrayList<>();
        java.util.List<Integer> y = new java.util.ArrayList<>();
        for (int j = 0; j < cols; j++) {
            x.add(j);
        }
        for (int i = rows - 1; i >= 0; i--) {
            y.add(i);
        }
        java.util.List<Number[]> z = new java.util.ArrayList<>();
        double max = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                z.add(new Number[]{j, rows - 1 - i, values[i][j]});
                max = Math.max(max, values[i][j]);
            }
        }
        int size = Math.min(620, Math.max(360, 24 * Math.max(rows, cols) + 160));
        HeatMapChart chart = new HeatMapChartBuilder().width(size + 170).height(size).title(title)
                .xAxisTitle("column (parameter)").yAxisTitle("row (parameter)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.getStyler().setRangeColors(new Color[]{Color.WHITE, new Color(0x9ecae1), new Color(0x3182bd), new Color(0x08306b)});
        chart.getStyler().setShowValue(false);
        chart.getStyler().setDecimalPattern("0.###");
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(max > 0 ? roundUp(max) : 1);
        chart.getStyler().setXAxisTicksVisible(rows <= 24);
        chart.getStyler().setYAxisTicksVisible(rows <= 24);
        chart.addSeries("|entry|", x, y, z);
        return chart;
    }

    /** max rounded up to 2 significant digits, for a readable legend. */
    static double roundUp(double max) {
        double p = Math.pow(10, Math.floor(Math.log10(max)) - 1);
        return p < 1 ? Math.ceil(max / p) / Math.rint(1 / p) : Math.ceil(max / p) * p;
    }

    /** Entry-wise |aᵢⱼ|. */
    public static double[][] abs(double[][] a) {
        Require.finiteMatrix("a", a);
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = Math.abs(a[i][j]);
            }
        }
        return out;
    }
}
