/**
 * The JJava kernel integration: an extension that JJava installs from {@code META-INF/services} when the toolkit
 * jar joins the classpath, and that registers {@code notebook.Renderings} with the kernel's renderer and the
 * in-place progress display. Compiled against jjava-jupyter (a provided dependency: the kernel brings it).
 *
 * <p>Layer 8 (see {@code LayeringTest}): may import every lower layer (it uses {@code core} and {@code notebook});
 * nothing in the toolkit imports it.
 */
package org.linearitylab.notebook.jjava;
