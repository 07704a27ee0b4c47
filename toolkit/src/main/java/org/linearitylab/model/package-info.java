/**
 * The models: activations σ with σ' and σ'' ({@link org.linearitylab.model.Activation}), the two-layer network
 * f(x) = (1/√m) Σᵢ vᵢ σ(wᵢᵀx) of the lecture and paper Eq. 7 ({@link org.linearitylab.model.TwoLayerNet}), the
 * deep network of paper Eq. 8 with any widths, bottlenecks and DenseNet connections
 * ({@link org.linearitylab.model.DeepNet}), a non-linear output layer g = φ(f) (the counter-example), and the
 * common interface {@link org.linearitylab.model.DifferentiableModel}: outputs, gradients, Jacobians,
 * Hessian-vector products and tangent kernels.
 *
 * <p>Imports the root package and {@code calculus}.
 */
package org.linearitylab.model;
