package org.linearitylab.regression;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;

/**
 * Random features (Rahimi &amp; Recht 2007; used for double descent by Belkin, Hsu, Ma, Mandal 2019):
 * φ_j(x) = σ(g_jᵀx + b_j)/√p, j = 1 … p, with g_j ~ N(0, I/ℓ²) (ℓ = bandwidth) fixed at random.
 * <ul>
 *   <li>{@link Kind#RELU}: σ(z) = max(0, z), b = 0 (then ℓ only rescales Φ, which min-norm ignores);</li>
 *   <li>{@link Kind#FOURIER}: σ(z) = √2·cos z, b_j ~ U[0, 2π): ΦΦᵀ → the Gaussian kernel exp(−‖x−x'‖²/2ℓ²)
 *       as p → ∞ (the real form of Belkin et al.'s e^{i⟨v,x⟩}).</li>
 * </ul>
 * The 1/√p factor makes ΦΦᵀ converge to a kernel, so ‖β‖ is comparable across p.
 * The weights are drawn feature by feature from one seed, so the first q features of a map with p ≥ q
 * features equal (up to the √(p/q) scale) the features of the map with q features: curves over p are nested.
 */
public final class RandomFeatures implements FeatureMap {
    /** The nonlinearity. */
    public enum Kind { RELU, FOURIER }

    private final Kind kind;
    private final int d;
    private final int p;
    private final double bandwidth;
    private final INDArray g;   // d×p
    private final INDArray b;   // 1×p

    private RandomFeatures(Kind kind, int d, int p, double bandwidth, long seed) {
        this.kind = kind;
        this.d = d;
        this.p = p;
        this.bandwidth = bandwidth;
        Rng rng = Rng.seed(seed);
        double[] gt = new double[p * d];             // feature j's weights are gt[j*d … j*d+d−1]
        double[] bias = new double[p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < d; i++) {
                gt[j * d + i] = rng.gaussian() / bandwidth;
            }
            bias[j] = kind == Kind.FOURIER ? 2 * Math.PI * rng.uniform(1, 0, 1)[0] : 0;
        }
        this.g = Nd.matrix(gt, p, d).transpose().dup('c');
        this.b = Nd.matrix(bias, 1, p);
    }

    /** p random ReLU features of d inputs, g ~ N(0, I/d). */
    public static RandomFeatures relu(int d, int p, long seed) {
        return of(Kind.RELU, d, p, Math.sqrt(Require.positive("d", d)), seed);
    }

    /** p random Fourier features of d inputs with bandwidth ℓ &gt; 0 (Gaussian kernel of width ℓ). */
    public static RandomFeatures fourier(int d, int p, double bandwidth, long seed) {
        return of(Kind.FOURIER, d, p, bandwidth, seed);
    }

    /** p features of the given kind; weights g ~ N(0, I/ℓ²). */
    public static RandomFeatures of(Kind kind, int d, int p, double bandwidth, long seed) {
        Require.notNull("kind", kind);
        Require.positive("d", d);
        Require.positive("p", p);
        Require.positive("bandwidth", bandwidth);
        Memory.require("random features with d × p = " + d + " × " + p + " weights", Memory.doubles("the weights", Memory.arrayLength("the weights (p × d)", p, d)),
                Memory.doubles("the weights", 2, p, d), "Use fewer features p");
        return new RandomFeatures(kind, d, p, bandwidth, seed);
    }

    /** The kind of nonlinearity. */
    public Kind kind() {
        return kind;
    }

    /** The bandwidth ℓ. */
    public double bandwidth() {
        return bandwidth;
    }

    @Override
    public int inputDim() {
        return d;
    }

    @Override
    public int features() {
        return p;
    }

    /** σ(xG + b) without the 1/√p factor (n×p): column j depends only on feature j's weights. */
    public INDArray raw(INDArray x) {
        LeastSquares.requireMatrix("x", x);
        if (x.columns() != d) {
            throw new IllegalArgumentException("x has " + x.columns() + " columns but the features take d = " + d + " inputs");
        }
        Memory.require("the feature matrix Φ, n × p = " + x.rows() + " × " + p, 0, Memory.doubles("Φ", x.rows(), p),
                "Use fewer samples n or fewer features p (a curve over p needs Φ only at its largest p)");
        INDArray z = x.castTo(g.dataType()).mmul(g).addiRowVector(b);
        if (kind == Kind.RELU) {
            return Transforms.relu(z, false);
        }
        return Transforms.cos(z, false).muli(Math.sqrt(2));
    }

    @Override
    public INDArray apply(INDArray x) {
        return raw(x).muli(1 / Math.sqrt(p));
    }

    /** The first q features (1 ≤ q ≤ p) of a raw feature matrix, scaled by 1/√q: Φ of the q-feature map. */
    public static INDArray firstColumns(INDArray raw, int q) {
        Require.inRange("q", q, 1, (int) raw.columns());
        return raw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, q)).mul(1 / Math.sqrt(q));
    }

    @Override
    public String toString() {
        return "random " + (kind == Kind.RELU ? "ReLU" : "Fourier") + " features, d = " + d + ", p = " + p
                + (kind == Kind.FOURIER ? ", bandwidth " + bandwidth : "");
    }
}
