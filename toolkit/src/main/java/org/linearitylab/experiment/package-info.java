/**
 * Sweeps and the statistics of sweeps: measure named numbers for every (swept value, seed) pair
 * ({@link org.linearitylab.experiment.Sweep}, {@link org.linearitylab.experiment.SweepResult}), summarise the
 * seeds (mean, median, spread; {@link org.linearitylab.experiment.Stats}) and fit scaling laws y ≈ C·x^slope
 * as least-squares lines through (log x, log y) ({@link org.linearitylab.experiment.LogLogFit}).
 *
 * <p>Imports the root package and, for charts and tables, {@code notebook}.
 */
package org.linearitylab.experiment;
