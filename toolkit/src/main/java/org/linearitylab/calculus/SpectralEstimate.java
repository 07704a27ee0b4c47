package org.linearitylab.calculus;

import java.util.Locale;

/**
 * An eigenvalue estimate of a symmetric operator, as returned by {@link Lanczos} and {@link PowerIteration}.
 *
 * @param value      the eigenvalue λ (signed); for the spectral norm ‖A‖ = max|λ| use {@link #magnitude()}
 * @param vector     a unit eigenvector estimate v (A v ≈ λ v), or {@code null} when not computed
 * @param iterations the number of operator applications (matrix-vector products) used
 * @param converged  whether the stopping test (relative residual ‖Av − λv‖ ≤ tol·|λ|) was met
 * @param residual   the relative residual ‖Av − λv‖/|λ| at the last check (NaN when not known)
 */
public record SpectralEstimate(double value, double[] vector, int iterations, boolean converged, double residual) {
    /** An estimate whose residual is not known. */
    public SpectralEstimate(double value, double[] vector, int iterations, boolean converged) {
        this(value, vector, iterations, converged, Double.NaN);
    }

    /** |λ|: for {@code largestMagnitude()} estimates this is the spectral norm ‖A‖₂. */
    public double magnitude() {
        return Math.abs(value);
    }

    /**
     * This estimate if it converged; otherwise an {@link ArithmeticException} that says so, with the iterations
     * used and the residual reached — so an unconverged value is never used as if it were the eigenvalue.
     */
    public SpectralEstimate requireConverged() {
        if (!converged) {
            throw new ArithmeticException(String.format(Locale.ROOT,
                    "the eigenvalue estimate did not converge: λ ≈ %.6g after %d iterations, relative residual %.3g "
                            + "above the tolerance; raise withMaxIterations or loosen withTolerance", value, iterations, residual));
        }
        return this;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "λ = %.10g (%d iterations, %s%s)", value, iterations, converged ? "converged" : "NOT converged",
                Double.isNaN(residual) ? "" : String.format(Locale.ROOT, ", relative residual %.2g", residual));
    }
}
