/**
 * Double descent (lecture; Belkin, Hsu, Ma, Mandal 2019): feature maps (Legendre polynomials on [−1, 1],
 * random ReLU and Fourier features), least squares through the thin SVD (never the normal equations) with
 * minimum-norm interpolation β = Φ⁺y for p ≥ n and ridge, the test/train error and ‖β‖ curves against p over
 * seeds, and the closed-form risk of Gaussian-design regression (Belkin, Hsu, Xu 2019).
 *
 * <p>Imports the root package, {@code data} and, for charts, {@code notebook}.
 */
package org.linearitylab.regression;
