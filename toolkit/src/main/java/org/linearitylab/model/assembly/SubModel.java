package org.linearitylab.model.assembly;

import org.linearitylab.calculus.FiniteDifferences;
import org.linearitylab.calculus.Lanczos;
import org.linearitylab.calculus.LinearOperator;
import org.linearitylab.calculus.SpectralEstimate;
import org.linearitylab.core.Require;
import org.linearitylab.model.Activation;







/**
 * A sub-model gᵢ(wᵢ; x) of the paper's Section 2: a scalar function of its own parameters w ∈ ℝᵖ and an
 * input x ∈ ℝᵈ, with gradient ∇_w g and Hessian-vector product H_g u. The {@link AssemblyModel} combines m
 * of them, each with its own private copy of the parameters (independence, paper Eq. 2).
 *
 * <p>Built-ins: {@link #neuron} (g = u σ(wᵀx), the two-layer network's neuron, paper Eq. 7) and
 * {@link #fixedNeuron} (g = σ(wᵀx), output weight fixed outside the sub-model). Plug in your own with
 * {@link #of} (three lambdas: output, gradient, Hessian-vector product) or {@link #fromOutput} (only the
 * output; derivatives by central finite differences, for quick experiments).
 *
 * <p>The arrays passed in (w, x, u) may be reused by the caller after the call returns: read them, never keep them.
 *
 * <pre>{@code
 * SubModel sine = SubModel.of("sin(w·x)", 2, 2,
 *     (w, x) -> Math.sin(w[0] * x[0] + w[1] * x[1]),
 *     (w, x) -> { double c = Math.cos(w[0] * x[0] + w[1] * x[1]); return new double[]{c * x[0], c * x[1]}; },
 *     (w, x, u) -> { double s = -Math.sin(w[0] * x[0] + w[1] * x[1]) * (u[0] * x[0] + u[1] * x[1]);
 *                    return new double[]{s * x[0], s * x[1]}; });
 * }</pre>
 */
public interface SubModel {
    /** g(w; x). */
    @FunctionalInterface
    interface Output {
        double at(double[] w, double[] x);
    }

    /** ∇_w g(w; x), length p. */
    @FunctionalInterface
    interface Gradient {
        double[] at(double[] w, double[] x);
    }

    /** H_g(w; x) u = ∇²_w g(w; x) u, length p. */
    @FunctionalInterface
    interface HessianVectorProduct {
        double[] at(double[] w, double[] x, double[] u);
    }

    /** A short name for tables and charts. */
    String name();

    /** The number p ≥ 1 of parameters of one sub-model. */
    int parameterCount();

    /** The input dimension d ≥ 1. */
    int inputDim();

    /** g(w; x). */
    double output(double[] w, double[] x);

    /** ∇_w g(w; x), a new array of length p. */
    double[] gradient(double[] w, double[] x);

    /** H_g(w; x) u, a new array of length p. */
    double[] hessianVectorProduct(double[] w, double[] x, double[] u);

    /**
     * The eigenvalue of H_g(w; x) of largest magnitude and its unit eigenvector. Default: Lanczos on the
     * p×p operator u ↦ H_g u (exact after ≤ p steps). Built-in neurons override it with a closed form.
     */
    default SpectralEstimate hessianTop(double[] w, double[] x) {
        LinearOperator op = LinearOperator.of(parameterCount(), u -> hessianVectorProduct(w, x, u));
        return Lanczos.of(op).withTolerance(1e-12).largestMagnitude();
    }

    /** ‖H_g(w; x)‖₂, the sub-model's curvature at w. */
    default double hessianNorm(double[] w, double[] x) {
        return hessianTop(w, x).magnitude();
    }

    /**
     * β of Assumption 2 on the ball ‖w' − w‖ ≤ radius: an upper bound on ‖H_g(w'; x)‖ there, or NaN when the
     * sub-model cannot give one (then pass β to the bound yourself). Built-in neurons give a rigorous bound.
     */
    default double smoothness(double[] w, double radius, double[] x) {
        return Double.NaN;
    }

    /** g = u σ(wᵀx) with parameters (w ∈ ℝᵈ, u) laid out as [w₁…w_d, u], p = d + 1 (σ must be smooth). */
    static SubModel neuron(Activation sigma, int inputDim) {
        org.linearitylab.core.Require.notNull("sigma (the activation)", sigma);
        return new Neuron(sigma, inputDim, true);
    }

    /** g = σ(wᵀx) with parameters w ∈ ℝᵈ, p = d (σ must be smooth). */
    static SubModel fixedNeuron(Activation sigma, int inputDim) {
        org.linearitylab.core.Require.notNull("sigma (the activation)", sigma);
        return new Neuron(sigma, inputDim, false);
    }

    /**
     * Your own sub-model from three functions. Every call is checked: a gradient or Hessian-vector product of
     * the wrong length throws an IllegalArgumentException naming it.
     */
    static SubModel of(String name, int parameterCount, int inputDim, Output output, Gradient gradient, HessianVectorProduct hessianVectorProduct) {
        Require.notNull("name", name);
        Require.positive("parameterCount", parameterCount);
        Require.positive("inputDim", inputDim);
        Require.notNull("output", output);
        Require.notNull("gradient", gradient);
        Require.notNull("hessianVectorProduct", hessianVectorProduct);
        return new SubModel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int parameterCount() {
                return parameterCount;
            }

            @Override
            public int inputDim() {
                return inputDim;
            }

            @Override
            public double output(double[] w, double[] x) {
                return output.at(w, x);
            }

            @Override
            public double[] gradient(double[] w, double[] x) {
                double[] g = gradient.at(w, x);
                if (g == null || g.length != parameterCount) {
                    throw new IllegalArgumentException("gradient of sub-model '" + name + "' must have length " + parameterCount
                            + " (its parameter count), got " + (g == null ? "null" : g.length));
                }
                return g;
            }

            @Override
            public double[] hessianVectorProduct(double[] w, double[] x, double[] u) {
                double[] h = hessianVectorProduct.at(w, x, u);
                if (h == null || h.length != parameterCount) {
                    throw new IllegalArgumentException("hessianVectorProduct of sub-model '" + name + "' must have length " + parameterCount
                            + " (its parameter count), got " + (h == null ? "null" : h.length));
                }
                return h;
            }

            @Override
            public String toString() {
                return "SubModel(" + name + ", p=" + parameterCount + ", d=" + inputDim + ")";
            }
        };
    }

    /**
     * A sub-model from its value only: gradient by central finite differences (step 1e-5, error ~1e-10) and
     * Hessian-vector product by differencing that gradient (step 1e-4, error ~1e-7 for O(1) curvature):
     * enough to explore, not to test against.
     */
    static SubModel fromOutput(String name, int parameterCount, int inputDim, Output output) {
        Require.notNull("output", output);
        return of(name, parameterCount, inputDim, output,
                (w, x) -> FiniteDifferences.gradient(t -> output.at(t, x), w),
                (w, x, u) -> FiniteDifferences.hessianVectorProduct(t -> FiniteDifferences.gradient(s -> output.at(s, x), t), w, u, 1e-4));
    }
}
