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

    /**
     * ∇_θ Σⱼ cⱼ f(θ; xⱼ) = Jᵀc, length P — e.g. the gradient of the square loss with c = f − y. The default
     * builds the n×P {@link #jacobian}; models with batched backprop override it to skip that matrix.
     */
    default double[] weightedGradient(double[][] inputs, double[] c) {
        org.linearitylab.core.Require.finiteMatrix("inputs", inputs);
        org.linearitylab.core.Require.length("c", c, inputs.length);
        return jacobian(inputs).transpose().mmul(org.linearitylab.core.Nd.array(c)).data().asDouble();
    }

    /**
     * The tangent kernel K = J Jᵀ on {@code inputs} (n×n): Kⱼₖ = ∇_θ f(θ; xⱼ) · ∇_θ f(θ; xₖ). Same as
     * {@code tangentKernel(inputs, inputs)}.
     */
    default INDArray tangentKernel(double[][] inputs) {
        org.linearitylab.core.Require.finiteMatrix("inputs", inputs);
        return tangentKernel(inputs, inputs);
    }

    /**
     * The cross tangent kernel K(A, B) = J_A J_Bᵀ (a×b): entry (j, k) is ∇_θ f(θ; aⱼ) · ∇_θ f(θ; bₖ). The default
     * builds both Jacobians (O(nP) memory); networks override it with the layer-wise closed form
     * Σₗ (Δₗᴬ Δₗᴮᵀ) ∘ (Inₗᴬ Inₗᴮᵀ) / Fₗ, which never forms a Jacobian.
     */
    default INDArray tangentKernel(double[][] a, double[][] b) {
        org.linearitylab.core.Require.finiteMatrix("a", a);
        org.linearitylab.core.Require.finiteMatrix("b", b);
        org.linearitylab.core.Memory.requireKernel(a.length, b.length);
        INDArray ja = jacobian(a);
        INDArray jb = a == b ? ja : jacobian(b);
        return ja.mmul(jb.transpose());
    }
}
