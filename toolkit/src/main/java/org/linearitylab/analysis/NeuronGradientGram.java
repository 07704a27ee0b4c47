package org.linearitylab.analysis;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;

/**
 * Gram matrices of neuron gradients in a deep net (paper Theorem 3, Lemma 1, Appendix B / Figure 3),
 * without ever materialising a per-neuron gradient vector.
 *
 * <p>For one input x and hidden layer l, let Kₗ = Jₗ Jₗᵀ with Jₗ = ∂ã⁽ˡ⁾/∂θ (row i: the gradient of neuron i's
 * pre-activation with respect to every parameter it depends on). Because row i of W⁽ˡ⁾ is private to neuron i
 * and α⁽ˡ⁻¹⁾ is shared,
 * <pre>
 *   Kₗ = (‖α⁽ˡ⁻¹⁾‖²/mₗ₋₁) I + (1/mₗ₋₁) W⁽ˡ⁾ Gₗ₋₁ W⁽ˡ⁾ᵀ,   Gₗ = Dₗ Kₗ Dₗ,  Dₗ = diag σ'(ã⁽ˡ⁾),  G₀ = 0,
 * </pre>
 * Gₗ being the Gram matrix of the post-activation gradients ∇αᵢ⁽ˡ⁾. Since σ' &gt; 0 for tanh, sigmoid and
 * softplus, cos(∇αᵢ, ∇αⱼ) = Gᵢⱼ/√(GᵢᵢGⱼⱼ) = Kᵢⱼ/√(KᵢᵢKⱼⱼ): we compute cosines from K (no 0/0 when σ' underflows).
 * Layer 1 shares no parameters: K₁ is diagonal and all its cosines are exactly 0.
 *
 * <p><b>Exact</b> all-pairs mean |cos|: O(mₗ² mₗ₋₁) per sample and layer, O(m²) memory. {@link #exact} and
 * {@link #exactAll} carry Kₗ as its Cholesky factor ({@code ExactGramChain}: a SYRK for K₂, then per layer a Cholesky
 * factorisation, a triangular product and a SYRK, 5/9 of the two-GEMM flops at equal widths); {@link #gram} runs the
 * plain two-GEMM chain and returns the whole matrix.
 * <b>Estimate</b> over a random subset S of k neurons: only K[S,S] is needed; with R = W⁽ˡ⁾[S,:] Dₗ₋₁/√mₗ₋₁,
 * R Kₗ₋₁ Rᵀ = cₗ₋₁ R Rᵀ + (R W⁽ˡ⁻¹⁾ Dₗ₋₂/√mₗ₋₂) Kₗ₋₂ (…)ᵀ and so on down the chain: O(l·k·m²) work. The mean
 * |cos| over the pairs of S is an unbiased estimate of the all-pairs mean; independent subsets per sample
 * give a confidence interval; k = m returns the exact value.
 *
 * <p>Only for plain (non-dense) {@link DeepNet}s with a smooth or at least differentiable σ whose σ' ≠ 0.
 */
public final class NeuronGradientGram {
    private final DeepNet net;
    private final INDArray[] weights; // 1..L-1
    private final int hiddenLayers;

    private NeuronGradientGram(DeepNet net) {
        this.net = net;
        this.hiddenLayers = net.layers() - 1;
        this.weights = new INDArray[hiddenLayers + 1];
        for (int l = 1; l <= hiddenLayers; l++) {
            weights[l] = net.weightView(l);
        }
    }

    /** The Gram computations for a plain (non-dense) deep net. */
    public static NeuronGradientGram of(DeepNet net) {
        Require.notNull("net", net);
        if (net.isDense()) {
            throw new IllegalArgumentException("net must be a plain fully connected DeepNet; the Gram recursion does not cover the DenseNet variant");
        }
        return new NeuronGradientGram(net);
    }

    public DeepNet net() {
        return net;
    }

    // ------------------------------------------------------------------ forward quantities for one sample

    /** Per layer: cₗ = ‖α⁽ˡ⁻¹⁾‖²/mₗ₋₁ and the row vector σ'(ã⁽ˡ⁾) for one input. */
    final class Sample {
        final double[] c = new double[hiddenLayers + 1];
        final INDArray[] d = new INDArray[hiddenLayers + 1]; // 1×mₗ
        final double[][] dv = new double[hiddenLayers + 1][]; // the same, on the heap

        Sample() {
        }

        Sample(INDArray x) {
            Sample s = samples(x)[0];
            System.arraycopy(s.c, 0, c, 0, c.length);
            System.arraycopy(s.d, 0, d, 0, d.length);
            System.arraycopy(s.dv, 0, dv, 0, dv.length);
        }
    }

    /**
     * The forward quantities of every row of {@code xs} from the net's one batched forward pass
     * ({@link DeepNet#forward}: one GEMM per layer, so each weight matrix is read once for all samples).
     */
    private Sample[] samples(INDArray xs) {
        int n = (int) xs.rows();
        Sample[] out = new Sample[n];
        for (int s = 0; s < n; s++) {
            out[s] = new Sample();
        }
        Activation act = net.activation();
        DeepNet.Pass pass = net.forward(xs);
        for (int l = 1; l <= hiddenLayers; l++) {
            int fan = net.fanIn(l);
            INDArray a = pass.activation(l - 1);
            double[] norms = a.mul(a).sum(1).data().asDouble();
            INDArray dl = act.derivative(pass.preActivation(l));
            double[][] rows = dl.toDoubleMatrix();
            for (int s = 0; s < n; s++) {
                out[s].c[l] = norms[s] / fan;
                out[s].d[l] = dl.getRow(s, true);
                out[s].dv[l] = rows[s];
            }
        }
        return out;
    }

    private INDArray row(double[] x) {
        Require.finite("x", x);
        if (x.length != net.inputDim()) {
            throw new IllegalArgumentException("x must have length " + net.inputDim() + " (the input dimension d), got " + x.length);
        }
        return Nd.matrix(x, 1, x.length);
    }

    private void checkLayer(int layer) {
        Require.inRange("layer", layer, 1, hiddenLayers);
    }

    /**
     * Adds {@code value} to every diagonal entry of {@code square} in place. Element by element on the array
     * itself: a reshape of an 'f'-ordered GEMM result (which ND4J may return) is a copy, so adding through a
     * reshaped view would silently lose the update, and a strided interval over a 1×1 matrix is out of range.
     */
    static void addToDiagonal(INDArray square, double value) {
        long m = square.rows();
        for (long i = 0; i < m; i++) {
            square.putScalar(i, i, square.getDouble(i, i) + value);
        }
    }

    /**
     * Kₗ (mₗ×mₗ) for one input by the plain two-GEMM recursion, as an ND4J matrix (exact; O(Σ m²m) work): what
     * {@link #gram} and {@link #maxNormalProjection} return, and the reference {@code ExactGramChain} is tested against.
     */
    INDArray gramMatrix(INDArray x, int layer, Sample s) {
        INDArray k = null; // K_{j}
        for (int j = 1; j <= layer; j++) {
            int mj = net.width(j);
            if (j == 1) {
                k = null; // K₁ = c₁ I is diagonal: handled in closed form at j = 2
            } else if (j == 2) {
                int prev = net.width(1);
                INDArray wd = weights[2].mulRowVector(s.d[1]); // W⁽²⁾ D₁
                k = Nd4j.gemm(wd, wd, false, true).muli(s.c[1] / prev);
                wd.close();
            } else {
                int prev = net.width(j - 1);
                // G_{j-1} = D K D (in place), then K_j = W G Wᵀ / m_{j-1}
                k.muliRowVector(s.d[j - 1]).muliColumnVector(s.d[j - 1].reshape(prev, 1));
                INDArray t = Nd4j.gemm(weights[j], k, false, false);
                k.close(); // free m² off-heap memory now rather than at the next GC
                k = Nd4j.gemm(t, weights[j], false, true).divi(prev);
                t.close();
            }
            if (k == null) {
                k = Nd4j.zeros(x.dataType(), mj, mj);
            }
            addToDiagonal(k, s.c[j]);
        }
        return k;
    }

    /** Kₗ = Jₗ Jₗᵀ, the Gram matrix of the pre-activation gradients of hidden layer l for input x. */
    public double[][] gram(double[] x, int layer) {
        checkLayer(layer);
        requireExactMemory(1, layer);
        INDArray xr = row(x);
        return gramMatrix(xr, layer, new Sample(xr)).toDoubleMatrix();
    }

    /**
     * Eq. 18's sum at its worst: max over unit vectors u of Σᵢ (uᵀnᵢ)², nᵢ = ∇αᵢ⁽ˡ⁾/‖∇αᵢ⁽ˡ⁾‖ the unit normals of the
     * mₗ neurons of layer l at input x. It is λ_max of the cosine matrix Cᵢⱼ = cos(∇αᵢ, ∇αⱼ) (the Gram matrix
     * of the nᵢ): exactly 1 for orthonormal normals (Bessel's inequality, Σᵢ(uᵀnᵢ)² ≤ ‖u‖² = R² for ‖u‖ = R), up to
     * mₗ when they all coincide. Orthogonal "on average" (mean |cos| small) does not make it 1: a common component of
     * size ε in all mₗ normals lifts it to about 1 + mₗε². Exact (LAPACK symmetric eigenvalues), O(mₗ³).
     */
    public double maxNormalProjection(double[] x, int layer) {
        checkLayer(layer);
        INDArray xr = row(x);
        INDArray k = gramMatrix(xr, layer, new Sample(xr)).dup('c');
        int m = (int) k.rows();
        INDArray inv = Nd4j.create(k.dataType(), 1, m);
        for (int i = 0; i < m; i++) {
            inv.putScalar(0, i, 1 / Math.sqrt(k.getDouble(i, i)));
        }
        k.muliRowVector(inv).muliColumnVector(inv.reshape(m, 1));
        INDArray ev = org.nd4j.linalg.eigen.Eigen.symmetricGeneralizedEigenvalues(k, false);
        return ev.maxNumber().doubleValue();
    }

    /**
     * Mean of |Kᵢⱼ|/√(KᵢᵢKⱼⱼ) over pairs i ≠ j of a symmetric k×k matrix K (k ≥ 2), K unchanged. One pass over
     * the upper triangle in plain Java: O(k²), cheap next to the O(k²m) GEMMs that built K.
     */
    static double meanAbsCosine(INDArray k) {
        int m = (int) k.rows();
        double[] a = k.isView() || k.length() != (long) m * m ? k.dup().data().asDouble() : k.data().asDouble();
        double[] inv = new double[m];
        for (int i = 0; i < m; i++) {
            inv[i] = 1 / Math.sqrt(a[i * m + i]);
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double row = 0;
            int base = i * m;
            for (int j = i + 1; j < m; j++) {
                row += Math.abs(a[base + j]) * inv[j];
            }
            sum += row * inv[i];
        }
        return 2 * sum / ((double) m * (m - 1));
    }

    // ------------------------------------------------------------------ exact and estimated mean |cos|

    /**
     * The all-pairs mean |cos| between gradients of neurons of hidden layer l, averaged over the inputs,
     * exactly (Figure 3). Layer 1 gives exactly 0. Needs mₗ ≥ 2.
     */
    public CosineEstimate exact(double[][] inputs, int layer) {
        checkLayer(layer);
        requireExactMemory(inputs == null ? 1 : inputs.length, layer > 1 ? layer : 0);
        INDArray xs = batch(inputs);
        int m = net.width(layer);
        Require.inRange("width of layer " + layer, m, 2, Integer.MAX_VALUE);
        long start = System.nanoTime();
        double[] per = new double[inputs.length];
        if (layer > 1) {
            double[][] perLayer = chain(xs, layer, new double[layer + 1], false);
            per = perLayer[layer];
        }
        return CosineEstimate.exact(layer, m, per, (System.nanoTime() - start) / 1e9);
    }

    /**
     * {@link #exact} for every hidden layer 1 … L−1 in one pass per input (each Kₗ is built from Kₗ₋₁ once),
     * index l−1 of the result for layer l.
     */
    public CosineEstimate[] exactAll(double[][] inputs) {
        requireExactMemory(inputs == null ? 1 : inputs.length, hiddenLayers);
        INDArray xs = batch(inputs);
        for (int l = 1; l <= hiddenLayers; l++) {
            if (net.width(l) < 2) {
                throw new IllegalArgumentException("layer " + l + " has width 1: it has no pair of neurons, so exactAll has no mean |cos| for it;"
                        + " call exact(inputs, layer) for the layers of width ≥ 2");
            }
        }
        double[] secs = new double[hiddenLayers + 1];
        double[][] per = hiddenLayers >= 2 ? chain(xs, hiddenLayers, secs, false) : new double[hiddenLayers + 1][inputs.length];
        CosineEstimate[] out = new CosineEstimate[hiddenLayers];
        for (int l = 1; l <= hiddenLayers; l++) {
            out[l - 1] = CosineEstimate.exact(l, net.width(l), per[l], secs[l]);
        }
        return out;
    }

    /**
     * The exact mean |cos| of layers 2 … layer for every row of xs (index [layer][sample]; layer 1 stays 0) by the
     * BLAS-speed chain ({@link ExactGramChain}; {@code gemmOnly}: its GEMM fallback for every sample); seconds per layer
     * added into {@code secs}.
     */
    double[][] chain(INDArray xs, int layer, double[] secs, boolean gemmOnly) {
        int n = (int) xs.rows();
        double[][] per = new double[layer + 1][n];
        Sample[] all = samples(xs);
        int[] width = new int[hiddenLayers + 1];
        for (int j = 0; j <= hiddenLayers; j++) {
            width[j] = j == 0 ? net.inputDim() : net.width(j);
        }
        double[] out = new double[layer + 1];
        try (ExactGramChain chain = new ExactGramChain(weights, width, layer)) {
            for (int s = 0; s < n; s++) {
                if (gemmOnly) {
                    chain.gemmChain(all[s].c, all[s].dv, layer, out, secs);
                } else {
                    chain.run(all[s].c, all[s].dv, layer, out, secs);
                }
                for (int j = 2; j <= layer; j++) {
                    per[j][s] = out[j];
                }
            }
        }
        return per;
    }

    /**
     * The subset estimate: for each input an independent random subset of k neurons of layer l (seeded),
     * the mean |cos| over its pairs via the restricted chain (O(l·k·m²) work), then the average over inputs
     * with a 95% confidence interval from the spread of the per-input estimates. k = mₗ gives {@link #exact}.
     */
    public CosineEstimate estimate(double[][] inputs, int layer, int k, long seed) {
        checkLayer(layer);
        int m = net.width(layer);
        Require.inRange("k", k, 2, m);
        requireSubsetMemory(inputs == null ? 1 : inputs.length, layer, k);
        if (k == m) {
            return exact(inputs, layer);
        }
        INDArray xs = batch(inputs);
        long start = System.nanoTime();
        int n = inputs.length;
        double[] per = new double[n];
        Rng rng = Rng.seed(seed);
        int[] rows = new int[n * k];
        for (int s = 0; s < n; s++) {
            int[] subset = java.util.Arrays.copyOf(rng.permutation(m), k);
            java.util.Arrays.sort(subset);
            System.arraycopy(subset, 0, rows, s * k, k);
        }
        if (layer > 1) {
            Sample[] all = samples(xs);
            INDArray[] acc = stackedSubsetGrams(layer, rows, n, k, all);
            for (int s = 0; s < n; s++) {
                per[s] = meanAbsCosine(acc[s]);
                acc[s].close();
            }
        }
        return CosineEstimate.estimated(layer, m, k, per, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Kₗ[Sₛ,Sₛ] for every sample s at once: the restricted rows of all samples are stacked (n·k × m) so each
     * step down the chain is one GEMM with W⁽ʲ⁾ for all samples; only the per-sample scalings and the small
     * k×k products R Rᵀ are done sample by sample.
     */
    private INDArray[] stackedSubsetGrams(int layer, int[] rows, int n, int k, Sample[] all) {
        INDArray r = weights[layer].getRows(rows).divi(Math.sqrt(net.width(layer - 1)));
        INDArray[] acc = new INDArray[n];
        for (int j = layer - 1; j >= 1; j--) {
            for (int s = 0; s < n; s++) {
                INDArray block = r.get(NDArrayIndex.interval((long) s * k, (long) (s + 1) * k), NDArrayIndex.all());
                block.muliRowVector(all[s].d[j]);
                INDArray rr = Nd4j.gemm(block, block, false, true).muli(all[s].c[j]);
                if (acc[s] == null) {
                    acc[s] = rr;
                } else {
                    acc[s].addi(rr);
                    rr.close();
                }
            }
            if (j > 1) {
                INDArray next = Nd4j.gemm(r, weights[j], false, false).divi(Math.sqrt(net.width(j - 1)));
                r.close();
                r = next;
            }
        }
        r.close();
        for (int s = 0; s < n; s++) {
            addToDiagonal(acc[s], all[s].c[layer]);
        }
        return acc;
    }

    /** Kₗ[S,S] for one input by the restricted chain: the stacked chain with a single sample. */
    INDArray subsetGram(INDArray x, int layer, int[] subset, Sample s) {
        if (layer == 1) {
            INDArray acc = Nd4j.zeros(weights[layer].dataType(), subset.length, subset.length);
            addToDiagonal(acc, s.c[layer]);
            return acc;
        }
        return stackedSubsetGrams(layer, subset, 1, subset.length, new Sample[]{s})[0];
    }

    /** Kₗ[S,S] for input x and neuron indices S (ascending or not), by the restricted chain. */
    public double[][] subsetGram(double[] x, int layer, int... subset) {
        checkLayer(layer);
        Require.notNull("subset", subset);
        for (int i = 0; i < subset.length; i++) {
            Require.inRange("subset[" + i + "]", subset[i], 0, net.width(layer) - 1);
        }
        requireSubsetMemory(1, layer, subset.length);
        INDArray xr = row(x);
        if (layer == 1) {
            double[][] out = new double[subset.length][subset.length];
            Sample s = new Sample(xr);
            for (int i = 0; i < subset.length; i++) {
                out[i][i] = s.c[1];
            }
            return out;
        }
        return subsetGram(xr, layer, subset, new Sample(xr)).toDoubleMatrix();
    }

    /**
     * Exact when the exact cost n·Σ mⱼ²mⱼ₋₁ fits in {@code flopBudget}, otherwise the subset estimate with
     * k neurons (capped at mₗ).
     */
    public CosineEstimate auto(double[][] inputs, int layer, double flopBudget, int k, long seed) {
        Require.finiteMatrix("inputs", inputs);
        checkLayer(layer);
        Require.positive("flopBudget", flopBudget);
        int m = net.width(layer);
        return exactFlops(inputs.length, layer) <= flopBudget ? exact(inputs, layer) : estimate(inputs, layer, Math.min(k, m), seed);
    }

    /**
     * Floating-point operations of the plain two-GEMM recursion up to layer l: n·(2m₂²m₁ + Σⱼ₌₃ˡ 2(mⱼ mⱼ₋₁² + mⱼ² mⱼ₋₁))
     * (layer 2 needs one GEMM because K₁ is diagonal). The cost model of {@link #auto} and {@link OrthogonalitySweep}'s
     * policy, and what a plain implementation (the PyTorch peer of {@code ./lab bench}) spends; {@link #exact} itself uses
     * Cholesky factors of Kₗ and spends {@link #chainFlops} (5/9 of it at equal widths).
     */
    public double exactFlops(int samples, int layer) {
        Require.positive("samples", samples);
        checkLayer(layer);
        double f = 0;
        for (int j = 2; j <= layer; j++) {
            double mj = net.width(j);
            double mp = net.width(j - 1);
            f += j == 2 ? 2 * mj * mj * mp : 2 * (mj * mp * mp + mj * mj * mp);
        }
        return samples * f;
    }

    /**
     * Floating-point operations the BLAS calls of {@link #exact} / {@link #exactAll} execute up to layer l for n inputs:
     * n·(m₂²m₁ + Σⱼ₌₃ˡ (mⱼ₋₁³/3 + mⱼmⱼ₋₁² + mⱼ²mⱼ₋₁)) — a SYRK for K₂, then per layer the Cholesky factorisation of Kⱼ₋₁,
     * a triangular product and a SYRK ({@code ExactGramChain}); the element-wise passes are not counted.
     */
    public double chainFlops(int samples, int layer) {
        Require.positive("samples", samples);
        checkLayer(layer);
        int[] width = new int[layer + 1];
        for (int j = 0; j <= layer; j++) {
            width[j] = j == 0 ? net.inputDim() : net.width(j);
        }
        return samples * ExactGramChain.flops(width, layer);
    }

    /**
     * The exact chain up to {@code layer} (0: nothing is built) holds Kⱼ₋₁, Wⱼ Kⱼ₋₁ and Kⱼ at once (2mⱼ² + mⱼmⱼ₋₁ doubles off-heap) and
     * reads Kₗ back into a Java array (mₗ² doubles); refused over the {@link Memory} budget before allocating.
     */
    private void requireExactMemory(int samples, int layer) {
        long off = Memory.doubles("the exact Gram", (long) samples, net.inputDim());
        long heap = 0;
        for (int j = 1; j <= layer; j++) { // the chain starts from K₁ = c₁ I, an m₁ × m₁ matrix
            long mj = net.width(j);
            off = Math.max(off, Memory.doubles("the exact Gram", mj, Math.addExact(Math.multiplyExact(2, mj), net.width(j - 1))));
            heap = Math.max(heap, Memory.doubles("the exact Gram", mj, mj));
        }
        Memory.require("the exact neuron-gradient Gram up to layer " + layer + " (widths " + java.util.Arrays.toString(net.hiddenWidths())
                + ", m × m matrices)", heap, off, "Use estimate(inputs, layer, k, seed) with k ≈ 64–256 neurons (O(k·m) memory), "
                + "or OrthogonalitySweep.Policy with a smaller exactFlopBudget, or a smaller width");
    }

    /** The subset chain holds n·k rows of every width below {@code layer} twice and n k×k blocks. */
    private void requireSubsetMemory(int samples, int layer, int k) {
        long widest = 1;
        for (int j = 1; j <= layer; j++) {
            widest = Math.max(widest, net.width(j));
        }
        long rows = Memory.elements("the subset Gram", samples, k);
        long off = Math.addExact(Memory.doubles("the subset Gram", 2, rows, widest), Memory.doubles("the subset Gram", rows, k));
        Memory.require("the subset Gram of layer " + layer + " (" + samples + " samples × k = " + k + " neurons × width " + widest + ")",
                Memory.doubles("the subset Gram", k, k), off, "Use fewer samples or a smaller k");
    }

    private INDArray batch(double[][] inputs) {
        int d = Require.finiteMatrix("inputs", inputs);
        if (d != net.inputDim()) {
            throw new IllegalArgumentException("inputs rows must have length " + net.inputDim() + " (the input dimension d), got " + d);
        }
        return Nd.matrix(inputs);
    }

    /** One line: the network whose neuron gradients this measures. */
    @Override
    public String toString() {
        return "NeuronGradientGram of " + net;
    }
}
