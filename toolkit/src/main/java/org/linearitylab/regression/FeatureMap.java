package org.linearitylab.regression;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;

/**
 * A feature map x ↦ φ(x) ∈ ℝᵖ applied row by row: an n×d input matrix becomes the n×p feature matrix Φ.
 * Implementations: {@link Legendre} (d = 1), {@link RandomFeatures} (random ReLU, random Fourier).
 */
public interface FeatureMap {
    /** Input dimension d. */
    int inputDim();

    /** Number of features p. */
    int features();

    /** Φ (n×p) for inputs x (n×d, finite). */
    INDArray apply(INDArray x);

    /** Φ for inputs given as rows. */
    default INDArray apply(double[][] x) {
        int d = Require.finiteMatrix("x", x);
        if (d != inputDim()) {
            throw new IllegalArgumentException("x has " + d + " columns but the feature map takes d = " + inputDim() + " inputs");
        }
        return apply(Nd.matrix(x));
    }
}
