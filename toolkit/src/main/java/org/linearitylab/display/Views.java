package org.linearitylab.display;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.linearitylab.analysis.BallScan;
import org.linearitylab.analysis.ProofChain;
import org.linearitylab.analysis.SphereScan;
import org.linearitylab.core.Progress;
import org.linearitylab.training.InitVersusTrainedResult;
import org.linearitylab.training.TrainingRun;
import org.linearitylab.training.WidthSweepResult;


/**
 * How each toolkit result looks as HTML in a notebook. Results are plain data and know nothing about display;
 * this is the one list that maps a result type to its HTML view, and the notebook renderers
 * ({@code notebook.Renderings}) register every entry with the kernel. A display class that draws a result
 * adds its entry here.
 */
public final class Views {
    /**
     * The HTML view of one result type, and optionally its text/plain form (null: the result's own {@code toString()}),
     * for a result whose {@code toString()} prints a table with full precision, so its text shows the numbers its HTML
     * shows (4 significant digits), not 17 digits that change with the BLAS kernel's rounding.
     */
    public record View<T>(Class<T> type, Function<T, String> html, Function<T, String> text) {
        public View(Class<T> type, Function<T, String> html) {
            this(type, html, null);
        }

        /** The view of {@code o}, which must be a {@code type}. */
        public String render(Object o) {
            return html.apply(type.cast(o));
        }

        /** The text form of {@code o} (a {@code type}), or null if the result's own {@code toString()} is its text. */
        public String renderText(Object o) {
            return text == null ? null : text.apply(type.cast(o));
        }
    }

    private static final List<View<?>> ALL;

    static {
        List<View<?>> all = new ArrayList<>();
        all.add(new View<>(Progress.View.class, Views::progress));
        all.add(new View<>(Html.class, Html::toHtml));
        all.add(new View<>(SphereScan.class, AssemblyCharts::html));
        all.add(new View<>(BallScan.class, AssemblyCharts::html));
        all.add(new View<>(ProofChain.class, AssemblyCharts::html));
        all.add(new View<>(TrainingRun.class, TrainingPlots::html));
        all.add(new View<>(WidthSweepResult.class, TrainingPlots::html));
        all.add(new View<>(InitVersusTrainedResult.class, TrainingPlots::html, r -> Formatting.significant(r.table(), 4).print()));
        all.add(new View<>(org.linearitylab.experiment.SweepResult.class, SweepCharts::html, r -> Formatting.significant(r.summary(), 4).printAll()));
        all.add(new View<>(org.linearitylab.analysis.OrthogonalitySweep.class, OrthogonalityCharts::html));
        all.add(new View<>(org.linearitylab.regression.DoubleDescentCurve.class, DoubleDescentCharts::html));
        ALL = List.copyOf(all);
    }

    private Views() {
    }

    /** Every registered view, in registration order. */
    public static List<View<?>> all() {
        return ALL;
    }

    /** A progress display: a bar with its line while running, the final line alone when done. */
    public static String progress(Progress.View v) {
        if (v.finished()) {
            return "<div class=\"lab-progress\">" + Tables.escape(v.toString()) + "</div>";
        }
        return "<div class=\"lab-progress\"><progress value=\"" + v.done() + "\" max=\"" + v.total() + "\"></progress> "
                + Tables.escape(v.toString()) + "</div>";
    }
}
