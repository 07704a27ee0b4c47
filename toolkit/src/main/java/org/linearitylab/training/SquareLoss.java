package org.linearitylab.training;

import org.linearitylab.core.Require;
import org.linearitylab.model.DifferentiableModel;







/**
 * The square loss of the lecture and papers, L(θ) = ½ Σⱼ (f(θ; xⱼ) − yⱼ)², and its gradient
 * ∇L = Jᵀ (f − y). With K = J Jᵀ this gives ‖∇L‖² = rᵀ K r ≥ 2 λ_min(K) L (the PL inequality).
 */
public final class SquareLoss {
    private SquareLoss() {
    }

    /** ½ Σⱼ (fⱼ − yⱼ)². */
    public static double value(double[] outputs, double[] targets) {
        if (outputs != null && outputs.length == 0) {
            throw new IllegalArgumentException("outputs must hold at least one value");
        }
        Require.finite("outputs", outputs);
        Require.finite("targets", targets);
        Require.length("targets", targets, outputs.length);
        double s = 0;
        for (int j = 0; j < outputs.length; j++) {
            double r = outputs[j] - targets[j];
            s += r * r;
        }
        return 0.5 * s;
    }

    /** L(θ) of {@code model} on the data. */
    public static double value(DifferentiableModel model, double[][] inputs, double[] targets) {
        return value(model.outputs(inputs), targets);
    }

    /** ∇_θ L = Jᵀ (f − y), length P. */
    public static double[] gradient(DifferentiableModel model, double[][] inputs, double[] targets) {
        Require.finiteMatrix("inputs", inputs);
        Require.finite("targets", targets);
        Require.notNull("model", model);
        Require.length("targets", targets, inputs.length);
        double[] f = model.outputs(inputs);
        double[] r = new double[f.length];
        for (int j = 0; j < f.length; j++) {
            r[j] = f[j] - targets[j];
        }
        return model.weightedGradient(inputs, r);
    }
}
