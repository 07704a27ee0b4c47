package org.linearitylab.model.assembly;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.calculus.LinearOperator;
import org.linearitylab.calculus.SpectralEstimate;
import org.linearitylab.calculus.TaylorRemainder;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DifferentiableModel;
import org.linearitylab.model.TwoLayerNet;

/**
 * The assembly model of the paper's Section 2 (Eq. 4):
 * <pre>  f(θ; x) = (1/s(m)) Σᵢ vᵢ gᵢ(wᵢ; x),   θ = (w₁, …, w_m),</pre>
 * m independent copies of one {@link SubModel} (no shared parameters, Eq. 2), fixed weights vᵢ
 * ({@link Weights}) and a scaling s(m) ({@link Scaling}). θ is laid out block by block: [w₁ (p), …, w_m (p)].
 *
 * <p>Because the blocks are independent the Hessian is block-diagonal and a scaled sum of the sub-model
 * Hessians (Obs. 1 and Obs. 2): H = (1/s(m)) diag(v₁H_{g₁}, …, v_m H_{g_m}), so
 * ‖H‖ = maxᵢ |vᵢ| ‖H_{gᵢ}‖ / s(m) ({@link #hessianNorm}), O(m·p) work.
 *
 * <pre>{@code
 * var f = AssemblyModel.builder().subModel(SubModel.neuron(Activation.TANH, 2))
 *     .width(1000).weights(Weights.ONES).scaling(Scaling.SQRT).seed(1).build();   // a two-layer tanh net
 * double norm = f.hessianNorm(x);
 * }</pre>
 * Immutable; θ₀ is drawn i.i.d. N(0,1) from the seed unless given.
 */
public final class AssemblyModel implements DifferentiableModel {
    private final SubModel sub;
    private final int m;
    private final int p;
    private final double[] theta;
    private final double[] v;
    private final Scaling scaling;
    private final double s;
    private final String weightsName;

    private AssemblyModel(SubModel sub, int m, double[] theta, double[] v, Scaling scaling, String weightsName) {
        this.sub = sub;
        this.m = m;
        this.p = sub.parameterCount();
        this.theta = theta;
        this.v = v;
        this.scaling = scaling;
        this.s = scaling.of(m);
        this.weightsName = weightsName;
    }

    /** A builder (sub-model and width required; weights 1, s(m) = √m, seed 0 by default). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The two-layer network as an assembly: sub-models gᵢ = vᵢσ(wᵢᵀx) owning (wᵢ, vᵢ), weights 1, s(m) = √m;
     * same function as {@code net} (its θ is re-ordered into per-neuron blocks [wᵢ, vᵢ]).
     */
    public static AssemblyModel of(TwoLayerNet net) {
        Require.notNull("net", net);
        int d = net.inputDim();
        int width = net.width();
        double[][] w = net.inputWeights();
        double[] u = net.outputWeights();
        double[] theta = new double[width * (d + 1)];
        for (int i = 0; i < width; i++) {
            System.arraycopy(w[i], 0, theta, i * (d + 1), d);
            theta[i * (d + 1) + d] = u[i];
        }
        double[] ones = new double[width];
        Arrays.fill(ones, 1);
        return new AssemblyModel(SubModel.neuron(net.activation(), d), width, theta, ones, Scaling.SQRT, Weights.ONES.name());
    }

    public SubModel subModel() {
        return sub;
    }

    /** The number m of sub-models. */
    public int width() {
        return m;
    }

    @Override
    public int inputDim() {
        return sub.inputDim();
    }

    /** P = m·p. */
    @Override
    public int parameterCount() {
        return m * p;
    }

    @Override
    public double[] parameters() {
        return theta.clone();
    }

    /** A copy of the weights v. */
    public double[] weights() {
        return v.clone();
    }

    public Scaling scaling() {
        return scaling;
    }

    /** s(m). */
    public double scale() {
        return s;
    }

    /** A copy of wᵢ, the parameters of sub-model i (0-based). */
    public double[] block(int i) {
        Require.inRange("i", i, 0, m - 1);
        return Arrays.copyOfRange(theta, i * p, (i + 1) * p);
    }

    /** Same sub-model, weights and scaling, parameters θ (length m·p). */
    @Override
    public AssemblyModel withParameters(double[] newTheta) {
        Require.length("theta", newTheta, m * p);
        Require.finite("theta", newTheta);
        return new AssemblyModel(sub, m, newTheta.clone(), v, scaling, weightsName);
    }

    /** f(θ; x) = (1/s(m)) Σ vᵢ gᵢ(wᵢ; x). */
    @Override
    public double output(double[] x) {
        checkInput(x);
        double sum = 0;
        double[] buf = new double[p];
        for (int i = 0; i < m; i++) {
            sum += v[i] * sub.output(blockInto(i, buf), x);
        }
        return sum / s;
    }

    /** The sub-model outputs gᵢ(wᵢ; x) (without vᵢ and 1/s): what Assumption 1 is about. */
    public double[] subModelOutputs(double[] x) {
        checkInput(x);
        double[] g = new double[m];
        double[] buf = new double[p];
        for (int i = 0; i < m; i++) {
            g[i] = sub.output(blockInto(i, buf), x);
        }
        return g;
    }

    /**
     * Assumption 1's ratio median|gᵢ| / max|gᵢ| at this θ and x (the paper asks it to stay ≥ c &gt; 0 as m grows).
     */
    public double medianToMaxRatio(double[] x) {
        double[] a = subModelOutputs(x);
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs(a[i]);
        }
        Arrays.sort(a);
        double median = a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
        return a[a.length - 1] == 0 ? Double.NaN : median / a[a.length - 1];
    }

    /** ∇_θ f: block i is vᵢ ∇gᵢ(wᵢ; x) / s(m). */
    @Override
    public double[] gradient(double[] x) {
        checkInput(x);
        double[] g = new double[m * p];
        double[] buf = new double[p];
        for (int i = 0; i < m; i++) {
            double[] gi = sub.gradient(blockInto(i, buf), x);
            checkBlock("gradient", gi);
            double c = v[i] / s;
            for (int k = 0; k < p; k++) {
                g[i * p + k] = c * gi[k];
            }
        }
        return g;
    }

    /** H u (Obs. 1, 2): block i is vᵢ H_{gᵢ} uᵢ / s(m). */
    @Override
    public double[] hessianVectorProduct(double[] x, double[] u) {
        Require.finite("u", u);
        checkInput(x);
        Require.length("u", u, m * p);
        double[] h = new double[m * p];
        double[] buf = new double[p];
        double[] ui = new double[p];
        for (int i = 0; i < m; i++) {
            System.arraycopy(u, i * p, ui, 0, p);
            double[] hi = sub.hessianVectorProduct(blockInto(i, buf), x, ui);
            checkBlock("hessianVectorProduct", hi);
            double c = v[i] / s;
            for (int k = 0; k < p; k++) {
                h[i * p + k] = c * hi[k];
            }
        }
        return h;
    }

    /** The Hessian ∇²_θ f(θ; x) as a matrix-free operator (for Lanczos). */
    @Override
    public LinearOperator hessian(double[] x) {
        double[] xc = checkInput(x).clone();
        return LinearOperator.of(m * p, u -> hessianVectorProduct(xc, u));
    }

    /** The spectral norm of each diagonal block, |vᵢ| ‖H_{gᵢ}‖ / s(m). */
    public double[] blockNorms(double[] x) {
        checkInput(x);
        double[] out = new double[m];
        double[] buf = new double[p];
        for (int i = 0; i < m; i++) {
            out[i] = Math.abs(v[i]) * sub.hessianNorm(blockInto(i, buf), x) / s;
        }
        return out;
    }

    /** ‖H‖₂ = maxᵢ |vᵢ| ‖H_{gᵢ}‖ / s(m): exact, since H is block-diagonal (Obs. 2). */
    @Override
    public double hessianNorm(double[] x) {
        double best = 0;
        for (double b : blockNorms(x)) {
            best = Math.max(best, b);
        }
        return best;
    }

    /** The index of the block with the largest norm (the sub-model that sets ‖H‖). */
    public int dominantBlock(double[] x) {
        double[] b = blockNorms(x);
        int best = 0;
        for (int i = 1; i < m; i++) {
            if (b[i] > b[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The top eigenpair of H: the dominant block's top eigenvector, embedded in ℝᴾ (unit length). */
    public SpectralEstimate hessianTop(double[] x) {
        int i = dominantBlock(x);
        SpectralEstimate e = sub.hessianTop(blockView(i), x);
        double[] vec = new double[m * p];
        System.arraycopy(e.vector(), 0, vec, i * p, p);
        return new SpectralEstimate(v[i] * e.value() / s, vec, e.iterations(), e.converged());
    }

    /**
     * The Taylor remainder R(θ₀+δ) = f(θ₀+δ) − f(θ₀) − ∇f(θ₀)ᵀδ, summed block by block (Obs. 1 for the
     * remainder, and numerically better than differencing two O(1) numbers): (1/s) Σ vᵢ rᵢ(δᵢ).
     */
    @Override
    public double remainder(double[] x, double[] displacement) {
        checkInput(x);
        Require.length("displacement", displacement, m * p);
        Require.finite("displacement", displacement);
        double sum = 0;
        double[] moved = new double[p];
        for (int i = 0; i < m; i++) {
            double[] wi = blockView(i);
            double lin = 0;
            boolean zero = true;
            for (int k = 0; k < p; k++) {
                moved[k] = wi[k] + displacement[i * p + k];
                zero &= displacement[i * p + k] == 0;
            }
            if (zero) {
                continue;
            }
            double[] gi = sub.gradient(wi, x);
            checkBlock("gradient", gi);
            for (int k = 0; k < p; k++) {
                lin += gi[k] * displacement[i * p + k];
            }
            sum += v[i] * (sub.output(moved, x) - sub.output(wi, x) - lin);
        }
        return sum / s;
    }

    /**
     * R(θ₀ + R·uₖ/‖uₖ‖) for many directions uₖ at once; the sub-model outputs and gradients at θ₀ are computed
     * once and shared (same numbers as {@link #remainderAlong}, about three times faster for many directions).
     */
    public double[] remaindersAlong(double[] x, double[][] directions, double radius) {
        Require.positive("radius", radius);
        Require.notNull("directions", directions);
        checkInput(x);
        double[] g0 = subModelOutputs(x);
        double[] grads = new double[m * p];
        double[] buf = new double[p];
        for (int i = 0; i < m; i++) {
            double[] gi = sub.gradient(blockInto(i, buf), x);
            checkBlock("gradient", gi);
            System.arraycopy(gi, 0, grads, i * p, p);
        }
        double[] out = new double[directions.length];
        for (int k = 0; k < directions.length; k++) {
            double[] u = directions[k];
            Require.length("directions[" + k + "]", u, m * p);
            Require.finite("directions[" + k + "]", u);
            double n = 0;
            for (double d : u) {
                n += d * d;
            }
            if (n == 0) {
                throw new IllegalArgumentException("directions[" + k + "] must be a non-zero vector");
            }
            double c = radius / Math.sqrt(n);
            double sum = 0;
            for (int i = 0; i < m; i++) {
                double lin = 0;
                boolean zero = true;
                for (int j = 0; j < p; j++) {
                    double dj = c * u[i * p + j];
                    buf[j] = theta[i * p + j] + dj;
                    lin += grads[i * p + j] * dj;
                    zero &= dj == 0;
                }
                if (!zero) {
                    sum += v[i] * (sub.output(buf, x) - g0[i] - lin);
                }
            }
            out[k] = sum / s;
        }
        return out;
    }

    /**
     * The unit direction u of {@link #worstRemainder} (the largest |R| we can find on the sphere ‖θ − θ₀‖ = R): the
     * candidate (± top Hessian eigenvector, ± gradient, or all the displacement on one sub-model along ± its own top
     * eigenvector, every i) with the largest |R(θ₀ + R·u)|.
     */
    @Override
    public double[] worstDirection(double[] x, double radius) {
        Require.positive("radius", radius);
        checkInput(x);
        double[] top = hessianTop(x).vector();
        double[] grad = gradient(x);
        boolean flat = Arrays.stream(grad).allMatch(g -> g == 0);
        double[][] candidates = flat ? new double[][]{top, scaled(top, -1)}
                : new double[][]{top, scaled(top, -1), grad, scaled(grad, -1)};
        double worst = -1;
        double[] best = null;
        double[] rs = remaindersAlong(x, candidates, radius);
        for (int k = 0; k < rs.length; k++) {
            if (Math.abs(rs[k]) > worst) {
                worst = Math.abs(rs[k]);
                best = candidates[k];
            }
        }
        int bestBlock = -1;
        double bestSign = 0;
        double[] bestE = null;
        double[] moved = new double[p];
        double[] wi = new double[p];
        for (int i = 0; i < m; i++) {
            blockInto(i, wi);
            double[] e = sub.hessianTop(wi, x).vector();
            double[] gi = sub.gradient(wi, x);
            double g0 = sub.output(wi, x);
            for (double sign : new double[]{1, -1}) {
                double lin = 0;
                for (int k = 0; k < p; k++) {
                    double dk = sign * radius * e[k];
                    moved[k] = wi[k] + dk;
                    lin += gi[k] * dk;
                }
                double r = Math.abs(v[i] * (sub.output(moved, x) - g0 - lin) / s);
                if (r > worst) {
                    worst = r;
                    bestBlock = i;
                    bestSign = sign;
                    bestE = e;
                }
            }
        }
        double[] u;
        if (bestBlock >= 0) {
            u = new double[m * p];
            for (int k = 0; k < p; k++) {
                u[bestBlock * p + k] = bestSign * bestE[k];
            }
        } else {
            u = best.clone();
        }
        double n = Math.sqrt(Arrays.stream(u).map(a -> a * a).sum());
        return scaled(u, 1 / n);
    }

    /**
     * β of Assumption 2 on the ball of the given radius, weighted as in the proof: maxᵢ |vᵢ| βᵢ, βᵢ = the sub-model's
     * bound on ‖H_{gᵢ}‖ on ‖w − wᵢ,₀‖ ≤ radius. Then ‖H(θ)‖ ≤ β/s(m) for every θ in B(θ₀, radius).
     * Throws if the sub-model gives no β.
     */
    public double smoothness(double[] x, double radius) {
        Require.nonNegative("radius", radius);
        checkInput(x);
        double beta = 0;
        for (int i = 0; i < m; i++) {
            double bi = sub.smoothness(blockView(i), radius, x);
            if (Double.isNaN(bi)) {
                throw new IllegalArgumentException("subModel '" + sub.name() + "' gives no smoothness β; use remainderBound(beta, radius)");
            }
            beta = Math.max(beta, Math.abs(v[i]) * bi);
        }
        return beta;
    }

    /**
     * Theorem 1's bound on |R| for ‖θ − θ₀‖ ≤ R: βR²/(2s(m)) with β = maxᵢ |vᵢ| βᵢ, βᵢ the sub-model's smoothness
     * on the ball of radius R around wᵢ. For vᵢ = ±1 this is the theorem as stated; for Gaussian vᵢ the max|vᵢ|
     * is Appendix A's extra factor (≤ log m w.h.p.). Throws if the sub-model gives no β (see {@link #remainderBound(double, double)}).
     */
    public double remainderBound(double[] x, double radius) {
        Require.positive("radius", radius);
        return remainderBound(smoothness(x, radius), radius);
    }

    /** βR²/(2s(m)) for a given β (Theorem 1, Eq. 5). */
    public double remainderBound(double beta, double radius) {
        return TaylorRemainder.bound(beta, radius, s);
    }

    @Override
    public double[] outputs(double[][] inputs) {
        Require.finiteMatrix("inputs", inputs);
        double[] out = new double[inputs.length];
        for (int j = 0; j < inputs.length; j++) {
            out[j] = output(inputs[j]);
        }
        return out;
    }

    @Override
    public INDArray jacobian(double[][] inputs) {
        Require.finiteMatrix("inputs", inputs);
        Memory.requireJacobian(inputs.length, parameterCount());
        double[][] rows = new double[inputs.length][];
        for (int j = 0; j < inputs.length; j++) {
            rows[j] = gradient(inputs[j]);
        }
        return Nd.matrix(rows);
    }

    @Override
    public String toString() {
        return "AssemblyModel(m=" + m + ", g=" + sub.name() + ", v " + weightsName + ", s(m)=" + scaling.name() + ")";
    }

    /** Copies wᵢ into buf (reused across sub-models: a SubModel must not keep the array it is given). */
    private double[] blockInto(int i, double[] buf) {
        System.arraycopy(theta, i * p, buf, 0, p);
        return buf;
    }

    private double[] blockView(int i) {
        return Arrays.copyOfRange(theta, i * p, (i + 1) * p);
    }

    private static double[] scaled(double[] a, double c) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = c * a[i];
        }
        return out;
    }

    private void checkBlock(String what, double[] b) {
        if (b == null || b.length != p) {
            throw new IllegalArgumentException(what + " of sub-model '" + sub.name() + "' must have length " + p
                    + " (its parameter count), got " + (b == null ? "null" : b.length));
        }
    }

    private double[] checkInput(double[] x) {
        Require.notNull("x", x);
        if (x.length != sub.inputDim()) {
            throw new IllegalArgumentException("x must have length " + sub.inputDim() + " (the input dimension), got " + x.length);
        }
        return Require.finite("x", x);
    }

    /** Builds an {@link AssemblyModel}. */
    public static final class Builder {
        /** One line: a builder, not a model yet. */
        @Override
        public String toString() {
            return "AssemblyModel.Builder (call build() for the model)";
        }

        private SubModel sub;
        private int width = -1;
        private Weights weights = Weights.ONES;
        private Scaling scaling = Scaling.SQRT;
        private long seed;
        private double[] theta;

        private Builder() {
        }

        /** The sub-model g (required). */
        public Builder subModel(SubModel g) {
            this.sub = Require.notNull("subModel", g);
            return this;
        }

        /** Shortcut: neurons g = u σ(wᵀx) on inputs of dimension d (a two-layer network). */
        public Builder neurons(Activation sigma, int inputDim) {
            Require.notNull("sigma (the activation)", sigma);
            return subModel(SubModel.neuron(sigma, inputDim));
        }

        /** The number of sub-models m ≥ 1 (required). */
        public Builder width(int m) {
            this.width = Require.positive("m", m);
            return this;
        }

        /** The rule for the weights vᵢ (default {@link Weights#ONES}). */
        public Builder weights(Weights w) {
            this.weights = Require.notNull("weights", w);
            return this;
        }

        /** Explicit weights vᵢ (length must equal the width). */
        public Builder weights(double... values) {
            this.weights = Weights.of(values);
            return this;
        }

        /** The scaling s(m) (default √m). */
        public Builder scaling(Scaling sc) {
            this.scaling = Require.notNull("scaling", sc);
            return this;
        }

        /** Seed for θ₀ ~ N(0,1) and the weights (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Explicit θ₀ of length m·p instead of a random one. */
        public Builder parameters(double[] theta0) {
            if (theta0 != null && theta0.length == 0) {
                throw new IllegalArgumentException("theta0 must hold the m·p initial sub-model parameters, got none");
            }
            this.theta = Require.finite("theta", theta0).clone();
            return this;
        }

        public AssemblyModel build() {
            if (sub == null) {
                throw new IllegalArgumentException("subModel must be set before build()");
            }
            if (width < 1) {
                throw new IllegalArgumentException("m (the width) must be set to a value ≥ 1 before build()");
            }
            int p = sub.parameterCount();
            if ((long) width * p > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("m·p must fit in an array, got m = " + width + ", p = " + p);
            }
            double[] t = theta != null ? Require.length("theta", theta, width * p) : Rng.seed(seed).gaussian(width * p);
            double[] v = weights.draw(width, seed);
            Require.length("weights", v, width);
            Require.finite("weights", v);
            return new AssemblyModel(sub, width, t, v, scaling, weights.name());
        }
    }
}
