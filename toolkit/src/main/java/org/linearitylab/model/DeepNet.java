package org.linearitylab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.linearitylab.calculus.LinearOperator;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;

/**
 * A deep fully connected network in the paper's parametrization (Liu, Zhu, Belkin 2022, Eq. 8):
 * <pre>
 *   α⁽⁰⁾ = x ∈ ℝᵈ,   ã⁽ˡ⁾ = W⁽ˡ⁾ α⁽ˡ⁻¹⁾ / √mₗ₋₁,   α⁽ˡ⁾ = σ(ã⁽ˡ⁾)  (l &lt; L),   f = ã⁽ᴸ⁾ ∈ ℝ,
 * </pre>
 * with W⁽ˡ⁾ ∈ ℝ^{mₗ×mₗ₋₁} i.i.d. N(0,1) at initialisation, hidden widths m₁ … m_{L−1} (any list, bottlenecks
 * included) and a scalar linear output (m_L = 1). The paper's counter-example of a non-linear output layer
 * (Section 4), g = ρ(f), is {@link NonLinearOutput}{@code .of(net, ρ)}: it does not become linear with width.
 *
 * <p><b>DenseNet</b> (paper Appendix E, Eq. 30): with {@link Builder#dense(boolean) dense(true)} layer l sees
 * the concatenation of all earlier layers, ã⁽ˡ⁾ = W⁽ˡ⁾ Concat[α⁽ˡ⁻¹⁾, …, α⁽¹⁾, x] / √Fₗ with fan-in
 * Fₗ = mₗ₋₁ + … + m₁ + d.
 *
 * <p>Parameters θ = (W⁽¹⁾, …, W⁽ᴸ⁾), each row-major, concatenated; {@link #layerOffset(int)} gives where
 * each block starts. Immutable. Everything is batched over samples and built on one forward pass
 * ({@link #forward(INDArray)}) and one backward pass: outputs, the gradient, the Jacobian, the tangent kernel,
 * the Hessian-vector product, {@link #jet} and the neuron-gradient Grams reuse them (backprop: δ⁽ᴸ⁾ = 1,
 * ∂f/∂W⁽ˡ⁾ = δ⁽ˡ⁾α⁽ˡ⁻¹⁾ᵀ/√mₗ₋₁, δ⁽ˡ⁻¹⁾ = σ'(ã⁽ˡ⁻¹⁾) ⊙ W⁽ˡ⁾ᵀδ⁽ˡ⁾/√mₗ₋₁) and the exact Hessian-vector
 * product (Pearlmutter's R-operator through backprop) cost a few GEMMs per layer, never a loop over neurons.
 * One input's Hessian-vector product, the inner loop of Lanczos at large width, has a fused matrix-vector path
 * of its own ({@link #hessian(double[])}).
 *
 * <pre>{@code
 * var net = DeepNet.builder().inputDim(64).hidden(512, 512, 512).activation(Activation.TANH).seed(1).build();
 * double[] f = net.outputs(x);                 // x: n×64
 * double[] hv = net.hessianVectorProduct(x[0], v);
 * }</pre>
 */
public final class DeepNet implements DifferentiableModel {
    private final int inputDim;
    private final int[] hidden;
    private final int[] widths; // widths[0] = d, widths[1..L-1] = hidden, widths[L] = 1
    private final int[] fanIn;  // fanIn[l] for l = 1..L
    private final int[] offset; // offset[l] = start of W⁽ˡ⁾ in θ, offset[L+1] = P
    private final Activation activation;
    private final boolean dense;
    private final INDArray[] weights; // weights[l] is W⁽ˡ⁾ (plus pending[l]), l = 1..L (index 0 unused)
    /**
     * Updates of a training step not yet added into the weight buffers (see {@link #gradientStepConsuming}):
     * W⁽ˡ⁾ = weights[l] + Uᵀ V, or null. Changed only by {@link #settle()}, which does not change W⁽ˡ⁾.
     */
    private final LowRank[] pending;

    private DeepNet(Layout layout, Activation activation, double[] theta) {
        this.inputDim = layout.widths[0];
        this.hidden = Arrays.copyOfRange(layout.widths, 1, layout.widths.length - 1);
        this.activation = activation;
        this.dense = layout.dense;
        int layers = hidden.length + 1;
        widths = layout.widths;
        fanIn = layout.fanIn;
        offset = layout.offset;
        Require.length("theta", theta, offset[layers + 1]);
        weights = new INDArray[layers + 1];
        pending = new LowRank[layers + 1];
        Nd.init();
        for (int l = 1; l <= layers; l++) {
            // one copy, straight from θ into native memory (a training step builds a new net: at P = 1.7·10⁷ the
            // former copyOfRange + Nd.matrix made two 134 MB copies per step)
            weights[l] = Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.DOUBLE, new long[]{widths[l], fanIn[l]}, 'c');
            weights[l].data().asNioDouble().put(theta, offset[l], offset[l + 1] - offset[l]);
        }
    }

    /** The same architecture as {@code shape} with the given weights and pending updates (taken over, not copied). */
    private DeepNet(DeepNet shape, INDArray[] newWeights, LowRank[] newPending) {
        this.inputDim = shape.inputDim;
        this.hidden = shape.hidden;
        this.activation = shape.activation;
        this.dense = shape.dense;
        this.widths = shape.widths;
        this.fanIn = shape.fanIn;
        this.offset = shape.offset;
        this.weights = newWeights;
        this.pending = newPending;
    }

    /**
     * A low-rank matrix Uᵀ V (U r×mₗ, V r×Fₗ, both owned): the sum of the rank-n updates
     * −(η/√Fₗ)(diag(c)δ⁽ˡ⁾)ᵀ In⁽ˡ⁾ of a few training steps.
     */
    private record LowRank(INDArray u, INDArray v) {
        int rank() {
            return (int) u.rows();
        }

        /** This (null: none) plus {@code uᵀv}; the arrays of both are taken over (closed or kept). */
        static LowRank plus(LowRank p, INDArray u, INDArray v) {
            if (p == null) {
                return new LowRank(u, v);
            }
            LowRank sum = new LowRank(Nd4j.vstack(p.u, u), Nd4j.vstack(p.v, v));
            p.close();
            u.close();
            v.close();
            return sum;
        }

        /**
         * Frees the native buffers now. Every array a training step leaves behind is closed as soon as it is dead:
         * ND4J frees native memory only when the garbage collector finds the array, so each new array would
         * otherwise land on fresh pages (measured: a new 16×4096 array cost 270 µs, 60 µs when the previous one
         * was closed; ~20 such arrays per step).
         */
        void close() {
            u.close();
            v.close();
        }
    }

    /**
     * Largest rank of a deferred update. A rank-16 update of a 4096×4096 matrix (one GD step on 16 inputs) runs
     * at under half of the GEMM's peak rate; rank 64, four steps at once, at about 90% (issue 19, measured on a
     * 2-core AMD EPYC: 11.3 ms for one step's update alone, 24 ms for four).
     */
    static final int MAX_DEFERRED_RANK = 64;

    /** The rank of layer l's deferred update (0: none), for tests. */
    synchronized int pendingRank(int l) {
        return pending[l] == null ? 0 : pending[l].rank();
    }

    /** Layers whose steps are deferred: both sides of W⁽ˡ⁾ large, so that a rank-r correction is cheap beside it. */
    private boolean deferrable(int l) {
        return widths[l] >= 512 && fanIn[l] >= 512;
    }

    /** Adds the pending updates into the weight buffers (W⁽ˡ⁾ itself does not change: the same numbers, to rounding). */
    private synchronized void settle() {
        requireLive();
        for (int l = 1; l <= layers(); l++) {
            LowRank p = pending[l];
            if (p != null) {
                Nd4j.gemm(p.u, p.v, weights[l], true, false, 1.0, 1.0);
                p.close();
                pending[l] = null;
            }
        }
    }

    /**
     * The shape of θ, counted once (the builder and every constructor use it): widths m₀ = d, m₁ … m_{L−1}, m_L = 1,
     * fan-ins Fₗ (mₗ₋₁, or for a DenseNet mₗ₋₁ + … + m₁ + d) and the offset of each W⁽ˡ⁾ in θ (offset[L+1] = P).
     */
    private record Layout(int[] widths, int[] fanIn, int[] offset, boolean dense, long parameters) {
        static Layout of(int inputDim, int[] hidden, boolean dense) {
            int layers = hidden.length + 1;
            int[] widths = new int[layers + 1];
            widths[0] = inputDim;
            System.arraycopy(hidden, 0, widths, 1, hidden.length);
            widths[layers] = 1;
            int[] fanIn = new int[layers + 1];
            int[] offset = new int[layers + 2];
            long p = 0;
            int cumulative = inputDim;
            for (int l = 1; l <= layers; l++) {
                fanIn[l] = dense ? cumulative : widths[l - 1];
                cumulative += widths[l];
                offset[l] = (int) Math.min(p, Integer.MAX_VALUE);
                p += (long) widths[l] * fanIn[l];
            }
            offset[layers + 1] = (int) Math.min(p, Integer.MAX_VALUE);
            return new Layout(widths, fanIn, offset, dense, p);
        }
    }

    /** A builder: inputDim d, hidden widths, activation (default tanh), seed (default 0), dense (default false). */
    public static Builder builder() {
        return new Builder();
    }

    /** A tanh network on inputs of dimension d with the given hidden widths, initialised from {@code seed}. */
    public static DeepNet tanh(int inputDim, long seed, int... hiddenWidths) {
        return builder().inputDim(inputDim).hidden(hiddenWidths).activation(Activation.TANH).seed(seed).build();
    }

    // ------------------------------------------------------------------ shape

    @Override
    public int inputDim() {
        return inputDim;
    }

    /** The number of weight layers L (hidden layers + the output layer). */
    public int layers() {
        return hidden.length + 1;
    }

    /** A copy of the hidden widths m₁ … m_{L−1}. */
    public int[] hiddenWidths() {
        return hidden.clone();
    }

    /** mₗ for l = 0 … L (m₀ = d, m_L = 1). */
    public int width(int layer) {
        Require.inRange("layer", layer, 0, layers());
        return widths[layer];
    }

    /** The fan-in Fₗ of layer l = 1 … L: mₗ₋₁, or for a DenseNet mₗ₋₁ + … + m₁ + d. */
    public int fanIn(int layer) {
        Require.inRange("layer", layer, 1, layers());
        return fanIn[layer];
    }

    /** Where W⁽ˡ⁾ starts in θ (l = 1 … L); {@code layerOffset(L + 1)} is P. */
    public int layerOffset(int layer) {
        Require.inRange("layer", layer, 1, layers() + 1);
        return offset[layer];
    }

    public Activation activation() {
        return activation;
    }

    /** True for the DenseNet variant (Appendix E). */
    public boolean isDense() {
        return dense;
    }

    @Override
    public int parameterCount() {
        return offset[layers() + 1];
    }

    @Override
    public double[] parameters() {
        requireLive();
        settle();
        double[] out = new double[parameterCount()];
        for (int l = 1; l <= layers(); l++) {
            // straight from the native buffer (the weights are 'c'-ordered and not views): no native copy per call
            Nd.rowMajor(weights[l]).data().asNioDouble().get(out, offset[l], widths[l] * fanIn[l]);
        }
        return out;
    }

    /** ‖θ‖ from the native weights, one reduction per layer (no P-sized copy). */
    @Override
    public double parameterNorm() {
        requireLive();
        settle();
        double sq = 0;
        for (int l = 1; l <= layers(); l++) {
            double n = weights[l].norm2Number().doubleValue();
            sq += n * n;
        }
        return Math.sqrt(sq);
    }

    @Override
    public DeepNet withParameters(double[] theta) {
        Require.length("theta", theta, parameterCount());
        Require.finite("theta", theta);
        return new DeepNet(new Layout(widths, fanIn, offset, dense, parameterCount()), activation, theta);
    }

    /**
     * W⁽ˡ⁾ without copying, for read-only use by calculus code at large width (a copy of a 4096×4096 matrix
     * is 134 MB). Do not modify it: the network is meant to be immutable.
     */
    public INDArray weightView(int layer) {
        Require.inRange("layer", layer, 1, layers());
        requireLive();
        settle();
        return weights[layer];
    }

    // ------------------------------------------------------------------ forward

    /**
     * The forward pass over a batch, the one every computation of the net starts from: per layer l = 1 … L the
     * input In⁽ˡ⁾ (n×Fₗ), the pre-activation Z⁽ˡ⁾ = In⁽ˡ⁾ W⁽ˡ⁾ᵀ/√Fₗ and the activation A⁽ˡ⁾ = σ(Z⁽ˡ⁾) (A⁽⁰⁾ = X,
     * A⁽ᴸ⁾ = Z⁽ᴸ⁾ = the outputs). The arrays are the pass's own: read them, do not modify them.
     */
    public final class Pass {
        final INDArray[] in = new INDArray[layers() + 1];
        final INDArray[] z = new INDArray[layers() + 1];
        final INDArray[] a = new INDArray[layers() + 1]; // a[0] = X; a[L] = output value
        final int n;

        private Backward backward; // made on first use: the pass and the weights fix it

        Pass(INDArray x) {
            n = (int) x.rows();
            a[0] = x;
            synchronized (DeepNet.this) {
                for (int l = 1; l <= layers(); l++) {
                    in[l] = input(a, l);
                    z[l] = Nd4j.gemm(in[l], weights[l], false, true);
                    LowRank p = pending[l];
                    if (p != null) { // In (B + UᵀV)ᵀ = In Bᵀ + (In Vᵀ) U
                        INDArray iv = Nd4j.gemm(in[l], p.v, false, true);
                        Nd4j.gemm(iv, p.u, z[l], false, false, 1.0, 1.0);
                        iv.close();
                    }
                    z[l].divi(Math.sqrt(fanIn[l]));
                    a[l] = l < layers() ? activation.value(z[l]) : z[l];
                }
            }
        }

        /** Frees the pass's arrays (and its backward pass's) now: for a pass nothing else holds. */
        void close() {
            INDArray[][] groups = backward == null ? new INDArray[][]{in, z, a}
                    : new INDArray[][]{in, z, a, backward.delta(), backward.gradA()};
            for (INDArray[] group : groups) {
                for (INDArray x : group) { // an array held twice (a[L] = z[L], in[l] = a[l−1]) is closed once
                    if (x != null && !x.isView() && !x.wasClosed()) {
                        x.close();
                    }
                }
            }
        }

        /** Z⁽ˡ⁾ (n×mₗ), l = 1 … L. */
        public INDArray preActivation(int layer) {
            Require.inRange("layer", layer, 1, layers());
            return z[layer];
        }

        /** A⁽ˡ⁾ (n×mₗ), l = 0 … L. */
        public INDArray activation(int layer) {
            Require.inRange("layer", layer, 0, layers());
            return a[layer];
        }

        /** One line: the batch size and the layer widths. */
        @Override
        public String toString() {
            return "DeepNet.Pass[n=" + n + ", " + DeepNet.this + "]";
        }
    }

    /** In⁽ˡ⁾ = α⁽ˡ⁻¹⁾, or for a DenseNet Concat[α⁽ˡ⁻¹⁾, …, α⁽¹⁾, x] (row-wise, n×Fₗ). */
    private INDArray input(INDArray[] acts, int l) {
        if (!dense || l == 1) {
            return acts[l - 1];
        }
        INDArray[] parts = new INDArray[l];
        for (int k = 0; k < l; k++) {
            parts[k] = acts[l - 1 - k];
        }
        return Nd4j.hstack(parts);
    }

    /** The column range of α⁽ᵏ⁾ inside In⁽ˡ⁾ (DenseNet), as {start, end}. */
    private int[] slice(int l, int k) {
        if (!dense) {
            return new int[]{0, widths[l - 1]};
        }
        int start = 0;
        for (int j = l - 1; j > k; j--) {
            start += widths[j];
        }
        return new int[]{start, start + widths[k]};
    }

    INDArray batch(double[][] inputs) {
        int d = Require.finiteMatrix("inputs", inputs);
        if (d != inputDim) {
            throw new IllegalArgumentException("inputs rows must have length " + inputDim + " (the input dimension d), got " + d);
        }
        return Nd.matrix(inputs);
    }

    INDArray single(double[] x) {
        Require.finite("x", x);
        if (x.length != inputDim) {
            throw new IllegalArgumentException("x must have length " + inputDim + " (the input dimension d), got " + x.length);
        }
        return Nd.matrix(x, 1, inputDim);
    }

    /** The forward pass over the rows of {@code x} (n×d), for analysis code that needs every layer (e.g. the Grams). */
    public Pass forward(INDArray x) {
        Require.notNull("x", x);
        if (x.rank() != 2 || x.columns() != inputDim) {
            throw new IllegalArgumentException("x must be an n×" + inputDim + " matrix (rows = inputs of dimension d), got shape "
                    + Arrays.toString(x.shape()));
        }
        requireLive();
        return new Pass(x);
    }

    /** The last forward pass and a copy of its inputs (GD asks for outputs, then the gradient, at the same θ). */
    private record CachedPass(double[][] inputs, Pass pass) {
    }

    private volatile CachedPass lastPass;

    /**
     * The forward pass over {@code inputs}, reused when the previous call had the same inputs (compared by value:
     * n·d numbers, cheap next to the pass). Only small batches are kept (n·Σmₗ ≤ 2²² numbers, 32 MB).
     */
    private Pass forwardCached(double[][] inputs) {
        CachedPass c = lastPass;
        if (c != null && Arrays.deepEquals(c.inputs(), inputs)) {
            return c.pass();
        }
        Pass p = forward(batch(inputs));
        long size = 0;
        for (int l = 0; l <= layers(); l++) {
            size += (long) inputs.length * (fanIn[Math.max(l, 1)] + 2L * widths[l]);
        }
        if (size <= 1L << 22) {
            double[][] copy = new double[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                copy[i] = inputs[i].clone();
            }
            lastPass = new CachedPass(copy, p);
        }
        return p;
    }

    @Override
    public double[] outputs(double[][] inputs) {
        return forwardCached(inputs).a[layers()].dup('c').data().asDouble();
    }

    /** f(θ; x). */
    @Override
    public double output(double[] x) {
        return forward(single(x)).a[layers()].getDouble(0);
    }

    /** The pre-activations ã⁽ˡ⁾ (n×mₗ) of layer l = 1 … L for every row of {@code inputs}. */
    public double[][] preActivations(double[][] inputs, int layer) {
        Require.inRange("layer", layer, 1, layers());
        return forward(batch(inputs)).z[layer].toDoubleMatrix();
    }

    /** The post-activations α⁽ˡ⁾ (n×mₗ) of hidden layer l = 1 … L−1 (l = 0 gives the inputs). */
    public double[][] postActivations(double[][] inputs, int layer) {
        Require.inRange("layer", layer, 0, layers() - 1);
        return forward(batch(inputs)).a[layer].toDoubleMatrix();
    }

    // ------------------------------------------------------------------ backprop

    /**
     * The backward pass: δ⁽ˡ⁾ = ∂f(xⱼ)/∂ã⁽ˡ⁾ per row (n×mₗ, l = 1 … L, δ⁽ᴸ⁾ = 1) and gradA⁽ᵏ⁾ = ∂f/∂α⁽ᵏ⁾
     * (k = 1 … L−1), so δ⁽ᵏ⁾ = σ'(ã⁽ᵏ⁾) ⊙ gradA⁽ᵏ⁾.
     */
    private record Backward(INDArray[] delta, INDArray[] gradA) {
    }

    private INDArray[] deltas(Pass pass) {
        return backward(pass).delta();
    }

    private Backward backward(Pass pass) {
        synchronized (this) {
            if (pass.backward == null) {
                pass.backward = backwardPass(pass);
            }
            return pass.backward;
        }
    }

    private Backward backwardPass(Pass pass) {
        int L = layers();
        INDArray[] delta = new INDArray[L + 1];
        INDArray[] gradA = new INDArray[L];
        delta[L] = Nd4j.ones(pass.n, 1).castTo(pass.z[L].dataType());
        for (int l = L; l >= 2; l--) {
            INDArray gIn = Nd4j.gemm(delta[l], weights[l], false, false);
            LowRank p = pending[l];
            if (p != null) { // δ (B + UᵀV) = δ B + (δ Uᵀ) V
                INDArray du = Nd4j.gemm(delta[l], p.u, false, true);
                Nd4j.gemm(du, p.v, gIn, false, false, 1.0, 1.0);
                du.close();
            }
            gIn.divi(Math.sqrt(fanIn[l]));
            if (!dense) {
                gradA[l - 1] = gIn;
            } else {
                for (int k = 1; k <= l - 1; k++) {
                    int[] s = slice(l, k);
                    INDArray part = gIn.get(all(), interval(s[0], s[1]));
                    gradA[k] = gradA[k] == null ? part.dup() : gradA[k].addi(part);
                }
                gIn.close();
            }
            delta[l - 1] = activation.derivative(pass.z[l - 1]).muli(gradA[l - 1]);
        }
        return new Backward(delta, gradA);
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex all() {
        return org.nd4j.linalg.indexing.NDArrayIndex.all();
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex interval(int from, int to) {
        return org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to);
    }

    /** One reusable native block per thread for weightedGradient's GEMM output (a fresh 134 MB block costs ~0.1 s). */
    private static final ThreadLocal<INDArray> SCRATCH = new ThreadLocal<>();

    /** An 'f'-ordered rows×cols array over the thread's scratch block (grown when too small), contents undefined. */
    private static INDArray scratch(int rows, int cols) {
        long need = (long) rows * cols;
        if (need < 1 << 16) {
            return Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.DOUBLE, new long[]{rows, cols}, 'f');
        }
        INDArray block = SCRATCH.get();
        if (block == null || block.length() < need) {
            if (block != null) {
                block.close();
            }
            block = Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.DOUBLE, new long[]{need}, 'c');
            SCRATCH.set(block);
        }
        return Nd4j.create(block.data(), new long[]{rows, cols}, new long[]{1, rows}, 0, 'f', org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    }

    /** ∇_θ f(θ; x) by backprop. */
    @Override
    public double[] gradient(double[] x) {
        single(x);
        return weightedGradient(new double[][]{x}, new double[]{1});
    }

    /**
     * ∇_θ Σⱼ cⱼ f(θ; xⱼ) — e.g. the gradient of a loss with cⱼ = ∂ℓ/∂fⱼ — by batched backprop:
     * block l is δ⁽ˡ⁾ᵀ diag(c) In⁽ˡ⁾ / √Fₗ, one GEMM per layer.
     */
    public double[] weightedGradient(double[][] inputs, double[] c) {
        Require.finiteMatrix("inputs", inputs);
        Require.length("c", c, inputs.length);
        Require.finite("c", c);
        Pass pass = forwardCached(inputs);
        INDArray[] delta = deltas(pass);
        INDArray cCol = Nd.array(c);
        double[] out = new double[parameterCount()];
        for (int l = 1; l <= layers(); l++) {
            // block l = (δ⁽ˡ⁾ᵀ diag(c) In⁽ˡ⁾)/√Fₗ, row-major mₗ×Fₗ = the column-major buffer of its transpose Inᵀ(diag(c)δ):
            // one GEMM into an 'f'-ordered Fₗ×mₗ array, copied once into θ's layout
            INDArray gT = scratch(fanIn[l], widths[l]);
            Nd4j.gemm(pass.in[l], delta[l].mulColumnVector(cCol), gT, true, false, 1 / Math.sqrt(fanIn[l]), 0.0);
            gT.data().asNioDouble().get(out, offset[l], widths[l] * fanIn[l]);
        }
        return out;
    }

    /**
     * One gradient step θ − η ∇_θ Σⱼ cⱼ f(θ; xⱼ) as a new net — the same numbers as
     * {@code withParameters(θ − η·weightedGradient(inputs, c))} (to rounding), computed on the native weights:
     * per layer W⁽ˡ⁾ − (η/√Fₗ) δ⁽ˡ⁾ᵀ diag(c) In⁽ˡ⁾ is one copy of W⁽ˡ⁾ and one GEMM accumulating into it, with no
     * P-sized array on the Java heap. At P = 1.7·10⁷ (two hidden layers of width 4096) a training step is
     * memory-bound; this path touches the weights about 6 times per step instead of about 10. A step that
     * overflows gives non-finite parameters (the loss at the next step shows it).
     */
    public DeepNet gradientStep(double[][] inputs, double[] c, double eta) {
        return step(inputs, c, eta, false);
    }

    /**
     * {@link #gradientStep} without the copy: the update is accumulated into this net's own weight buffers, which the
     * returned net takes over, and this net is released (like {@link #releaseNativeMemory()}: any later call on it
     * throws {@link IllegalStateException}). No live net ever changes. For loops that own their intermediate nets
     * ({@link org.linearitylab.training.GradientDescent} from its second step on): at P = 1.7·10⁷ the copy of
     * {@code gradientStep} (a fresh 134 MB native block per layer and step) took longer than the step's three GEMMs.
     *
     * <p>On a layer with both sides ≥ 512 the step is deferred: the returned net holds W⁽ˡ⁾ as its buffer plus the
     * low-rank sum UᵀV of the last few steps' updates, folded into its forward and backward passes (In Vᵀ U and
     * δ Uᵀ V, n×r×m each) and added into the buffer as one GEMM of rank ≤ {@value #MAX_DEFERRED_RANK} (or when
     * anything reads the weights themselves). Same numbers as the eager step, to rounding
     * ({@code DeepNetHessianSpeedPathTest.deferredStepsAreTheEagerSteps}). Measured on a 2-core AMD EPYC, width
     * 4096, n = 16: a rank-16 update ran at 47 GFLOP/s, rank 64 at 89.
     */
    public DeepNet gradientStepConsuming(double[][] inputs, double[] c, double eta) {
        return step(inputs, c, eta, true);
    }

    private DeepNet step(double[][] inputs, double[] c, double eta, boolean consume) {
        Require.finiteMatrix("inputs", inputs);
        Require.length("c", c, inputs.length);
        Require.finite("c", c);
        Require.finite("eta", eta);
        synchronized (this) {
            Pass pass = forwardCached(inputs);
            INDArray[] delta = deltas(pass);
            INDArray cCol = Nd.array(c);
            INDArray[] next = new INDArray[layers() + 1];
            LowRank[] nextPending = new LowRank[layers() + 1];
            for (int l = 1; l <= layers(); l++) {
                double scale = -eta / Math.sqrt(fanIn[l]);
                LowRank p = pending[l];
                int rank = (p == null ? 0 : p.rank()) + inputs.length;
                INDArray cDelta = delta[l].mulColumnVector(cCol);
                if (consume && deferrable(l) && rank < MAX_DEFERRED_RANK) {
                    next[l] = weights[l]; // W⁽ˡ⁾ − (η/√Fₗ)(diag(c)δ)ᵀIn joins the pending part: no pass over the buffer now
                    nextPending[l] = LowRank.plus(p, cDelta.muli(scale), pass.in[l].dup('c')); // p taken over
                    continue;
                }
                next[l] = consume ? weights[l] : weights[l].dup('c');
                if (p == null) {
                    Nd4j.gemm(cDelta, pass.in[l], next[l], true, false, scale, 1.0);
                } else { // the pending steps and this one in one GEMM of rank r + n; a copying step leaves p to this net
                    LowRank all = new LowRank(Nd4j.vstack(p.u, cDelta.muli(scale)), Nd4j.vstack(p.v, pass.in[l]));
                    Nd4j.gemm(all.u, all.v, next[l], true, false, 1.0, 1.0);
                    all.close();
                    if (consume) {
                        p.close();
                    }
                }
                cDelta.close();
            }
            cCol.close();
            if (consume) {
                pass.close(); // this net is released below: its pass is dead (outputs(), tangentKernel() copied what they return)
            }
            return finishStep(next, nextPending, consume);
        }
    }

    private DeepNet finishStep(INDArray[] next, LowRank[] nextPending, boolean consume) {
        DeepNet out = new DeepNet(this, next, nextPending);
        if (consume) {
            released = true;
            lastPass = null;
            java.util.Arrays.fill(weights, null); // the buffers are the new net's now: releaseNativeMemory() must not close them
            java.util.Arrays.fill(pending, null);
        }
        return out;
    }

    /**
     * ‖θ − θ'‖ for a net {@code other} of the same architecture, from the native weights: (Σₗ ‖W⁽ˡ⁾ − W'⁽ˡ⁾‖²_F)^½
     * by one reduction per layer, without a P-sized copy of either parameter vector.
     */
    public double parameterDistance(DeepNet other) {
        Require.notNull("other", other);
        requireLive();
        other.requireLive();
        if (!Arrays.equals(widths, other.widths) || !Arrays.equals(fanIn, other.fanIn) || dense != other.dense) {
            throw new IllegalArgumentException("other must have this net's architecture (" + this + "), got " + other);
        }
        settle();
        other.settle();
        double sq = 0;
        for (int l = 1; l <= layers(); l++) {
            double d = org.nd4j.linalg.ops.transforms.Transforms.euclideanDistance(weights[l], other.weights[l]);
            sq += d * d;
        }
        return Math.sqrt(sq);
    }

    /** Whether {@link #releaseNativeMemory()} was called: the net can no longer compute anything. */
    private volatile boolean released;

    private void requireLive() {
        if (released) {
            throw new IllegalStateException("this DeepNet's weights were freed by releaseNativeMemory(): use the net that "
                    + "gradientStep (or GradientDescent's run().model()) returned instead");
        }
    }

    /**
     * Frees this net's native weight buffers now instead of when the garbage collector finds the net; the net
     * must not be used afterwards. For loops that replace a net every step (GD at P = 1.7·10⁷ makes a 134 MB net
     * per step; without this, native memory grows until JavaCPP's limit forces a collection — or, in a JVM without
     * that limit, until the machine runs out of memory).
     */
    public void releaseNativeMemory() {
        released = true;
        lastPass = null;
        for (int l = 1; l <= layers(); l++) {
            if (weights[l] != null && !weights[l].wasClosed()) {
                weights[l].close();
            }
        }
    }

    /**
     * The cross tangent kernel without a Jacobian: block l of ∇_θ f(xⱼ) is the outer product δ⁽ˡ⁾ⱼ In⁽ˡ⁾ⱼᵀ/√Fₗ,
     * and the dot product of two outer products factorises, so
     * <pre>  K(A, B) = Σₗ (Δₗᴬ Δₗᴮᵀ) ∘ (Inₗᴬ Inₗᴮᵀ) / Fₗ</pre>
     * — two GEMMs of size a×mₗ×b per layer after one backprop pass per input set (O(n·P) time, O(n·m) memory,
     * where the Jacobian route needs O(n·P) memory: 128 MB at m = 1000, n = 16).
     */
    @Override
    public INDArray tangentKernel(double[][] a, double[][] b) {
        org.linearitylab.core.Require.finiteMatrix("a", a);
        org.linearitylab.core.Require.finiteMatrix("b", b);
        org.linearitylab.core.Memory.requireKernel(a.length, b.length);
        Pass pa = forwardCached(Require.notNull("a", a));
        INDArray[] da = deltas(pa);
        Pass pb = a == b ? pa : forward(batch(Require.notNull("b", b)));
        INDArray[] db = a == b ? da : deltas(pb);
        INDArray k = null;
        for (int l = 1; l <= layers(); l++) {
            INDArray block = Nd4j.gemm(da[l], db[l], false, true).muli(Nd4j.gemm(pa.in[l], pb.in[l], false, true)).divi(fanIn[l]);
            k = k == null ? block : k.addi(block);
        }
        return k;
    }

    /** The n×P Jacobian, row j = ∇_θ f(θ; xⱼ): per-sample outer products δ⁽ˡ⁾ⱼ In⁽ˡ⁾ⱼᵀ/√Fₗ from one backprop pass. */
    @Override
    public INDArray jacobian(double[][] inputs) {
        INDArray x = batch(inputs);
        Memory.requireJacobian(inputs.length, parameterCount());
        Pass pass = forward(x);
        INDArray[] delta = deltas(pass);
        int n = inputs.length;
        int p = parameterCount();
        if ((long) n * p > Integer.MAX_VALUE - 8L) {
            throw new IllegalArgumentException("inputs: the Jacobian n×P = " + n + "×" + p + " is too large; use fewer inputs");
        }
        double[] j = new double[n * p];
        for (int l = 1; l <= layers(); l++) {
            double[] d = delta[l].dup('c').data().asDouble();
            double[] in = pass.in[l].dup('c').data().asDouble();
            int ml = widths[l];
            int f = fanIn[l];
            double s = 1 / Math.sqrt(f);
            for (int r = 0; r < n; r++) {
                int base = r * p + offset[l];
                for (int i = 0; i < ml; i++) {
                    double di = d[r * ml + i] * s;
                    int o = base + i * f;
                    for (int k = 0; k < f; k++) {
                        j[o + k] = di * in[r * f + k];
                    }
                }
            }
        }
        return Nd.matrix(j, n, p);
    }

    // ------------------------------------------------------------------ directional derivatives

    /**
     * First and second directional derivatives of every pre-activation along θ(t) = θ + t·v at t = 0,
     * by forward-mode Taylor propagation (exact):
     * <pre>
     *   ż⁽ˡ⁾ = (V⁽ˡ⁾ In + W⁽ˡ⁾ İn)/√Fₗ,   z̈⁽ˡ⁾ = (2 V⁽ˡ⁾ İn + W⁽ˡ⁾ Ïn)/√Fₗ,
     *   α̇ = σ'(z) ż,   α̈ = σ''(z) ż² + σ'(z) z̈.
     * </pre>
     * z̈ᵢ⁽ˡ⁾ = vᵀ H_{zᵢ⁽ˡ⁾} v is the curvature of neuron i along v, so ½ R² z̈ is the quadratic term of its
     * Taylor expansion at distance R (Theorem 2, Theorem 4). Needs a smooth σ.
     */
    public Jet jet(double[][] inputs, double[] v) {
        activation.requireSmooth("activation");
        settle();
        INDArray x = batch(inputs);
        Require.length("v", v, parameterCount());
        Require.finite("v", v);
        int L = layers();
        Pass pass = forward(x);
        INDArray[] zd = new INDArray[L + 1];
        INDArray[] zdd = new INDArray[L + 1];
        INDArray[] ad = new INDArray[L + 1];
        INDArray[] add = new INDArray[L + 1];
        ad[0] = Nd4j.zerosLike(x);
        add[0] = Nd4j.zerosLike(x);
        for (int l = 1; l <= L; l++) {
            INDArray vl = Nd.matrix(Arrays.copyOfRange(v, offset[l], offset[l + 1]), widths[l], fanIn[l]);
            INDArray in = pass.in[l];
            INDArray ind = input(ad, l);
            INDArray indd = input(add, l);
            double s = 1 / Math.sqrt(fanIn[l]);
            zd[l] = Nd4j.gemm(in, vl, false, true).addi(Nd4j.gemm(ind, weights[l], false, true)).muli(s);
            zdd[l] = Nd4j.gemm(ind, vl, false, true).muli(2).addi(Nd4j.gemm(indd, weights[l], false, true)).muli(s);
            if (l == L) {
                ad[l] = zd[l];
                add[l] = zdd[l];
            } else {
                INDArray d1 = activation.derivative(pass.z[l]);
                ad[l] = d1.mul(zd[l]);
                add[l] = activation.secondDerivative(pass.z[l]).muli(zd[l]).muli(zd[l]).addi(d1.muli(zdd[l]));
            }
        }
        double[][][] zs = new double[L + 1][][];
        double[][][] zds = new double[L + 1][][];
        double[][][] zdds = new double[L + 1][][];
        for (int l = 1; l <= L; l++) {
            zs[l] = pass.z[l].toDoubleMatrix();
            zds[l] = zd[l].toDoubleMatrix();
            zdds[l] = zdd[l].toDoubleMatrix();
        }
        double[] f = pass.a[L].dup('c').data().asDouble();
        double[] fd = ad[L].dup('c').data().asDouble();
        double[] fdd = add[L].dup('c').data().asDouble();
        return new Jet(zs, zds, zdds, f, fd, fdd);
    }

    /**
     * Per layer l = 1 … L (index 0 unused): pre-activations z (n×mₗ), their first and second derivatives
     * along the direction; and the network output f with its derivatives f', f'' = vᵀ H_f v per sample.
     */
    public record Jet(double[][][] z, double[][][] zDot, double[][][] zDotDot, double[] f, double[] fDot, double[] fDotDot) {
        @Override
        public String toString() {
            return org.linearitylab.core.Describe.record(this);
        }
    }

    // ------------------------------------------------------------------ Hessian-vector product

    /**
     * H v with H = Σⱼ cⱼ ∇²_θ f(θ; xⱼ), exactly, by Pearlmutter's R-operator through batched backprop
     * (forward: R(z) = (V In + W R(In))/√F; backward: R(δ⁽ˡ⁻¹⁾) = σ''(z) R(z) ⊙ gIn + σ'(z) ⊙ R(gIn) with
     * R(gIn) = (R(δ⁽ˡ⁾) W + δ⁽ˡ⁾ V)/√F; R(∂f/∂W) = (R(δ)ᵀ diag(c) In + δᵀ diag(c) R(In))/√F). About three
     * times the cost of a gradient. Throws for ReLU (no second derivative).
     */
    public double[] hessianVectorProduct(double[][] inputs, double[] c, double[] v) {
        activation.requireSmooth("activation");
        settle();
        INDArray x = batch(inputs);
        Require.length("c", c, inputs.length);
        Require.finite("c", c);
        Require.length("v", v, parameterCount());
        Require.finite("v", v);
        int L = layers();
        int n = inputs.length;
        INDArray[] vw = new INDArray[L + 1];
        for (int l = 1; l <= L; l++) {
            vw[l] = Nd.matrix(Arrays.copyOfRange(v, offset[l], offset[l + 1]), widths[l], fanIn[l]);
        }
        Pass pass = forward(x);
        Backward back = backward(pass);
        INDArray[] in = pass.in;
        INDArray[] z = pass.z;
        INDArray[] delta = back.delta();
        INDArray[] gA = back.gradA();
        // forward R-op: R(z) = (V In + W R(In))/√F, R(α) = σ'(z) R(z)
        INDArray[] ra = new INDArray[L + 1];
        INDArray[] rin = new INDArray[L + 1];
        INDArray[] rz = new INDArray[L + 1];
        ra[0] = Nd4j.zerosLike(x);
        for (int l = 1; l <= L; l++) {
            double s = 1 / Math.sqrt(fanIn[l]);
            rin[l] = input(ra, l);
            rz[l] = Nd4j.gemm(in[l], vw[l], false, true).addi(Nd4j.gemm(rin[l], weights[l], false, true)).muli(s);
            if (l < L) {
                ra[l] = activation.derivative(z[l]).muli(rz[l]);
            }
        }
        // backward R-op: R(δ⁽ᴸ⁾) = 0, R(δ⁽ˡ⁻¹⁾) = σ''(z) R(z) ⊙ gA + σ'(z) ⊙ R(gA)
        INDArray[] rdelta = new INDArray[L + 1];
        rdelta[L] = Nd4j.zeros(z[L].dataType(), n, 1);
        INDArray[] rgA = new INDArray[L];
        for (int l = L; l >= 2; l--) {
            double s = 1 / Math.sqrt(fanIn[l]);
            INDArray rgIn = Nd4j.gemm(rdelta[l], weights[l], false, false).addi(Nd4j.gemm(delta[l], vw[l], false, false)).muli(s);
            for (int k = dense ? 1 : l - 1; k <= l - 1; k++) {
                int[] sl = slice(l, k);
                INDArray rpart = dense ? rgIn.get(all(), interval(sl[0], sl[1])) : rgIn;
                rgA[k] = rgA[k] == null ? rpart.dup() : rgA[k].addi(rpart);
            }
            rdelta[l - 1] = activation.secondDerivative(z[l - 1]).muli(rz[l - 1]).muli(gA[l - 1])
                    .addi(activation.derivative(z[l - 1]).muli(rgA[l - 1]));
        }
        INDArray cCol = Nd.array(c);
        double[] out = new double[parameterCount()];
        for (int l = 1; l <= L; l++) {
            double s = 1 / Math.sqrt(fanIn[l]);
            INDArray g = Nd4j.gemm(rdelta[l].mulColumnVector(cCol), in[l], true, false)
                    .addi(Nd4j.gemm(delta[l].mulColumnVector(cCol), rin[l], true, false)).muli(s);
            System.arraycopy(g.dup('c').data().asDouble(), 0, out, offset[l], widths[l] * fanIn[l]);
        }
        return out;
    }

    /** ∇²_θ f(θ; x) v for one input x (the fused single-input path of {@link #hessian(double[])}). */
    @Override
    public double[] hessianVectorProduct(double[] x, double[] v) {
        activation.requireSmooth("activation");
        single(x);
        Require.length("v", v, parameterCount());
        Require.finite("v", v);
        double[] out = new double[parameterCount()];
        singleInputHvp(x, v, out);
        return out;
    }

    // ------------------------------------------------------------------ single-input HVP, fused (issue 19)

    private volatile double[][] flatWeights; // W⁽ˡ⁾ row-major on the heap, made on the first single-input HVP

    private double[][] flatWeights() {
        double[][] w = flatWeights;
        if (w == null) {
            synchronized (this) {
                if (flatWeights == null) {
                    requireLive();
                    settle();
                    double[][] f = new double[layers() + 1][];
                    for (int l = 1; l <= layers(); l++) {
                        f[l] = weights[l].dup('c').data().asDouble();
                    }
                    flatWeights = f;
                }
                w = flatWeights;
            }
        }
        return w;
    }

    /**
     * The same R-operator as {@link #hessianVectorProduct(double[][], double[], double[])} for one input (dense
     * or not), where every product is matrix-vector: per layer one fused pass over the rows of
     * W⁽ˡ⁾ and V⁽ˡ⁾ forward (z, Rz) and one backward (δᵀW, R(δ)ᵀW + δᵀV and the output block R(δ)Inᵀ + δ R(In)ᵀ,
     * written straight into the result), reading V⁽ˡ⁾ in place from v. No P-sized temporaries besides the result:
     * the ND4J route copies each P-sized block five times (measured 20–50× slower at P = 8.5·10⁶). Rows are
     * split over the available cores.
     */
    private void singleInputHvp(double[] x, double[] v, double[] out) {
        int L = layers();
        double[][] w = flatWeights();
        double[][] a = new double[L + 1][];
        double[][] ra = new double[L + 1][];
        double[][] z = new double[L + 1][];
        double[][] rz = new double[L + 1][];
        double[][] ins = new double[L + 1][];
        double[][] rins = new double[L + 1][];
        a[0] = x;
        ra[0] = new double[inputDim];
        for (int l = 1; l <= L; l++) {
            int rows = widths[l];
            int f = fanIn[l];
            double s = 1 / Math.sqrt(f);
            double[] wl = w[l];
            double[] in = concat(a, l);
            double[] rin = concat(ra, l);
            ins[l] = in;
            rins[l] = rin;
            int off = offset[l];
            double[] zl = new double[rows];
            double[] rzl = new double[rows];
            parallelRows(rows, f, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    int r = i * f;
                    double zi = 0;
                    double vi = 0;
                    double wi = 0;
                    for (int k = 0; k < f; k++) {
                        double ink = in[k];
                        zi += wl[r + k] * ink;
                        vi += v[off + r + k] * ink;
                        wi += wl[r + k] * rin[k];
                    }
                    zl[i] = zi * s;
                    rzl[i] = (vi + wi) * s;
                }
            });
            z[l] = zl;
            rz[l] = rzl;
            if (l < L) {
                double[] al = new double[rows];
                double[] ral = new double[rows];
                for (int i = 0; i < rows; i++) {
                    al[i] = activation.value(zl[i]);
                    ral[i] = activation.derivative(zl[i]) * rzl[i];
                }
                a[l] = al;
                ra[l] = ral;
            }
        }
        double[] delta = {1};
        double[] rdelta = {0};
        double[][] gA = new double[L][];
        double[][] rgA = new double[L][];
        for (int k = 1; k < L; k++) {
            gA[k] = new double[widths[k]];
            rgA[k] = new double[widths[k]];
        }
        for (int l = L; l >= 1; l--) {
            int rows = widths[l];
            int f = fanIn[l];
            double s = 1 / Math.sqrt(f);
            double[] wl = w[l];
            double[] in = ins[l];
            double[] rin = rins[l];
            int off = offset[l];
            double[] d = delta;
            double[] rd = rdelta;
            boolean back = l >= 2;
            double[][] g = back ? parallelColumnSums(rows, f, 2, (lo, hi, acc) -> {
                double[] gIn = acc[0];
                double[] rgIn = acc[1];
                for (int i = lo; i < hi; i++) {
                    int r = i * f;
                    double di = d[i];
                    double rdi = rd[i];
                    double sdi = s * di;
                    double srdi = s * rdi;
                    for (int k = 0; k < f; k++) {
                        double wik = wl[r + k];
                        gIn[k] += di * wik;
                        rgIn[k] += rdi * wik + di * v[off + r + k];
                        out[off + r + k] = srdi * in[k] + sdi * rin[k];
                    }
                }
            }) : null;
            if (!back) {
                parallelRows(rows, f, (lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        int r = off + i * f;
                        double sdi = s * d[i];
                        double srdi = s * rd[i];
                        for (int k = 0; k < f; k++) {
                            out[r + k] = srdi * in[k] + sdi * rin[k];
                        }
                    }
                });
                break;
            }
            // ∂/∂In⁽ˡ⁾ goes to every hidden layer In⁽ˡ⁾ holds (only α⁽ˡ⁻¹⁾ unless dense); δ⁽ˡ⁻¹⁾ is complete now
            for (int k = dense ? 1 : l - 1; k <= l - 1; k++) {
                int start = slice(l, k)[0];
                for (int i = 0; i < widths[k]; i++) {
                    gA[k][i] += g[0][start + i] * s;
                    rgA[k][i] += g[1][start + i] * s;
                }
            }
            double[] zPrev = z[l - 1];
            double[] rzPrev = rz[l - 1];
            int m = widths[l - 1];
            double[] nd = new double[m];
            double[] nrd = new double[m];
            for (int k = 0; k < m; k++) {
                double gk = gA[l - 1][k];
                double rgk = rgA[l - 1][k];
                double d1 = activation.derivative(zPrev[k]);
                nd[k] = d1 * gk;
                nrd[k] = activation.secondDerivative(zPrev[k]) * rzPrev[k] * gk + d1 * rgk;
            }
            delta = nd;
            rdelta = nrd;
        }
    }

    /** In⁽ˡ⁾ for one input: α⁽ˡ⁻¹⁾, or for a DenseNet Concat[α⁽ˡ⁻¹⁾, …, α⁽¹⁾, x] (as {@link #input}). */
    private double[] concat(double[][] acts, int l) {
        if (!dense || l == 1) {
            return acts[l - 1];
        }
        double[] out = new double[fanIn[l]];
        int at = 0;
        for (int k = l - 1; k >= 0; k--) {
            System.arraycopy(acts[k], 0, out, at, acts[k].length);
            at += acts[k].length;
        }
        return out;
    }

    private interface RowTask {
        void run(int lo, int hi);
    }

    private interface SumTask {
        void run(int lo, int hi, double[][] acc);
    }

    /** Rows [0, rows) in contiguous chunks, one per core when the work is large enough. */
    private static void parallelRows(int rows, int cols, RowTask task) {
        int chunks = chunks(rows, cols);
        if (chunks == 1) {
            task.run(0, rows);
            return;
        }
        java.util.stream.IntStream.range(0, chunks).parallel()
                .forEach(c -> task.run((int) ((long) rows * c / chunks), (int) ((long) rows * (c + 1) / chunks)));
    }

    /** Like parallelRows, with {@code count} column accumulators of length cols per chunk, summed at the end. */
    private static double[][] parallelColumnSums(int rows, int cols, int count, SumTask task) {
        int chunks = chunks(rows, cols);
        double[][][] acc = new double[chunks][count][cols];
        if (chunks == 1) {
            task.run(0, rows, acc[0]);
            return acc[0];
        }
        java.util.stream.IntStream.range(0, chunks).parallel()
                .forEach(c -> task.run((int) ((long) rows * c / chunks), (int) ((long) rows * (c + 1) / chunks), acc[c]));
        for (int c = 1; c < chunks; c++) {
            for (int j = 0; j < count; j++) {
                for (int k = 0; k < cols; k++) {
                    acc[0][j][k] += acc[c][j][k];
                }
            }
        }
        return acc[0];
    }

    private static int chunks(int rows, int cols) {
        if ((long) rows * cols < 1 << 18) {
            return 1;
        }
        return Math.max(1, Math.min(Math.min(rows, Runtime.getRuntime().availableProcessors()), 8));
    }

    /**
     * The Hessian ∇²_θ f(θ; x) as a matrix-free operator (for Lanczos); {@link LinearOperator#applyInto} writes
     * the product into the caller's buffer (no allocation per product).
     */
    @Override
    public LinearOperator hessian(double[] x) {
        requireLive();
        activation.requireSmooth("activation");
        Require.notNull("x", x);
        double[] copy = x.clone();
        single(copy);
        int p = parameterCount();
        return new LinearOperator() {
            @Override
            public double[] apply(double[] v) {
                return hessianVectorProduct(copy, v);
            }

            @Override
            public void applyInto(double[] v, double[] out) {
                Require.length("v", v, p);
                Require.finite("v", v);
                Require.length("out", out, p);
                singleInputHvp(copy, v, out);
            }

            @Override
            public int dimension() {
                return p;
            }
        };
    }

    /** The Hessian of Σⱼ cⱼ f(θ; xⱼ) as a matrix-free operator. */
    public LinearOperator hessian(double[][] inputs, double[] c) {
        Require.finite("c", c);
        activation.requireSmooth("activation");
        batch(inputs);
        Require.length("c", c, inputs.length);
        double[][] xs = inputs.clone();
        double[] cs = c.clone();
        return LinearOperator.of(parameterCount(), v -> hessianVectorProduct(xs, cs, v));
    }

    // ------------------------------------------------------------------ directions

    /** A random unit vector in ℝᴾ (seeded). */
    public double[] randomDirection(long seed) {
        return Rng.seed(seed).unitVector(parameterCount());
    }

    /**
     * A random unit vector supported only on the weight blocks of the given layers (1 … L), zero elsewhere,
     * e.g. {@code randomDirection(seed, 1, 2)} moves only W⁽¹⁾ and W⁽²⁾ (layer 3 frozen, as in Theorem 4).
     */
    public double[] randomDirection(long seed, int... layers) {
        Require.notNull("layers", layers);
        if (layers.length == 0) {
            throw new IllegalArgumentException("layers must name at least one layer in 1.." + layers());
        }
        Rng rng = Rng.seed(seed);
        double[] u = new double[parameterCount()];
        double norm = 0;
        for (int l : layers) {
            Require.inRange("layer", l, 1, layers());
            for (int i = offset[l]; i < offset[l + 1]; i++) {
                u[i] = rng.gaussian();
                norm += u[i] * u[i];
            }
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < u.length; i++) {
            u[i] /= norm;
        }
        return u;
    }

    @Override
    public String toString() {
        List<String> w = new ArrayList<>();
        for (int m : widths) {
            w.add(Integer.toString(m));
        }
        return (dense ? "DenseNet" : "DeepNet") + "[" + String.join("→", w) + ", σ=" + activation.name()
                + ", linear output"
                + ", P=" + parameterCount() + "]";
    }

    /** Builds a {@link DeepNet}; every weight i.i.d. N(0,1) from the seed. */
    public static final class Builder {
        /** One line: a builder, not a network yet. */
        @Override
        public String toString() {
            return "DeepNet.Builder (call build() for the network)";
        }

        private int inputDim = -1;
        private int[] hidden;
        private Activation activation = Activation.TANH;
        private boolean dense;
        private long seed;

        private Builder() {
        }

        /** The input dimension d ≥ 1. */
        public Builder inputDim(int d) {
            this.inputDim = Require.positive("inputDim", d);
            return this;
        }

        /** The hidden widths m₁ … m_{L−1} (at least one, each ≥ 1); the output width is 1. */
        public Builder hidden(int... widths) {
            Require.notNull("hiddenWidths", widths);
            if (widths.length == 0) {
                throw new IllegalArgumentException("hiddenWidths must hold at least one width (e.g. hidden(512, 512, 512))");
            }
            for (int i = 0; i < widths.length; i++) {
                Require.positive("hiddenWidths[" + i + "]", widths[i]);
            }
            this.hidden = widths.clone();
            return this;
        }

        /** σ for every hidden layer (default tanh). */
        public Builder activation(Activation sigma) {
            this.activation = Require.notNull("activation", sigma);
            return this;
        }

        /** σ by name: tanh, sigmoid, softplus, relu. */
        public Builder activation(String name) {
            return activation(Activation.of(name));
        }

        /** The DenseNet variant of Appendix E (every layer sees all earlier layers). */
        public Builder dense(boolean dense) {
            this.dense = dense;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public DeepNet build() {
            if (inputDim < 1) {
                throw new IllegalArgumentException("inputDim must be set (≥ 1)");
            }
            if (hidden == null) {
                throw new IllegalArgumentException("hiddenWidths must hold at least one width (call hidden(...))");
            }
            Layout layout = Layout.of(inputDim, hidden, dense);
            long p = layout.parameters();
            if (p > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("inputDim = " + inputDim + " and hiddenWidths " + Arrays.toString(hidden) + " give " + p
                        + " parameters; at most " + (Integer.MAX_VALUE - 8) + " fit in one array");
            }
            Memory.require("a DeepNet with P = " + p + " parameters (widths " + Arrays.toString(hidden) + ")", Memory.doubles("θ", 2, p),
                    Memory.doubles("θ", p), "Use smaller hidden widths");
            double[] theta = Rng.seed(seed).gaussian((int) p);
            return new DeepNet(layout, activation, theta);
        }
    }
}
