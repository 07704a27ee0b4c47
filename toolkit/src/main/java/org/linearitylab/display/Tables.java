package org.linearitylab.display;

import java.io.StringWriter;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/**
 * Tablesaw tables as HTML (tablesaw-html). In JJava and IJava a {@code Table} that is a cell's last
 * expression renders by itself ({@code notebook.Renderings}); elsewhere use {@code display(Tables.html(table), "text/html")}.
 */
public final class Tables {
    private Tables() {
    }

    /** The table as an HTML {@code <table>}, numbers shown with Tablesaw's column formatting. */
    public static String html(Table table) {
        StringWriter out = new StringWriter();
        new HtmlWriter().write(table, HtmlWriteOptions.builder(out).build());
        String caption = table.name() == null || table.name().isBlank() ? "" : "<p><b>" + escape(table.name()) + "</b></p>";
        return caption + out;
    }

    /** {@code s} escaped for HTML text and attribute values: {@code & < > "}. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
