/**
 * Measurements of deep networks ({@link org.linearitylab.model.DeepNet}) for the paper's Section 3:
 * Gram matrices of neuron gradients by the recursion Kₗ = (‖α⁽ˡ⁻¹⁾‖²/mₗ₋₁) I + (1/mₗ₋₁) W⁽ˡ⁾ Gₗ₋₁ W⁽ˡ⁾ᵀ,
 * Gₗ = Dₗ Kₗ Dₗ (Theorem 3, Lemma 1), the mean |cos| between neuron gradients of a layer (Appendix B,
 * Figure 3) exactly or on a random subset of neurons, and second-order measurements (Hessian norms,
 * quadratic terms, Theorem 4).
 *
 * <p>Imports the root package, {@code calculus}, {@code model}, {@code experiment} and, for charts,
 * {@code notebook}.
 */
package org.linearitylab.calculus.deep;
