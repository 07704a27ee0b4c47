package org.linearitylab.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.linearitylab.notebook.Feedback.Verdict;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.display.Html;
import org.linearitylab.display.Tables;
import org.linearitylab.experiment.LogLogFit;

/**
 * Exercise checks for homework notebooks: a student computes an answer in a cell and calls a check; the
 * check returns a {@link Feedback} that renders inline as correct, close or wrong-with-a-hint. An instructor
 * writes each check in one line:
 *
 * <pre>{@code
 * Check.number("1 · ‖∇f‖ at m = 10⁴", gradNorm, () -> referenceGradNorm(), 0.05, "use net.gradient(x0)")
 * Check.slope("2 · slope of the deviation against m", widths, deviations, -0.5, 0.1, "fit on a log-log scale")
 * Check.shape("3 · the Jacobian", J, new long[]{8, 3000}, "one row per input, one column per parameter")
 * Check.array("4 · ∇f by hand", myGradient, () -> net.gradient(x0), 1e-6, "∂f/∂vᵢ = σ(wᵢx)/√m")
 * }</pre>
 *
 * <p><b>Tolerances.</b> An answer within {@code tolerance} of the reference is <i>correct</i>; within
 * {@link #CLOSE_FACTOR}·tolerance it is <i>close</i>; otherwise <i>wrong</i>. A placeholder (NaN, null, empty)
 * is <i>unanswered</i>. Checks never throw on a wrong or missing answer, so the student version of a
 * notebook runs top to bottom; they throw {@link IllegalArgumentException} only for instructor mistakes
 * (negative tolerance, missing question).
 *
 * <p><b>Reference answers</b> can be given as a value, or as a supplier evaluated at check time by the toolkit,
 * so that the number itself never appears in the student's notebook.
 *
 * <p>Every check is recorded; {@link #summary()} shows the latest verdict per question as a table.
 * For in-notebook assertions of measured numbers (not exercises) use {@link Checks}.
 */
public final class Check {
    /** An answer within this many tolerances of the reference is "close". */
    public static final double CLOSE_FACTOR = 3.0;

    private static final Map<String, Feedback> RECORD = new LinkedHashMap<>();

    private Check() {
    }

    // ---------------------------------------------------------------- numbers

    /** A number: correct when |answer − expected| ≤ tolerance, close within {@link #CLOSE_FACTOR}·tolerance. */
    public static Feedback number(String question, double answer, double expected, double tolerance, String hint) {
        requireQuestion(question);
        requireTolerance(tolerance);
        requireFinite("expected", expected);
        if (Double.isNaN(answer)) {
            return record(unanswered(question, hint));
        }
        double err = Math.abs(answer - expected);
        Verdict v = verdict(err, tolerance);
        String detail = "your answer " + fmt(answer) + (v == Verdict.CORRECT
                ? " is within " + fmt(tolerance) + " of the reference"
                : " is " + fmt(err) + " away from the reference (allowed: " + fmt(tolerance) + ")");
        return record(new Feedback(question, v, detail, hint));
    }

    /** A number against a reference computed at check time (the reference never appears in the notebook). */
    public static Feedback number(String question, double answer, DoubleSupplier reference, double tolerance, String hint) {
        requireQuestion(question);
        requireNotNull("reference", reference);
        requireTolerance(tolerance);
        if (Double.isNaN(answer)) {
            return record(unanswered(question, hint));
        }
        return number(question, answer, reference.getAsDouble(), tolerance, hint);
    }

    /**
     * A number with a relative tolerance: correct when |answer − expected| ≤ relTolerance·|expected|
     * (use for quantities whose size varies over orders of magnitude, e.g. ‖H‖).
     */
    public static Feedback relative(String question, double answer, double expected, double relTolerance, String hint) {
        requireQuestion(question);
        requireTolerance(relTolerance);
        requireFinite("expected", expected);
        if (expected == 0) {
            throw new IllegalArgumentException("expected must be ≠ 0 for a relative check; use Check.number");
        }
        if (Double.isNaN(answer)) {
            return record(unanswered(question, hint));
        }
        double rel = Math.abs(answer - expected) / Math.abs(expected);
        Verdict v = verdict(rel, relTolerance);
        String detail = "your answer " + fmt(answer) + (v == Verdict.CORRECT
                ? " is within " + pct(relTolerance) + " of the reference"
                : " is " + pct(rel) + " away from the reference (allowed: " + pct(relTolerance) + ")");
        return record(new Feedback(question, v, detail, hint));
    }

    /** As {@link #relative(String, double, double, double, String)} with a reference computed at check time. */
    public static Feedback relative(String question, double answer, DoubleSupplier reference, double relTolerance, String hint) {
        requireQuestion(question);
        requireNotNull("reference", reference);
        requireTolerance(relTolerance);
        if (Double.isNaN(answer)) {
            return record(unanswered(question, hint));
        }
        return relative(question, answer, reference.getAsDouble(), relTolerance, hint);
    }

    /** A whole number (a width, a count, an index): correct only when equal, close when within {@code closeSlack}. */
    public static Feedback integer(String question, long answer, long expected, long closeSlack, String hint) {
        requireQuestion(question);
        if (closeSlack < 0) {
            throw new IllegalArgumentException("closeSlack must be ≥ 0, got " + closeSlack);
        }
        long err = answer >= expected ? answer - expected : expected - answer; // as unsigned: no overflow
        err = err < 0 ? Long.MAX_VALUE : err;
        Verdict v = err == 0 ? Verdict.CORRECT : err <= closeSlack ? Verdict.CLOSE : Verdict.WRONG;
        String detail = "your answer " + answer + (v == Verdict.CORRECT ? " is right" : " is not the expected value");
        return record(new Feedback(question, v, detail, hint));
    }

    // ---------------------------------------------------------------- slopes

    /**
     * A scaling law: fits log y = c + s·log x to the student's measurements (both positive) and checks the
     * fitted exponent s against {@code expected} ± tolerance. Points that cannot be fitted (non-positive, too
     * few) give a "wrong" feedback that says why.
     */
    public static Feedback slope(String question, double[] x, double[] y, double expected, double tolerance, String hint) {
        requireQuestion(question);
        requireTolerance(tolerance);
        requireFinite("expected", expected);
        if (x == null || y == null || x.length == 0 || y.length == 0 || allNaN(y)) {
            return record(unanswered(question, hint));
        }
        LogLogFit fit;
        try {
            fit = LogLogFit.of(x, y);
        } catch (IllegalArgumentException e) {
            return record(new Feedback(question, Verdict.WRONG, "your measurements cannot be fitted on a log-log scale: " + e.getMessage(), hint));
        }
        double err = Math.abs(fit.slope() - expected);
        Verdict v = verdict(err, tolerance);
        String detail = String.format(Locale.ROOT, "fitted slope %.3f (R² = %.3f, %d points)", fit.slope(), fit.r2(), fit.n())
                + (v == Verdict.CORRECT ? "" : " is " + fmt(err) + " away from the expected exponent (allowed: " + fmt(tolerance) + ")");
        return record(new Feedback(question, v, detail, hint));
    }

    /** A fitted exponent the student computed: as {@link #number} but worded for slopes. */
    public static Feedback slope(String question, double answerSlope, double expected, double tolerance, String hint) {
        requireQuestion(question);
        requireTolerance(tolerance);
        requireFinite("expected", expected);
        if (Double.isNaN(answerSlope)) {
            return record(unanswered(question, hint));
        }
        double err = Math.abs(answerSlope - expected);
        Verdict v = verdict(err, tolerance);
        String detail = "your slope " + fmt(answerSlope) + (v == Verdict.CORRECT
                ? " matches the expected exponent"
                : " is " + fmt(err) + " away from the expected exponent (allowed: " + fmt(tolerance) + ")");
        return record(new Feedback(question, v, detail, hint));
    }

    // ---------------------------------------------------------------- shapes and arrays

    /**
     * The shape of an array: {@code answer} may be a {@code double[]} (shape {n}), a {@code double[][]}
     * (rows × columns of the first row), an {@code INDArray}, or a {@code long[]}/{@code int[]} shape itself.
     */
    public static Feedback shape(String question, Object answer, long[] expected, String hint) {
        requireQuestion(question);
        requireNotNull("expected", expected);
        long[] got = shapeOf(answer);
        if (got == null) {
            return record(unanswered(question, hint));
        }
        boolean ok = Arrays.equals(got, expected);
        String detail = "your shape " + Arrays.toString(got) + (ok ? "" : ", expected " + expected.length + " dimension(s)"
                + (got.length == expected.length && sameProduct(got, expected) ? " (same size: transposed or reshaped?)" : ""));
        Verdict v = ok ? Verdict.CORRECT
                : got.length == expected.length && sameProduct(got, expected) ? Verdict.CLOSE : Verdict.WRONG;
        return record(new Feedback(question, v, detail, hint));
    }

    /**
     * A small array, entry by entry: correct when max |answerᵢ − expectedᵢ| ≤ tolerance, close within
     * {@link #CLOSE_FACTOR}·tolerance; a wrong length is wrong. The feedback names the worst entry.
     */
    public static Feedback array(String question, double[] answer, double[] expected, double tolerance, String hint) {
        requireQuestion(question);
        requireNotNull("expected", expected);
        requireTolerance(tolerance);
        if (answer == null || answer.length == 0 || allNaN(answer)) {
            return record(unanswered(question, hint));
        }
        if (answer.length != expected.length) {
            return record(new Feedback(question, Verdict.WRONG,
                    "your array has length " + answer.length + ", expected " + expected.length, hint));
        }
        double worst = -1;
        int at = 0;
        for (int i = 0; i < answer.length; i++) {
            double e = Math.abs(answer[i] - expected[i]);
            if (Double.isNaN(e)) {
                e = Double.POSITIVE_INFINITY;
            }
            if (e > worst) {
                worst = e;
                at = i;
            }
        }
        Verdict v = verdict(worst, tolerance);
        String detail = v == Verdict.CORRECT
                ? "all " + answer.length + " entries within " + fmt(tolerance) + " of the reference"
                : "entry [" + at + "] = " + fmt(answer[at]) + " is " + fmt(worst) + " away from the reference (allowed: " + fmt(tolerance) + ")";
        return record(new Feedback(question, v, detail, hint));
    }

    /** As {@link #array(String, double[], double[], double, String)} with a reference computed at check time. */
    public static Feedback array(String question, double[] answer, Supplier<double[]> reference, double tolerance, String hint) {
        requireQuestion(question);
        requireNotNull("reference", reference);
        requireTolerance(tolerance);
        if (answer == null || answer.length == 0 || allNaN(answer)) {
            return record(unanswered(question, hint));
        }
        return array(question, answer, reference.get(), tolerance, hint);
    }

    // ---------------------------------------------------------------- words

    /**
     * A short word answer (e.g. "yes", "tanh", "random"): correct when equal to one of {@code accepted},
     * ignoring case and surrounding spaces.
     */
    public static Feedback choice(String question, String answer, String hint, String... accepted) {
        requireQuestion(question);
        if (accepted == null || accepted.length == 0) {
            throw new IllegalArgumentException("accepted must list at least one answer");
        }
        if (answer == null || answer.isBlank()) {
            return record(unanswered(question, hint));
        }
        String a = answer.trim().toLowerCase(Locale.ROOT);
        for (String ok : accepted) {
            if (ok.trim().toLowerCase(Locale.ROOT).equals(a)) {
                return record(new Feedback(question, Verdict.CORRECT, "“" + answer.trim() + "”", hint));
            }
        }
        return record(new Feedback(question, Verdict.WRONG, "“" + answer.trim() + "” is not the answer we expect", hint));
    }

    // ---------------------------------------------------------------- measurements against a recomputed reference

    /**
     * A known slip: the reference recomputed with one mistake (a missing √m, a squared norm, the mean instead
     * of the max, the wrong layer, …). An answer that matches a slip is told which slip it matches.
     *
     * @param name        what the slip is, as the student reads it ("squared norm")
     * @param values      the reference recomputed with the slip, one value per measurement
     * @param explanation one sentence on how to fix it
     */
    public record Slip(String name, double[] values, String explanation) {
        /** One line: arrays summarised by length and range (never {@code [D@…}). */
        @Override
        public String toString() {
            return org.linearitylab.core.Describe.record(this);
        }

        public Slip {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must describe the slip");
            }
            if (values == null) {
                throw new IllegalArgumentException("values must not be null (the reference recomputed with the slip)");
            }
            explanation = explanation == null ? "" : explanation;
        }
    }

    /**
     * Relative tolerance of {@link #measured}: the student runs the same computation as the toolkit on the same
     * networks, so values agree to rounding; 10⁻⁶ leaves room for a different summation order or a
     * different (exact) formula.
     */
    public static final double MEASURED_REL_TOLERANCE = 1e-6;

    /** Answers whose log-log residuals are all below this lie on an exact power law c·x^s (a formula, not a measurement). */
    public static final double EXACT_POWER_LAW = 1e-9;

    /**
     * The student's measurements {@code answer[k]} of a quantity at {@code x[k]} against the toolkit's own
     * measurement {@code reference[k]} on the same objects (same widths, seeds, inputs). In order:
     * <ol>
     * <li>a placeholder (null, empty, any NaN) is <i>unanswered</i> (no hint yet);</li>
     * <li>every value within {@code relTolerance} of the reference is <i>correct</i>; the detail quotes the fitted
     *     log-log slope of the reference with its 95% interval (when {@code x} is given);</li>
     * <li>an answer that matches a {@link Slip} within {@code relTolerance} is <i>wrong</i>, naming the slip;</li>
     * <li>an answer on an exact power law c·x^s while the reference is not one is <i>wrong</i>: a fabricated
     *     formula, not a measurement;</li>
     * <li>otherwise the log-log slopes are compared: the same slope within the reference slope's 95% interval
     *     (and at least ±0.05) with wrong values is <i>close</i> ("right scaling, wrong constant"), else
     *     <i>wrong</i>, quoting the worst value.</li>
     * </ol>
     * {@code x} may be null (no slope comparison).
     */
    public static Feedback measured(String question, double[] x, double[] answer, double[] reference, double relTolerance,
                                    List<Slip> slips, String hint) {
        requireQuestion(question);
        requireNotNull("reference", reference);
        requireTolerance(relTolerance);
        if (x != null && x.length != reference.length) {
            throw new IllegalArgumentException("x must have one entry per reference value (" + reference.length + "), got " + x.length);
        }
        for (int i = 0; i < reference.length; i++) {
            requireFinite("reference[" + i + "]", reference[i]);
        }
        if (answer == null || answer.length == 0 || allNaN(answer)) {
            return record(unanswered(question, hint));
        }
        if (answer.length != reference.length) {
            return record(new Feedback(question, Verdict.WRONG,
                    "you gave " + answer.length + " values; the exercise measures " + reference.length, hint));
        }
        for (int i = 0; i < answer.length; i++) {
            if (Double.isNaN(answer[i])) {
                return record(new Feedback(question, Verdict.UNANSWERED, "entry [" + i + "] is still the placeholder NaN", ""));
            }
        }
        double err = worstRelative(answer, reference);
        String slopeText = x == null ? "" : slopeText(x, reference);
        if (err <= relTolerance) {
            return record(new Feedback(question, Verdict.CORRECT, (answer.length == 1 ? "your value " + fmt(answer[0]) + " agrees" : "all " + answer.length
                    + " values agree") + " with the toolkit's own measurement on the same objects (relative difference ≤ "
                    + String.format(Locale.ROOT, "%.0e", relTolerance) + ")" + slopeText, hint));
        }
        if (slips != null) {
            for (Slip s : slips) {
                if (s.values().length == answer.length && worstRelative(answer, s.values()) <= relTolerance) {
                    return record(new Feedback(question, Verdict.WRONG, "your numbers match the reference computed with a known slip — "
                            + s.name() + (s.explanation().isEmpty() ? "" : ": " + s.explanation()), hint));
                }
            }
        }
        int worst = worstIndex(answer, reference);
        String off = "value [" + worst + "] = " + fmt(answer[worst]) + " is " + pct(err) + " away from the toolkit's measurement";
        if (x != null && positive(answer) && positive(x) && answer.length >= 3) {
            double answerResidual = maxLogResidual(x, answer);
            double referenceResidual = maxLogResidual(x, reference);
            if (answerResidual < EXACT_POWER_LAW && referenceResidual > 1e3 * EXACT_POWER_LAW) {
                return record(new Feedback(question, Verdict.WRONG, "your numbers lie exactly on a power law c·x^"
                        + fmt(LogLogFit.of(x, answer).slope()) + " (no scatter at all); a measurement on random networks scatters "
                        + "around its trend — compute the quantity for each network instead of writing down the law", hint));
            }
            SimpleRegression ref = logLog(x, reference);
            double s = LogLogFit.of(x, answer).slope();
            double allowed = Math.max(0.05, ref.getSlopeConfidenceInterval());
            if (Math.abs(s - ref.getSlope()) <= allowed) {
                return record(new Feedback(question, Verdict.CLOSE, off + "; your fitted slope " + fmt(s)
                        + " agrees with the reference's: right scaling, wrong constant factor", hint));
            }
            return record(new Feedback(question, Verdict.WRONG, off + "; your fitted slope " + fmt(s) + " differs from the reference's "
                    + fmt(ref.getSlope()) + " ± " + fmt(ref.getSlopeConfidenceInterval()), hint));
        }
        return record(new Feedback(question, Verdict.WRONG, off, hint));
    }

    /**
     * The answer was computed by the toolkit routine that the exercise asks the student to derive (detected by
     * the exercise, e.g. an instrumented activation called from inside the toolkit): <i>wrong</i>, with the reason.
     */
    public static Feedback toolkitCall(String question, String what, String hint) {
        requireQuestion(question);
        org.linearitylab.core.Require.notNull("what", what);
        return record(new Feedback(question, Verdict.WRONG, "your answer was computed by the toolkit (" + what
                + "); this exercise asks you to derive it yourself from the formula", hint));
    }

    private static double worstRelative(double[] a, double[] r) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double e = Math.abs(a[i] - r[i]) / Math.max(Math.abs(r[i]), Double.MIN_NORMAL);
            worst = Math.max(worst, Double.isNaN(e) ? Double.POSITIVE_INFINITY : e);
        }
        return worst;
    }

    private static int worstIndex(double[] a, double[] r) {
        int at = 0;
        double worst = -1;
        for (int i = 0; i < a.length; i++) {
            double e = Math.abs(a[i] - r[i]) / Math.max(Math.abs(r[i]), Double.MIN_NORMAL);
            e = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
            if (e > worst) {
                worst = e;
                at = i;
            }
        }
        return at;
    }

    private static boolean positive(double[] a) {
        for (double v : a) {
            if (!(v > 0) || !Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static SimpleRegression logLog(double[] x, double[] y) {
        SimpleRegression r = new SimpleRegression();
        for (int i = 0; i < x.length; i++) {
            r.addData(Math.log(x[i]), Math.log(y[i]));
        }
        return r;
    }

    /** The largest |log yᵢ − fitted| of a log-log least-squares line (0 for an exact power law). */
    private static double maxLogResidual(double[] x, double[] y) {
        SimpleRegression r = logLog(x, y);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(Math.log(y[i]) - r.predict(Math.log(x[i]))));
        }
        return worst;
    }

    private static String slopeText(double[] x, double[] reference) {
        if (!positive(x) || !positive(reference) || x.length < 3) {
            return "";
        }
        SimpleRegression r = logLog(x, reference);
        return String.format(Locale.ROOT, "; fitted log-log slope %.3f ± %.3f (95%%, %d points)", r.getSlope(),
                r.getSlopeConfidenceInterval(), x.length);
    }

    // ---------------------------------------------------------------- record

    /** The latest verdict of every question checked so far in this kernel, as a table with a score line. */
    public static Summary summary() {
        synchronized (RECORD) {
            return new Summary(new ArrayList<>(RECORD.values()));
        }
    }

    /** Forgets every recorded check (a fresh homework). */
    public static void reset() {
        synchronized (RECORD) {
            RECORD.clear();
        }
    }

    /** The recorded checks: renders as an HTML table with a score line. */
    public record Summary(List<Feedback> checks) implements Html {
        /** Number of questions answered correctly. */
        public long correct() {
            return checks.stream().filter(Feedback::isCorrect).count();
        }

        @Override
        public String toHtml() {
            StringBuilder sb = new StringBuilder("<div class=\"lab-check-summary\"><b>Score: ").append(correct()).append(" / ")
                    .append(checks.size()).append(" correct</b><table style=\"border-collapse:collapse;margin-top:4px\">");
            for (Feedback f : checks) {
                sb.append("<tr><td style=\"padding:2px 10px\">").append(Tables.escape(f.question()))
                        .append("</td><td style=\"padding:2px 10px\" data-check=\"").append(f.verdict().key()).append("\">")
                        .append(Tables.escape(f.verdict().key())).append("</td></tr>");
            }
            return sb.append("</table></div>").toString();
        }

        @Override
        public String toString() {
            return "Score: " + correct() + " / " + checks.size() + " correct";
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Records a feedback in the summary (also those made elsewhere in this package, e.g. by {@link Homework}). */
    static Feedback record(Feedback f) {
        synchronized (RECORD) {
            RECORD.remove(f.question());
            RECORD.put(f.question(), f);
        }
        return f;
    }

    private static Feedback unanswered(String question, String hint) {
        // no hint before a first attempt: hints are shown only after a wrong (or close) answer
        return new Feedback(question, Verdict.UNANSWERED, "replace the placeholder with your answer and re-run the cell", "");
    }

    private static Verdict verdict(double error, double tolerance) {
        if (error <= tolerance) {
            return Verdict.CORRECT;
        }
        return error <= CLOSE_FACTOR * tolerance ? Verdict.CLOSE : Verdict.WRONG;
    }

    private static long[] shapeOf(Object answer) {
        if (answer == null) {
            return null;
        }
        if (answer instanceof INDArray a) {
            return a.shape().clone();
        }
        if (answer instanceof double[] a) {
            return new long[]{a.length};
        }
        if (answer instanceof double[][] a) {
            return new long[]{a.length, a.length == 0 || a[0] == null ? 0 : a[0].length};
        }
        if (answer instanceof long[] s) {
            return s.clone();
        }
        if (answer instanceof int[] s) {
            return Arrays.stream(s).asLongStream().toArray();
        }
        throw new IllegalArgumentException("answer must be a double[], double[][], INDArray or a shape (int[]/long[]), got "
                + answer.getClass().getSimpleName());
    }

    private static boolean sameProduct(long[] a, long[] b) {
        long pa = 1;
        long pb = 1;
        for (long x : a) {
            pa *= x;
        }
        for (long x : b) {
            pb *= x;
        }
        return pa == pb;
    }

    private static boolean allNaN(double[] a) {
        for (double x : a) {
            if (!Double.isNaN(x)) {
                return false;
            }
        }
        return true;
    }

    private static void requireQuestion(String question) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question must name the exercise, got " + (question == null ? "null" : "a blank string"));
        }
    }

    private static void requireTolerance(double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number ≥ 0, got " + tolerance);
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
    }

    private static void requireNotNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    private static String fmt(double v) {
        return Checks.fmt(v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.3g%%", 100 * v);
    }
}
