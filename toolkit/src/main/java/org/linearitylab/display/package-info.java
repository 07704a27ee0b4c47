/**
 * Everything that draws: chart primitives in one house style on XChart ({@link org.linearitylab.display.Plots},
 * with the one palette {@code Plots.color(k)} / {@code Plots.faint(c, alpha)}), heat maps
 * ({@link org.linearitylab.display.HeatMaps}), tables as HTML on tablesaw-html ({@link org.linearitylab.display.Tables}),
 * number formatting of table columns ({@link org.linearitylab.display.Formatting}), and one class per area that
 * turns results into charts and HTML ({@code AssemblyCharts.chart(scan)}, …). {@link org.linearitylab.display.Views}
 * is the one list mapping a result type to its HTML view; the notebook renderers register every entry.
 *
 * <p>Layer 6 (see {@code LayeringTest}): may import every lower layer, so it can take any result; below it nothing
 * imports XChart, AWT or Tablesaw's writers. Only this layer and {@code notebook} implement
 * {@link org.linearitylab.display.Html}.
 */
package org.linearitylab.display;
