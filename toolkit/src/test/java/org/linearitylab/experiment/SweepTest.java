package org.linearitylab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.linearitylab.core.Progress;

import org.junit.jupiter.api.Test;

class SweepTest {
    @Test
    void exactPowerLawGivesExactSlopeAndTables() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SweepResult r = Sweep.widths(10, 100, 1000).seeds(3)
                .measure("y", (m, seed) -> (1 + seed) / Math.sqrt(m))
                .progress(new PrintStream(out, true))
                .run();
        assertEquals(-0.5, r.fit("y").slope(), 1e-12);
        assertEquals(9, r.table().rowCount());
        assertEquals(3, r.summary().rowCount());
        assertArrayEquals(new double[]{1 / Math.sqrt(10), 2 / Math.sqrt(10), 3 / Math.sqrt(10)}, r.valuesAt("y", 10), 1e-15);
        assertEquals(2 / Math.sqrt(100), r.mean("y")[1], 1e-15);
        assertEquals(1 / Math.sqrt(100), r.std("y")[1], 1e-15);
        String progress = out.toString();
        assertEquals(4, progress.lines().count(), progress); // one line per width + done
        assertTrue(progress.contains("m = 1000"), progress);
    }

    @Test
    void multiMeasureAndFitFromMinWidth() {
        SweepResult r = Sweep.widths(1, 10, 100, 1000).quiet()
                .measure(List.of("a", "b"), (m, s) -> new double[]{m < 10 ? 5 : m, 2.0 * m * m})
                .run();
        assertEquals(2, r.fit("b").slope(), 1e-12);
        assertEquals(1, r.fit("a", 10).slope(), 1e-12);
        assertTrue(r.fit("a").slope() < 1);
    }

    @Test
    void logSpacedWidths() {
        assertArrayEquals(new int[]{10, 32, 100, 316, 1000}, Sweep.logSpaced(10, 1000, 2));
        assertArrayEquals(new int[]{10, 100, 1000, 10_000, 100_000, 1_000_000}, Sweep.logSpaced(10, 1_000_000, 1));
    }

    @Test
    void badInputNamesTheArgument() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.widths(10, 0)).getMessage().contains("widths[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.widths(10).seeds(0)).getMessage().contains("count"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.widths(10).run()).getMessage().contains("measure"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Sweep.widths(10).measure("x", (m, s) -> 1).measure("x", (m, s) -> 2)).getMessage().contains("names"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Sweep.widths(10).quiet().measure(List.of("a", "b"), (m, s) -> new double[1]).run()).getMessage().contains("must return 2"));
        SweepResult r = Sweep.widths(10).quiet().measure("x", (m, s) -> 1).run();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.values("y")).getMessage().contains("name"));
    }

    /** Replicate r runs with seed base + r at every swept value (paired), and rows are width-major whatever the loop order. */
    @Test
    void rowSeedIsBasePlusReplicateAtEverySweptValue() {
        for (boolean outer : new boolean[]{false, true}) {
            Sweep s = Sweep.widths(3, 30, 300).seeds(4, 100).quiet().measure("s", (m, seed) -> seed);
            SweepResult r = (outer ? s.seedsOuter() : s).run();
            assertArrayEquals(new long[]{100, 101, 102, 103}, r.seeds());
            for (int m : r.widths()) {
                assertArrayEquals(new double[]{100, 101, 102, 103}, r.valuesAt("s", m), 0.0, "m = " + m + ", seeds outer " + outer);
            }
            assertArrayEquals(new int[]{3, 3, 3, 3, 30, 30, 30, 30, 300, 300, 300, 300}, r.widthOfRows());
        }
        assertArrayEquals(new long[]{0, 1, 2}, Sweep.widths(5).seeds(3).quiet().measure("x", (m, seed) -> 1).run().seeds());
        assertEquals(7 + 3, Seeds.replicate(7, 3));
    }

    /** A per-seed measurement prepares once per seed with seeds outer, and its rows land where width-major says. */
    @Test
    void perSeedMeasurementPreparesOncePerSeed() {
        List<Long> prepared = new ArrayList<>();
        List<String> order = new ArrayList<>();
        SweepResult r = Sweep.over("p", 2, 4, 8).seeds(2, 5).seedsOuter().quiet()
                .measurePerSeed(List.of("p·seed"), seed -> {
                    prepared.add(seed);
                    return p -> {
                        order.add(p + "/" + seed);
                        return new double[]{p * seed};
                    };
                }).run();
        assertEquals(List.of(5L, 6L), prepared);
        assertEquals(List.of("2/5", "4/5", "8/5", "2/6", "4/6", "8/6"), order);
        assertArrayEquals(new double[]{10, 12, 20, 24, 40, 48}, r.values("p·seed"), 0.0);
        assertEquals("p", r.axis());
        assertEquals("p", r.table().column(0).name());
    }

    @Test
    void medianQuantileAndSpreadPerSweptValue() {
        // seeds 0..4 give 1, 2, 3, 4, 10 at m = 10 (median 3, mean 4) and their squares at m = 20
        double[] base = {1, 2, 3, 4, 10};
        SweepResult r = Sweep.widths(10, 20).seeds(5).quiet()
                .measure("y", (m, seed) -> m == 10 ? base[(int) seed] : base[(int) seed] * base[(int) seed]).run();
        assertArrayEquals(new double[]{3, 9}, r.median("y"), 0.0);
        assertArrayEquals(new double[]{4, 26}, r.mean("y"), 1e-15);
        assertArrayEquals(new double[]{2, 4}, r.quantile("y", 25), 0.0);
        assertArrayEquals(new double[]{4, 16}, r.quantile("y", 75), 0.0);
        assertArrayEquals(new double[]{1, 1}, r.min("y"), 0.0);
        assertArrayEquals(new double[]{10, 100}, r.max("y"), 0.0);
        assertEquals(Stats.std(base), r.std("y")[0], 0.0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.quantile("y", 0)).getMessage().contains("percent"));
    }

    /** The default progress is one display labelled as asked, one step per row; lines go to a consumer instead. */
    @Test
    void progressCountsEveryRowUnderItsLabel() {
        List<Progress.View> shown = new ArrayList<>();
        Progress.LiveDisplay live = new Progress.LiveDisplay() {
            @Override
            public String show(Object view) {
                shown.add((Progress.View) view);
                return "id";
            }

            @Override
            public void update(String id, Object view) {
                shown.add((Progress.View) view);
            }
        };
        Progress.LiveDisplay before = Progress.liveDisplay();
        Progress.useLiveDisplay(live);
        try {
            Sweep.over("p", 1, 2, 3).seeds(2).label("double descent").measure("x", (p, seed) -> p).run();
        } finally {
            Progress.useLiveDisplay(before);
        }
        Progress.View last = shown.get(shown.size() - 1);
        assertTrue(last.finished());
        assertEquals("double descent", last.label());
        assertEquals(6, last.done());
        assertEquals(6, last.total());
        List<String> lines = new ArrayList<>();
        Sweep.over("p", 1, 2, 3).seeds(2).seedsOuter().progress(lines::add).measure("x", (p, seed) -> p).run();
        assertEquals(3, lines.size(), lines.toString()); // one line per seed, then the final line
        assertTrue(lines.get(0).startsWith("seed 1/2 done · 3 values of p up to 3"), lines.get(0));
        assertTrue(lines.get(2).startsWith("sweep done: 3 values of p × 2 seeds"), lines.get(2));
    }

    @Test
    void sweptValuesMustBeDistinct() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.widths(10, 20, 10)).getMessage().contains("distinct"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.over("p", 1, 0)).getMessage().contains("values[1]"));
    }
}
