package org.linearitylab.calculus;

/**
 * An eigenvalue estimate of a symmetric operator, as returned by {@link Lanczos} and {@link PowerIteration}.
 *
 * @param value      the eigenvalue λ (signed); for the spectral norm ‖A‖ = max|λ| use {@link #magnitude()}
 * @param vector     a unit eigenvector estimate v (A v ≈ λ v), or {@code null} when not computed
 * @param iterations the number of operator applications (matrix-vector products) used
 * @param converged  whether the stopping test (relative residual ‖Av − λv‖ ≤ tol·|λ|) was met
 */
public record SpectralEstimate(double value, double[] vector, int iterations, boolean converged) {
    /** |λ|: for {@code largestMagnitude()} estimates this is the spectral norm ‖A‖₂. */
    public double magnitude() {
        return Math.abs(value);
    }

    @Override
    public String toString() {
        return String.format("λ = %.10g (%d iterations, %s)", value, iterations, converged ? "converged" : "NOT converged");
    }
}
