package org.linearitylab.calculus;

import java.util.function.ToDoubleFunction;
import org.linearitylab.core.Require;


/**
 * The remainder of the first-order Taylor expansion (paper Eq. 1) of any scalar function f of θ around θ₀:
 * <pre>  R(θ) = f(θ) − f(θ₀) − ∇f(θ₀)ᵀ(θ − θ₀) = ½(θ − θ₀)ᵀ H(ξ) (θ − θ₀)  for some ξ on the segment,</pre>
 * so |R(θ)| ≤ ½ sup‖H‖ ‖θ − θ₀‖², which Theorem 1 bounds by βR²/(2s(m)).
 */
public final class TaylorRemainder {
    private final ToDoubleFunction<double[]> f;
    private final double[] theta0;
    private final double[] gradient0;
    private final double f0;

    private TaylorRemainder(ToDoubleFunction<double[]> f, double[] theta0, double[] gradient0) {
        this.f = f;
        this.theta0 = theta0;
        this.gradient0 = gradient0;
        this.f0 = f.applyAsDouble(theta0);
    }

    /** The expansion of f around θ₀ with gradient ∇f(θ₀) (same length as θ₀). */
    public static TaylorRemainder around(ToDoubleFunction<double[]> f, double[] theta0, double[] gradient0) {
        Require.finite("gradient0", gradient0);
        if (theta0 != null && theta0.length == 0) {
            throw new IllegalArgumentException("theta0 must hold at least one parameter");
        }
        Require.notNull("f", f);
        Require.finite("theta0", theta0);
        Require.length("gradient0", gradient0, theta0.length);
        return new TaylorRemainder(f, theta0.clone(), gradient0.clone());
    }

    /** R(θ). */
    public double at(double[] theta) {
        Require.finite("theta", theta);
        Require.length("theta", theta, theta0.length);
        double lin = 0;
        for (int i = 0; i < theta.length; i++) {
            lin += gradient0[i] * (theta[i] - theta0[i]);
        }
        return f.applyAsDouble(theta) - f0 - lin;
    }

    /** R(θ₀ + R·u/‖u‖): on the sphere of the given radius R &gt; 0 in direction u ≠ 0. */
    public double along(double[] direction, double radius) {
        Require.positive("radius", radius);
        Require.length("direction", direction, theta0.length);
        double n = Vectors.norm(direction);
        if (!(n > 0)) {
            throw new IllegalArgumentException("direction must be a non-zero finite vector");
        }
        double[] t = theta0.clone();
        for (int i = 0; i < t.length; i++) {
            t[i] += radius * direction[i] / n;
        }
        return at(t);
    }

    /** Theorem 1's bound βR²/(2s) (β ≥ 0, R &gt; 0, s &gt; 0). */
    public static double bound(double beta, double radius, double scale) {
        Require.nonNegative("beta", beta);
        Require.positive("radius", radius);
        Require.positive("scale", scale);
        return beta * radius * radius / (2 * scale);
    }
}
