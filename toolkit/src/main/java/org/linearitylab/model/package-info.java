/**
 * The models: activations σ with σ' and σ'' ({@link org.linearitylab.model.Activation}), the two-layer network
 * f(θ; x) = (1/√m) Σᵢ vᵢ σ(wᵢᵀx) of the lecture and paper Eq. 7 ({@link org.linearitylab.model.TwoLayerNet}), the
 * deep network of paper Eq. 8, ã⁽ˡ⁾ = W⁽ˡ⁾ α⁽ˡ⁻¹⁾ / √mₗ₋₁, α⁽ˡ⁾ = σ(ã⁽ˡ⁾) ({@link org.linearitylab.model.DeepNet}),
 * a non-linear output g = φ(f) (the counter-example), the linearization
 * f_lin(θ) = f(θ₀) + ∇f(θ₀)ᵀ(θ − θ₀), and the interface they share,
 * {@link org.linearitylab.model.DifferentiableModel}: output, gradient, Jacobian, Hessian-vector product.
 *
 * <p>Layer 2 (see {@code LayeringTest}): may import {@code core}, {@code calculus}, {@code data} and {@code experiment}.
 */
package org.linearitylab.model;
