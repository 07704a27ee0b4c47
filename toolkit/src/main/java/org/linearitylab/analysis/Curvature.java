package org.linearitylab.analysis;

import org.linearitylab.core.Require;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;
import org.linearitylab.model.DifferentiableModel;







/**
 * Second-order measurements on a {@link DeepNet}: how far neurons and the output are from linear in an
 * O(1) neighbourhood of the initialisation (paper Theorems 2 and 4). The Hessian norm of any model is
 * {@link DifferentiableModel#hessianNorm(double[], int, double)}.
 */
public final class Curvature {
    private Curvature() {
    }

    /**
     * Theorem 2: the mean over inputs, neurons of layer l and random unit directions u (supported on the weights
     * of layers 1…l, the only ones ã⁽ˡ⁾ depends on) of |ãᵢ⁽ˡ⁾(θ₀ + R u) − ãᵢ⁽ˡ⁾(θ₀) − R ∇ãᵢ⁽ˡ⁾·u|: the distance of a
     * pre-activation from its tangent plane at distance R. Returns {mean, max}.
     */
    public static double[] preActivationRemainder(DeepNet net, double[][] inputs, int layer, double radius, int directions, long seed) {
        Require.inRange("directions", directions, 1, 1_000_000);
        Require.inRange("layer", layer, 1, net.layers());
        Require.positive("radius", radius);
        Require.positive("directions", directions);
        int[] lower = new int[layer];
        for (int l = 1; l <= layer; l++) {
            lower[l - 1] = l;
        }
        double sum = 0;
        double max = 0;
        long count = 0;
        double[] theta = net.parameters();
        for (int k = 0; k < directions; k++) {
            double[] u = net.randomDirection(seed + k, lower);
            DeepNet.Jet jet = net.jet(inputs, u);
            double[] moved = theta.clone();
            for (int i = 0; i < moved.length; i++) {
                moved[i] += radius * u[i];
            }
            double[][] z1 = net.withParameters(moved).preActivations(inputs, layer);
            double[][] z0 = jet.z()[layer];
            double[][] dz = jet.zDot()[layer];
            for (int s = 0; s < z1.length; s++) {
                for (int i = 0; i < z1[s].length; i++) {
                    double r = Math.abs(z1[s][i] - z0[s][i] - radius * dz[s][i]);
                    sum += r;
                    max = Math.max(max, r);
                    count++;
                }
            }
        }
        return new double[]{sum / count, max};
    }

    /**
     * The Taylor remainder of one pre-activation along a line: for each t, ãᵢ⁽ˡ⁾(θ₀ + t u) − ãᵢ⁽ˡ⁾(θ₀) − t ∇ãᵢ⁽ˡ⁾·u
     * (zero for all t exactly when the neuron is linear along u). One forward pass per t.
     */
    public static double[] lineRemainder(DeepNet net, double[] x, int layer, int neuron, double[] u, double[] ts) {
        Require.inRange("layer", layer, 1, net.layers());
        Require.inRange("neuron", neuron, 0, net.width(layer) - 1);
        Require.finite("ts", ts);
        double[][] xs = {x};
        DeepNet.Jet jet = net.jet(xs, u);
        double z0 = jet.z()[layer][0][neuron];
        double slope = jet.zDot()[layer][0][neuron];
        double[] theta = net.parameters();
        double[] out = new double[ts.length];
        for (int k = 0; k < ts.length; k++) {
            double[] moved = theta.clone();
            for (int i = 0; i < moved.length; i++) {
                moved[i] += ts[k] * u[i];
            }
            out[k] = net.withParameters(moved).preActivations(xs, layer)[0][neuron] - z0 - ts[k] * slope;
        }
        return out;
    }

    /**
     * max |Hv − (∇f(θ+hv) − ∇f(θ−hv))/2h| / max |Hv|: the exact R-operator product against central finite
     * differences of backprop gradients (≈ 1e-8 or smaller when both are right).
     */
    public static double hessianVectorCheck(DifferentiableModel net, double[] x, double[] v, double h) {
        Require.notNull("net", net);
        Require.positive("h", h);
        double[] hv = net.hessianVectorProduct(x, v);
        double[] tp = net.parameters();
        double[] tm = net.parameters();
        for (int i = 0; i < tp.length; i++) {
            tp[i] += h * v[i];
            tm[i] -= h * v[i];
        }
        double[] gp = net.withParameters(tp).gradient(x);
        double[] gm = net.withParameters(tm).gradient(x);
        double err = 0;
        double scale = 0;
        for (int i = 0; i < hv.length; i++) {
            err = Math.max(err, Math.abs(hv[i] - (gp[i] - gm[i]) / (2 * h)));
            scale = Math.max(scale, Math.abs(hv[i]));
        }
        return err / scale;
    }

    /**
     * Theorem 4, measured. With the output layer frozen (u supported on layers 1…L−1, ‖u‖ = 1) and Δ = R u,
     * the quadratic term of f = (1/√m) Σ wᵢ αᵢ at θ₀ is q = ½ ΔᵀH_fΔ = (R²/2√m) Σ wᵢ α̈ᵢ, with α̈ᵢ = uᵀH_{αᵢ}u
     * the curvature of last-hidden-layer neuron i along u (exact, from {@link DeepNet#jet}). The triangle
     * inequality gives q ≤ (R²/2√m) max|wᵢ| Σᵢ|α̈ᵢ|, which is Theorem 4's bound βR² max|wᵢ|/(2√m) with β
     * replaced by S = Σᵢ|α̈ᵢ| — and Theorems 2–3 (rank-one neuron Hessians with orthogonal normals) say
     * S ≤ β = O(1) however wide the net. Averages over inputs and directions.
     */
    public static QuadraticTerm quadraticTerm(DeepNet net, double[][] inputs, double radius, int directions, long seed) {
        Require.inRange("directions", directions, 1, 1_000_000);
        Require.positive("radius", radius);
        Require.positive("directions", directions);
        if (net.isDense()) {
            throw new IllegalArgumentException("net must be a plain DeepNet with a linear output for Theorem 4's bound");
        }
        Activation act = net.activation().requireSmooth("activation");
        int L = net.layers();
        int m = net.width(L - 1);
        double[] w = net.weightView(L).dup('c').data().asDouble();
        double maxW = 0;
        for (double v : w) {
            maxW = Math.max(maxW, Math.abs(v));
        }
        int[] lower = new int[L - 1];
        for (int l = 1; l < L; l++) {
            lower[l - 1] = l;
        }
        double scale = radius * radius / (2 * Math.sqrt(m));
        double q = 0;
        double qMax = 0;
        double s = 0;
        int count = 0;
        for (int k = 0; k < directions; k++) {
            double[] u = net.randomDirection(seed + k, lower);
            DeepNet.Jet jet = net.jet(inputs, u);
            for (int j = 0; j < inputs.length; j++) {
                double[] z = jet.z()[L - 1][j];
                double[] zd = jet.zDot()[L - 1][j];
                double[] zdd = jet.zDotDot()[L - 1][j];
                double sumAbs = 0;
                for (int i = 0; i < m; i++) {
                    double add = act.secondDerivative(z[i]) * zd[i] * zd[i] + act.derivative(z[i]) * zdd[i];
                    sumAbs += Math.abs(add);
                }
                double qj = 0.5 * radius * radius * Math.abs(jet.fDotDot()[j]); // f̈ = uᵀH_f u already holds the 1/√m
                q += qj;
                qMax = Math.max(qMax, qj);
                s += sumAbs;
                count++;
            }
        }
        q /= count;
        s /= count;
        return new QuadraticTerm(m, radius, q, qMax, s, maxW, scale * maxW * s);
    }

    /**
     * @param width      m_{L−1}
     * @param radius     R
     * @param measured   mean over inputs and directions of |½ΔᵀH_fΔ|
     * @param measuredMax its maximum
     * @param sumAbsNeuronCurvature mean of S = Σᵢ|uᵀH_{αᵢ}u| (plays β in Theorem 4)
     * @param maxOutputWeight max|wᵢ⁽ᴸ⁾| (≈ √(2 log m) for Gaussian weights)
     * @param bound      R² max|wᵢ| S / (2√m)
     */
    public record QuadraticTerm(int width, double radius, double measured, double measuredMax, double sumAbsNeuronCurvature,
                                double maxOutputWeight, double bound) {
    }
}
