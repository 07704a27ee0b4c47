/**
 * What the notebooks see: charts in one house style on XChart ({@link org.linearitylab.display.Plots},
 * {@link org.linearitylab.display.HeatMaps}), HTML tables on tablesaw-html ({@link
 * org.linearitylab.display.Tables}), number formatting, results that render themselves as HTML
 * ({@link org.linearitylab.display.Html}), in-notebook assertions for key numbers ({@link
 * org.linearitylab.notebook.Checks}) and exercise checks with feedback for the homework ({@link
 * org.linearitylab.notebook.Check}, {@link org.linearitylab.notebook.Feedback}).
 *
 * <p>Imports {@code experiment} (to show sweep results); no other toolkit package.
 */
package org.linearitylab.notebook;
