package org.linearitylab.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.calculus.LinearOperator;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;

/**
 * A network with a non-linear output layer, g(θ; x) = φ(f(θ; x)): the counter-example of Liu, Zhu, Belkin
 * (2020, 2022) where the transition to linearity fails. Its Hessian is
 * <pre>  H_g = φ'(f) H_f + φ''(f) ∇f ∇fᵀ,</pre>
 * and the second term does not shrink with width (∇f = O(1)), so the tangent kernel of g moves by O(1)
 * during training however wide f is. Gradient: ∇g = φ'(f) ∇f. Immutable; shares f's parameters.
 *
 * <pre>{@code
 * var g = NonLinearOutput.of(TwoLayerNet.tanh(1000, 5, 1), Activation.TANH);
 * }</pre>
 */
public final class NonLinearOutput implements DifferentiableModel {
    private final DifferentiableModel inner;
    private final Activation phi;

    private NonLinearOutput(DifferentiableModel inner, Activation phi) {
        this.inner = inner;
        this.phi = phi;
    }

    /** g = φ(f). */
    public static NonLinearOutput of(DifferentiableModel inner, Activation phi) {
        return new NonLinearOutput(Require.notNull("inner", inner), Require.notNull("phi", phi));
    }

    /** The network f inside. */
    public DifferentiableModel inner() {
        return inner;
    }

    /** The output non-linearity φ. */
    public Activation outputActivation() {
        return phi;
    }

    @Override
    public int inputDim() {
        return inner.inputDim();
    }

    @Override
    public int parameterCount() {
        return inner.parameterCount();
    }

    @Override
    public double[] parameters() {
        return inner.parameters();
    }

    @Override
    public NonLinearOutput withParameters(double[] theta) {
        return new NonLinearOutput(inner.withParameters(theta), phi);
    }

    /** φ(f(θ; xⱼ)). */
    @Override
    public double[] outputs(double[][] inputs) {
        double[] f = inner.outputs(inputs);
        for (int j = 0; j < f.length; j++) {
            f[j] = phi.value(f[j]);
        }
        return f;
    }

    /** Row j: φ'(f(θ; xⱼ)) ∇f(θ; xⱼ). */
    @Override
    public INDArray jacobian(double[][] inputs) {
        return inner.jacobian(inputs).muliColumnVector(Nd.array(outputSlopes(inputs)));
    }

    /** Σⱼ cⱼ ∇g(xⱼ) = Σⱼ cⱼ φ'(fⱼ) ∇f(xⱼ), through the inner network's backprop. */
    @Override
    public double[] weightedGradient(double[][] inputs, double[] c) {
        org.linearitylab.core.Require.finiteMatrix("inputs", inputs);
        Require.length("c", c, inputs.length);
        double[] w = outputSlopes(inputs);
        for (int j = 0; j < w.length; j++) {
            w[j] *= c[j];
        }
        return inner.weightedGradient(inputs, w);
    }

    /** K_g(A, B) = diag(φ'(f_A)) K_f(A, B) diag(φ'(f_B)), through the inner network's kernel. */
    @Override
    public INDArray tangentKernel(double[][] a, double[][] b) {
        org.linearitylab.core.Require.finiteMatrix("a", a);
        org.linearitylab.core.Require.finiteMatrix("b", b);
        org.linearitylab.core.Memory.requireKernel(a.length, b.length);
        INDArray k = inner.tangentKernel(a, b);
        return k.muliColumnVector(Nd.array(outputSlopes(a))).muliRowVector(Nd.array(outputSlopes(b)).reshape(1, b.length));
    }

    /** H_g v = φ'(f) H_f v + φ''(f) (∇f·v) ∇f (see {@link #hessian(double[])}). */
    @Override
    public double[] hessianVectorProduct(double[] x, double[] v) {
        Require.length("v", v, parameterCount());
        return hessian(x).apply(v);
    }

    /**
     * H_g = φ'(f) H_f + φ''(f) ∇f ∇fᵀ as an operator: f(x) and ∇f(x) are computed once, and each product is one
     * product of the inner network's Hessian operator (its fast path, e.g. DeepNet's fused one) plus O(P).
     */
    @Override
    public LinearOperator hessian(double[] x) {
        phi.requireSmooth("phi");
        Require.finite("x", x);
        double f = inner.output(x);
        double[] grad = inner.gradient(x);
        LinearOperator h = inner.hessian(x);
        double d1 = phi.derivative(f);
        double d2 = phi.secondDerivative(f);
        int p = parameterCount();
        return new LinearOperator() {
            @Override
            public double[] apply(double[] v) {
                double[] out = new double[p];
                applyInto(v, out);
                return out;
            }

            @Override
            public void applyInto(double[] v, double[] out) {
                Require.length("v", v, p);
                Require.finite("v", v);
                Require.length("out", out, p);
                h.applyInto(v, out);
                double gv = 0;
                for (int i = 0; i < p; i++) {
                    gv += grad[i] * v[i];
                }
                double c = d2 * gv;
                for (int i = 0; i < p; i++) {
                    out[i] = d1 * out[i] + c * grad[i];
                }
            }

            @Override
            public int dimension() {
                return p;
            }
        };
    }

    private double[] outputSlopes(double[][] inputs) {
        double[] f = inner.outputs(inputs);
        for (int j = 0; j < f.length; j++) {
            f[j] = phi.derivative(f[j]);
        }
        return f;
    }

    @Override
    public String toString() {
        return phi.name() + "(" + inner + ")";
    }
}
