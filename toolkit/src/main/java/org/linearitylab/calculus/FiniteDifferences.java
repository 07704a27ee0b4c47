package org.linearitylab.calculus;

import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Require;


/**
 * Central finite differences: the reference every analytic derivative in the toolkit is tested against.
 * Error O(h²) + O(ε_machine/h): the default steps balance the two (≈1e-10 for gradients of O(1) functions).
 */
public final class FiniteDifferences {
    /** Default step for first derivatives, ≈ ε_machine^{1/3}. */
    public static final double GRADIENT_STEP = 1e-5;
    /** Default step for differencing a gradient (Hessian-vector products). */
    public static final double HESSIAN_STEP = 1e-5;

    private FiniteDifferences() {
    }

    /** ∇f(θ) with ∂f/∂θⱼ ≈ (f(θ + h eⱼ) − f(θ − h eⱼ)) / 2h, step {@link #GRADIENT_STEP}. */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] theta) {
        return gradient(f, theta, GRADIENT_STEP);
    }

    /** ∇f(θ) by central differences with step h &gt; 0; θ is not modified. */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] theta, double h) {
        if (theta != null && theta.length == 0) {
            throw new IllegalArgumentException("theta must hold at least one parameter");
        }
        Require.notNull("f", f);
        Require.finite("theta", theta);
        Require.positive("h", h);
        double[] t = theta.clone();
        double[] g = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            double old = t[j];
            t[j] = old + h;
            double plus = f.applyAsDouble(t);
            t[j] = old - h;
            double minus = f.applyAsDouble(t);
            t[j] = old;
            g[j] = (plus - minus) / (2 * h);
        }
        return g;
    }

    /** H u ≈ (∇f(θ + εu) − ∇f(θ − εu)) / 2ε, from a gradient function, ε = {@link #HESSIAN_STEP}. */
    public static double[] hessianVectorProduct(UnaryOperator<double[]> gradient, double[] theta, double[] u) {
        return hessianVectorProduct(gradient, theta, u, HESSIAN_STEP);
    }

    /** H u by central differences of the gradient with step ε &gt; 0. */
    public static double[] hessianVectorProduct(UnaryOperator<double[]> gradient, double[] theta, double[] u, double eps) {
        Require.notNull("gradient", gradient);
        Require.finite("theta", theta);
        Require.length("u", u, theta.length);
        Require.positive("eps", eps);
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        for (int j = 0; j < theta.length; j++) {
            plus[j] += eps * u[j];
            minus[j] -= eps * u[j];
        }
        double[] gp = gradient.apply(plus);
        double[] gm = gradient.apply(minus);
        Require.length("gradient output", gp, theta.length);
        double[] h = new double[theta.length];
        for (int j = 0; j < h.length; j++) {
            h[j] = (gp[j] - gm[j]) / (2 * eps);
        }
        return h;
    }

    /**
     * The dense Hessian of f at θ from function values only: Hⱼₖ ≈ [f(θ+heⱼ+heₖ) − f(θ+heⱼ−heₖ) − f(θ−heⱼ+heₖ)
     * + f(θ−heⱼ−heₖ)] / 4h², symmetric by construction. O(P²) evaluations: for tests and small P only.
     */
    public static double[][] hessian(ToDoubleFunction<double[]> f, double[] theta, double h) {
        if (theta != null && theta.length == 0) {
            throw new IllegalArgumentException("theta must hold at least one parameter");
        }
        Require.notNull("f", f);
        Require.finite("theta", theta);
        Require.positive("h", h);
        Memory.require("the dense Hessian P × P = " + theta.length + " × " + theta.length, Memory.doubles("the Hessian", theta.length, theta.length), 0,
                "Use Hessian-vector products (a LinearOperator with Lanczos) instead of the dense matrix");
        int n = theta.length;
        double[] t = theta.clone();
        double[][] hess = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int k = j; k < n; k++) {
                double tj = t[j];
                double tk = t[k];
                double[] vals = new double[4];
                int idx = 0;
                for (int sj : new int[]{1, -1}) {
                    for (int sk : new int[]{1, -1}) {
                        t[j] = tj + sj * h;
                        t[k] = (j == k ? t[k] : tk) + sk * h;
                        vals[idx++] = f.applyAsDouble(t);
                        t[j] = tj;
                        t[k] = tk;
                    }
                }
                double value = (vals[0] - vals[1] - vals[2] + vals[3]) / (4 * h * h);
                hess[j][k] = value;
                hess[k][j] = value;
            }
        }
        return hess;
    }

    /** The largest |aᵢ − bᵢ| (for comparing a derivative with its finite-difference estimate). */
    public static double maxAbsDifference(double[] a, double[] b) {
        Require.notNull("a", a);
        if (a.length == 0) {
            throw new IllegalArgumentException("a must hold at least one value");
        }
        Require.length("b", b, a.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    /** The largest |Aᵢⱼ − Bᵢⱼ|. */
    public static double maxAbsDifference(double[][] a, double[][] b) {
        Require.finiteMatrix("a", a);
        if (a.length != b.length) {
            throw new IllegalArgumentException("b must have " + a.length + " rows, got " + b.length);
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, maxAbsDifference(a[i], b[i]));
        }
        return worst;
    }
}
