package org.linearitylab.model.assembly;

import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;







/**
 * How the assembly weights vᵢ of f = (1/s(m)) Σ vᵢ gᵢ are chosen (paper Eq. 4): all 1, random signs ±1
 * (Theorem 1), i.i.d. N(0,1) (Appendix A), or explicit values.
 */
public interface Weights {
    /** The m weights for this seed. */
    double[] draw(int m, long seed);

    /** A short name for tables and charts. */
    String name();

    /** vᵢ = 1. */
    Weights ONES = named("1", (m, seed) -> {
        double[] v = new double[m];
        java.util.Arrays.fill(v, 1.0);
        return v;
    });

    /** vᵢ ∈ {−1, +1} with probability ½ each. */
    Weights SIGNS = named("±1", (m, seed) -> Rng.seed(seed ^ 0x5DEECE66DL).signs(m));

    /** vᵢ ~ N(0, 1) i.i.d. (Appendix A: max|vᵢ| ≤ log m with high probability). */
    Weights GAUSSIAN = named("N(0,1)", (m, seed) -> Rng.seed(seed ^ 0x5DEECE66DL).gaussian(m));

    /** Explicit weights; the assembly checks that their length is the width m. */
    static Weights of(double... values) {
        Require.finite("values (the weights)", values);
        if (values != null && values.length == 0) {
            throw new IllegalArgumentException("values (the weights) must hold m ≥ 1 numbers");
        }
        Require.finite("weights", values);
        double[] copy = values.clone();
        return named("given", (m, seed) -> {
            if (copy.length != m) {
                throw new IllegalArgumentException("weights must have length " + m + " (the width m), got " + copy.length);
            }
            return copy.clone();
        });
    }

    /** A named weight rule. */
    static Weights named(String name, java.util.function.BiFunction<Integer, Long, double[]> rule) {
        Require.notNull("name", name);
        Require.notNull("rule", rule);
        return new Weights() {
            @Override
            public double[] draw(int m, long seed) {
                return rule.apply(m, seed);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return "vᵢ ∈ " + name;
            }
        };
    }
}
