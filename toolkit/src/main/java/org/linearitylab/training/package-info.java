/**
 * Training on the square loss L(θ) = ½ Σⱼ (f(θ; xⱼ) − yⱼ)²: full-batch gradient descent and SGD, runs recorded
 * as data (loss, ‖θ − θ₀‖, tangent-kernel drift ‖K_t − K₀‖/‖K₀‖, λ_min(K_t) for the PL condition), the
 * linearized model f_lin(θ) = f(θ₀) + ∇f(θ₀)ᵀ(θ − θ₀) trained beside the network, and sweeps of both over width.
 *
 * <p>Imports the root package, {@code model}, {@code experiment} and, for charts, {@code notebook}.
 */
package org.linearitylab.training;
