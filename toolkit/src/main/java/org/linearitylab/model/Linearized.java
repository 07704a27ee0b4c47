package org.linearitylab.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;
import org.linearitylab.training.GradientDescent;

/**
 * The first-order Taylor model of a network around its parameters θ₀ (neural-tangents' {@code linearize(f, params)}):
 * <pre>  f_lin(θ; x) = f(θ₀; x) + ∇_θ f(θ₀; x) · (θ − θ₀).</pre>
 * It is itself a {@link DifferentiableModel}: linear in θ, with the constant Jacobian J(θ₀), so trained by
 * gradient descent on the square loss it is exactly kernel regression with the fixed kernel K(θ₀)
 * (Lee et al. 2019; Liu, Zhu, Belkin 2020). Comparing it with the network trained from the same start
 * measures how far the network leaves its linear regime.
 *
 * <pre>{@code
 * var lin = Linearized.of(net);                  // f_lin at θ₀ = net.parameters()
 * lin.outputs(x);                                // = net.outputs(x) at θ₀
 * lin.withParameters(theta).outputs(x);          // f(θ₀) + J₀ (θ − θ₀)
 * }</pre>
 *
 * <p>Immutable. f(θ₀; X) is cached for the last few input matrices seen (compared by content), and J(θ₀; X) too
 * once {@link #outputs} at θ ≠ θ₀ or {@link #jacobian} needs it; gradients and kernels go through the base network's
 * backprop and closed-form kernel, so {@link GradientDescent} trains a linearization without ever forming J
 * (it runs in function space, see there).
 */
public final class Linearized implements DifferentiableModel {
    private final DifferentiableModel base;
    /** θ given explicitly, or null: then θ = θ₀ + J₀(X)ᵀa when {@link #dualInputs} is set, else θ = θ₀. */
    private final double[] theta;
    private final double[][] dualInputs;
    private final double[] dualCoefficients;
    private final Cache cache;
    /** θ₀ = base.parameters(), made when first needed (shared by every linearization of the same base). */
    private final double[][] originHolder;

    private Linearized(DifferentiableModel base, double[] theta, double[][] dualInputs, double[] dualCoefficients, Cache cache,
                       double[][] originHolder) {
        this.base = base;
        this.theta = theta;
        this.dualInputs = dualInputs;
        this.dualCoefficients = dualCoefficients;
        this.cache = cache;
        this.originHolder = originHolder;
    }

    /** The linearization of {@code model} at its current parameters θ₀; f_lin starts at θ = θ₀. */
    public static Linearized of(DifferentiableModel model) {
        Require.notNull("model", model);
        if (model instanceof Linearized lin) {
            // linearizing a linear model gives the same linear model, re-centred at its current θ
            return lin;
        }
        return new Linearized(model, null, null, null, new Cache(), new double[1][]);
    }

    /** The network f at θ₀. */
    public DifferentiableModel base() {
        return base;
    }

    private double[] origin0() {
        synchronized (originHolder) {
            if (originHolder[0] == null) {
                originHolder[0] = base.parameters();
            }
            return originHolder[0];
        }
    }

    /** A copy of θ₀. */
    public double[] origin() {
        return origin0().clone();
    }

    @Override
    public int inputDim() {
        return base.inputDim();
    }

    @Override
    public int parameterCount() {
        return base.parameterCount();
    }

    /** θ (a new array; for a point reached by {@link #movedAlong}, θ₀ + J₀(X)ᵀa is formed now, by one backprop). */
    @Override
    public double[] parameters() {
        if (theta != null) {
            return theta.clone();
        }
        double[] out = origin();
        if (dualInputs != null) {
            double[] move = base.weightedGradient(dualInputs, dualCoefficients);
            for (int i = 0; i < out.length; i++) {
                out[i] += move[i];
            }
        }
        return out;
    }

    @Override
    public Linearized withParameters(double[] newTheta) {
        Require.length("theta", newTheta, parameterCount());
        Require.finite("theta", newTheta);
        return new Linearized(base, newTheta.clone(), null, null, cache, originHolder);
    }

    /**
     * The linearization at θ + J₀(X)ᵀa (X = {@code inputs}, n×d; a = {@code coefficients}, n): where gradient descent
     * in function space goes ({@link GradientDescent}), kept as the n numbers a instead of P parameters. Outputs there
     * are f_lin(θ; x) + K₀(x, X) a by the base network's kernel, with no P-sized array; {@link #parameters()} forms θ
     * when asked.
     */
    public Linearized movedAlong(double[][] inputs, double[] coefficients) {
        int d = Require.finiteMatrix("inputs", inputs);
        if (d != inputDim()) {
            throw new IllegalArgumentException("inputs rows must have length " + inputDim() + " (the input dimension d), got " + d);
        }
        Require.length("coefficients", coefficients, inputs.length);
        Require.finite("coefficients", coefficients);
        if (theta == null && dualInputs == null) {
            double[][] copy = new double[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                copy[i] = inputs[i].clone();
            }
            return new Linearized(base, null, copy, coefficients.clone(), cache, originHolder);
        }
        if (theta == null && java.util.Arrays.deepEquals(dualInputs, inputs)) {
            double[] sum = dualCoefficients.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += coefficients[i];
            }
            return new Linearized(base, null, dualInputs, sum, cache, originHolder);
        }
        double[] t = parameters();
        double[] move = base.weightedGradient(inputs, coefficients);
        for (int i = 0; i < t.length; i++) {
            t[i] += move[i];
        }
        return new Linearized(base, t, null, null, cache, originHolder);
    }

    /** f(θ₀; xⱼ) + ∇f(θ₀; xⱼ)·(θ − θ₀) for every row xⱼ. */
    @Override
    public double[] outputs(double[][] inputs) {
        Cache.Entry e = cache.at(base, inputs);
        double[] out = e.f0.clone();
        if (theta == null) {
            if (dualInputs != null) { // J₀(x)·J₀(X)ᵀa = K₀(x, X) a
                double[] step = base.tangentKernel(inputs, dualInputs).mmul(Nd.array(dualCoefficients)).data().asDouble();
                for (int j = 0; j < out.length; j++) {
                    out[j] += step[j];
                }
            }
            return out;
        }
        double[] origin = origin0();
        double[] delta = new double[theta.length];
        boolean moved = false;
        for (int i = 0; i < delta.length; i++) {
            delta[i] = theta[i] - origin[i];
            moved |= delta[i] != 0;
        }
        if (moved) {
            double[] step = e.j0(base).mmul(Nd.array(delta)).data().asDouble();
            for (int j = 0; j < out.length; j++) {
                out[j] += step[j];
            }
        }
        return out;
    }

    /** The constant Jacobian J(θ₀) (a copy), whatever θ is. */
    @Override
    public INDArray jacobian(double[][] inputs) {
        return cache.at(base, inputs).j0(base).dup();
    }

    /** J(θ₀)ᵀ c, whatever θ is: the base network's backprop at θ₀ (no Jacobian is formed). */
    @Override
    public double[] weightedGradient(double[][] inputs, double[] c) {
        org.linearitylab.core.Require.finiteMatrix("inputs", inputs);
        Require.length("c", c, inputs.length);
        return base.weightedGradient(inputs, c);
    }

    /** K(θ₀) on A×B, whatever θ is: the linearization's kernel is frozen at the start. */
    @Override
    public INDArray tangentKernel(double[][] a, double[][] b) {
        org.linearitylab.core.Require.finiteMatrix("a", a);
        org.linearitylab.core.Require.finiteMatrix("b", b);
        org.linearitylab.core.Memory.requireKernel(a.length, b.length);
        return base.tangentKernel(a, b);
    }

    /** H = 0: the linearization is affine in θ. */
    @Override
    public double[] hessianVectorProduct(double[] x, double[] v) {
        Require.finite("x", x);
        Require.length("x", x, inputDim());
        Require.length("v", v, parameterCount());
        Require.finite("v", v);
        return new double[parameterCount()];
    }

    /** ‖H‖ = 0 exactly, with no products. */
    @Override
    public org.linearitylab.calculus.SpectralEstimate hessianNorm(double[] x, int maxIterations, double tolerance) {
        Require.finite("x", x);
        Require.length("x", x, inputDim());
        Require.positive("maxIterations", maxIterations);
        Require.inRange("tolerance", tolerance, 1e-14, 0.5);
        return new org.linearitylab.calculus.SpectralEstimate(0, null, 0, true);
    }

    /** ‖H‖ = 0 exactly. */
    @Override
    public double hessianNorm(double[] x) {
        Require.finite("x", x);
        Require.length("x", x, inputDim());
        return 0;
    }

    @Override
    public String toString() {
        return "Linearized(" + base + ")";
    }

    /** f(θ₀; X), and J(θ₀; X) once it is first needed, for the last few input matrices seen (compared by content). */
    private static final class Cache {
        private static final int CAPACITY = 4;

        private static final class Entry {
            final double[][] inputs;
            final double[] f0;
            private INDArray j0;

            Entry(double[][] inputs, double[] f0) {
                this.inputs = inputs;
                this.f0 = f0;
            }

            synchronized INDArray j0(DifferentiableModel base) {
                if (j0 == null) {
                    j0 = base.jacobian(inputs);
                }
                return j0;
            }
        }

        private final java.util.ArrayDeque<Entry> entries = new java.util.ArrayDeque<>();

        synchronized Entry at(DifferentiableModel base, double[][] inputs) {
            for (Entry e : entries) {
                if (e.inputs == inputs || java.util.Arrays.deepEquals(e.inputs, inputs)) {
                    return e;
                }
            }
            double[][] copy = new double[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                copy[i] = inputs[i].clone();
            }
            Entry e = new Entry(copy, base.outputs(inputs));
            if (entries.size() == CAPACITY) {
                entries.removeLast();
            }
            entries.addFirst(e);
            return e;
        }
    }
}
