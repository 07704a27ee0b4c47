package org.linearitylab.notebook;

/**
 * A result that shows itself as HTML. In the JJava kernel the toolkit's extension renders any
 * {@code Html} that is a cell's last expression; in other kernels call
 * {@code display(result.toHtml(), "text/html")}.
 */
public interface Html {
    /** This result as an HTML fragment (no {@code <html>} wrapper). */
    String toHtml();
}
