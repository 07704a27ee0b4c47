/**
 * Double descent (lecture; Belkin, Hsu, Ma, Mandal 2019): feature maps (Legendre polynomials on [−1, 1],
 * random ReLU and Fourier features), least squares through the thin SVD Φ = U·diag(s)·Vᵀ (never the normal
 * equations) with minimum-norm interpolation β = Φ⁺y for p ≥ n and ridge, the test/train error and ‖β‖ curves
 * against p over seeds, and the closed-form risk of Gaussian-design regression (Belkin, Hsu, Xu 2019).
 *
 * <p>Layer 2 (see {@code LayeringTest}): may import {@code core}, {@code calculus}, {@code data} and {@code experiment}.
 * Results are data; their charts and HTML are in {@code display}.
 */
package org.linearitylab.regression;
