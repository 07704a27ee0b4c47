package org.linearitylab.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A scalar-output model f(θ; x) with parameters θ ∈ ℝᴾ: what training, tangent kernels and
 * linearization need. {@link TwoLayerNet} implements it; so does every deep network in the toolkit.
 */
public interface DifferentiableModel {
    /** The input dimension d. */
    int inputDim();

    /** The number of parameters P. */
    int parameterCount();

    /** A copy of θ. */
    double[] parameters();

    /** The same architecture with parameters θ (length P). */
    DifferentiableModel withParameters(double[] theta);

    /** f(θ; xⱼ) for every row xⱼ of {@code inputs} (n×d). */
    double[] outputs(double[][] inputs);

    /** The n×P Jacobian: row j is ∇_θ f(θ; xⱼ), in float64. */
    INDArray jacobian(double[][] inputs);
}
