/**
 * Model-agnostic numerical calculus: matrix-free symmetric operators y = A x ({@link
 * org.linearitylab.calculus.LinearOperator}), their extreme eigenvalues by Lanczos and power iteration
 * ({@link org.linearitylab.calculus.SpectralEstimate}), central finite differences (error O(h²) + O(ε/h), the
 * reference every analytic derivative is tested against) and the first-order Taylor remainder of any scalar
 * function, 𝓡(θ) = f(θ) − f(θ₀) − ∇f(θ₀)ᵀ(θ − θ₀) = ½ (θ − θ₀)ᵀ H(ξ) (θ − θ₀) for some ξ on the segment.
 *
 * <p>Layer 1 (see {@code LayeringTest}): may import only {@code core}; nothing here knows about networks.
 */
package org.linearitylab.calculus;
