package org.linearitylab.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Chart defaults a reader needs: dashes that show, log-axis labels to read values by, clipping that says so. */
class PlotDefaultsTest {
    static double[] logGrid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo * Math.pow(hi / lo, i / (n - 1.0));
        }
        return x;
    }

    @Test
    void aDenseDashedSeriesIsThinnedSoItsDashesShowAndKeepsItsEnds() {
        XYChart c = Plots.logLog("t", "m", "y");
        double[] x = logGrid(10, 1e4, 500);
        double[] y = x.clone();
        XYSeries s = Plots.dashed(c, "bound", x, y);
        assertEquals(Plots.MAX_DASHED_POINTS, s.getXData().length);
        assertEquals(10, s.getXData()[0], 1e-12);
        assertEquals(1e4, s.getXData()[Plots.MAX_DASHED_POINTS - 1], 1e-9);
        assertTrue(((BasicStroke) s.getLineStyle()).getDashArray() != null);
        XYSeries few = Plots.dashed(c, "slope", new double[]{1, 10}, new double[]{1, 0.1});
        assertEquals(2, few.getXData().length, "short series are kept as they are");
    }

    @Test
    void aThinnedDashedSeriesFollowsAFastTransient() {
        // a loss curve recorded every 2 steps that drops in its first few steps, then creeps (notebook 05's linearized runs)
        double[] x = new double[101];
        double[] y = new double[101];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * i;
            y[i] = Math.exp(-x[i] / 3) + 0.001 * x[i];
        }
        XYSeries s = Plots.dashed(Plots.xy("t", "step", "loss"), "linearized", x, y);
        double[] sx = s.getXData();
        double[] sy = s.getYData();
        assertTrue(sx.length <= Plots.MAX_DASHED_POINTS && sx.length > 10, "points kept: " + sx.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            int k = 1;
            while (sx[k] < x[i]) {
                k++;
            }
            double interp = sy[k - 1] + (sy[k] - sy[k - 1]) * (x[i] - sx[k - 1]) / (sx[k] - sx[k - 1]);
            worst = Math.max(worst, Math.abs(interp - y[i]));
        }
        // evenly spaced indices (every ~4th point) miss the drop by 0.25 at step 2; along the curve it is followed closely
        assertTrue(worst < 0.05, "largest distance of the thinned line from the curve: " + worst);
    }

    @Test
    void logAxesUnderTwoDecadesLabelIntermediateTicks() {
        XYChart narrow = Plots.logLog("t", "m", "y");
        Plots.line(narrow, "a", logGrid(10, 300, 20), logGrid(1e-3, 1e-1, 20));
        Plots.image(narrow);
        assertFalse(narrow.getStyler().isXAxisLogarithmicDecadeOnly(), "1.5 decades: intermediate labels");
        assertTrue(narrow.getStyler().isYAxisLogarithmicDecadeOnly(), "2 decades: decade labels");
        assertEquals(Math.log10(30), Plots.decades(narrow, true), 1e-12);
    }

    @Test
    void clippingAtAFloorIsNamedInTheLegend() {
        XYChart c = Plots.logLog("t", "step", "error");
        XYSeries s = Plots.lineAboveFloor(c, "error", new double[]{1, 2, 3}, new double[]{1e-2, 1e-16, 0}, 1e-12);
        assertArrayEquals(new double[]{1e-2, 1e-12, 1e-12}, s.getYData());
        assertEquals("error (2 values < 1e-12 drawn at 1e-12)", s.getName());
        assertEquals("e", Plots.lineAboveFloor(c, "e", new double[]{1}, new double[]{1}, 1e-12).getName());
        assertThrows(IllegalArgumentException.class, () -> Plots.clipBelow(new double[]{1}, 0));
    }

    @Test
    void everyChartUsesTheSameFonts() {
        XYChart a = Plots.xy("a", "x", "y");
        XYChart b = Plots.panel("b", "x", "y");
        for (XYChart c : new XYChart[]{a, b}) {
            assertEquals(Plots.TITLE_FONT, c.getStyler().getChartTitleFont());
            assertEquals(Plots.AXIS_TITLE_FONT, c.getStyler().getAxisTitleFont());
            assertEquals(Plots.TICK_FONT, c.getStyler().getAxisTickLabelsFont());
            assertEquals(Plots.LEGEND_FONT, c.getStyler().getLegendFont());
        }
    }
}
