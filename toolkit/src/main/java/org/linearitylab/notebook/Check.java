package org.linearitylab.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.notebook.Feedback.Verdict;
import org.nd4j.linalg.api.ndarray.INDArray;

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
                sb.append("<tr><td style=\"padding:2px 10px\">").append(Feedback.escape(f.question()))
                        .append("</td><td style=\"padding:2px 10px\" data-check=\"").append(f.verdict().key()).append("\">")
                        .append(Feedback.escape(f.verdict().key())).append("</td></tr>");
            }
            return sb.append("</table></div>").toString();
        }

        @Override
        public String toString() {
            return "Score: " + correct() + " / " + checks.size() + " correct";
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Feedback record(Feedback f) {
        synchronized (RECORD) {
            RECORD.remove(f.question());
            RECORD.put(f.question(), f);
        }
        return f;
    }

    private static Feedback unanswered(String question, String hint) {
        return new Feedback(question, Verdict.UNANSWERED, "replace the placeholder with your answer and re-run the cell", hint);
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
