package org.linearitylab.experiment;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Progress;
import org.linearitylab.core.Require;


/**
 * A width sweep: measure one or more numbers for every (width m, seed) pair, showing progress (one {@link Progress}
 * display updated in place, or lines to {@link #progress(PrintStream)}), and collect the results as a
 * {@link SweepResult} (Tablesaw tables, log-log fits, charts).
 *
 * <pre>{@code
 * SweepResult r = Sweep.widths(10, 100, 1000, 10_000).seeds(5)
 *     .measure("‖H‖", (m, seed) -> TwoLayerHessian.norm(TwoLayerNet.tanh(m, 1, seed), x))
 *     .run();
 * r.fit("‖H‖").slope();   // ≈ −0.5
 * }</pre>
 *
 * Immutable builder: every method returns a new Sweep. What is measured is any function of (width, seed).
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

    private final int[] widths;
    private final long[] seeds;
    private final List<String> names;
    private final List<MultiMeasure> measures;
    private final List<Integer> arity;
    private final PrintStream progress;
    /** Marks the default: a {@link Progress} display instead of lines. */
    private static final PrintStream PROGRESS_DISPLAY = new PrintStream(java.io.OutputStream.nullOutputStream());

    private Sweep(int[] widths, long[] seeds, List<String> names, List<MultiMeasure> measures, List<Integer> arity, PrintStream progress) {
        this.widths = widths;
        this.seeds = seeds;
        this.names = names;
        this.measures = measures;
        this.arity = arity;
        this.progress = progress;
    }

    /** A sweep over these widths (each ≥ 1), one seed (0) until {@link #seeds} is called. */
    public static Sweep widths(int... widths) {
        Require.notNull("widths", widths);
        if (widths.length == 0) {
            throw new IllegalArgumentException("widths must hold at least one width");
        }
        for (int i = 0; i < widths.length; i++) {
            Require.positive("widths[" + i + "]", widths[i]);
        }
        return new Sweep(widths.clone(), new long[]{0}, List.of(), List.of(), List.of(), PROGRESS_DISPLAY);
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

    /** Seeds 0, 1, …, count−1. */
    public Sweep seeds(int count) {
        Memory.require("count = " + count + " seeds", Memory.doubles("seeds", Math.max(0, count)), 0, "Use fewer seeds");
        Require.positive("count", count);
        long[] s = new long[count];
        for (int i = 0; i < count; i++) {
            s[i] = i;
        }
        return new Sweep(widths, s, names, measures, arity, progress);
    }

    /** These explicit seeds (at least one). */
    public Sweep seeds(long... seeds) {
        Require.notNull("seeds", seeds);
        if (seeds.length == 0) {
            throw new IllegalArgumentException("seeds must hold at least one seed");
        }
        return new Sweep(widths, seeds.clone(), names, measures, arity, progress);
    }

    /** Adds a named measurement (names must be unique). */
    public Sweep measure(String name, Measure measure) {
        Require.notNull("measure", measure);
        return measure(List.of(Require.notNull("name", name)), (m, s) -> new double[]{measure.at(m, s)});
    }

    /** Adds several named measurements computed together; the function must return one value per name. */
    public Sweep measure(List<String> newNames, MultiMeasure measure) {
        Require.notNull("names", newNames);
        Require.notNull("measure", measure);
        if (newNames.isEmpty()) {
            throw new IllegalArgumentException("names must hold at least one name");
        }
        List<String> n = new ArrayList<>(names);
        for (String name : newNames) {
            if (name == null || name.isBlank() || n.contains(name) || name.equals("width") || name.equals("seed")) {
                throw new IllegalArgumentException("names must be unique, non-blank and not 'width'/'seed', got '" + name + "'");
            }
            n.add(name);
        }
        List<MultiMeasure> ms = new ArrayList<>(measures);
        ms.add(measure);
        List<Integer> a = new ArrayList<>(arity);
        a.add(newNames.size());
        return new Sweep(widths, seeds, List.copyOf(n), List.copyOf(ms), List.copyOf(a), progress);
    }

    /** Progress lines (one per width, with its mean values) go to {@code out}; default: one {@link Progress} display. */
    public Sweep progress(PrintStream out) {
        return new Sweep(widths, seeds, names, measures, arity, Require.notNull("out", out));
    }

    /** No progress output. */
    public Sweep quiet() {
        return new Sweep(widths, seeds, names, measures, arity, null);
    }

    /** Runs every measurement for every width (in the given order) and every seed. */
    public SweepResult run() {
        if (measures.isEmpty()) {
            throw new IllegalArgumentException("measure(...) must be called at least once before run()");
        }
        int rows = widths.length * seeds.length;
        int[] w = new int[rows];
        long[] s = new long[rows];
        double[][] values = new double[names.size()][rows];
        long t0 = System.nanoTime();
        // default output: one progress display updated in place (notebook.Progress); an explicit stream gets lines
        Progress bar = progress == PROGRESS_DISPLAY ? Progress.start("sweep", rows) : null;
        int r = 0;
        for (int m : widths) {
            long tw = System.nanoTime();
            int first = r;
            for (long seed : seeds) {
                w[r] = m;
                s[r] = seed;
                int col = 0;
                for (int k = 0; k < measures.size(); k++) {
                    double[] out = measures.get(k).at(m, seed);
                    if (out == null || out.length != arity.get(k)) {
                        throw new IllegalArgumentException("measure for " + names.subList(col, col + arity.get(k))
                                + " must return " + arity.get(k) + " value(s), got " + (out == null ? "null" : out.length));
                    }
                    for (double x : out) {
                        if (!Double.isFinite(x)) {
                            throw new IllegalArgumentException("measure '" + names.get(col) + "' returned " + x + " at width m = " + m
                                    + ", seed " + seed + ": a sweep keeps finite measurements only (check that measurement at that width and seed)");
                        }
                        values[col++][r] = x;
                    }
                }
                r++;
                if (bar != null) {
                    bar.step("m = " + m);
                }
            }
            if (progress != null && bar == null) {
                StringBuilder line = new StringBuilder(String.format("m = %-9d %d seed%s in %.2f s", m, seeds.length,
                        seeds.length == 1 ? "" : "s", (System.nanoTime() - tw) / 1e9));
                for (int c = 0; c < names.size(); c++) {
                    double[] slice = Arrays.copyOfRange(values[c], first, r);
                    line.append(String.format(" · %s = %.4g", names.get(c), Arrays.stream(slice).average().orElse(Double.NaN)));
                }
                progress.println(line);
                progress.flush();
            }
        }
        if (bar != null) {
            bar.done();
        } else if (progress != null) {
            progress.println(String.format("sweep done: %d widths × %d seeds in %.2f s", widths.length, seeds.length, (System.nanoTime() - t0) / 1e9));
            progress.flush();
        }
        return new SweepResult(names, w, s, values);
    }

    /** One line: the widths, seeds and measures of this sweep (call {@link #run()} for the results). */
    @Override
    public String toString() {
        return "Sweep over widths " + Arrays.toString(widths) + " × " + seeds.length + " seed" + (seeds.length == 1 ? "" : "s")
                + ", measures " + names + " (call run())";
    }
}
