package org.linearitylab.notebook;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import org.knowm.xchart.internal.chartpart.Chart;

import tech.tablesaw.api.Table;
import org.linearitylab.display.Plots;
import org.linearitylab.display.Tables;
import org.linearitylab.display.Views;

/**
 * What every kernel shows for the toolkit's objects, independent of the kernel's API: for each type, its forms
 * (MIME type and how to produce it), the preferred one first. The JJava extension
 * ({@code notebook.jjava.LabExtension}) and the IJava registration ({@code notebook.ijava.IJavaRenderers})
 * register exactly these, so both kernels render alike: an XChart chart or a {@code BufferedImage} as
 * {@code image/png}, a Tablesaw {@code Table} as {@code text/html}, and every result type of the display layer's
 * {@link Views} (an {@link org.linearitylab.display.Html} among them) as its view's {@code text/html}; each with a
 * one-line or text {@code text/plain}.
 */
public final class Renderings {
    /** One form of a type: its MIME type and the data (a String; base64 for images). */
    public record Form(String mime, Function<Object, String> render) {
    }

    /** A rendered type and its forms, the preferred form first. */
    public record Kind(Class<?> type, List<Form> forms) {
        public String preferred() {
            return forms.get(0).mime();
        }
    }

    public static final String PNG = "image/png";
    public static final String HTML = "text/html";
    public static final String TEXT = "text/plain";

    private static final List<Kind> KINDS = kinds(List.of(
            new Kind(Chart.class, List.of(
                    new Form(PNG, o -> Plots.base64Png((Chart<?, ?>) o)),
                    new Form(TEXT, o -> describeChart((Chart<?, ?>) o)))),
            new Kind(BufferedImage.class, List.of(
                    new Form(PNG, o -> Base64.getEncoder().encodeToString(Plots.png((BufferedImage) o))),
                    new Form(TEXT, o -> describeImage((BufferedImage) o)))),
            new Kind(Table.class, List.of(
                    new Form(HTML, o -> Tables.html((Table) o)),
                    new Form(TEXT, o -> ((Table) o).print())))));

    /** The fixed kinds above followed by one kind per result view of the display layer ({@link Views}). */
    private static List<Kind> kinds(List<Kind> fixed) {
        List<Kind> all = new ArrayList<>(fixed);
        for (Views.View<?> v : Views.all()) {
            all.add(new Kind(v.type(), List.of(new Form(HTML, v::render), new Form(TEXT, o -> {
                String text = v.renderText(o);
                return text != null ? text : Renderings.text(o);
            }))));
        }
        return List.copyOf(all);
    }

    private Renderings() {
    }

    /** Every rendered type with its forms, in registration order. */
    public static List<Kind> kinds() {
        return KINDS;
    }

    /**
     * A result's text form: its own {@code toString()}, or, for a class that does not define one, its HTML view
     * ({@link Views}) as plain text (never {@code Class@1a2b3c}).
     */
    public static String text(Object o) {
        org.linearitylab.core.Require.notNull("o", o);
        try {
            if (o.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
                return o.toString();
            }
        } catch (NoSuchMethodException e) {
            // cannot happen: every class has toString
        }
        String html = Views.all().stream().filter(v -> v.type().isInstance(o)).findFirst().map(v -> v.render(o)).orElse("");
        String plain = html.replaceAll("(?s)<style.*?</style>", " ").replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replaceAll("\\s+", " ").trim();
        String name = o.getClass().getSimpleName();
        return plain.isEmpty() ? name : name + ": " + (plain.length() > 200 ? plain.substring(0, 199) + "…" : plain);
    }

    /** A chart's one-line text form: its type, title, series and size (never {@code XYChart@1a2b3c}). */
    public static String describeChart(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "untitled" : "“" + chart.getTitle() + "”";
        int series = chart.getSeriesMap().size();
        return chart.getClass().getSimpleName() + " " + title + ": " + series + (series == 1 ? " series" : " series")
                + ", " + chart.getWidth() + "×" + chart.getHeight() + " px";
    }

    /** An image's one-line text form: its size (never the AWT dump of {@code BufferedImage.toString()}). */
    public static String describeImage(BufferedImage image) {
        return "image " + image.getWidth() + "×" + image.getHeight() + " px";
    }
}
