package org.linearitylab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** One display per run, updated in place (throttled), ending in one short final line; headless: that line only. */
class ProgressTest {
    /** A live display that records what a kernel would publish. */
    static final class Recorder implements Progress.LiveDisplay {
        final List<String> shown = new ArrayList<>();
        final List<String> updates = new ArrayList<>();

        @Override
        public String show(Object view) {
            shown.add(view.toString());
            return "id-" + shown.size();
        }

        @Override
        public void update(String id, Object view) {
            assertEquals("id-1", id, "updates go to the one display");
            updates.add(view.toString());
        }
    }

    @Test
    void updatesOneDisplayInPlaceWithElapsedAndRemainingThenAFinalLine() {
        Recorder kernel = new Recorder();
        long[] now = {0};
        Progress p = new Progress("sweep", 4, kernel, () -> now[0]);
        p.show(null, true);
        now[0] = 1_000_000_000L;
        p.step("m = 10");           // 1 of 4 in 1 s: 3 s left
        now[0] += 100_000_000L;
        p.step("m = 100");          // 0.1 s later: throttled, no update
        now[0] += 900_000_000L;
        p.step("m = 1000");
        now[0] += 1_000_000_000L;
        p.step("m = 10000");
        p.done();
        assertEquals(1, kernel.shown.size(), "one display per run");
        assertEquals(List.of(
                "sweep: 1/4 · 1.0 s elapsed, ~3.0 s left · m = 10",
                "sweep: 3/4 · 2.0 s elapsed, ~0.7 s left · m = 1000",
                "sweep: 4/4 · 3.0 s elapsed, ~0.0 s left · m = 10000",
                "sweep: 4/4 done in 3.0 s"), kernel.updates);
        assertTrue(org.linearitylab.display.Views.progress(p.view()).contains("done in 3.0 s"));
        assertFalse(org.linearitylab.display.Views.progress(p.view()).contains("<progress"), "the final form is a line, not a bar");
        assertThrows(IllegalStateException.class, () -> p.step("late"));
    }

    @Test
    void withoutALiveDisplayOnlyTheFinalLineIsPrinted() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            long[] now = {0};
            Progress p = new Progress("training", 2, null, () -> now[0]);
            p.show(null, true);
            now[0] = 65_000_000_000L;
            p.step("m = 10");
            p.step("m = 100");
            p.done();
            p.done();
        } finally {
            System.setOut(saved);
        }
        assertEquals("training: 2/2 done in 1 min 5 s\n", out.toString());
    }

    @Test
    void totalMustBePositive() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Progress.start("x", 0)).getMessage().contains("total"));
    }
}
