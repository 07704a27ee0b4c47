package org.linearitylab.model.assembly;

import java.util.function.IntToDoubleFunction;
import org.linearitylab.core.Require;


/**
 * The scaling s(m) in f = (1/s(m)) Σ vᵢ gᵢ (paper Eq. 4). {@link #SQRT} (s = √m) keeps f = O(1) for
 * zero-mean weights and is the NTK scaling; {@link #LINEAR} (s = m) is the mean-field scaling.
 *
 * @param name     shown in tables and charts
 * @param function m ↦ s(m), must be finite and &gt; 0 for every m ≥ 1
 */
public record Scaling(String name, IntToDoubleFunction function) {
    /** s(m) = √m. */
    public static final Scaling SQRT = new Scaling("√m", m -> Math.sqrt(m));
    /** s(m) = m. */
    public static final Scaling LINEAR = new Scaling("m", m -> m);
    /** s(m) = 1 (no scaling). */
    public static final Scaling NONE = new Scaling("1", m -> 1);

    public Scaling {
        Require.notNull("name", name);
        Require.notNull("function", function);
    }

    /** s(m) = m^a. */
    public static Scaling power(double a) {
        Require.finite("a", a);
        return new Scaling("m^" + a, m -> Math.pow(m, a));
    }

    /** s(m), checked finite and &gt; 0. */
    public double of(int m) {
        Require.positive("m", m);
        return Require.positive("s(m)", function.applyAsDouble(m));
    }

    @Override
    public String toString() {
        return "s(m) = " + name;
    }
}
