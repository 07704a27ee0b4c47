package org.linearitylab.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.calculus.Lanczos;
import org.linearitylab.calculus.LinearOperator;
import org.linearitylab.calculus.SpectralEstimate;
import org.linearitylab.calculus.TaylorRemainder;
import org.linearitylab.core.Require;

/**
 * A scalar-output model f(θ; x) with parameters θ ∈ ℝᴾ, and the one vocabulary every model of the toolkit
 * speaks ({@link TwoLayerNet}, {@link DeepNet}, {@link NonLinearOutput}, {@link Linearized} and
 * {@code model.assembly.AssemblyModel}; the contract tests run against each):
 * <ul>
 * <li>{@link #output(double[]) output(x)} = f(θ; x), {@link #outputs(double[][]) outputs(X)} = f on every row of X;</li>
 * <li>{@link #gradient(double[]) gradient(x)} = ∇_θ f(θ; x); {@link #weightedGradient} = Σⱼ cⱼ ∇_θ f(θ; xⱼ);
 *     {@link #jacobian} and {@link #tangentKernel} K = J Jᵀ;</li>
 * <li>{@link #hessianVectorProduct(double[], double[]) hessianVectorProduct(x, v)} = ∇²_θ f(θ; x) v, and
 *     {@link #hessian(double[]) hessian(x)}, the Hessian as a matrix-free {@link LinearOperator};</li>
 * <li>{@link #hessianNorm(double[]) hessianNorm(x)} = ‖∇²_θ f(θ; x)‖₂ (and, with a budget and a tolerance,
 *     the {@link SpectralEstimate} that says whether it converged);</li>
 * <li>the Taylor remainder of paper Eq. 1,
 *     <pre>  R(θ₀ + Δ) = f(θ₀ + Δ; x) − f(θ₀; x) − ∇f(θ₀; x)·Δ = ½ Δᵀ H(ξ) Δ,</pre>
 *     at a displacement ({@link #remainder}), at distance R along a direction u, Δ = R u/‖u‖
 *     ({@link #remainderAlong}), along a line Δ = t u for many t ({@link #lineScan}, whose
 *     {@link LineScan#remainder()} is R(θ₀ + t u)), and on the sphere ‖Δ‖ = R ({@link #worstRemainder}: the
 *     largest |R| over a few candidate directions, a lower bound on the sup).</li>
 * </ul>
 * θ₀ is always the model's own parameters; x is one input of dimension {@link #inputDim()}.
 */
public interface DifferentiableModel {
    /** Relative Lanczos residual of {@link #hessianNorm(double[])}. */
    double HESSIAN_NORM_TOLERANCE = 1e-3;

    /** The input dimension d. */
    int inputDim();

    /** The number of parameters P. */
    int parameterCount();

    /** A copy of θ. */
    double[] parameters();

    /** The same architecture with parameters θ (length P). */
    DifferentiableModel withParameters(double[] theta);

    // ------------------------------------------------------------------ output

    /** ‖θ‖, the Euclidean norm of the parameter vector (models with native weights compute it without a copy of θ). */
    default double parameterNorm() {
        double sq = 0;
        for (double v : parameters()) {
            sq += v * v;
        }
        return Math.sqrt(sq);
    }

    /** f(θ; x) for one input x (length d). */
    default double output(double[] x) {
        Require.finite("x", x);
        return outputs(new double[][]{x})[0];
    }

    /** f(θ; xⱼ) for every row xⱼ of {@code inputs} (n×d). */
    double[] outputs(double[][] inputs);

    // ------------------------------------------------------------------ first order

    /** ∇_θ f(θ; x), length P. */
    default double[] gradient(double[] x) {
        Require.finite("x", x);
        return weightedGradient(new double[][]{x}, new double[]{1});
    }

    /** The n×P Jacobian: row j is ∇_θ f(θ; xⱼ), in float64. */
    INDArray jacobian(double[][] inputs);

    /**
     * ∇_θ Σⱼ cⱼ f(θ; xⱼ) = Jᵀc, length P — e.g. the gradient of the square loss with c = f − y. The default
     * builds the n×P {@link #jacobian}; models with batched backprop override it to skip that matrix.
     */
    default double[] weightedGradient(double[][] inputs, double[] c) {
        Require.finiteMatrix("inputs", inputs);
        Require.length("c", c, inputs.length);
        return jacobian(inputs).transpose().mmul(org.linearitylab.core.Nd.array(c)).data().asDouble();
    }

    /**
     * The tangent kernel K = J Jᵀ on {@code inputs} (n×n): Kⱼₖ = ∇_θ f(θ; xⱼ) · ∇_θ f(θ; xₖ). Same as
     * {@code tangentKernel(inputs, inputs)}.
     */
    default INDArray tangentKernel(double[][] inputs) {
        Require.finiteMatrix("inputs", inputs);
        return tangentKernel(inputs, inputs);
    }

    /**
     * The cross tangent kernel K(A, B) = J_A J_Bᵀ (a×b): entry (j, k) is ∇_θ f(θ; aⱼ) · ∇_θ f(θ; bₖ). The default
     * builds both Jacobians (O(nP) memory); networks override it with the layer-wise closed form
     * Σₗ (Δₗᴬ Δₗᴮᵀ) ∘ (Inₗᴬ Inₗᴮᵀ) / Fₗ, which never forms a Jacobian.
     */
    default INDArray tangentKernel(double[][] a, double[][] b) {
        Require.finiteMatrix("a", a);
        Require.finiteMatrix("b", b);
        org.linearitylab.core.Memory.requireKernel(a.length, b.length);
        INDArray ja = jacobian(a);
        INDArray jb = a == b ? ja : jacobian(b);
        return ja.mmul(jb.transpose());
    }

    // ------------------------------------------------------------------ second order

    /** ∇²_θ f(θ; x) v, exactly (length P). Throws for an activation without a second derivative (ReLU). */
    double[] hessianVectorProduct(double[] x, double[] v);

    /** The Hessian ∇²_θ f(θ; x) as a matrix-free operator (for Lanczos): v ↦ {@link #hessianVectorProduct}(x, v). */
    default LinearOperator hessian(double[] x) {
        Require.finite("x", x);
        double[] copy = x.clone();
        return LinearOperator.of(parameterCount(), v -> hessianVectorProduct(copy, v));
    }

    /**
     * ‖∇²_θ f(θ; x)‖₂, the largest |eigenvalue|, by Lanczos on {@link #hessian} until the Ritz pair's relative
     * residual ‖Hy − λy‖/|λ| is ≤ {@code tolerance} or {@code maxIterations} products were used. The estimate says
     * how many products it took and whether the tolerance was met (report both); when the budget runs out first
     * its value is the largest Ritz value so far, a lower bound on ‖H‖. Models with a closed form override it.
     */
    default SpectralEstimate hessianNorm(double[] x, int maxIterations, double tolerance) {
        Require.positive("maxIterations", maxIterations);
        Require.inRange("tolerance", tolerance, 1e-14, 0.5);
        return Lanczos.of(hessian(x)).withMaxIterations(maxIterations).withTolerance(tolerance).withoutVector().largestMagnitude();
    }

    /**
     * ‖∇²_θ f(θ; x)‖₂ to relative residual {@value #HESSIAN_NORM_TOLERANCE} within
     * {@link Lanczos#DEFAULT_MAX_ITERATIONS} products (throws if that is not reached); exact for models with a closed form.
     */
    default double hessianNorm(double[] x) {
        return hessianNorm(x, Lanczos.DEFAULT_MAX_ITERATIONS, HESSIAN_NORM_TOLERANCE).requireConverged().magnitude();
    }

    // ------------------------------------------------------------------ Taylor remainder

    /** R(θ₀ + Δ) = f(θ₀ + Δ; x) − f(θ₀; x) − ∇f(θ₀; x)·Δ for a displacement Δ (length P). */
    default double remainder(double[] x, double[] displacement) {
        Require.finite("x", x);
        Require.length("displacement", displacement, parameterCount());
        Require.finite("displacement", displacement);
        double[] theta = parameters();
        double[] moved = theta.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += displacement[i];
        }
        return taylor(x, theta).at(moved);
    }

    /** R(θ₀ + R·u/‖u‖): the remainder at distance R &gt; 0 along the direction u ≠ 0 ({@link #remainder} of that step). */
    default double remainderAlong(double[] x, double[] direction, double radius) {
        Require.finite("x", x);
        Require.length("direction", direction, parameterCount());
        Require.finite("direction", direction);
        Require.positive("radius", radius);
        double n = 0;
        for (double d : direction) {
            n += d * d;
        }
        n = Math.sqrt(n);
        if (n == 0) {
            throw new IllegalArgumentException("direction must be a non-zero vector");
        }
        double[] delta = new double[direction.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = direction[i] * radius / n;
        }
        return remainder(x, delta);
    }

    private static double[] scaled(double[] a, double c) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = c * a[i];
        }
        return out;
    }

    /** The expansion of θ ↦ f(θ; x) around θ₀ (calculus' one definition of the remainder). */
    private TaylorRemainder taylor(double[] x, double[] theta) {
        return TaylorRemainder.around(t -> withParameters(t).output(x), theta, gradient(x));
    }

    /** f(θ₀ + t·u; x) for every t (u need not be a unit vector). The default builds one model per t. */
    default double[] alongLine(double[] x, double[] direction, double[] ts) {
        Require.finite("x", x);
        Require.length("direction", direction, parameterCount());
        Require.finite("direction", direction);
        Require.finite("ts", ts);
        if (ts.length == 0) {
            throw new IllegalArgumentException("ts must hold at least one step t");
        }
        double[] theta = parameters();
        double[] out = new double[ts.length];
        for (int j = 0; j < ts.length; j++) {
            double[] moved = theta.clone();
            for (int i = 0; i < moved.length; i++) {
                moved[i] += ts[j] * direction[i];
            }
            out[j] = withParameters(moved).output(x);
        }
        return out;
    }

    /**
     * f and its tangent line f(θ₀) + t ∇f(θ₀)·u along θ₀ + t·u, for every t: the lecture's picture of linearity.
     * {@link LineScan#remainder()} is R(θ₀ + t u) at every t.
     */
    default LineScan lineScan(double[] x, double[] direction, double[] ts) {
        Require.finite("ts", ts);
        if (ts.length == 0) {
            throw new IllegalArgumentException("ts must hold at least one step t");
        }
        double[] f = alongLine(x, direction, ts);
        double f0 = output(x);
        double[] g = gradient(x);
        double slope = 0;
        for (int i = 0; i < g.length; i++) {
            slope += g[i] * direction[i];
        }
        double[] tangent = new double[ts.length];
        for (int j = 0; j < ts.length; j++) {
            tangent[j] = f0 + ts[j] * slope;
        }
        return new LineScan(ts.clone(), f, tangent, f0, slope);
    }

    /**
     * The unit direction u of {@link #worstRemainder}: of the candidates ± the top Hessian eigenvector and ± the
     * gradient, the one with the largest |R(θ₀ + R·u)|. Models with more structure add candidates.
     */
    default double[] worstDirection(double[] x, double radius) {
        Require.positive("radius", radius);
        double[] top = Lanczos.of(hessian(x)).largestMagnitude().vector();
        double[] grad = gradient(x);
        double gn = 0;
        for (double g : grad) {
            gn += g * g;
        }
        gn = Math.sqrt(gn);
        double[][] candidates = gn > 0 ? new double[][]{top, scaled(top, -1), scaled(grad, 1 / gn), scaled(grad, -1 / gn)}
                : new double[][]{top, scaled(top, -1)};
        double worst = -1;
        double[] best = null;
        for (double[] u : candidates) {
            double r = Math.abs(remainderAlong(x, u, radius));
            if (r > worst) {
                worst = r;
                best = u;
            }
        }
        return best.clone();
    }

    /**
     * The largest |R| found on the sphere ‖θ − θ₀‖ = R: |R(θ₀ + R·u)| at {@link #worstDirection}. A lower bound
     * on sup |R| over the sphere, which Theorem 1 bounds by βR²/(2s(m)).
     */
    default double worstRemainder(double[] x, double radius) {
        return Math.abs(remainderAlong(x, worstDirection(x, radius), radius));
    }
}
