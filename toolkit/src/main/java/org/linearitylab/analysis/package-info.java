/**
 * Measurements of a model: Hessian norms and Taylor remainders of deep nets (Theorems 2 and 4), Gram matrices of
 * neuron gradients and their mean |cos| (Theorem 3, Figure 3), the geometry of one neuron, tangent kernels
 * K = J Jᵀ, and Theorem 1 measured on an assembly model: the remainder 𝓡(θ) = f(θ) − f(θ₀) − ∇f(θ₀)ᵀ(θ − θ₀)
 * on spheres ‖θ − θ₀‖ = R and on the ball against βR²/(2s(m)), and the proof evaluated line by line.
 *
 * <p>Layer 4 (see {@code LayeringTest}): may import {@code core}, {@code calculus}, {@code data}, {@code experiment},
 * {@code model}, {@code regression} and {@code model.assembly}. Results are data (records with {@code toString()}
 * and Tablesaw tables of their numbers); their charts and HTML are in {@code display}.
 */
package org.linearitylab.analysis;
