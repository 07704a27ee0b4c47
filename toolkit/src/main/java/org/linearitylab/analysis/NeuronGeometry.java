package org.linearitylab.analysis;

import java.util.Arrays;
import org.linearitylab.calculus.Lanczos;
import org.linearitylab.calculus.LinearOperator;
import org.linearitylab.calculus.SpectralEstimate;
import org.linearitylab.core.Require;
import org.linearitylab.model.DeepNet;
import org.linearitylab.model.NonLinearOutput;


/**
 * The geometry of one neuron of a deep net, as Section 3.2 of the paper states it, measured on the neuron's own
 * parameters θ(αᵢ⁽ˡ⁾) = θ⁽ˡ⁻¹⁾ ∪ wᵢ⁽ˡ⁾ (the paper's P₀ ⊕ Pᵢ).
 *
 * <p>The neuron is itself a deep net: the first l−1 layers of {@code net} followed by an output layer made of
 * row i of W⁽ˡ⁾, so its output is the pre-activation ãᵢ⁽ˡ⁾ ({@link #preActivation}) or, with σ as the output
 * activation, the post-activation αᵢ⁽ˡ⁾ = σ(ãᵢ⁽ˡ⁾) ({@link #postActivation}). Gradients and Hessian-vector
 * products of these sub-nets are exact (backprop and the R-operator of {@link DeepNet}).
 *
 * <ul>
 *   <li><b>Rank one (Eqs. 16–17).</b> H_{αᵢ} = σ'(ã) H_{ãᵢ} + σ''(ã) ∇ãᵢ∇ãᵢᵀ: when the pre-activation is linear
 *   (Assumption 3, H_ã → 0) the Hessian of the post-activation is c·nᵢnᵢᵀ. Measured: |λ₂|/|λ₁| of H_{αᵢ}
 *   (Lanczos, then Lanczos on the deflated operator H − λ₁v₁v₁ᵀ).</li>
 *   <li><b>Theorem 2 (level sets are hyperplanes).</b> Move by R along the worst direction t inside the tangent
 *   hyperplane of the level set through θ₀ (the top eigenvector of H_α projected ⊥ nᵢ): on a hyperplane level set α
 *   does not change. Measured: |αᵢ(θ₀ + R t) − αᵢ(θ₀)| / |αᵢ(θ₀ + R nᵢ) − αᵢ(θ₀)|, the change along the level set
 *   relative to the change across it.</li>
 *   <li><b>Corollary 2 (nᵢ constant).</b> 1 − cos(nᵢ(θ₀), nᵢ(θ₀ + R u)) with u the top eigenvector of the
 *   pre-activation Hessian H_ã (the direction in which the gradient turns fastest).</li>
 * </ul>
 */
public final class NeuronGeometry {
    private NeuronGeometry() {
    }

    /** The pre-activation ãᵢ⁽ˡ⁾ of hidden layer l (≥ 2) as a net of its own parameters θ⁽ˡ⁻¹⁾ ∪ wᵢ⁽ˡ⁾. */
    public static DeepNet preActivation(DeepNet net, int layer, int neuron) {
        return subNet(net, layer, neuron);
    }

    /** The post-activation αᵢ⁽ˡ⁾ = σ(ãᵢ⁽ˡ⁾) of hidden layer l (≥ 2) as a model of its own parameters. */
    public static NonLinearOutput postActivation(DeepNet net, int layer, int neuron) {
        return NonLinearOutput.of(preActivation(net, layer, neuron), net.activation());
    }

    private static DeepNet subNet(DeepNet net, int layer, int neuron) {
        Require.notNull("net", net);
        if (net.isDense()) {
            throw new IllegalArgumentException("net must be a plain DeepNet (not dense)");
        }
        Require.inRange("layer", layer, 2, net.layers() - 1);
        Require.inRange("neuron", neuron, 0, net.width(layer) - 1);
        int[] hidden = Arrays.copyOf(net.hiddenWidths(), layer - 1);
        double[] theta = net.parameters();
        int lower = net.layerOffset(layer);
        int fan = net.fanIn(layer);
        double[] sub = Arrays.copyOf(theta, lower + fan);
        System.arraycopy(theta, lower + neuron * fan, sub, lower, fan);
        return DeepNet.builder().inputDim(net.inputDim()).hidden(hidden).activation(net.activation()).build().withParameters(sub);
    }

    /**
     * @param width       m (the width of layer l−1, which feeds the neuron)
     * @param parameters  |θ(αᵢ)|
     * @param eigenRatio  |λ₂|/|λ₁| of H_{αᵢ} (→ 0: rank one)
     * @param levelSet    change of αᵢ along the level set / change across it, at distance R (→ 0: hyperplane)
     * @param normalTurn  1 − cos(nᵢ(θ₀), nᵢ(θ₀ + R u)) (→ 0: Corollary 2)
     * @param converged   every Lanczos run met the tolerance
     */
    public record Measurement(int width, int parameters, double eigenRatio, double levelSet, double normalTurn, boolean converged) {
    }

    /**
     * The three measurements for neuron i of layer l at input x, distance R, Lanczos to relative residual
     * {@code tolerance} within {@code maxIterations} products.
     */
    public static Measurement measure(DeepNet net, double[] x, int layer, int neuron, double radius, double tolerance, int maxIterations, long seed) {
        Require.positive("radius", radius);
        Require.positive("tolerance", tolerance);
        Require.positive("maxIterations", maxIterations);
        DeepNet pre = preActivation(net, layer, neuron);
        NonLinearOutput post = postActivation(net, layer, neuron);
        int p = post.parameterCount();
        LinearOperator h = post.hessian(x);
        SpectralEstimate e1 = Lanczos.of(h).withMaxIterations(maxIterations).withTolerance(tolerance).withSeed(seed).largestMagnitude();
        double l1 = e1.value();
        double[] v1 = e1.vector();
        LinearOperator deflated = LinearOperator.of(p, v -> {
            double[] hv = h.apply(v);
            double c = l1 * dot(v1, v);
            for (int k = 0; k < p; k++) {
                hv[k] -= c * v1[k];
            }
            return hv;
        });
        SpectralEstimate e2 = Lanczos.of(deflated).withMaxIterations(maxIterations).withTolerance(tolerance).withSeed(seed + 1).largestMagnitude();

        double[] theta = post.parameters();
        double[] n = unit(post.gradient(x));
        // worst tangent direction: top eigenvector of H_α with its n-component removed (or e2's if v1 ≈ ±n)
        double[] t = orthogonal(v1, n);
        if (norm(t) < 1e-3) {
            t = orthogonal(e2.vector(), n);
        }
        t = unit(t);
        double a0 = post.output(x);
        double along = Math.abs(post.withParameters(axpy(theta, radius, t)).output(x) - a0);
        double across = Math.abs(post.withParameters(axpy(theta, radius, n)).output(x) - a0);

        SpectralEstimate u = Lanczos.of(pre.hessian(x)).withMaxIterations(maxIterations).withTolerance(tolerance).withSeed(seed + 2).largestMagnitude();
        double[] theta1 = axpy(pre.parameters(), radius, unit(u.vector()));
        double[] n0 = unit(pre.gradient(x));
        double[] n1 = unit(pre.withParameters(theta1).gradient(x));
        double turn = 1 - Math.abs(dot(n0, n1));
        return new Measurement(net.width(layer - 1), p, Math.abs(e2.value()) / Math.abs(l1), along / across, turn,
                e1.converged() && e2.converged() && u.converged());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] unit(double[] a) {
        double n = norm(a);
        if (!(n > 0)) {
            throw new IllegalArgumentException("a direction of zero length cannot be normalised (the neuron's gradient vanished)");
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / n;
        }
        return out;
    }

    private static double[] orthogonal(double[] a, double[] unitN) {
        double c = dot(a, unitN);
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] -= c * unitN[i];
        }
        return out;
    }

    private static double[] axpy(double[] y, double a, double[] x) {
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += a * x[i];
        }
        return out;
    }
}
