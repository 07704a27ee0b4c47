package org.linearitylab.display;

import org.linearitylab.notebook.Renderings;






/**
 * A result that shows itself as HTML. In JJava and IJava the toolkit's renderers ({@link Renderings}) show any
 * {@code Html} that is a cell's last expression as HTML, with its {@code toString()} as text/plain; in other
 * kernels call {@code display(result.toHtml(), "text/html")}.
 */
public interface Html {
    /** This result as an HTML fragment (no {@code <html>} wrapper). */
    String toHtml();
}
