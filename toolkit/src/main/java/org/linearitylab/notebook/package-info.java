/**
 * The notebook side: what each kernel shows for the toolkit's objects ({@link org.linearitylab.notebook.Renderings}:
 * charts and images as PNG, tables and every result view of {@code display.Views} as HTML, each with a readable
 * text/plain), which kernel runs and the hooks it offers ({@link org.linearitylab.notebook.Kernels}), in-notebook
 * assertions for key numbers ({@link org.linearitylab.notebook.Checks}), and exercise checks with feedback for the
 * homework ({@link org.linearitylab.notebook.Check}, {@link org.linearitylab.notebook.Feedback},
 * {@link org.linearitylab.notebook.Homework}: the reference recomputed on the student's own objects).
 *
 * <p>Layer 7 (see {@code LayeringTest}): may import every lower layer, {@code display} included. The kernel
 * integrations in {@code notebook.jjava} and {@code notebook.ijava} sit above it and are reached only reflectively
 * (by class name) or through {@code META-INF/services}.
 */
package org.linearitylab.notebook;
