package org.linearitylab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void handComputedValues() {
        double[] xs = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5.0, Stats.mean(xs), 1e-15);
        assertEquals(Math.sqrt(32.0 / 7), Stats.std(xs), 1e-15);
        assertEquals(4.5, Stats.median(xs), 0);
        assertEquals(4.0, Stats.median(new double[]{9, 4, 1}), 0);
        assertEquals(9.0, Stats.max(xs), 0);
        assertEquals(2.0, Stats.min(xs), 0);
        assertEquals(0.0, Stats.std(new double[]{3}), 0);
    }

    @Test
    void emptySampleIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Stats.mean(new double[0]));
    }
}
