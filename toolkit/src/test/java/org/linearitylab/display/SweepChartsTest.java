package org.linearitylab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.data.Synthetic;
import org.linearitylab.experiment.SlopeFit;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.experiment.SweepResult;
import org.linearitylab.regression.DoubleDescent;
import org.linearitylab.regression.DoubleDescentCurve;
import org.linearitylab.regression.DoubleDescentCurve.Metric;

/** The charts and HTML views of the sweep results render headless and show what the results hold. */
class SweepChartsTest {
    private static final SweepResult R = Sweep.widths(10, 100, 1000).seeds(4).quiet()
            .measure("y", (m, seed) -> (seed + 1) * Math.pow(m, -0.5 + 0.01 * seed))
            .measure("y bound", (m, seed) -> 10 / Math.sqrt(m)).run();

    @Test
    void sweepChartsTablesAndView() {
        assertEquals(3, SweepCharts.chart(R, "y").getSeriesMap().size(), "each seed, mean, fit");
        assertEquals(2, SweepCharts.chart(R, "t", "y", "y", "y bound").getSeriesMap().size());
        assertTrue(Plots.png(SweepCharts.chart(R, "y")).length > 1000);
        assertEquals(3, SpreadChart.of(R, "t", "y", "y").getSeriesMap().size());
        var t = SweepCharts.slopeTable(R, "exponents", "y");
        assertEquals(SlopeFit.of(R, "y").slope(), t.doubleColumn("exponent").getDouble(0), 0.0);
        assertTrue(t.print().contains("-0.485"), t.print()); // mean of −0.5 … −0.47, 3 significant digits
        assertTrue(SweepCharts.html(R).contains("<table") && SweepCharts.html(R).contains("y mean"));
        assertTrue(Views.all().stream().anyMatch(v -> v.type() == SweepResult.class));
    }

    @Test
    void doubleDescentChartsAndView() {
        DoubleDescentCurve c = DoubleDescent.legendre(Synthetic::smooth, 8, 0.1).ps(4, 8, 16).seeds(3).lambdas(0, 1e-2)
                .progress(null).run();
        // per metric: its quartile lines (one in the legend) and the median, then the threshold p = n
        assertEquals(4, DoubleDescentCharts.chart(c, Metric.TEST_MSE).getSeriesMap().size());
        assertEquals(7, DoubleDescentCharts.chartByLambda(c, Metric.TEST_MSE).getSeriesMap().size());
        assertTrue(Plots.png(DoubleDescentCharts.chart(c, Metric.TRAIN_MSE, Metric.TEST_MSE)).length > 1000);
        assertEquals("<p><b>Legendre features</b>: " + c.summary() + "</p>", DoubleDescentCharts.html(c));
        assertEquals("Legendre features: " + c.summary(), c.toString());
    }
}
