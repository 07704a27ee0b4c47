/**
 * What every other package stands on: seeded random numbers ({@link org.linearitylab.core.Rng}: the same seed
 * gives the same numbers on every machine), argument checks whose messages name the argument and its allowed
 * range ({@link org.linearitylab.core.Require}), the memory budget asked before every allocation that grows with the
 * user's sizes ({@link org.linearitylab.core.Memory}), the float64 ND4J set-up and array helpers
 * ({@link org.linearitylab.core.Nd}, {@link org.linearitylab.core.Blas}), progress of long computations
 * ({@link org.linearitylab.core.Progress}) and one-line text forms of results ({@link org.linearitylab.core.Describe}).
 *
 * <p>Layer 0 (see {@code LayeringTest}): imports no other toolkit package. The live progress display of a kernel
 * is a hook ({@code Progress.useLiveDisplay}) that the notebook layer installs, so nothing here points up.
 */
package org.linearitylab.core;
