package org.linearitylab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.linearitylab.display.Plots;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.notebook.Check;
import org.linearitylab.notebook.Feedback;

/** NaN/∞ measurements are flagged where they enter (sweeps, charts), integer checks do not overflow (issue 18). */
class NoSilentWrongAnswersTest {
    @Test
    void aSweepRejectsANaNMeasurementNamingWidthAndSeed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sweep.widths(10, 100, 1000).seeds(3).quiet()
                .measure("norm", (m, seed) -> m == 100 && seed == 2 ? Double.NaN : 1.0 / m).run());
        assertTrue(e.getMessage().contains("m = 100") && e.getMessage().contains("seed 2") && e.getMessage().contains("norm"), e.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class, () -> Sweep.widths(10, 100).quiet()
                .measure("h", (m, seed) -> m == 10 ? Double.POSITIVE_INFINITY : 1.0).run());
        assertTrue(inf.getMessage().contains("Infinity") && inf.getMessage().contains("m = 10"), inf.getMessage());
        // finite measurements still pass
        assertEquals(3, Sweep.widths(10, 100, 1000).quiet().measure("inv", (m, seed) -> 1.0 / m).run().widths().length);
    }

    @Test
    void aChartOfAnAllNaNSeriesIsAnError() {
        XYChart c = Plots.xy("t", "x", "y");
        double[] x = {1, 2, 3};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.line(c, "measured", x, new double[]{Double.NaN, Double.NaN, Double.NaN}));
        assertTrue(e.getMessage().contains("measured") && e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.points(c, "p", x, new double[]{Double.NaN, Double.POSITIVE_INFINITY, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Plots.line(c, "short", x, new double[]{1, 2}));
        // a partly NaN series is drawn (gaps), and adding the same series again (re-running a cell) replaces it
        Plots.line(c, "gappy", x, new double[]{1, Double.NaN, 3});
        Plots.line(c, "gappy", x, new double[]{2, 2, 2});
        assertEquals(1, c.getSeriesMap().size());
        assertEquals(2.0, c.getSeriesMap().get("gappy").getYData()[0]);
        // a series added with XChart's own API is checked when the chart is drawn
        XYChart direct = Plots.xy("direct", "x", "y");
        direct.addSeries("blank", x, new double[]{Double.NaN, Double.NaN, Double.NaN});
        IllegalArgumentException drawn = assertThrows(IllegalArgumentException.class, () -> Plots.image(direct));
        assertTrue(drawn.getMessage().contains("blank"), drawn.getMessage());
    }

    @Test
    void integerChecksDoNotOverflow() {
        Feedback far = Check.integer("q", Long.MAX_VALUE, -1, 5, "h");
        assertEquals(Feedback.Verdict.WRONG, far.verdict(), far.toString());
        Feedback far2 = Check.integer("q", Long.MIN_VALUE, 1, 5, "h");
        assertEquals(Feedback.Verdict.WRONG, far2.verdict(), far2.toString());
        assertEquals(Feedback.Verdict.CLOSE, Check.integer("q", 7, 5, 2, "h").verdict());
        assertEquals(Feedback.Verdict.CORRECT, Check.integer("q", Long.MIN_VALUE, Long.MIN_VALUE, 0, "h").verdict());
    }

    @Test
    void aSweepRunWithoutItsDataSaysWhatToCallFirst() {
        // (a sweep's results exist only once it ran: run() returns them, so they cannot be read too early)
        var sweep = org.linearitylab.training.WidthSweep.of((m, seed) -> org.linearitylab.model.TwoLayerNet.tanh(m, 1, seed), 10, 20);
        IllegalStateException e = assertThrows(IllegalStateException.class, sweep::run);
        assertTrue(e.getMessage().contains("data(trainingSet)") && e.getMessage().contains("run()"), e.getMessage());
    }
}
