/**
 * The one sweep engine and the statistics of sweeps: measure named numbers for every (swept value, seed) pair
 * ({@link org.linearitylab.experiment.Sweep} → {@link org.linearitylab.experiment.SweepResult}), summarise the
 * seeds (mean, median, spread; {@link org.linearitylab.experiment.Stats}) and fit scaling laws y ≈ C·x^a as
 * least-squares lines log y = log C + a·log x ({@link org.linearitylab.experiment.LogLogFit}; over seeds, with the
 * slope's 95% interval, {@link org.linearitylab.experiment.SlopeFit}).
 *
 * <p>Seed convention: replicate r of a sweep with base seed b runs with seed b + r, the same at every swept value
 * (a paired comparison across widths; {@code seeds(n)} means b = 0).
 *
 * <p>Layer 1 (see {@code LayeringTest}): may import only {@code core}. Results are data; their charts and HTML are
 * in {@code display}.
 */
package org.linearitylab.experiment;
