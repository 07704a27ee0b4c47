/**
 * Linearity Lab's toolkit: the measurements behind the lecture "Over-parameterization &amp; Transition to
 * Linearity of Neural Networks" and the paper of Liu, Zhu and Belkin (ICLR 2022).
 *
 * <p>This root package holds what every other package uses: {@link org.linearitylab.Lab} (float64 ND4J set-up,
 * array helpers), {@link org.linearitylab.core.Rng} (seeded random numbers: the same seed gives the same numbers)
 * and {@link org.linearitylab.core.Require} (argument checks whose messages name the argument and its allowed range).
 * It imports no other toolkit package.
 */
package org.linearitylab;
