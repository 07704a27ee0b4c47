package org.linearitylab.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.linearitylab.core.Nd;

class MetricsTest {
    @Test
    void handComputedErrors() {
        var pred = Nd.matrix(new double[][]{{0.9, 0.1, 0}, {0.2, 0.3, 0.5}});
        var target = Nd.matrix(Split.oneHot(new int[]{0, 1}, 3));
        // row 0: 0.01 + 0.01 + 0 ; row 1: 0.04 + 0.49 + 0.25
        assertEquals((0.02 + 0.78) / 2, Metrics.mse(pred, target), 1e-12);
        assertEquals(0.5, Metrics.zeroOneError(pred, new int[]{0, 1}), 0);
        assertEquals(2.5, Metrics.mse(new double[]{1, 2}, new double[]{0, 0}), 0);
        assertThrows(IllegalArgumentException.class, () -> Metrics.mse(pred, Nd.matrix(new double[][]{{1, 0, 0}})));
        assertThrows(IllegalArgumentException.class, () -> Metrics.zeroOneError(pred, new int[]{0}));
    }

    @Test
    void splitIsADeterministicPartition() {
        Split a = Split.random(50, 20, 3);
        Split b = Split.random(50, 20, 3);
        assertTrue(Arrays.equals(a.train(), b.train()) && Arrays.equals(a.test(), b.test()));
        int[] all = new int[50];
        for (int i : a.train()) {
            all[i]++;
        }
        for (int i : a.test()) {
            all[i]++;
        }
        assertTrue(Arrays.stream(all).allMatch(c -> c == 1), "each index exactly once");
        assertEquals(20, a.train().length);
        assertThrows(IllegalArgumentException.class, () -> Split.random(5, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.oneHot(new int[]{3}, 3));
    }
}
