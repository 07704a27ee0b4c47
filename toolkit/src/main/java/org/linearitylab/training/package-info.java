/**
 * Training on the square loss L(θ) = ½ Σⱼ (f(θ; xⱼ) − yⱼ)²: full-batch gradient descent
 * θ_{t+1} = θ_t − η J(θ_t)ᵀ (f(θ_t) − y) and SGD, runs recorded as data (loss, ‖θ − θ₀‖, tangent-kernel drift
 * ‖K_t − K₀‖/‖K₀‖, λ_min(K_t) for the PL inequality ‖∇L‖² ≥ 2 λ_min(K) L), the linearized model trained beside the
 * network, and sweeps of both over width.
 *
 * <p>Layer 5 (see {@code LayeringTest}): may import every lower layer ({@code core}, {@code calculus}, {@code data},
 * {@code experiment}, {@code model}, {@code regression}, {@code model.assembly}, {@code analysis}). Results are
 * data; their charts and HTML are in {@code display}.
 */
package org.linearitylab.training;
