package org.linearitylab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linearitylab.notebook.Feedback.Verdict;
import org.linearitylab.core.Nd;
import org.linearitylab.model.TwoLayerNet;

class CheckTest {
    private static final double TOL = 0.1;

    @BeforeEach
    void fresh() {
        Check.reset();
    }

    @Test
    void numberAcceptsRightClosesAndRejects() {
        assertEquals(Verdict.CORRECT, Check.number("q", 1.05, 1.0, TOL, "h").verdict());
        assertEquals(Verdict.CORRECT, Check.number("q", 0.9, 1.0, TOL, "h").verdict());
        assertEquals(Verdict.CLOSE, Check.number("q", 1.25, 1.0, TOL, "h").verdict());
        assertEquals(Verdict.WRONG, Check.number("q", 1.5, 1.0, TOL, "h").verdict());
        assertEquals(Verdict.WRONG, Check.number("q", -1.0, 1.0, TOL, "h").verdict());
        assertEquals(Verdict.WRONG, Check.number("q", Double.POSITIVE_INFINITY, 1.0, TOL, "h").verdict());
        assertEquals(Verdict.UNANSWERED, Check.number("q", Double.NaN, 1.0, TOL, "h").verdict());
    }

    @Test
    void numberWithSupplierComputesTheReferenceAtCheckTime() {
        int[] calls = {0};
        var f = Check.number("q", 2.0, () -> {
            calls[0]++;
            return Math.sqrt(4);
        }, 1e-9, "h");
        assertTrue(f.isCorrect());
        assertEquals(1, calls[0]);
        assertEquals(Verdict.WRONG, Check.number("q", 3.0, () -> 2.0, 1e-9, "h").verdict());
        // an unanswered question does not even compute the (possibly expensive) reference
        Check.number("q", Double.NaN, () -> {
            calls[0]++;
            return 0;
        }, 1e-9, "h");
        assertEquals(1, calls[0]);
    }

    @Test
    void relativeToleranceScalesWithTheReference() {
        assertTrue(Check.relative("q", 1.04e-6, 1e-6, 0.05, "h").isCorrect());
        assertEquals(Verdict.CLOSE, Check.relative("q", 1.1e-6, 1e-6, 0.05, "h").verdict());
        assertEquals(Verdict.WRONG, Check.relative("q", 2e-6, 1e-6, 0.05, "h").verdict());
        assertTrue(Check.relative("q", 980.0, () -> 1000.0, 0.05, "h").isCorrect());
        assertThrows(IllegalArgumentException.class, () -> Check.relative("q", 1, 0, 0.05, "h"));
    }

    @Test
    void integerIsExact() {
        assertTrue(Check.integer("q", 64, 64, 0, "h").isCorrect());
        assertEquals(Verdict.CLOSE, Check.integer("q", 63, 64, 2, "h").verdict());
        assertEquals(Verdict.WRONG, Check.integer("q", 32, 64, 2, "h").verdict());
    }

    @Test
    void slopeFitsTheStudentsMeasurements() {
        double[] m = {10, 100, 1000, 10000};
        double[] right = new double[m.length];
        double[] wrong = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            right[i] = 3 * Math.pow(m[i], -0.5);
            wrong[i] = 3 * Math.pow(m[i], -1.0);
        }
        Feedback ok = Check.slope("q", m, right, -0.5, TOL, "h");
        assertTrue(ok.isCorrect(), ok.toString());
        assertTrue(ok.detail().contains("-0.500"), ok.detail());
        assertEquals(Verdict.WRONG, Check.slope("q", m, wrong, -0.5, TOL, "h").verdict());
        // non-positive values cannot be fitted: wrong with the reason, not an exception
        Feedback bad = Check.slope("q", m, new double[]{1, 0, 1, 1}, -0.5, TOL, "h");
        assertEquals(Verdict.WRONG, bad.verdict());
        assertTrue(bad.detail().contains("y[1]"), bad.detail());
        assertEquals(Verdict.UNANSWERED, Check.slope("q", m, new double[0], -0.5, TOL, "h").verdict());
        assertEquals(Verdict.UNANSWERED, Check.slope("q", null, null, -0.5, TOL, "h").verdict());
        assertEquals(Verdict.UNANSWERED, Check.slope("q", m, new double[]{Double.NaN, Double.NaN, Double.NaN, Double.NaN}, -0.5, TOL, "h").verdict());
    }

    @Test
    void slopeAsANumber() {
        assertTrue(Check.slope("q", -0.48, -0.5, TOL, "h").isCorrect());
        assertEquals(Verdict.CLOSE, Check.slope("q", -0.75, -0.5, TOL, "h").verdict());
        assertEquals(Verdict.WRONG, Check.slope("q", -1.0, -0.5, TOL, "h").verdict());
        assertEquals(Verdict.UNANSWERED, Check.slope("q", Double.NaN, -0.5, TOL, "h").verdict());
    }

    @Test
    void shapeOfEveryKindOfArray() {
        var net = TwoLayerNet.tanh(10, 3, 1);
        var jac = net.jacobian(new double[][]{{1, 2, 3}, {0, 1, 0}});
        assertTrue(Check.shape("q", jac, new long[]{2, 40}, "h").isCorrect());
        assertEquals(Verdict.CLOSE, Check.shape("q", jac.transpose(), new long[]{2, 40}, "h").verdict());
        assertEquals(Verdict.WRONG, Check.shape("q", jac, new long[]{2, 30}, "h").verdict());
        assertTrue(Check.shape("q", new double[7], new long[]{7}, "h").isCorrect());
        assertTrue(Check.shape("q", new double[3][5], new long[]{3, 5}, "h").isCorrect());
        assertEquals(Verdict.WRONG, Check.shape("q", new double[3][5], new long[]{3}, "h").verdict());
        assertTrue(Check.shape("q", new int[]{4, 2}, new long[]{4, 2}, "h").isCorrect());
        assertEquals(Verdict.UNANSWERED, Check.shape("q", null, new long[]{4, 2}, "h").verdict());
        assertThrows(IllegalArgumentException.class, () -> Check.shape("q", "a string", new long[]{1}, "h"));
    }

    @Test
    void arrayComparesEntryByEntry() {
        Nd.init();
        var net = TwoLayerNet.tanh(3, 1, 5);
        double[] x = {0.7};
        double[] byHand = byHandGradient(net, x[0]);
        Feedback ok = Check.array("q", byHand, () -> net.gradient(x), 1e-12, "h");
        assertTrue(ok.isCorrect(), ok.toString());
        double[] off = byHand.clone();
        off[4] += 0.5;
        Feedback wrong = Check.array("q", off, net.gradient(x), 0.01, "h");
        assertEquals(Verdict.WRONG, wrong.verdict());
        assertTrue(wrong.detail().contains("[4]"), wrong.detail());
        off[4] = byHand[4] + 0.02;
        assertEquals(Verdict.CLOSE, Check.array("q", off, net.gradient(x), 0.01, "h").verdict());
        assertEquals(Verdict.WRONG, Check.array("q", new double[2], net.gradient(x), 0.01, "h").verdict());
        double[] withNaN = byHand.clone();
        withNaN[0] = Double.NaN;
        assertEquals(Verdict.WRONG, Check.array("q", withNaN, net.gradient(x), 0.01, "h").verdict());
        assertEquals(Verdict.UNANSWERED, Check.array("q", new double[]{Double.NaN, Double.NaN}, net.gradient(x), 0.01, "h").verdict());
    }

    /** ∂f/∂wᵢ = vᵢ σ'(wᵢx) x/√m, ∂f/∂vᵢ = σ(wᵢx)/√m for d = 1 — what a student writes by hand. */
    private static double[] byHandGradient(TwoLayerNet net, double x) {
        int m = net.width();
        double[][] w = net.inputWeights();
        double[] v = net.outputWeights();
        double[] g = new double[2 * m];
        for (int i = 0; i < m; i++) {
            double t = Math.tanh(w[i][0] * x);
            g[i] = v[i] * (1 - t * t) * x / Math.sqrt(m);
            g[m + i] = t / Math.sqrt(m);
        }
        return g;
    }

    @Test
    void choiceIgnoresCaseAndSpaces() {
        assertTrue(Check.choice("q", "  Yes ", "h", "yes", "y").isCorrect());
        assertEquals(Verdict.WRONG, Check.choice("q", "no", "h", "yes").verdict());
        assertEquals(Verdict.UNANSWERED, Check.choice("q", "", "h", "yes").verdict());
        assertEquals(Verdict.UNANSWERED, Check.choice("q", null, "h", "yes").verdict());
    }

    @Test
    void feedbackRendersVerdictQuestionAndHintAsEscapedHtml() {
        String ok = Check.number("slope <1>", 1, 1, TOL, "secret hint").toHtml();
        assertTrue(ok.contains("data-check=\"correct\""), ok);
        assertTrue(ok.contains("slope &lt;1&gt;"), ok);
        assertFalse(ok.contains("secret hint"), "a correct answer needs no hint");
        String wrong = Check.number("q", 5, 1, TOL, "fit on a log-log scale").toHtml();
        assertTrue(wrong.contains("data-check=\"wrong\""), wrong);
        assertTrue(wrong.contains("fit on a log-log scale"), wrong);
        assertTrue(Check.number("q", 5, 1, TOL, "h").toString().contains("Not yet"));
    }

    @Test
    void orThrowAssertsForInstructors() {
        var ok = Check.number("q", 1, 1, TOL, "h");
        assertEquals(ok, ok.orThrow());
        assertThrows(AssertionError.class, () -> Check.number("q", 2, 1, TOL, "h").orThrow());
    }

    @Test
    void summaryKeepsTheLatestVerdictPerQuestion() {
        Check.number("a", 5, 1, TOL, "h");
        Check.number("a", 1, 1, TOL, "h");
        Check.number("b", 5, 1, TOL, "h");
        var s = Check.summary();
        assertEquals(2, s.checks().size());
        assertEquals(1, s.correct());
        assertTrue(s.toHtml().contains("Score: 1 / 2"), s.toHtml());
    }

    @Test
    void instructorMistakesNameTheArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> Check.number("q", 1, 1, -0.1, "h"));
        assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Check.number(" ", 1, 1, 0.1, "h"));
        assertTrue(e.getMessage().contains("question"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Check.number("q", 1, Double.NaN, 0.1, "h"));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Check.choice("q", "a", "h"));
        assertTrue(e.getMessage().contains("accepted"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Check.integer("q", 1, 1, -1, "h"));
        assertTrue(e.getMessage().contains("closeSlack"), e.getMessage());
    }
}
