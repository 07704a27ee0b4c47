package org.linearitylab.core;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One progress display per cell for a sweep or a training run: done/total, elapsed, estimated remaining.
 *
 * <p>In JJava (through the hook the notebook layer installs with {@link #useLiveDisplay}) it is a display updated in place through the kernel's display-update API
 * ({@code display} / {@code updateDisplay}, Jupyter's {@code update_display_data}), refreshed at most every
 * {@link #MIN_UPDATE_NANOS}; when the work is done the display is replaced by one short final line
 * ("sweep: 9/9 done in 1.9 s"), which is also what an executed notebook keeps. In IJava and outside a
 * kernel only that final line is printed. The detail shown while running names the item (e.g. "m = 1000"),
 * never the measured values: those are in the result that follows.
 *
 * <pre>{@code
 * Progress p = Progress.start("sweep", widths.length * seeds.length);
 * for (...) { ...; p.step("m = " + m); }
 * p.done();
 * }</pre>
 */
public final class Progress {
    /** Minimum time between two in-place updates (the first and the final one are always shown). */
    public static final long MIN_UPDATE_NANOS = 250_000_000L;

    /** What a progress display shows: rendered as HTML (a bar) and text (one line) by the toolkit's renderers. */
    public record View(String label, int done, int total, double elapsedSeconds, double remainingSeconds, String detail,
                       boolean finished) {
        @Override
        public String toString() {
            if (finished) {
                return String.format(Locale.ROOT, "%s: %d/%d done in %s", label, done, total, seconds(elapsedSeconds));
            }
            String left = Double.isFinite(remainingSeconds) ? ", ~" + seconds(remainingSeconds) + " left" : "";
            return String.format(Locale.ROOT, "%s: %d/%d · %s elapsed%s%s", label, done, total, seconds(elapsedSeconds), left,
                    detail == null || detail.isEmpty() ? "" : " · " + detail);
        }

    }

    private final String label;
    private final int total;
    /** A kernel's display that can be updated in place (Jupyter's display_data / update_display_data). */
    public interface LiveDisplay {
        /** Shows {@code view} (rendered by the kernel's renderer) and returns its display id. */
        String show(Object view);

        /** Replaces the display {@code id} with {@code view}. */
        void update(String id, Object view);
    }

    private static volatile LiveDisplay kernelDisplay;

    private final LiveDisplay live;
    private final LongSupplier clock;
    private final long start;
    private String id;
    private long lastShown = Long.MIN_VALUE;
    private int done;
    private boolean finished;
    private View last;

    Progress(String label, int total, LiveDisplay live, LongSupplier clock) {
        if (total < 1) {
            throw new IllegalArgumentException("total must be ≥ 1, got " + total);
        }
        this.label = label == null ? "progress" : label;
        this.total = total;
        this.live = live;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Installed by the notebook layer when the kernel can update a display in place; {@code null} removes it. */
    public static void useLiveDisplay(LiveDisplay display) {
        kernelDisplay = display;
    }

    /** The live display in use, or {@code null} (IJava, plain JVM: only the final line is printed). */
    public static LiveDisplay liveDisplay() {
        return kernelDisplay;
    }

    /** Starts a progress display for {@code total} items (shown at once in a kernel with a live display). */
    public static Progress start(String label, int total) {
        org.linearitylab.core.Require.notNull("label", label);
        Progress p = new Progress(label, total, kernelDisplay, System::nanoTime);
        p.show(null, true);
        return p;
    }

    /** One more item done; {@code detail} names it (e.g. "m = 1000"). */
    public void step(String detail) {
        if (finished) {
            throw new IllegalStateException("step() after done() for progress “" + label + "”");
        }
        done = Math.min(total, done + 1);
        show(detail, false);
    }

    /** The work is finished: the display becomes (or prints) one short final line. */
    public void done() {
        if (finished) {
            return;
        }
        finished = true;
        View v = view(null);
        last = v;
        if (live != null && id != null) {
            live.update(id, v);
        } else {
            System.out.println(v);
            System.out.flush();
        }
    }

    /** What the display shows now. */
    public View view() {
        return last != null ? last : view(null);
    }

    private View view(String detail) {
        double elapsed = (clock.getAsLong() - start) / 1e9;
        double remaining = done == 0 ? Double.NaN : elapsed / done * (total - done);
        return new View(label, done, total, elapsed, remaining, detail, finished);
    }

    void show(String detail, boolean first) {
        View v = view(detail);
        last = v;
        if (live == null) {
            return;
        }
        long now = clock.getAsLong();
        if (first) {
            id = live.show(v);
            lastShown = now;
        } else if (id != null && now - lastShown >= MIN_UPDATE_NANOS) {
            live.update(id, v);
            lastShown = now;
        }
    }

    /** A duration rounded for reading: "0.4 s", "12 s", "3 min 5 s". */
    static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        if (s < 10) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        long t = Math.round(s);
        return (t / 60) + " min " + (t % 60) + " s";
    }

    /** What the display shows now (one line). */
    @Override
    public String toString() {
        return view().toString();
    }
}
