package org.linearitylab.data;

import org.linearitylab.core.Describe;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;







/**
 * A small regression data set (inputs n×d, targets n) for training experiments.
 *
 * @param inputs  n rows of length d
 * @param targets n targets
 */
public record TrainingSet(double[][] inputs, double[] targets) {
    public TrainingSet {
        int d = Require.finiteMatrix("inputs", inputs);
        Require.positive("input dimension", d);
        Require.length("targets", targets, inputs.length);
        Require.finite("targets", targets);
    }

    /**
     * n inputs uniform on the unit sphere of ℝᵈ with a smooth teacher target yⱼ = sin(2√d · u·xⱼ),
     * u a random unit vector (so yⱼ ∈ [−1, 1] and varies at the scale of the inputs), all from {@code seed}.
     */
    public static TrainingSet sphere(int n, int d, long seed) {
        Memory.require("a training set of n × d = " + n + " × " + d, Memory.doubles("inputs", Math.max(0, n), Math.max(0, d) + 1L), 0, "Use fewer samples n or a smaller dimension d");
        Require.positive("n", n);
        Require.positive("d", d);
        Rng rng = Rng.seed(seed);
        double[] u = rng.unitVector(d);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = rng.unitVector(d);
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += u[k] * x[j][k];
            }
            y[j] = Math.sin(2 * Math.sqrt(d) * s);
        }
        return new TrainingSet(x, y);
    }

    /** The same inputs with every target multiplied by c. */
    public TrainingSet scaledTargets(double c) {
        Require.finite("c", c);
        double[] y = targets.clone();
        for (int j = 0; j < y.length; j++) {
            y[j] *= c;
        }
        return new TrainingSet(inputs, y);
    }

    /**
     * The same targets with every input multiplied by c. {@code sphere(n, d, s).scaledInputs(Math.sqrt(d))} puts the
     * inputs on the sphere of radius √d, so that a {@link org.linearitylab.model.DeepNet}'s first layer
     * (which divides by √d, Eq. 8) sees pre-activations of order one.
     */
    public TrainingSet scaledInputs(double c) {
        Require.finite("c", c);
        double[][] x = new double[inputs.length][];
        for (int j = 0; j < x.length; j++) {
            x[j] = inputs[j].clone();
            for (int k = 0; k < x[j].length; k++) {
                x[j][k] *= c;
            }
        }
        return new TrainingSet(x, targets);
    }

    /** n, the number of samples. */
    public int size() {
        return inputs.length;
    }

    /** d, the input dimension. */
    public int inputDim() {
        return inputs[0].length;
    }

    /** One line: every array summarised by length and range (never {@code [D@…}). */
    @Override
    public String toString() {
        return Describe.record(this);
    }
}
