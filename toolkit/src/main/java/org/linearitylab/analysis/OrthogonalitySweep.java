package org.linearitylab.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import org.knowm.xchart.XYChart;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Progress;
import org.linearitylab.core.Require;
import org.linearitylab.display.Html;
import org.linearitylab.display.Plots;
import org.linearitylab.display.Tables;
import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.model.DeepNet;

/**
 * The paper's Figure 3 as one call: the mean |cos| between neuron gradients of each requested hidden layer,
 * for a family of networks indexed by a swept width (all hidden widths m for Figure 3 left; the bottleneck
 * width m_b for Figure 3 right), averaged over the given inputs.
 *
 * <pre>{@code
 * var left = OrthogonalitySweep.run(x, new int[]{64, 128, 256, 512, 1024},
 *         m -> DeepNet.tanh(64, 1, m, m, m), new int[]{1, 2, 3}, OrthogonalitySweep.Policy.DEFAULT);
 * left.chart("Figure 3 (left)", "width m");  left.fit(2).slope();   // ≈ −1/2
 * }</pre>
 *
 * Each width is computed exactly ({@link NeuronGradientGram#exact}) when its GEMM cost fits the policy's flop
 * budget, otherwise by the subset estimator with k neurons ({@link NeuronGradientGram#estimate}); a network
 * is built, measured and released one width at a time (O(m²) memory).
 */
public final class OrthogonalitySweep implements Html {
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
    private final double seconds;

    private OrthogonalitySweep(int[] swept, int[] layers, CosineEstimate[][] results, double seconds) {
        this.swept = swept;
        this.layers = layers;
        this.results = results;
        this.seconds = seconds;
    }

    /** Runs the sweep: for each value w of {@code swept}, builds {@code netAt.apply(w)} and measures every layer. */
    public static OrthogonalitySweep run(double[][] inputs, int[] swept, IntFunction<DeepNet> netAt, int[] layers, Policy policy) {
        Require.finiteMatrix("inputs", inputs);
        Require.notNull("swept", swept);
        Require.notNull("netAt", netAt);
        Require.notNull("layers", layers);
        Require.notNull("policy", policy);
        if (swept.length == 0 || layers.length == 0) {
            throw new IllegalArgumentException("swept and layers must each hold at least one value");
        }
        long start = System.nanoTime();
        CosineEstimate[][] out = new CosineEstimate[swept.length][layers.length];
        Progress bar = Progress.start("orthogonality sweep", swept.length);
        for (int i = 0; i < swept.length; i++) {
            NeuronGradientGram gram = NeuronGradientGram.of(netAt.apply(swept[i]));
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
            for (int j = 0; j < layers.length; j++) {
                int m = gram.net().width(layers[j]);
                out[i][j] = exact != null ? exact[layers[j] - 1]
                        : gram.exactFlops(inputs.length, layers[j]) <= policy.exactFlopBudget() || policy.k() >= m
                        ? gram.exact(inputs, layers[j])
                        : gram.estimate(inputs, layers[j], policy.k(), policy.seed() + 7919L * i + j);
                if (!Double.isFinite(out[i][j].mean())) {
                    throw new IllegalArgumentException("mean |cos| of layer " + layers[j] + " is " + out[i][j].mean() + " at swept width "
                            + swept[i] + " (subset seed " + (policy.seed() + 7919L * i + j) + "): σ' vanished or the inputs overflow; "
                            + "use smaller inputs or a smooth activation with σ' > 0");
                }
            }
            bar.step("width " + swept[i]);
        }
        bar.done();
        return new OrthogonalitySweep(swept.clone(), layers.clone(), out, (System.nanoTime() - start) / 1e9);
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

    /** The result at swept index i and the given layer. */
    public CosineEstimate at(int index, int layer) {
        Require.inRange("index", index, 0, swept.length - 1);
        return results[index][column(layer)];
    }

    /** Mean |cos| of one layer across the sweep. */
    public double[] means(int layer) {
        int c = column(layer);
        return Arrays.stream(results).mapToDouble(r -> r[c].mean()).toArray();
    }

    /** Log-log fit of the mean |cos| of one layer against the swept value. */
    public LogLogFit fit(int layer) {
        return LogLogFit.of(Arrays.stream(swept).asDoubleStream().toArray(), means(layer));
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

    /**
     * Log-log chart: one line per layer with 95% error bars where estimated and its fitted slope dashed.
     * Layers whose values are all exactly 0 (layer 1) cannot be drawn on a log axis and are named in the title.
     */
    public XYChart chart(String title, String xLabel) {
        List<String> zero = new ArrayList<>();
        XYChart c = Plots.logLog(title, xLabel, "mean |cos| between neuron gradients");
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int layer : layers) {
            for (double v : means(layer)) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi > 0 && hi / lo < 30) { // less than ~1.5 decades: label ticks inside the decade too
            c.getStyler().setYAxisLogarithmicDecadeOnly(false);
            c.getStyler().setYAxisDecimalPattern("0.###");
        }
        if ((double) Arrays.stream(swept).max().getAsInt() / Arrays.stream(swept).min().getAsInt() < 30) {
            c.getStyler().setXAxisLogarithmicDecadeOnly(false);
            c.getStyler().setXAxisDecimalPattern("0");
        }
        double[] x = Arrays.stream(swept).asDoubleStream().toArray();
        for (int layer : layers) {
            double[] y = means(layer);
            if (Arrays.stream(y).allMatch(v -> v == 0)) {
                zero.add("layer " + layer);
                continue;
            }
            int col = column(layer);
            double[] err = Arrays.stream(results).mapToDouble(r -> r[col].isExact() ? 0 : r[col].halfWidth()).toArray();
            boolean anyErr = Arrays.stream(err).anyMatch(e -> e > 0);
            Plots.withErrors(c, "layer " + layer, x, y, anyErr ? err : null);
            LogLogFit f = x.length >= 2 ? fit(layer) : null;
            if (f != null && f.r2() >= 0.9) { // a power law only where the points follow one
                Plots.dashed(c, String.format(java.util.Locale.ROOT, "layer %d fit: slope %.2f", layer, f.slope()), x, f.predict(x));
            }
        }
        if (!zero.isEmpty()) {
            c.setTitle(title + " (" + String.join(", ", zero) + ": exactly 0)");
        }
        return c;
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
    public String toHtml() {
        return Tables.html(table());
    }

    @Override
    public String toString() {
        return table().print();
    }
}
