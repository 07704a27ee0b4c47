package org.linearitylab.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;

/**
 * The two-layer network of the lecture and the paper (Eq. 7):
 * <pre>  f(θ; x) = (1/√m) Σᵢ vᵢ σ(wᵢ·x),   θ = (W, v),  W ∈ ℝ^{m×d},  v ∈ ℝ^m,</pre>
 * with W and v initialised i.i.d. N(0,1) from a seed.
 *
 * <p>Immutable. The flat parameter vector is laid out as {@code [w₁ (d entries), …, w_m, v₁, …, v_m]}
 * (row-major W, then v), length m·(d+1). Each neuron i is a sub-model gᵢ = vᵢσ(wᵢ·x) that owns
 * (wᵢ, vᵢ): no parameter is shared between neurons.
 *
 * <pre>{@code
 * var net = TwoLayerNet.builder().width(1000).inputDim(1).activation(Activation.TANH).seed(7).build();
 * double y = net.output(new double[]{0.5});
 * }</pre>
 */
public final class TwoLayerNet implements DifferentiableModel {
    /** Relative singular-value cutoff of {@link #withFittedOutputLayer}. */
    public static final double FIT_CUTOFF = 1e-10;

    private final int width;
    private final int inputDim;
    private final Activation activation;
    private final double[] w; // m×d row-major
    private final double[] v; // m
    private final INDArray wMatrix;
    private final INDArray vColumn;

    private TwoLayerNet(int width, int inputDim, Activation activation, double[] w, double[] v) {
        this.width = width;
        this.inputDim = inputDim;
        this.activation = activation;
        this.w = w;
        this.v = v;
        this.wMatrix = Nd.matrix(w, width, inputDim);
        this.vColumn = Nd.array(v);
    }

    /** A builder: width m, input dimension d (default 1), activation (default tanh), seed (default 0). */
    public static Builder builder() {
        return new Builder();
    }

    /** A tanh network of width m on inputs of dimension d, initialised from {@code seed}. */
    public static TwoLayerNet tanh(int width, int inputDim, long seed) {
        return builder().width(width).inputDim(inputDim).activation(Activation.TANH).seed(seed).build();
    }

    /** A network with explicit weights: W given as m rows of length d, v of length m. */
    public static TwoLayerNet of(Activation activation, double[][] weights, double[] outputWeights) {
        Require.notNull("activation", activation);
        int d = Require.finiteMatrix("weights", weights);
        int m = weights.length;
        Require.length("outputWeights", outputWeights, m);
        Require.finite("outputWeights", outputWeights);
        double[] flat = new double[m * d];
        for (int i = 0; i < m; i++) {
            System.arraycopy(weights[i], 0, flat, i * d, d);
        }
        return new TwoLayerNet(m, Require.positive("input dimension (row length of weights)", d), activation, flat, outputWeights.clone());
    }

    /** The same architecture with parameters θ (length m·(d+1), layout as in the class comment). */
    @Override
    public TwoLayerNet withParameters(double[] theta) {
        Require.length("theta", theta, parameterCount());
        Require.finite("theta", theta);
        double[] nw = new double[width * inputDim];
        double[] nv = new double[width];
        System.arraycopy(theta, 0, nw, 0, nw.length);
        System.arraycopy(theta, nw.length, nv, 0, width);
        return new TwoLayerNet(width, inputDim, activation, nw, nv);
    }

    public int width() {
        return width;
    }

    @Override
    public int inputDim() {
        return inputDim;
    }

    public Activation activation() {
        return activation;
    }

    /** Number of parameters, m·(d+1). */
    @Override
    public int parameterCount() {
        return width * (inputDim + 1);
    }

    /** A copy of θ = (W row-major, v). */
    @Override
    public double[] parameters() {
        double[] theta = new double[parameterCount()];
        System.arraycopy(w, 0, theta, 0, w.length);
        System.arraycopy(v, 0, theta, w.length, width);
        return theta;
    }

    /** A copy of W as m rows of length d. */
    public double[][] inputWeights() {
        double[][] rows = new double[width][inputDim];
        for (int i = 0; i < width; i++) {
            System.arraycopy(w, i * inputDim, rows[i], 0, inputDim);
        }
        return rows;
    }

    /** A copy of v. */
    public double[] outputWeights() {
        return v.clone();
    }

    /** f(θ; x) = (1/√m) Σᵢ vᵢ σ(wᵢ·x). */
    @Override
    public double output(double[] x) {
        checkInput("x", x);
        double[] z = preActivations(x);
        double s = 0;
        for (int i = 0; i < width; i++) {
            s += v[i] * activation.value(z[i]);
        }
        return s / Math.sqrt(width);
    }

    /** f on every row of X (n×d) in one GEMM: f = σ(X Wᵀ) v / √m. */
    @Override
    public double[] outputs(double[][] inputs) {
        INDArray x = batch(inputs);
        INDArray a = activation.value(x.mmul(wMatrix.transpose()));
        return a.mmul(vColumn).divi(Math.sqrt(width)).data().asDouble();
    }

    /**
     * The n×P Jacobian, row j = ∇_θ f(θ; xⱼ): ∂f/∂w_{ik} = vᵢσ'(zⱼᵢ)xⱼₖ/√m and ∂f/∂vᵢ = σ(zⱼᵢ)/√m,
     * with Z = X Wᵀ from one GEMM.
     */
    @Override
    public INDArray jacobian(double[][] inputs) {
        INDArray x = batch(inputs);
        Memory.requireJacobian(inputs.length, parameterCount());
        INDArray z = x.mmul(wMatrix.transpose());
        int n = inputs.length;
        double[] a = activation.value(z).dup('c').data().asDouble();
        double[] da = activation.derivative(z).dup('c').data().asDouble();
        double scale = 1 / Math.sqrt(width);
        int p = parameterCount();
        int offV = width * inputDim;
        double[] j = new double[n * p];
        for (int r = 0; r < n; r++) {
            int row = r * p;
            for (int i = 0; i < width; i++) {
                double c = v[i] * da[r * width + i] * scale;
                int o = row + i * inputDim;
                for (int k = 0; k < inputDim; k++) {
                    j[o + k] = c * inputs[r][k];
                }
                j[row + offV + i] = a[r * width + i] * scale;
            }
        }
        return Nd.matrix(j, n, p);
    }

    /**
     * ∇_θ Σⱼ cⱼ f(xⱼ) by batched backprop, without the n×P Jacobian: with Z = X Wᵀ,
     * the W block is ((σ'(Z) ∘ c) diag(v))ᵀ X / √m and the v block is σ(Z)ᵀ c / √m.
     */
    @Override
    public double[] weightedGradient(double[][] inputs, double[] c) {
        INDArray x = batch(inputs);
        Require.length("c", c, inputs.length);
        Require.finite("c", c);
        INDArray z = x.mmul(wMatrix.transpose());
        INDArray cCol = Nd.array(c);
        double scale = 1 / Math.sqrt(width);
        INDArray gw = activation.derivative(z).muliColumnVector(cCol).muliRowVector(vColumn.reshape(1, width))
                .transpose().mmul(x).muli(scale);
        INDArray gv = activation.value(z).transpose().mmul(cCol).muli(scale);
        double[] out = new double[parameterCount()];
        System.arraycopy(gw.dup('c').data().asDouble(), 0, out, 0, width * inputDim);
        System.arraycopy(gv.dup('c').data().asDouble(), 0, out, width * inputDim, width);
        return out;
    }

    /**
     * The cross tangent kernel in closed form, K(A, B) = [((σ'(Z_A) diag v)(σ'(Z_B) diag v)ᵀ) ∘ (X_A X_Bᵀ)
     * + σ(Z_A) σ(Z_B)ᵀ] / m: three GEMMs, no Jacobian.
     */
    @Override
    public INDArray tangentKernel(double[][] a, double[][] b) {
        org.linearitylab.core.Require.finiteMatrix("a", a);
        org.linearitylab.core.Require.finiteMatrix("b", b);
        org.linearitylab.core.Memory.requireKernel(a.length, b.length);
        INDArray xa = batch(Require.notNull("a", a));
        INDArray xb = a == b ? xa : batch(Require.notNull("b", b));
        INDArray vRow = vColumn.reshape(1, width);
        INDArray za = xa.mmul(wMatrix.transpose());
        INDArray zb = a == b ? za : xb.mmul(wMatrix.transpose());
        INDArray dva = activation.derivative(za).muliRowVector(vRow);
        INDArray dvb = a == b ? dva : activation.derivative(zb).muliRowVector(vRow);
        INDArray sa = activation.value(za);
        INDArray sb = a == b ? sa : activation.value(zb);
        INDArray k = dva.mmul(dvb.transpose()).muli(xa.mmul(xb.transpose()));
        return k.addi(sa.mmul(sb.transpose())).divi(width);
    }

    private INDArray batch(double[][] inputs) {
        int d = Require.finiteMatrix("inputs", inputs);
        if (d != inputDim) {
            throw new IllegalArgumentException("inputs rows must have length " + inputDim + " (the input dimension), got " + d);
        }
        return Nd.matrix(inputs);
    }

    /** The pre-activations zᵢ = wᵢ·x. */
    public double[] preActivations(double[] x) {
        checkInput("x", x);
        double[] z = new double[width];
        for (int i = 0; i < width; i++) {
            double s = 0;
            int o = i * inputDim;
            for (int k = 0; k < inputDim; k++) {
                s += w[o + k] * x[k];
            }
            z[i] = s;
        }
        return z;
    }

    /**
     * ∇_θ f(θ; x): ∂f/∂wᵢ = vᵢ σ'(zᵢ) x / √m and ∂f/∂vᵢ = σ(zᵢ) / √m, in the layout of {@link #parameters()}.
     */
    @Override
    public double[] gradient(double[] x) {
        double[] z = preActivations(x);
        double scale = 1 / Math.sqrt(width);
        double[] g = new double[parameterCount()];
        int offV = width * inputDim;
        for (int i = 0; i < width; i++) {
            double c = v[i] * activation.derivative(z[i]) * scale;
            int o = i * inputDim;
            for (int k = 0; k < inputDim; k++) {
                g[o + k] = c * x[k];
            }
            g[offV + i] = activation.value(z[i]) * scale;
        }
        return g;
    }

    /**
     * f along the line θ₀ + t·u in parameter space, for every t: with zᵢ = wᵢ·x, ζᵢ = uᵂᵢ·x,
     * f(t) = (1/√m) Σᵢ (vᵢ + t uᵛᵢ) σ(zᵢ + t ζᵢ). Costs O(m·d + m·|t|).
     *
     * @param x         an input of dimension d
     * @param direction u, of length m·(d+1) (need not be a unit vector)
     * @param ts        the values of t
     */
    @Override
    public double[] alongLine(double[] x, double[] direction, double[] ts) {
        Require.finite("ts", ts);
        if (ts.length == 0) {
            throw new IllegalArgumentException("ts must hold at least one step t");
        }
        checkInput("x", x);
        Require.length("direction", direction, parameterCount());
        Require.finite("direction", direction);
        Require.finite("ts", ts);
        double[] z = preActivations(x);
        double[] zeta = new double[width];
        for (int i = 0; i < width; i++) {
            double s = 0;
            int o = i * inputDim;
            for (int k = 0; k < inputDim; k++) {
                s += direction[o + k] * x[k];
            }
            zeta[i] = s;
        }
        int offV = width * inputDim;
        double scale = 1 / Math.sqrt(width);
        double[] out = new double[ts.length];
        for (int j = 0; j < ts.length; j++) {
            double t = ts[j];
            double s = 0;
            for (int i = 0; i < width; i++) {
                s += (v[i] + t * direction[offV + i]) * activation.value(z[i] + t * zeta[i]);
            }
            out[j] = s * scale;
        }
        return out;
    }

    /**
     * ∇²_θ f(θ; x) u in closed form: with zᵢ = wᵢ·x and ζᵢ = uᵂᵢ·x, block wᵢ is
     * (vᵢ σ''(zᵢ) ζᵢ + σ'(zᵢ) uᵛᵢ) x / √m and entry vᵢ is σ'(zᵢ) ζᵢ / √m (∂²f/∂vᵢ² = 0). O(m·d).
     */
    @Override
    public double[] hessianVectorProduct(double[] x, double[] direction) {
        activation.requireSmooth("activation");
        Require.length("direction", direction, parameterCount());
        Require.finite("direction", direction);
        double[] z = preActivations(x);
        int offV = width * inputDim;
        double scale = 1 / Math.sqrt(width);
        double[] out = new double[parameterCount()];
        for (int i = 0; i < width; i++) {
            int o = i * inputDim;
            double zeta = 0;
            for (int k = 0; k < inputDim; k++) {
                zeta += direction[o + k] * x[k];
            }
            double d1 = activation.derivative(z[i]);
            double c = (v[i] * activation.secondDerivative(z[i]) * zeta + d1 * direction[offV + i]) * scale;
            for (int k = 0; k < inputDim; k++) {
                out[o + k] = c * x[k];
            }
            out[offV + i] = d1 * zeta * scale;
        }
        return out;
    }

    /** ‖∇_θ f(θ₀; x)‖: the size of the linear part (Θ(1) in m for this parametrisation). */
    public double gradientNorm(double[] x) {
        double s = 0;
        for (double g : gradient(x)) {
            s += g * g;
        }
        return Math.sqrt(s);
    }

    /**
     * The gradient direction u = ∇f(θ₀; x)/‖∇f(θ₀; x)‖: along it the linear part changes fastest, by ‖∇f‖·|t| = Θ(1)
     * over |t| ≤ R — the direction in which "f hugs its tangent" is a statement about a function that moves.
     * Throws when ∇f = 0.
     */
    public double[] gradientDirection(double[] x) {
        double[] g = gradient(x);
        double n = gradientNorm(x);
        if (!(n > 0)) {
            throw new IllegalArgumentException("the gradient at x is zero: no gradient direction");
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= n;
        }
        return g;
    }

    /**
     * The same hidden layer with the output layer fitted by least squares: v = argmin Σⱼ (f(xⱼ) − yⱼ)², the
     * minimum-norm solution (SVD) when it is not unique. With W fixed, f is linear in v, f(X) = σ(X Wᵀ) v/√m, so this
     * is the best network of width m with this random hidden layer — the random-features view of universal
     * approximation (an upper bound on the best error over all networks of width m). Singular values of the feature
     * matrix below {@link #FIT_CUTOFF}·s₁ are dropped (wide random hidden layers are numerically rank-deficient:
     * without a cutoff the coefficients blow up and the fit is wrong between the training inputs).
     *
     * @param inputs  n rows of length d
     * @param targets n target values
     */
    public TwoLayerNet withFittedOutputLayer(double[][] inputs, double[] targets) {
        INDArray x = batch(inputs);
        Require.length("targets", targets, inputs.length);
        Require.finite("targets", targets);
        double[][] phi = activation.value(x.mmul(wMatrix.transpose())).divi(Math.sqrt(width)).toDoubleMatrix();
        // commons-math3's SVD (regression.ThinSvd measured wrong for p ≥ ~200 columns in this build)
        var svd = new org.apache.commons.math3.linear.SingularValueDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(phi, false));
        double[] sv = svd.getSingularValues();
        double[] uty = svd.getUT().operate(targets);
        for (int k = 0; k < sv.length; k++) {
            uty[k] = sv[k] > FIT_CUTOFF * sv[0] ? uty[k] / sv[k] : 0;
        }
        double[] fitted = svd.getV().operate(uty);
        return new TwoLayerNet(width, inputDim, activation, w.clone(), fitted);
    }

    /**
     * The unit direction that moves only neuron i's own parameters (wᵢ, vᵢ), each of its d+1 coordinates by
     * 1/√(d+1): the whole step lands on one sub-model. Along it the quadratic Taylor term is of the order of
     * ‖H‖ ~ 1/√m (the worst case), while along a random direction it is much smaller.
     */
    public double[] singleNeuronDirection(int neuron) {
        org.linearitylab.core.Require.inRange("neuron", neuron, 0, width - 1);
        double[] u = new double[parameterCount()];
        double c = 1 / Math.sqrt(inputDim + 1);
        for (int k = 0; k < inputDim; k++) {
            u[neuron * inputDim + k] = c;
        }
        u[width * inputDim + neuron] = c;
        return u;
    }

    /** A uniformly random unit direction in parameter space ℝ^{m(d+1)}, from {@code seed}. */
    public double[] randomDirection(long seed) {
        return Rng.seed(seed).unitVector(parameterCount());
    }

    private void checkInput(String name, double[] x) {
        Require.notNull(name, x);
        if (x.length != inputDim) {
            throw new IllegalArgumentException(name + " must have length " + inputDim + " (the input dimension), got " + x.length);
        }
        Require.finite(name, x);
    }

    @Override
    public String toString() {
        return "TwoLayerNet(m=" + width + ", d=" + inputDim + ", σ=" + activation + ")";
    }

    /** Builds a {@link TwoLayerNet} with N(0,1) weights from a seed. */
    public static final class Builder {
        /** One line: a builder, not a network yet. */
        @Override
        public String toString() {
            return "TwoLayerNet.Builder (call build() for the network)";
        }

        private int width = -1;
        private int inputDim = 1;
        private Activation activation = Activation.TANH;
        private long seed;

        private Builder() {
        }

        /** The number of hidden neurons m ≥ 1 (required). */
        public Builder width(int m) {
            this.width = Require.positive("width", m);
            return this;
        }

        /** The input dimension d ≥ 1 (default 1). */
        public Builder inputDim(int d) {
            this.inputDim = Require.positive("inputDim", d);
            return this;
        }

        /** The activation σ (default tanh). */
        public Builder activation(Activation sigma) {
            this.activation = Require.notNull("activation", sigma);
            return this;
        }

        /** The activation by name: tanh, sigmoid, softplus or relu. */
        public Builder activation(String name) {
            this.activation = Activation.of(name);
            return this;
        }

        /** The seed of the N(0,1) initialisation (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public TwoLayerNet build() {
            if (width < 1) {
                throw new IllegalArgumentException("width must be set to a value ≥ 1 before build()");
            }
            Memory.require("a TwoLayerNet with m · (d + 1) = " + width + " · " + (inputDim + 1L) + " parameters",
                    Memory.doubles("θ", 2, Memory.arrayLength("θ (width × (inputDim + 1))", width, inputDim + 1L)), Memory.doubles("W", width, inputDim), "Use a smaller width");
            Rng rng = Rng.seed(seed);
            double[] w = rng.gaussian(width * inputDim);
            double[] v = rng.gaussian(width);
            return new TwoLayerNet(width, inputDim, activation, w, v);
        }
    }
}
