package org.linearitylab.notebook;

import org.linearitylab.display.Html;
import org.linearitylab.display.Tables;






/**
 * The answer to one exercise check: a verdict, what was compared, and a hint when the answer is not right.
 * Renders itself as a coloured HTML box when it is a cell's last expression (JJava), so a student sees
 * at a glance whether the answer is correct, close (within a looser tolerance) or wrong.
 *
 * <p>Made by {@link Check}; a feedback never throws — a wrong answer is a result, not an error, so a
 * homework notebook always runs top to bottom. Instructors who want an assertion call {@link #orThrow()}.
 *
 * @param question the exercise, as the student sees it (e.g. "1a · slope of ‖H‖ against m")
 * @param verdict  correct, close, wrong or unanswered
 * @param detail   what was compared (the answer, the reference or its band)
 * @param hint     shown for close and wrong answers only (never before a first attempt); may be empty
 */
public record Feedback(String question, Verdict verdict, String detail, String hint) implements Html {

    /** The four possible outcomes of a check. */
    public enum Verdict {
        /** Within the tolerance. */
        CORRECT("correct", "✓ Correct", "#2e7d32", "#e8f5e9"),
        /** Outside the tolerance but within the looser "close" tolerance. */
        CLOSE("close", "≈ Close", "#b26a00", "#fff4e0"),
        /** Outside both tolerances (or of the wrong shape). */
        WRONG("wrong", "✗ Not yet", "#c62828", "#fdecea"),
        /** The placeholder is still there (NaN, null or empty). */
        UNANSWERED("unanswered", "… Not answered yet", "#546e7a", "#eceff1");

        private final String key;
        private final String label;
        private final String color;
        private final String background;

        Verdict(String key, String label, String color, String background) {
            this.key = key;
            this.label = label;
            this.color = color;
            this.background = background;
        }

        /** A short lower-case key, also written into the HTML as {@code data-check="…"} (read by the tests). */
        public String key() {
            return key;
        }
    }

    public Feedback {
        question = question == null ? "" : question;
        detail = detail == null ? "" : detail;
        hint = hint == null ? "" : hint;
        if (verdict == null) {
            throw new IllegalArgumentException("verdict must not be null");
        }
    }

    /** True when the verdict is {@link Verdict#CORRECT}. */
    public boolean isCorrect() {
        return verdict == Verdict.CORRECT;
    }

    /**
     * Returns this feedback when it is correct; otherwise throws an {@link AssertionError} with the whole
     * feedback as message. For instructor notebooks and tests, never for student cells.
     */
    public Feedback orThrow() {
        if (!isCorrect()) {
            throw new AssertionError(this.toString());
        }
        return this;
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"lab-check\" data-check=\"").append(verdict.key).append("\" style=\"border-left:5px solid ")
                .append(verdict.color).append(";background:").append(verdict.background)
                .append(";padding:6px 12px;margin:4px 0;font-family:sans-serif;font-size:14px;color:#222\">");
        sb.append("<b style=\"color:").append(verdict.color).append("\">").append(Tables.escape(verdict.label)).append("</b>");
        if (!question.isEmpty()) {
            sb.append(" — ").append(Tables.escape(question));
        }
        if (!detail.isEmpty()) {
            sb.append("<br><span style=\"color:#444\">").append(Tables.escape(detail)).append("</span>");
        }
        if ((verdict == Verdict.WRONG || verdict == Verdict.CLOSE) && !hint.isEmpty()) {
            sb.append("<br><i>Hint:</i> ").append(Tables.escape(hint));
        }
        sb.append("</div>");
        return sb.toString();
    }

    @Override
    public String toString() {
        String s = verdict.label + (question.isEmpty() ? "" : " — " + question) + (detail.isEmpty() ? "" : ": " + detail);
        return verdict != Verdict.CORRECT && !hint.isEmpty() ? s + " (hint: " + hint + ")" : s;
    }
}
