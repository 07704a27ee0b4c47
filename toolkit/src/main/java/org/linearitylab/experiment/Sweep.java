package org.linearitylab.experiment;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Progress;
import org.linearitylab.core.Require;


/**
 * The one sweep engine: measure one or more named numbers for every (swept value, seed) pair — the swept value a
 * width m ({@link #widths}), or any other integer such as a number of features p ({@link #over}) — showing
 * progress (one {@link Progress} display updated in place, or lines to {@link #progress(PrintStream)}), and
 * collect the results as a {@link SweepResult} (per-row values, mean / median / spread per swept value, log-log
 * fits; {@link SlopeFit} for an exponent's interval over seeds).
 *
 * <pre>{@code
 * SweepResult r = Sweep.widths(10, 100, 1000, 10_000).seeds(5)
 *     .measure("‖H‖", (m, seed) -> TwoLayerHessian.norm(TwoLayerNet.tanh(m, 1, seed), x))
 *     .run();
 * r.fit("‖H‖").slope();   // ≈ −0.5
 * }</pre>
 *
 * <p><b>Seed convention</b> ({@link Seeds}): replicate r of a sweep with base seed b runs with seed b + r, the same
 * at every swept value, so the swept values are compared on paired draws; {@link #seeds(int)} means b = 0,
 * {@link #seeds(int, long)} sets b. Random streams a measurement needs besides its model (test sets, feature
 * draws, subsets) are derived from that seed by {@link Seeds}.
 *
 * <p>Rows are (swept value, seed) pairs, swept-value-major, whatever the loop order: by default each swept value
 * runs every seed; {@link #seedsOuter()} runs each seed over every swept value, which lets a
 * {@link #measurePerSeed per-seed measurement} prepare once per seed (draw its data, its largest feature matrix)
 * and reuse it at every swept value.
 *
 * <p>Immutable builder: every method returns a new Sweep. What is measured is any function of (value, seed); a
 * measurement that needs a rich per-run object keeps it itself (e.g. in a list indexed by row) — the engine sees
 * only the named doubles, each of which must be finite.
 */
public final class Sweep {
    /** A scalar measured at one (width, seed). */
    @FunctionalInterface
    public interface Measure {
        double at(int width, long seed);
    }

    /** Several scalars measured at once (sharing one model build), in the order of their names. */
    @FunctionalInterface
    public interface MultiMeasure {
        double[] at(int width, long seed);
    }

    /** A measurement prepared once per seed ({@link #measurePerSeed}): the seed's state, then one call per swept value. */
    @FunctionalInterface
    public interface PerSeed {
        /** Prepares the seed's state (data, features, …) and returns the measurement at each swept value. */
        Prepared prepare(long seed);
    }

    /** The measurement of one seed at each swept value, in the order of its names. */
    @FunctionalInterface
    public interface Prepared {
        double[] at(int value);
    }

    private final String axis;
    private final String symbol;
    private final int[] widths;
    private final long[] seeds;
    private final List<String> names;
    private final List<PerSeed> measures;
    private final List<Integer> arity;
    private final Consumer<String> progress;
    private final String label;
    private final boolean seedsOuter;
    /** Marks the default: a {@link Progress} display instead of lines. */
    private static final Consumer<String> PROGRESS_DISPLAY = line -> { };

    private Sweep(String axis, String symbol, int[] widths, long[] seeds, List<String> names, List<PerSeed> measures,
                  List<Integer> arity, Consumer<String> progress, String label, boolean seedsOuter) {
        this.axis = axis;
        this.symbol = symbol;
        this.widths = widths;
        this.seeds = seeds;
        this.names = names;
        this.measures = measures;
        this.arity = arity;
        this.progress = progress;
        this.label = label;
        this.seedsOuter = seedsOuter;
    }

    private Sweep with(long[] s, List<String> n, List<PerSeed> ms, List<Integer> a, Consumer<String> p, String l, boolean outer) {
        return new Sweep(axis, symbol, widths, s, n, ms, a, p, l, outer);
    }

    /** A sweep over these widths m (each ≥ 1, distinct), one seed (0) until {@link #seeds} is called. */
    public static Sweep widths(int... widths) {
        return over("width", "m", widths);
    }

    /**
     * A sweep over these values (each ≥ 1, distinct) of the integer called {@code name} (e.g. "p", the number of
     * features): {@code name} heads the result's column and names the value in progress and messages. One seed (0)
     * until {@link #seeds} is called.
     */
    public static Sweep over(String name, int... values) {
        Require.notNull("name", name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must be non-blank, got '" + name + "'");
        }
        return over(name, name, values);
    }

    private static Sweep over(String axis, String symbol, int[] values) {
        String what = axis.equals("width") ? "widths" : "values";
        Require.notNull(what, values);
        if (values.length == 0) {
            throw new IllegalArgumentException(what + " must hold at least one " + (axis.equals("width") ? "width" : "value"));
        }
        for (int i = 0; i < values.length; i++) {
            Require.positive(what + "[" + i + "]", values[i]);
            for (int j = 0; j < i; j++) {
                if (values[j] == values[i]) {
                    throw new IllegalArgumentException(what + " must be distinct, got " + values[i] + " at [" + j + "] and [" + i + "]");
                }
            }
        }
        return new Sweep(axis, symbol, values.clone(), new long[]{0}, List.of(), List.of(), List.of(), PROGRESS_DISPLAY, "sweep", false);
    }

    /**
     * Widths spaced evenly on a log scale from {@code from} to {@code to} (both included), {@code perDecade}
     * points per factor 10, rounded to integers, duplicates removed: e.g. logWidths(10, 10⁶, 2) =
     * 10, 32, 100, 316, …, 10⁶.
     */
    public static Sweep logWidths(int from, int to, int perDecade) {
        return widths(logSpaced(from, to, perDecade));
    }

    /** The widths of {@link #logWidths} as an array. */
    public static int[] logSpaced(int from, int to, int perDecade) {
        Require.positive("from", from);
        Require.positive("to", to);
        Require.positive("perDecade", perDecade);
        if (to < from) {
            throw new IllegalArgumentException("to must be ≥ from, got from = " + from + ", to = " + to);
        }
        int steps = (int) Math.round(Math.log10((double) to / from) * perDecade);
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k <= steps; k++) {
            int m = (int) Math.round(from * Math.pow(10, (double) k / perDecade));
            m = Math.min(m, to);
            if (out.isEmpty() || out.get(out.size() - 1) != m) {
                out.add(m);
            }
        }
        if (out.get(out.size() - 1) != to) {
            out.add(to);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Seeds 0, 1, …, count−1 (base seed 0). */
    public Sweep seeds(int count) {
        return seeds(count, 0);
    }

    /** Seeds base, base+1, …, base+count−1: replicate r runs with seed base + r at every swept value ({@link Seeds#replicate}). */
    public Sweep seeds(int count, long base) {
        Memory.require("count = " + count + " seeds", Memory.doubles("seeds", Math.max(0, count)), 0, "Use fewer seeds");
        Require.positive("count", count);
        long[] s = new long[count];
        for (int i = 0; i < count; i++) {
            s[i] = Seeds.replicate(base, i);
        }
        return with(s, names, measures, arity, progress, label, seedsOuter);
    }

    /** These explicit seeds (at least one). */
    public Sweep seeds(long... seeds) {
        Require.notNull("seeds", seeds);
        if (seeds.length == 0) {
            throw new IllegalArgumentException("seeds must hold at least one seed");
        }
        return with(seeds.clone(), names, measures, arity, progress, label, seedsOuter);
    }

    /** Adds a named measurement (names must be unique). */
    public Sweep measure(String name, Measure measure) {
        Require.notNull("measure", measure);
        return measure(List.of(Require.notNull("name", name)), (m, s) -> new double[]{measure.at(m, s)});
    }

    /** Adds several named measurements computed together; the function must return one value per name. */
    public Sweep measure(List<String> newNames, MultiMeasure measure) {
        Require.notNull("measure", measure);
        return add(newNames, seed -> value -> measure.at(value, seed));
    }

    /**
     * Adds several named measurements that share per-seed state: {@code measure.prepare(seed)} runs once for each
     * seed's consecutive rows (once per seed with {@link #seedsOuter()}, once per row otherwise) and the state is
     * released before the next seed's; its result then gives one value per name at each swept value.
     */
    public Sweep measurePerSeed(List<String> newNames, PerSeed measure) {
        return add(newNames, Require.notNull("measure", measure));
    }

    private Sweep add(List<String> newNames, PerSeed measure) {
        Require.notNull("names", newNames);
        if (newNames.isEmpty()) {
            throw new IllegalArgumentException("names must hold at least one name");
        }
        List<String> n = new ArrayList<>(names);
        for (String name : newNames) {
            if (name == null || name.isBlank() || n.contains(name) || name.equals(axis) || name.equals("seed")) {
                throw new IllegalArgumentException("names must be unique, non-blank and not '" + axis + "'/'seed', got '" + name + "'");
            }
            n.add(name);
        }
        List<PerSeed> ms = new ArrayList<>(measures);
        ms.add(measure);
        List<Integer> a = new ArrayList<>(arity);
        a.add(newNames.size());
        return with(seeds, List.copyOf(n), List.copyOf(ms), List.copyOf(a), progress, label, seedsOuter);
    }

    /** Each seed runs over every swept value in turn (default: each swept value runs every seed). Rows keep their order. */
    public Sweep seedsOuter() {
        return with(seeds, names, measures, arity, progress, label, true);
    }

    /** The label of the progress display (default "sweep"). */
    public Sweep label(String label) {
        Require.notNull("label", label);
        return with(seeds, names, measures, arity, progress, label, seedsOuter);
    }

    /**
     * Progress lines (one per swept value with its mean values — or one per seed with {@link #seedsOuter()} — then a
     * final line) go to {@code out}; default: one {@link Progress} display.
     */
    public Sweep progress(PrintStream out) {
        Require.notNull("out", out);
        return progress(line -> {
            out.println(line);
            out.flush();
        });
    }

    /** As {@link #progress(PrintStream)}, each line given to {@code lines}. */
    public Sweep progress(Consumer<String> lines) {
        return with(seeds, names, measures, arity, Require.notNull("lines", lines), label, seedsOuter);
    }

    /** No progress output. */
    public Sweep quiet() {
        return with(seeds, names, measures, arity, null, label, seedsOuter);
    }

    /** Runs every measurement for every swept value (in the given order) and every seed. */
    public SweepResult run() {
        if (measures.isEmpty()) {
            throw new IllegalArgumentException("measure(...) must be called at least once before run()");
        }
        int nw = widths.length;
        int ns = seeds.length;
        int rows = nw * ns;
        int[] w = new int[rows];
        long[] s = new long[rows];
        double[][] values = new double[names.size()][rows];
        long t0 = System.nanoTime();
        // default output: one progress display updated in place (core.Progress); an explicit sink gets lines
        Progress bar = progress == PROGRESS_DISPLAY ? Progress.start(label, rows) : null;
        Prepared[] prepared = new Prepared[measures.size()];
        long preparedSeed = 0;
        boolean any = false;
        int outer = seedsOuter ? ns : nw;
        int inner = seedsOuter ? nw : ns;
        for (int o = 0; o < outer; o++) {
            long tw = System.nanoTime();
            for (int i = 0; i < inner; i++) {
                int wi = seedsOuter ? i : o;
                int si = seedsOuter ? o : i;
                int r = wi * ns + si;
                int m = widths[wi];
                long seed = seeds[si];
                w[r] = m;
                s[r] = seed;
                if (!any || seed != preparedSeed) {
                    Arrays.fill(prepared, null); // the previous seed's state goes before this seed's is built
                    for (int k = 0; k < measures.size(); k++) {
                        prepared[k] = measures.get(k).prepare(seed);
                    }
                    preparedSeed = seed;
                    any = true;
                }
                int col = 0;
                for (int k = 0; k < measures.size(); k++) {
                    double[] out = prepared[k].at(m);
                    if (out == null || out.length != arity.get(k)) {
                        throw new IllegalArgumentException("measure for " + names.subList(col, col + arity.get(k))
                                + " must return " + arity.get(k) + " value(s), got " + (out == null ? "null" : out.length));
                    }
                    for (double x : out) {
                        if (!Double.isFinite(x)) {
                            throw new IllegalArgumentException("measure '" + names.get(col) + "' returned " + x + " at " + axis + " " + symbol
                                    + " = " + m + ", seed " + seed + ": a sweep keeps finite measurements only (check that measurement at that "
                                    + axis + " and seed)");
                        }
                        values[col++][r] = x;
                    }
                }
                if (bar != null) {
                    bar.step(seedsOuter ? "seed " + (si + 1) + ", " + symbol + " = " + m : symbol + " = " + m);
                }
            }
            if (progress != null && bar == null) {
                progress.accept(seedsOuter ? seedLine(o, t0) : widthLine(o, tw, values));
            }
        }
        if (bar != null) {
            bar.done();
        } else if (progress != null) {
            progress.accept(String.format("%s done: %d %s × %d seeds in %.2f s", label, nw, axis.equals("width") ? "widths" : "values of " + symbol,
                    ns, (System.nanoTime() - t0) / 1e9));
        }
        return new SweepResult(axis, names, w, s, values);
    }

    /** The progress line after swept value {@code wi}: its time and the mean of every measurement over its seeds. */
    private String widthLine(int wi, long tw, double[][] values) {
        int ns = seeds.length;
        StringBuilder line = new StringBuilder(String.format("%s = %-9d %d seed%s in %.2f s", symbol, widths[wi], ns,
                ns == 1 ? "" : "s", (System.nanoTime() - tw) / 1e9));
        for (int c = 0; c < names.size(); c++) {
            double[] slice = Arrays.copyOfRange(values[c], wi * ns, (wi + 1) * ns);
            line.append(String.format(" · %s = %.4g", names.get(c), Arrays.stream(slice).average().orElse(Double.NaN)));
        }
        return line.toString();
    }

    /** The progress line after seed {@code si} (seeds outer): how many values, up to which, the time so far. */
    private String seedLine(int si, long t0) {
        return String.format("seed %d/%d done · %d values of %s up to %d · %.1f s", si + 1, seeds.length, widths.length, symbol,
                Arrays.stream(widths).max().getAsInt(), (System.nanoTime() - t0) / 1e9);
    }

    /** One line: the swept values, seeds and measures of this sweep (call {@link #run()} for the results). */
    @Override
    public String toString() {
        return "Sweep over " + (axis.equals("width") ? "widths" : axis) + " " + Arrays.toString(widths) + " × " + seeds.length
                + " seed" + (seeds.length == 1 ? "" : "s") + ", measures " + names + " (call run())";
    }
}
