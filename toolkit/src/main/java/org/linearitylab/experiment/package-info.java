/**
 * The one sweep engine and the statistics of sweeps: measure named numbers for every (swept value, seed) pair
 * ({@link org.linearitylab.experiment.Sweep} → {@link org.linearitylab.experiment.SweepResult}: per-row values,
 * mean, median, quantiles and spread over seeds; {@link org.linearitylab.experiment.Stats}) and fit scaling laws
 * y ≈ C·x^slope as least-squares lines through (log x, log y) — {@link org.linearitylab.experiment.LogLogFit}
 * (commons-math3's SimpleRegression: slope, its standard error and 95% interval) for one curve,
 * {@link org.linearitylab.experiment.SlopeFit} (one fit per seed, Student-t interval over seeds) for an exponent
 * measured on random draws.
 *
 * <p><b>Seed convention</b> (in one place, {@link org.linearitylab.experiment.Seeds}): replicate r of a sweep with
 * base seed b runs with seed b + r, the same at every swept value (paired comparison across widths;
 * {@code seeds(n)} means b = 0). Secondary random streams inside one run — subsets (seed + 7919·i + j), fresh test
 * points (seed + 7 777 777), random features (seed · 1 000 003) — are derived from the run's seed by {@code Seeds}.
 *
 * <p>Results here are plain data; their charts and HTML views are in {@code display} (SweepCharts, SpreadChart).
 * Imports {@code core} only (layer 1).
 */
package org.linearitylab.experiment;
