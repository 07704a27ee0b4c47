package org.linearitylab.display;

/**
 * An object of the display or notebook layer that shows itself as HTML (an exercise check, its feedback). Results
 * of the lower layers are plain data and do not implement it: their HTML view is a function of the display layer,
 * registered in {@link Views} (where this interface has its entry too). In JJava and IJava the toolkit's
 * renderers ({@code notebook.Renderings}) show any {@code Html} that is a cell's last expression as HTML, with its
 * {@code toString()} as text/plain; in other kernels call {@code display(result.toHtml(), "text/html")}.
 */
public interface Html {
    /** This result as an HTML fragment (no {@code <html>} wrapper). */
    String toHtml();
}
