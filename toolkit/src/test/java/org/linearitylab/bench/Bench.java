package org.linearitylab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A small benchmark harness (not a unit test): time a task several times after warm-up, keep the median,
 * compare with a target, and write the rows as CSV. Run everything with {@code ./lab bench}.
 */
public final class Bench {
    /**
     * One measured figure: seconds (median, min, max over {@code runs}) against a time target, or a rate as a
     * fraction of the machine's best GEMM ({@code ratio}) against {@code targetRatio}. A target ≤ 0 means none.
     */
    public record Row(String group, String what, String size, double medianSeconds, double minSeconds, double maxSeconds, int runs,
                      double targetSeconds, String note, double ratio, double targetRatio) {
        public Row(String group, String what, String size, double medianSeconds, double minSeconds, int runs,
                   double targetSeconds, String note) {
            this(group, what, size, medianSeconds, minSeconds, Double.NaN, runs, targetSeconds, note, Double.NaN, 0);
        }

        public String verdict() {
            if (targetRatio > 0) {
                return ratio >= targetRatio ? "met" : "MISSED";
            }
            if (targetSeconds <= 0) {
                return "";
            }
            return medianSeconds <= targetSeconds ? "met" : "MISSED";
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /** Times {@code task} {@code runs} times after {@code warmup} untimed runs; returns the sorted seconds. */
    public static double[] time(int warmup, int runs, Runnable task) {
        for (int i = 0; i < warmup; i++) {
            task.run();
        }
        double[] s = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            task.run();
            s[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(s);
        return s;
    }

    /** The median of sorted samples. */
    public static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Times a task and records it. */
    public Row measure(String group, String what, String size, int warmup, int runs, double targetSeconds, String note, Runnable task) {
        double[] s = time(warmup, runs, task);
        Row row = new Row(group, what, size, median(s), s[0], s[s.length - 1], runs, targetSeconds, note, Double.NaN, 0);
        rows.add(row);
        System.out.printf(Locale.ROOT, "%-14s %-48s %-22s median %9.4f s  (min %.4f, max %.4f, %d runs) %s %s%n",
                group, what, size, row.medianSeconds(), row.minSeconds(), row.maxSeconds(), runs, row.verdict(), note);
        return row;
    }

    /** Records a timed row with a rate expressed as a fraction of a limit (verdict: ratio ≥ targetRatio). */
    public Row ratio(String group, String what, String size, double[] sortedSeconds, double ratio, double targetRatio, String note) {
        Row row = new Row(group, what, size, median(sortedSeconds), sortedSeconds[0], sortedSeconds[sortedSeconds.length - 1],
                sortedSeconds.length, 0, note, ratio, targetRatio);
        rows.add(row);
        System.out.printf(Locale.ROOT, "%-14s %-48s %-22s median %9.4f s  (min %.4f, max %.4f, %d runs) ratio %.2f %s %s%n",
                group, what, size, row.medianSeconds(), row.minSeconds(), row.maxSeconds(), row.runs(), ratio, row.verdict(), note);
        return row;
    }

    /** Records a figure measured elsewhere (e.g. a ratio); seconds may be NaN when the figure is not a time. */
    public void record(Row row) {
        rows.add(row);
        System.out.printf(Locale.ROOT, "%-14s %-48s %-22s %s%n", row.group(), row.what(), row.size(), row.note());
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Writes the rows as CSV (group,what,size,median_s,min_s,runs,target_s,verdict,note). */
    public void writeCsv(Path file) {
        StringBuilder sb = new StringBuilder("group,what,size,median_s,min_s,max_s,runs,target_s,ratio,target_ratio,verdict,note\n");
        for (Row r : rows) {
            sb.append(String.join(",", q(r.group()), q(r.what()), q(r.size()),
                    String.format(Locale.ROOT, "%.6f", r.medianSeconds()), String.format(Locale.ROOT, "%.6f", r.minSeconds()),
                    String.format(Locale.ROOT, "%.6f", r.maxSeconds()),
                    Integer.toString(r.runs()), r.targetSeconds() > 0 ? String.format(Locale.ROOT, "%.3f", r.targetSeconds()) : "",
                    Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.3f", r.ratio()),
                    r.targetRatio() > 0 ? String.format(Locale.ROOT, "%.2f", r.targetRatio()) : "",
                    r.verdict(), q(r.note()))).append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String q(String s) {
        return "\"" + (s == null ? "" : s.replace("\"", "\"\"")) + "\"";
    }
}
