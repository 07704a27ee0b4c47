/**
 * Model-agnostic numerical calculus: matrix-free symmetric operators y = A x ({@link
 * org.linearitylab.calculus.LinearOperator}), their extreme eigenvalues by Lanczos and power iteration
 * ({@link org.linearitylab.calculus.SpectralEstimate}), central finite differences (error O(h²), the reference
 * every analytic derivative is tested against) and the first-order Taylor remainder
 * 𝓡(θ) = f(θ) − f(θ₀) − ∇f(θ₀)ᵀ(θ − θ₀) of any scalar function.
 *
 * <p>Imports only the root package: nothing here knows about networks.
 */
package org.linearitylab.calculus;
