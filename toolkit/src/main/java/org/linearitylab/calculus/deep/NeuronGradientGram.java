package org.linearitylab.calculus.deep;

import org.linearitylab.Lab;
import org.linearitylab.Require;
import org.linearitylab.Rng;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

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
 * <p><b>Exact</b> all-pairs mean |cos|: O(mₗ² mₗ₋₁) per sample and layer (two GEMMs), O(m²) memory.
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
    private final class Sample {
        final double[] c = new double[hiddenLayers + 1];
        final INDArray[] d = new INDArray[hiddenLayers + 1]; // 1×mₗ

        Sample(INDArray x) {
            Activation act = net.activation();
            INDArray a = x;
            for (int l = 1; l <= hiddenLayers; l++) {
                int fan = net.fanIn(l);
                double norm2 = a.mul(a).sumNumber().doubleValue();
                c[l] = norm2 / fan;
                INDArray z = Nd4j.gemm(a, weights[l], false, true).divi(Math.sqrt(fan));
                d[l] = act.derivative(z);
                a = act.value(z);
            }
        }
    }

    private INDArray row(double[] x) {
        Require.finite("x", x);
        if (x.length != net.inputDim()) {
            throw new IllegalArgumentException("x must have length " + net.inputDim() + " (the input dimension d), got " + x.length);
        }
        return Lab.matrix(x, 1, x.length);
    }

    private void checkLayer(int layer) {
        Require.inRange("layer", layer, 1, hiddenLayers);
    }

    private static void addToDiagonal(INDArray square, double value) {
        long m = square.rows();
        square.reshape(m * m).get(NDArrayIndex.interval(0, m + 1, m * m)).addi(value);
    }

    /** Kₗ (mₗ×mₗ) for one input by the recursion, as an ND4J matrix (exact; O(Σ m²m) work). */
    INDArray gramMatrix(INDArray x, int layer, Sample s) {
        return gramChain(x, layer, s, null);
    }

    /** Runs the recursion up to {@code layer}, handing each Kⱼ (j ≥ 2) to {@code visit} before it is overwritten. */
    private INDArray gramChain(INDArray x, int layer, Sample s, java.util.function.ObjIntConsumer<INDArray> visit) {
        INDArray k = null; // K_{j}
        for (int j = 1; j <= layer; j++) {
            if (visit != null && j >= 3) {
                visit.accept(k.dup(), j - 1);
            }
            int mj = net.width(j);
            if (j == 1) {
                k = null; // K₁ = c₁ I is diagonal: handled in closed form at j = 2
            } else if (j == 2) {
                int prev = net.width(1);
                INDArray wd = weights[2].mulRowVector(s.d[1]); // W⁽²⁾ D₁
                k = Nd4j.gemm(wd, wd, false, true).muli(s.c[1] / prev);
            } else {
                int prev = net.width(j - 1);
                // G_{j-1} = D K D (in place), then K_j = W G Wᵀ / m_{j-1}
                k.muliRowVector(s.d[j - 1]).muliColumnVector(s.d[j - 1].reshape(prev, 1));
                INDArray t = Nd4j.gemm(weights[j], k, false, false);
                k = Nd4j.gemm(t, weights[j], false, true).divi(prev);
            }
            if (k == null) {
                k = Nd4j.zeros(x.dataType(), mj, mj);
            }
            addToDiagonal(k, s.c[j]);
        }
        if (visit != null && layer >= 2) {
            visit.accept(k, layer);
        }
        return k;
    }

    /** Kₗ = Jₗ Jₗᵀ, the Gram matrix of the pre-activation gradients of hidden layer l for input x. */
    public double[][] gram(double[] x, int layer) {
        checkLayer(layer);
        INDArray xr = row(x);
        return gramMatrix(xr, layer, new Sample(xr)).toDoubleMatrix();
    }

    /** Gₗ = Dₗ Kₗ Dₗ, the Gram matrix of the post-activation gradients ∇αᵢ⁽ˡ⁾ for input x. */
    public double[][] postActivationGram(double[] x, int layer) {
        checkLayer(layer);
        INDArray xr = row(x);
        Sample s = new Sample(xr);
        INDArray k = gramMatrix(xr, layer, s);
        int m = net.width(layer);
        return k.muliRowVector(s.d[layer]).muliColumnVector(s.d[layer].reshape(m, 1)).toDoubleMatrix();
    }

    /** Mean of |Kᵢⱼ|/√(KᵢᵢKⱼⱼ) over ordered pairs i ≠ j (k×k symmetric K, k ≥ 2); K is overwritten. */
    static double meanAbsCosine(INDArray k) {
        long m = k.rows();
        INDArray diag = k.reshape(m * m).get(NDArrayIndex.interval(0, m + 1, m * m)).dup();
        INDArray inv = Transforms.pow(diag, -0.5, false).reshape(1, m);
        k.muliRowVector(inv).muliColumnVector(inv.reshape(m, 1));
        double total = Transforms.abs(k, false).sumNumber().doubleValue();
        double offDiagonal = total - m; // every |cos_ii| = 1
        return Math.max(0, offDiagonal) / ((double) m * (m - 1));
    }

    // ------------------------------------------------------------------ exact and estimated mean |cos|

    /**
     * The all-pairs mean |cos| between gradients of neurons of hidden layer l, averaged over the inputs,
     * exactly (Figure 3). Layer 1 gives exactly 0. Needs mₗ ≥ 2.
     */
    public CosineEstimate exact(double[][] inputs, int layer) {
        checkLayer(layer);
        INDArray xs = batch(inputs);
        int m = net.width(layer);
        Require.inRange("width of layer " + layer, m, 2, Integer.MAX_VALUE);
        long start = System.nanoTime();
        double[] per = new double[inputs.length];
        if (layer > 1) {
            for (int s = 0; s < inputs.length; s++) {
                INDArray x = xs.getRow(s, true);
                per[s] = meanAbsCosine(gramMatrix(x, layer, new Sample(x)));
            }
        }
        return CosineEstimate.exact(layer, m, per, (System.nanoTime() - start) / 1e9);
    }

    /**
     * {@link #exact} for every hidden layer 1 … L−1 in one pass per input (each Kₗ is built from Kₗ₋₁ once),
     * index l−1 of the result for layer l.
     */
    public CosineEstimate[] exactAll(double[][] inputs) {
        INDArray xs = batch(inputs);
        double[][] per = new double[hiddenLayers + 1][inputs.length];
        double[] secs = new double[hiddenLayers + 1];
        long[] clock = {System.nanoTime()};
        for (int s = 0; s < inputs.length; s++) {
            INDArray x = xs.getRow(s, true);
            final int sample = s;
            clock[0] = System.nanoTime();
            gramChain(x, hiddenLayers, new Sample(x), (k, layer) -> {
                per[layer][sample] = net.width(layer) < 2 ? 0 : meanAbsCosine(k);
                long now = System.nanoTime();
                secs[layer] += (now - clock[0]) / 1e9;
                clock[0] = now;
            });
        }
        CosineEstimate[] out = new CosineEstimate[hiddenLayers];
        for (int l = 1; l <= hiddenLayers; l++) {
            out[l - 1] = CosineEstimate.exact(l, net.width(l), per[l], secs[l]);
        }
        return out;
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
        if (k == m) {
            return exact(inputs, layer);
        }
        INDArray xs = batch(inputs);
        long start = System.nanoTime();
        double[] per = new double[inputs.length];
        Rng rng = Rng.seed(seed);
        for (int s = 0; s < inputs.length; s++) {
            int[] perm = rng.permutation(m);
            int[] subset = java.util.Arrays.copyOf(perm, k);
            java.util.Arrays.sort(subset);
            if (layer > 1) {
                INDArray x = xs.getRow(s, true);
                per[s] = meanAbsCosine(subsetGram(x, layer, subset, new Sample(x)));
            }
        }
        return CosineEstimate.estimated(layer, m, k, per, (System.nanoTime() - start) / 1e9);
    }

    /** Kₗ[S,S] for one input by the restricted chain. */
    INDArray subsetGram(INDArray x, int layer, int[] subset, Sample s) {
        int k = subset.length;
        INDArray r = weights[layer].getRows(subset).divi(Math.sqrt(net.width(layer - 1)));
        INDArray acc = Nd4j.zeros(r.dataType(), k, k);
        for (int j = layer - 1; j >= 1; j--) {
            r.muliRowVector(s.d[j]);
            acc.addi(Nd4j.gemm(r, r, false, true).muli(s.c[j]));
            if (j > 1) {
                r = Nd4j.gemm(r, weights[j], false, false).divi(Math.sqrt(net.width(j - 1)));
            }
        }
        addToDiagonal(acc, s.c[layer]);
        return acc;
    }

    /** Kₗ[S,S] for input x and neuron indices S (ascending or not), by the restricted chain. */
    public double[][] subsetGram(double[] x, int layer, int... subset) {
        checkLayer(layer);
        Require.notNull("subset", subset);
        for (int i = 0; i < subset.length; i++) {
            Require.inRange("subset[" + i + "]", subset[i], 0, net.width(layer) - 1);
        }
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
        checkLayer(layer);
        Require.positive("flopBudget", flopBudget);
        int m = net.width(layer);
        return exactFlops(inputs.length, layer) <= flopBudget ? exact(inputs, layer) : estimate(inputs, layer, Math.min(k, m), seed);
    }

    /**
     * Floating-point operations of the GEMMs in {@link #exact}: n·(2m₂²m₁ + Σⱼ₌₃ˡ 2(mⱼ mⱼ₋₁² + mⱼ² mⱼ₋₁))
     * (layer 2 needs one GEMM because K₁ is diagonal).
     */
    public double exactFlops(int samples, int layer) {
        double f = 0;
        for (int j = 2; j <= layer; j++) {
            double mj = net.width(j);
            double mp = net.width(j - 1);
            f += j == 2 ? 2 * mj * mj * mp : 2 * (mj * mp * mp + mj * mj * mp);
        }
        return samples * f;
    }

    private INDArray batch(double[][] inputs) {
        int d = Require.finiteMatrix("inputs", inputs);
        if (d != net.inputDim()) {
            throw new IllegalArgumentException("inputs rows must have length " + net.inputDim() + " (the input dimension d), got " + d);
        }
        return Lab.matrix(inputs);
    }
}
