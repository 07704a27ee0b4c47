/**
 * The assembly models of the paper's Section 2 (Eq. 4): f(θ; x) = (1/s(m)) Σᵢ vᵢ gᵢ(wᵢ; x), sub-models with
 * private parameters, so the Hessian is (1/s(m)) Σᵢ vᵢ H_{gᵢ} (Observation 1) and block-diagonal
 * (Observation 2). Theorem 1's bound βR²/(2s(m)) on the Taylor remainder, the weights vᵢ (1, ±1 or Gaussian,
 * Appendix A) and the remainder measured on spheres ‖θ − θ₀‖ = R.
 *
 * <p>Imports the root package, {@code calculus}, {@code model} and, for charts, {@code notebook}.
 */
package org.linearitylab.model.assembly;
