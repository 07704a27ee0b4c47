package org.linearitylab.calculus;

import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;







/**
 * The eigenvalue of largest magnitude of a symmetric matrix-free operator by power iteration:
 * v ← A v / ‖A v‖. Simple and memory-light (two vectors), but slow when |λ₁| ≈ |λ₂|, and it cannot
 * separate λ from −λ when both are eigenvalues (then {@code converged} stays false unless the residual
 * test passes). Prefer {@link Lanczos}; this is the baseline it is compared with.
 *
 * <p>Stopping test: relative residual ‖A v − λ v‖ ≤ tolerance·|λ| with λ = vᵀAv (Rayleigh quotient), reported in
 * {@link SpectralEstimate#residual()}. An operator that returns NaN or ±∞ is an {@link IllegalArgumentException}
 * naming the iteration and index; reaching the iteration limit first is reported as not converged
 * ({@link SpectralEstimate#requireConverged()} makes that an error).
 */
public final class PowerIteration {
    /** Default relative residual tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-8;
    /** Default maximum number of iterations. */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;

    private final LinearOperator operator;
    private final int dimension;
    private final int maxIterations;
    private final double tolerance;
    private final long seed;

    private PowerIteration(LinearOperator operator, int dimension, int maxIterations, double tolerance, long seed) {
        this.operator = operator;
        this.dimension = dimension;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.seed = seed;
    }

    /** Power iteration on an operator that reports its dimension. */
    public static PowerIteration of(LinearOperator operator) {
        Require.notNull("operator", operator);
        if (operator.dimension() < 1) {
            throw new IllegalArgumentException("operator must report its dimension (≥ 1); use PowerIteration.of(operator, dimension)");
        }
        return of(operator, operator.dimension());
    }

    /** Power iteration on an operator of dimension n ≥ 1. */
    public static PowerIteration of(LinearOperator operator, int dimension) {
        Require.notNull("operator", operator);
        return new PowerIteration(operator, Require.positive("dimension", dimension), DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, 0L);
    }

    public PowerIteration withMaxIterations(int k) {
        return new PowerIteration(operator, dimension, Require.positive("maxIterations", k), tolerance, seed);
    }

    public PowerIteration withTolerance(double tol) {
        return new PowerIteration(operator, dimension, maxIterations, Require.positive("tolerance", tol), seed);
    }

    public PowerIteration withSeed(long s) {
        return new PowerIteration(operator, dimension, maxIterations, tolerance, s);
    }

    /** The eigenvalue of largest |λ| (signed Rayleigh quotient) and its eigenvector. */
    public SpectralEstimate largestMagnitude() {
        double[] v = Rng.seed(seed).unitVector(dimension);
        double lambda = 0;
        double rel = Double.NaN;
        for (int k = 1; k <= maxIterations; k++) {
            double[] w = operator.apply(v);
            Require.length("operator output", w, dimension);
            lambda = Vectors.dot(v, w);
            double norm = Vectors.norm(w);
            if (!Double.isFinite(lambda) || !Double.isFinite(norm)) {
                for (int i = 0; i < dimension; i++) {
                    if (!Double.isFinite(w[i])) {
                        throw new IllegalArgumentException("operator output[" + i + "] is " + w[i] + " at iteration " + k
                                + ": the operator must return finite values (check the model's parameters and inputs for NaN/∞ or overflow)");
                    }
                }
                throw new IllegalArgumentException("operator output overflows (norm " + norm + ") at iteration " + k
                        + ": the operator must return finite values of moderate size; scale it down");
            }
            double res2 = 0;
            for (int i = 0; i < dimension; i++) {
                double r = w[i] - lambda * v[i];
                res2 += r * r;
            }
            if (norm == 0) {
                return new SpectralEstimate(0, v, k, true, 0);
            }
            rel = Math.sqrt(res2) / Math.max(Math.abs(lambda), Double.MIN_NORMAL);
            if (rel <= tolerance) {
                return new SpectralEstimate(lambda, v, k, true, rel);
            }
            Vectors.scale(w, 1 / norm);
            v = w;
        }
        return new SpectralEstimate(lambda, v, maxIterations, false, rel);
    }

    /** One line: the settings. */
    @Override
    public String toString() {
        return "PowerIteration on a " + dimension + "-dimensional operator, at most " + maxIterations + " products, tolerance "
                + tolerance + ", seed " + seed;
    }
}
