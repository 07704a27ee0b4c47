package org.linearitylab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DigitsTest {
    @Test
    void loadsTheFullSetWithShapeRangeAndLabels() {
        Digits d = Digits.load();
        assertEquals(1797, d.size());
        double[][] x = d.features();
        assertEquals(1797, x.length);
        int[] counts = new int[10];
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(64, x[i].length);
            for (double v : x[i]) {
                assertTrue(v >= 0 && v <= 1, "feature out of [0,1]: " + v);
                max = Math.max(max, v);
            }
            counts[d.label(i)]++;
        }
        assertEquals(1.0, max, 0.0, "some pixel reaches 16/16");
        for (int c = 0; c < 10; c++) {
            assertTrue(counts[c] >= 170 && counts[c] <= 190, "label " + c + " count " + counts[c]);
        }
    }

    @Test
    void firstImageIsAZero() {
        Digits d = Digits.load();
        assertEquals(0, d.label(0));
        assertEquals(1, d.label(1));
        // first row of the file: 0,0,5,13,9,1,0,0,...
        assertEquals(5 / 16.0, d.image(0)[2], 0.0);
        assertEquals(13 / 16.0, d.image(0)[3], 0.0);
    }

    @Test
    void shuffleIsSeededAndSubsetsKeepLabels() {
        Digits a = Digits.load().shuffled(3).head(20);
        Digits b = Digits.load().shuffled(3).head(20);
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(20, a.size());
        Digits zeroOne = Digits.load().withLabels(0, 1);
        for (int y : zeroOne.labels()) {
            assertTrue(y == 0 || y == 1);
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> Digits.load().head(0));
        assertTrue(e.getMessage().startsWith("n "));
        e = assertThrows(IllegalArgumentException.class, () -> Digits.load().withLabels(10));
        assertTrue(e.getMessage().startsWith("digit "));
    }
}
