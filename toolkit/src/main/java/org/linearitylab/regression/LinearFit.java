package org.linearitylab.regression;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.core.Nd;

/**
 * A fitted linear model in feature space, ŷ = Φ·β, with how it was obtained.
 *
 * @param beta   p×c coefficients (c = 1 for a scalar target, 10 for one-hot digits)
 * @param rank   number of singular values of Φ that were used (above the cutoff); p for full column rank
 * @param lambda ridge penalty λ (0 for least squares / minimum-norm interpolation)
 */
public record LinearFit(INDArray beta, int rank, double lambda) {

    /** Predictions Φ·β for a feature matrix Φ (m×p, same p as the fit). */
    public INDArray predict(INDArray phi) {
        LeastSquares.requireMatrix("phi", phi);
        if (phi.columns() != beta.rows()) {
            throw new IllegalArgumentException("phi has " + phi.columns() + " columns but the fit has p = " + beta.rows() + " coefficients");
        }
        Nd.init();
        return phi.mmul(beta);
    }

    /** Number of features p. */
    public int features() {
        return (int) beta.rows();
    }

    /** The Euclidean (Frobenius, for several outputs) norm ‖β‖. */
    public double norm() {
        return beta.norm2Number().doubleValue();
    }

    /** β as a plain array (first output column). */
    public double[] coefficients() {
        return beta.getColumn(0).toDoubleVector();
    }
}
