package org.linearitylab.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Require;
import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.experiment.Seeds;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.experiment.SweepResult;
import org.linearitylab.model.DeepNet;

/**
 * The paper's Figure 3 as one call: the mean |cos| between neuron gradients of each requested hidden layer,
 * for a family of networks indexed by a swept width (all hidden widths m for Figure 3 left; the bottleneck
 * width m_b for Figure 3 right), averaged over the given inputs.
 *
 * <pre>{@code
 * var left = OrthogonalitySweep.of(m -> DeepNet.tanh(64, 1, m, m, m), 64, 128, 256, 512, 1024)
 *         .inputs(x).layers(1, 2, 3).run();
 * OrthogonalityCharts.chart(left, "Figure 3 (left)", "width m");  left.fit(2).slope();   // ≈ −1/2
 * }</pre>
 *
 * Each width is computed exactly ({@link NeuronGradientGram#exact}) when its GEMM cost fits the policy's flop
 * budget, otherwise by the subset estimator with k neurons ({@link NeuronGradientGram#estimate}); a network
 * is built, measured and released one width at a time (O(m²) memory). The loop is the {@link Sweep} engine's
 * (one replicate with base seed {@code policy.seed()}; the subset of layer column j at swept index i is drawn from
 * {@link Seeds#subset}, seed + 7919·i + j). Plain data: the chart and HTML view are {@code display.OrthogonalityCharts}.
 */
public final class OrthogonalitySweep {
    /**
     * When to compute exactly: if n·(GEMM flops) ≤ {@code exactFlopBudget}; otherwise estimate with k neurons
     * per sample from {@code seed}.
     */
    public record Policy(double exactFlopBudget, int k, long seed) {
        /**
         * Exact up to 2·10¹⁰ GEMM flops per layer and width (m ≤ 512 with 20 samples, 4 layers), beyond that the
         * subset estimate with k = 64 (CI half-width ≈ 1–2% of the mean at 20 samples).
         */
        public static final Policy DEFAULT = new Policy(2e10, 64, 1);
        /** Always exact. */
        public static final Policy EXACT = new Policy(Double.MAX_VALUE, Integer.MAX_VALUE, 1);

        public Policy {
            Require.positive("exactFlopBudget", exactFlopBudget);
            Require.inRange("k", k, 2, Integer.MAX_VALUE);
        }
    }

    private final int[] swept;
    private final int[] layers;
    private final CosineEstimate[][] results; // [width index][layer index]
    private final SweepResult sweep;           // mean |cos| of every layer, named by name(layer)
    private final double seconds;

    private OrthogonalitySweep(int[] swept, int[] layers, CosineEstimate[][] results, SweepResult sweep, double seconds) {
        this.swept = swept;
        this.layers = layers;
        this.results = results;
        this.sweep = sweep;
        this.seconds = seconds;
    }

    /**
     * A sweep over the widths {@code swept} (distinct, each ≥ 1) of the networks {@code netAt.apply(w)}; say which
     * inputs and layers to measure, optionally the {@link Policy} (default {@link Policy#DEFAULT}), then
     * {@link Builder#run()}.
     */
    public static Builder of(IntFunction<DeepNet> netAt, int... swept) {
        Require.notNull("netAt", netAt);
        return new Builder(netAt, distinctPositive("swept", swept), null, null, Policy.DEFAULT);
    }

    /** What to measure (immutable: every method returns a new builder). */
    public static final class Builder {
        private final IntFunction<DeepNet> netAt;
        private final int[] swept;
        private final double[][] inputs;
        private final int[] layers;
        private final Policy policy;

        private Builder(IntFunction<DeepNet> netAt, int[] swept, double[][] inputs, int[] layers, Policy policy) {
            this.netAt = netAt;
            this.swept = swept;
            this.inputs = inputs;
            this.layers = layers;
            this.policy = policy;
        }

        /** The inputs x₁…x_n the mean |cos| is averaged over (n × d, finite). */
        public Builder inputs(double[][] x) {
            Require.finiteMatrix("x", x);
            return new Builder(netAt, swept, x, layers, policy);
        }

        /** The hidden layers to measure (distinct, each between 1 and the number of hidden layers). */
        public Builder layers(int... l) {
            return new Builder(netAt, swept, inputs, distinctPositive("l", l), policy);
        }

        /** When to compute exactly and when to estimate (default {@link Policy#DEFAULT}). */
        public Builder policy(Policy p) {
            return new Builder(netAt, swept, inputs, layers, Require.notNull("p", p));
        }

        /** Runs the sweep: for each swept width, builds its network and measures every layer. */
        public OrthogonalitySweep run() {
            if (inputs == null || layers == null) {
                throw new IllegalStateException("call inputs(x) and layers(...) before run()");
            }
            return OrthogonalitySweep.run(inputs, swept, netAt, layers, policy);
        }

        @Override
        public String toString() {
            return "OrthogonalitySweep over " + Arrays.toString(swept) + (layers == null ? "" : ", layers " + Arrays.toString(layers))
                    + ", " + policy + " (call run())";
        }
    }

    /** A copy of {@code values}: at least one, each ≥ 1, no repeats. */
    private static int[] distinctPositive(String name, int[] values) {
        Require.notNull(name, values);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            Require.positive(name + "[" + i + "]", values[i]);
        }
        if (Arrays.stream(values).distinct().count() < values.length) {
            throw new IllegalArgumentException(name + " must be distinct, got " + Arrays.toString(values));
        }
        return values.clone();
    }

    private static OrthogonalitySweep run(double[][] inputs, int[] swept, IntFunction<DeepNet> netAt, int[] layers, Policy policy) {
        Require.finiteMatrix("inputs", inputs);
        Require.notNull("swept", swept);
        Require.notNull("netAt", netAt);
        Require.notNull("layers", layers);
        Require.notNull("policy", policy);
        if (swept.length == 0 || layers.length == 0) {
            throw new IllegalArgumentException("swept and layers must each hold at least one value");
        }
        if (Arrays.stream(layers).distinct().count() < layers.length) {
            throw new IllegalArgumentException("layers must be distinct, got " + Arrays.toString(layers));
        }
        long start = System.nanoTime();
        int[] values = swept.clone();
        CosineEstimate[][] out = new CosineEstimate[values.length][layers.length];
        List<String> names = Arrays.stream(layers).mapToObj(OrthogonalitySweep::name).toList();
        SweepResult sweep = Sweep.over("swept", values).seeds(1, policy.seed()).label("orthogonality sweep")
                .measure(names, (w, seed) -> {
                    int i = indexOf(values, w);
                    out[i] = measure(inputs, netAt.apply(w), w, layers, policy, i, seed);
                    return Arrays.stream(out[i]).mapToDouble(CosineEstimate::mean).toArray();
                })
                .run();
        return new OrthogonalitySweep(values, layers.clone(), out, sweep, (System.nanoTime() - start) / 1e9);
    }

    /** Every layer of one network: exact where the policy's budget allows, else the subset estimate. */
    private static CosineEstimate[] measure(double[][] inputs, DeepNet net, int w, int[] layers, Policy policy, int i, long seed) {
        NeuronGradientGram gram = NeuronGradientGram.of(net);
        int top = gram.net().layers() - 1;
        boolean allExact = true;
        for (int l = 1; l <= top; l++) {
            allExact &= gram.net().width(l) >= 2; // exactAll needs a pair of neurons in every layer
        }
        for (int layer : layers) {
            int m = gram.net().width(Require.inRange("layer", layer, 1, top));
            allExact &= gram.exactFlops(inputs.length, layer) <= policy.exactFlopBudget() || policy.k() >= m;
        }
        CosineEstimate[] exact = allExact ? gram.exactAll(inputs) : null;
        CosineEstimate[] out = new CosineEstimate[layers.length];
        for (int j = 0; j < layers.length; j++) {
            int m = gram.net().width(layers[j]);
            long subsetSeed = Seeds.subset(seed, i, j);
            out[j] = exact != null ? exact[layers[j] - 1]
                    : gram.exactFlops(inputs.length, layers[j]) <= policy.exactFlopBudget() || policy.k() >= m
                    ? gram.exact(inputs, layers[j])
                    : gram.estimate(inputs, layers[j], policy.k(), subsetSeed);
            if (!Double.isFinite(out[j].mean())) {
                throw new IllegalArgumentException("mean |cos| of layer " + layers[j] + " is " + out[j].mean() + " at swept width "
                        + w + " (subset seed " + subsetSeed + "): σ' vanished or the inputs overflow; "
                        + "use smaller inputs or a smooth activation with σ' > 0");
            }
        }
        return out;
    }

    private static int indexOf(int[] values, int w) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == w) {
                return i;
            }
        }
        throw new IllegalStateException("swept value " + w + " is not one of " + Arrays.toString(values));
    }

    /** The name of a layer's measurement in {@link #sweep()}: "layer 2". */
    public static String name(int layer) {
        return "layer " + Require.positive("layer", layer);
    }

    private int column(int layer) {
        for (int j = 0; j < layers.length; j++) {
            if (layers[j] == layer) {
                return j;
            }
        }
        throw new IllegalArgumentException("layer " + layer + " was not measured; measured layers: " + Arrays.toString(layers));
    }

    /** The swept values (x axis). */
    public int[] swept() {
        return swept.clone();
    }

    /** The measured layers, in order. */
    public int[] layers() {
        return layers.clone();
    }

    /** The engine's result: the mean |cos| of every layer ({@link #name(int)}) at every swept value. */
    public SweepResult sweep() {
        return sweep;
    }

    /** The result at swept index i and the given layer. */
    public CosineEstimate at(int index, int layer) {
        Require.inRange("index", index, 0, swept.length - 1);
        return results[index][column(layer)];
    }

    /** Mean |cos| of one layer across the sweep. */
    public double[] means(int layer) {
        column(layer);
        return sweep.mean(name(layer));
    }

    /** Log-log fit of the mean |cos| of one layer against the swept value. */
    public LogLogFit fit(int layer) {
        column(layer);
        return sweep.fit(name(layer));
    }

    /** True when each layer's mean |cos| decreases strictly along the sweep. */
    public boolean decreasing(int layer) {
        double[] v = means(layer);
        for (int i = 1; i < v.length; i++) {
            if (!(v[i] < v[i - 1])) {
                return false;
            }
        }
        return true;
    }

    /** Wall time of the whole sweep in seconds. */
    public double seconds() {
        return seconds;
    }

    /** One row per (swept value, layer): width of the layer, k, mean, CI (empty for exact rows), exact or estimated (wall times: {@link #seconds()}). */
    public Table table() {
        int rows = swept.length * layers.length;
        int[] sw = new int[rows];
        int[] ly = new int[rows];
        int[] wd = new int[rows];
        int[] ks = new int[rows];
        double[] mean = new double[rows];
        double[] lo = new double[rows];
        double[] hi = new double[rows];
        boolean[] exact = new boolean[rows];
        int r = 0;
        for (int i = 0; i < swept.length; i++) {
            for (int j = 0; j < layers.length; j++) {
                CosineEstimate e = results[i][j];
                sw[r] = swept[i];
                ly[r] = e.layer();
                wd[r] = e.width();
                ks[r] = e.k();
                mean[r] = e.mean();
                lo[r] = e.lo();
                hi[r] = e.hi();
                exact[r] = e.isExact();
                r++;
            }
        }
        BooleanColumn ex = BooleanColumn.create("exact");
        for (boolean b : exact) {
            ex.append(b);
        }
        return Table.create("mean |cos| between neuron gradients",
                IntColumn.create("swept", sw), IntColumn.create("layer", ly), IntColumn.create("layer width", wd),
                IntColumn.create("k", ks), DoubleColumn.create("mean |cos|", mean), interval("95% lo", lo, exact),
                interval("95% hi", hi, exact), ex); // timings (sec) stay out of results: two runs print the same table
    }

    /** An exact row has no confidence interval (every pair was used): its cell is left empty, not a zero-width interval. */
    private static DoubleColumn interval(String name, double[] v, boolean[] exact) {
        DoubleColumn c = DoubleColumn.create(name);
        for (int i = 0; i < v.length; i++) {
            if (exact[i]) {
                c.appendMissing();
            } else {
                c.append(v[i]);
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return table().print();
    }
}
