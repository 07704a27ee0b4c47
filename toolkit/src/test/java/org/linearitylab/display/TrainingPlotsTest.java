package org.linearitylab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.model.Linearized;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.training.GradientDescent;
import org.linearitylab.training.TrainingRun;
import org.linearitylab.training.WidthSweep;
import org.linearitylab.training.WidthSweepResult;

/** Every chart renders headless, paired series share a colour, bad input names the argument. */
class TrainingPlotsTest {
    private static final TrainingSet DATA = TrainingSet.sphere(6, 3, 0);

    @Test
    void chartsRenderWithPairedColours() {
        TwoLayerNet net = TwoLayerNet.tanh(20, 3, 0);
        TrainingRun a = GradientDescent.on(net, DATA).steps(20).run();
        TrainingRun b = GradientDescent.on(Linearized.of(net), DATA).steps(20).stepSize(a.stepSize()).run();
        var loss = TrainingPlots.lossCurves("loss", new String[]{"net", "lin"}, a, b);
        var pair = TrainingPlots.outputsVersusLinearized("outputs", a, b, 0, 1);
        assertEquals(pair.getSeriesMap().get("net, x0").getLineColor(), pair.getSeriesMap().get("lin, x0").getLineColor());
        var both = TrainingPlots.lossVersusLinearized("both", new String[]{"m = 20"}, new TrainingRun[]{a}, new TrainingRun[]{b});
        var scaling = Plots.logLog("scaling", "m", "y");
        var fit = TrainingPlots.addScaling(scaling, 0, "y", new double[]{1, 10, 100}, new double[]{1, 0.1, 0.01});
        assertEquals(-1, fit.slope(), 1e-12);
        TrainingPlots.addReferenceSlope(scaling, "m^-1/2", new double[]{1, 100}, 1, -0.5);
        for (var c : new org.knowm.xchart.XYChart[]{loss, pair, both, scaling}) {
            assertTrue(Plots.png(c).length > 1000, "PNG of " + c.getTitle());
        }
        assertArrayEqualsTrace(a);
    }

    private static void assertArrayEqualsTrace(TrainingRun a) {
        double[] trace = TrainingPlots.outputTrace(a, 2);
        assertEquals(a.recordedSteps(), trace.length);
        assertEquals(a.trainOutputs(a.recordedSteps() - 1)[2], trace[trace.length - 1], 0.0);
    }

    @Test
    void sweepScalingShowsEverySeedAndFitsTheMeans() {
        WidthSweepResult sweep = WidthSweep.of((m, seed) -> TwoLayerNet.tanh(m, 3, seed), 10, 40, 160).data(DATA).steps(10).seeds(2)
                .compareWithLinearized(false).run();
        var chart = Plots.logLog("drift", "m", "drift");
        var fit = TrainingPlots.addScaling(chart, 1, "drift", sweep, WidthSweep.KERNEL_DRIFT);
        var seeds = chart.getSeriesMap().get("drift: each of 2 seeds");
        assertEquals(6, seeds.getXData().length, "one point per width and seed");
        double[] s1 = sweep.column(WidthSweep.KERNEL_DRIFT, 1);
        assertEquals(s1[2], seeds.getYData()[5], 0.0);
        double[] mean = sweep.column(WidthSweep.KERNEL_DRIFT);
        double[] lx = {Math.log(10), Math.log(40), Math.log(160)};
        double[] ly = {Math.log(mean[0]), Math.log(mean[1]), Math.log(mean[2])};
        double mx = (lx[0] + lx[1] + lx[2]) / 3;
        double my = (ly[0] + ly[1] + ly[2]) / 3;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < 3; i++) {
            sxy += (lx[i] - mx) * (ly[i] - my);
            sxx += (lx[i] - mx) * (lx[i] - mx);
        }
        assertEquals(sxy / sxx, fit.slope(), 1e-12, "the fit is the least-squares line through the seed means");
        assertTrue(chart.getSeriesMap().containsKey("drift (mean)"));
        assertTrue(Plots.png(chart).length > 1000);
        // the notebook view shows 4 significant digits, not 17
        String html = TrainingPlots.html(sweep);
        assertTrue(html.contains(new java.math.BigDecimal(mean[0]).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString()), html);
        assertTrue(!html.contains(Double.toString(mean[0])), "full precision shown: " + mean[0]);
    }

    @Test
    void labelsMustMatchRuns() {
        TrainingRun a = GradientDescent.on(TwoLayerNet.tanh(5, 3, 0), DATA).steps(2).run();
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingPlots.lossCurves("x", new String[]{"a", "b"}, a));
        assertTrue(e.getMessage().startsWith("labels must have one entry per run"), e.getMessage());
    }

    /** Per-seed slopes: seed s follows y = (s + 1)·m^(−0.5 + 0.1 s) exactly, so its fitted slope is −0.5 + 0.1 s. */
    @Test
    void seedBandsFitEachSeedSeparately() {
        var r = org.linearitylab.experiment.Sweep.widths(10, 100, 1000).seeds(3).quiet()
                .measure("y", (m, seed) -> (seed + 1) * Math.pow(m, -0.5 + 0.1 * seed)).run();
        double[] s = r.slopeOverSeeds("y");
        assertEquals(-0.4, s[0], 1e-12, "mean of −0.5, −0.4, −0.3");
        assertEquals(0.1, s[1], 1e-12, "sample sd");
        assertEquals(-0.5, s[2], 1e-12);
        assertEquals(-0.3, s[3], 1e-12);
        var c = TrainingPlots.seedBands("bands", "m", "y", r, "y");
        assertTrue(c.getSeriesMap().keySet().iterator().next().contains("-0.40 ± 0.10"));
        // seed 2 is 3× seed 0: sd ≥ mean somewhere, so the seeds are drawn as points and no bar reaches 0 on the log axis
        assertEquals(2, c.getSeriesMap().size());
        assertTrue(Plots.png(c).length > 1000);
        var narrow = org.linearitylab.experiment.Sweep.widths(10, 100).seeds(3).quiet()
                .measure("z", (m, seed) -> (1 + 0.01 * seed) / m).run();
        var bars = TrainingPlots.seedBands("bars", "m", "z", narrow, "z");
        assertEquals(1, bars.getSeriesMap().size(), "small spread: error bars, no extra series");
        assertTrue(Plots.png(bars).length > 1000);
    }

    @Test
    void initVersusTrainedChartHasBothStatesAndItsViewATable() {
        var r = org.linearitylab.training.InitVersusTrained.of((m, seed) -> org.linearitylab.model.DeepNet.tanh(3, seed, m, m), 8, 16)
                .data(DATA).steps(5).seeds(2).measure("‖θ‖", n -> java.util.Arrays.stream(n.parameters()).map(v -> v * v).sum()).run();
        var c = TrainingPlots.chart(r, "t", "m", "y", "‖θ‖");
        assertEquals(2, c.getSeriesMap().size(), "θ₀ and trained (spread below the means: bars, no extra points)");
        assertTrue(c.getSeriesMap().keySet().iterator().next().startsWith("‖θ‖, θ₀ (slope "));
        assertTrue(Plots.png(c).length > 1000);
        String html = TrainingPlots.html(r);
        assertTrue(html.contains("at θ_T: mean") && html.contains("‖θ‖"), html);
    }
}
