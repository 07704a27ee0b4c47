/**
 * The assembly models of the paper's Section 2 (Eq. 4): f(θ; x) = (1/s(m)) Σᵢ vᵢ gᵢ(wᵢ; x), m sub-models with
 * private parameters, so the Hessian is (1/s(m)) Σᵢ vᵢ H_{gᵢ} (Observation 1) and block-diagonal
 * (Observation 2), ‖H‖ = maxᵢ |vᵢ| ‖H_{gᵢ}‖ / s(m); Theorem 1's bound |𝓡(θ)| ≤ βR²/(2s(m)) on the ball
 * ‖θ − θ₀‖ ≤ R; the weights vᵢ (1, ±1 or Gaussian, Appendix A) and the scaling s(m).
 *
 * <p>Layer 3 (see {@code LayeringTest}): may import {@code core}, {@code calculus}, {@code data}, {@code experiment},
 * {@code model} and {@code regression}.
 */
package org.linearitylab.model.assembly;
