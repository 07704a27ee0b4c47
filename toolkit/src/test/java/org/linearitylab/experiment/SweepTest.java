package org.linearitylab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

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
        assertTrue(r.toHtml().contains("<table"));
        r.chart("y");
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
}
