package org.linearitylab.model.assembly;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.linearitylab.calculus.SpectralEstimate;
import org.linearitylab.core.Require;
import org.linearitylab.model.Activation;


/**
 * The neuron sub-models of a two-layer network, with closed-form Hessians (derived below):
 * <ul>
 * <li>trainable output: g(w, u; x) = u σ(z), z = wᵀx, parameters [w, u]; H_g = [[u σ''(z) x xᵀ, σ'(z) x], [σ'(z) xᵀ, 0]],
 *     rank ≤ 2: on span{x/r, e_u} it is [[b, a], [a, 0]] with r = ‖x‖, a = σ'(z) r, b = u σ''(z) r², eigenvalues
 *     (b ± √(b² + 4a²))/2, so ‖H_g‖ = (|b| + √(b² + 4a²))/2;</li>
 * <li>fixed output: g(w; x) = σ(z); H_g = σ''(z) x xᵀ, ‖H_g‖ = |σ''(z)| r².</li>
 * </ul>
 * Not valid for ReLU (no σ''): the constructor rejects non-smooth activations.
 */
final class Neuron implements SubModel {
    private static final Map<Activation, double[]> SUPREMA = new ConcurrentHashMap<>();

    private final Activation sigma;
    private final int d;
    private final boolean trainableOutput;

    Neuron(Activation sigma, int inputDim, boolean trainableOutput) {
        this.sigma = Require.notNull("activation", sigma).requireSmooth("activation");
        this.d = Require.positive("inputDim", inputDim);
        this.trainableOutput = trainableOutput;
    }

    @Override
    public String name() {
        return trainableOutput ? "u·" + sigma.name() + "(w·x)" : sigma.name() + "(w·x)";
    }

    @Override
    public int parameterCount() {
        return trainableOutput ? d + 1 : d;
    }

    @Override
    public int inputDim() {
        return d;
    }

    private double z(double[] w, double[] x) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += w[k] * x[k];
        }
        return s;
    }

    @Override
    public double output(double[] w, double[] x) {
        check(w, x);
        double a = sigma.value(z(w, x));
        return trainableOutput ? w[d] * a : a;
    }

    @Override
    public double[] gradient(double[] w, double[] x) {
        check(w, x);
        double z = z(w, x);
        double[] g = new double[parameterCount()];
        double c = (trainableOutput ? w[d] : 1) * sigma.derivative(z);
        for (int k = 0; k < d; k++) {
            g[k] = c * x[k];
        }
        if (trainableOutput) {
            g[d] = sigma.value(z);
        }
        return g;
    }

    @Override
    public double[] hessianVectorProduct(double[] w, double[] x, double[] u) {
        check(w, x);
        Require.length("u", u, parameterCount());
        double z = z(w, x);
        double xu = z(u, x);
        double[] h = new double[parameterCount()];
        double c = (trainableOutput ? w[d] : 1) * sigma.secondDerivative(z) * xu;
        if (trainableOutput) {
            c += sigma.derivative(z) * u[d];
        }
        for (int k = 0; k < d; k++) {
            h[k] = c * x[k];
        }
        if (trainableOutput) {
            h[d] = sigma.derivative(z) * xu;
        }
        return h;
    }

    @Override
    public SpectralEstimate hessianTop(double[] w, double[] x) {
        check(w, x);
        double z = z(w, x);
        double r2 = 0;
        for (int k = 0; k < d; k++) {
            r2 += x[k] * x[k];
        }
        double r = Math.sqrt(r2);
        double[] vec = new double[parameterCount()];
        if (!trainableOutput) {
            double lambda = sigma.secondDerivative(z) * r2;
            for (int k = 0; k < d; k++) {
                vec[k] = r == 0 ? (k == 0 ? 1 : 0) : x[k] / r;
            }
            return new SpectralEstimate(lambda, vec, 1, true);
        }
        double a = sigma.derivative(z) * r;
        double b = w[d] * sigma.secondDerivative(z) * r2;
        double root = Math.sqrt(b * b + 4 * a * a);
        double lambda = b >= 0 ? (b + root) / 2 : (b - root) / 2;
        // eigenvector of [[b, a], [a, 0]] for λ: (a, λ − b), or e_x when a = 0
        double p = a;
        double q = lambda - b;
        if (a == 0) {
            p = 1;
            q = 0;
        }
        double n = Math.hypot(p, q);
        for (int k = 0; k < d; k++) {
            vec[k] = r == 0 ? 0 : p / n * x[k] / r;
        }
        vec[d] = r == 0 ? 1 : q / n;
        return new SpectralEstimate(lambda, vec, 1, true);
    }

    @Override
    public double hessianNorm(double[] w, double[] x) {
        check(w, x);
        double z = z(w, x);
        double r2 = 0;
        for (int k = 0; k < d; k++) {
            r2 += x[k] * x[k];
        }
        double d1;
        double d2;
        if (sigma == Activation.TANH) { // one tanh instead of two: this loop runs 10⁶ times in a sweep
            double t = Math.tanh(z);
            d1 = 1 - t * t;
            d2 = -2 * t * d1;
        } else {
            d1 = sigma.derivative(z);
            d2 = sigma.secondDerivative(z);
        }
        if (!trainableOutput) {
            return Math.abs(d2) * r2;
        }
        double a = d1 * Math.sqrt(r2);
        double b = w[d] * d2 * r2;
        return (Math.abs(b) + Math.sqrt(b * b + 4 * a * a)) / 2;
    }

    /**
     * Rigorous β on the ball ‖w' − w‖ ≤ radius: with S₁ = sup|σ'|, S₂ = sup|σ''| (over ℝ) and |u'| ≤ |u| + radius,
     * ‖H_g(w')‖ ≤ (B + √(B² + 4A²))/2, B = (|u| + radius) S₂ r², A = S₁ r (fixed output: S₂ r²).
     */
    @Override
    public double smoothness(double[] w, double radius, double[] x) {
        check(w, x);
        Require.nonNegative("radius", radius);
        double r2 = 0;
        for (int k = 0; k < d; k++) {
            r2 += x[k] * x[k];
        }
        double[] sup = suprema(sigma);
        if (!trainableOutput) {
            return sup[1] * r2;
        }
        double bigB = (Math.abs(w[d]) + radius) * sup[1] * r2;
        double bigA = sup[0] * Math.sqrt(r2);
        return (bigB + Math.sqrt(bigB * bigB + 4 * bigA * bigA)) / 2;
    }

    /** {sup|σ'|, sup|σ''|} on a fine grid over [−40, 40], times (1 + 1e-6) for the grid error (near a maximum it is ~h²). */
    static double[] suprema(Activation sigma) {
        return SUPREMA.computeIfAbsent(sigma, s -> {
            double m1 = 0;
            double m2 = 0;
            double h = 1e-4;
            for (double z = -40; z <= 40; z += h) {
                m1 = Math.max(m1, Math.abs(s.derivative(z)));
                m2 = Math.max(m2, Math.abs(s.secondDerivative(z)));
            }
            return new double[]{m1 * (1 + 1e-6), m2 * (1 + 1e-6)};
        });
    }

    /** Lengths only (two int compares: these run once per neuron inside AssemblyModel's loops, which check the values). */
    private void check(double[] w, double[] x) {
        Require.length("w", w, parameterCount());
        Require.length("x", x, d);
    }

    @Override
    public String toString() {
        return "SubModel(" + name() + ", p=" + parameterCount() + ", d=" + d + ")";
    }
}
