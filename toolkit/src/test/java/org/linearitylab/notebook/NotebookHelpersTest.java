package org.linearitylab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.display.Formatting;
import org.linearitylab.display.HeatMaps;
import org.linearitylab.display.Plots;

class NotebookHelpersTest {
    @Test
    void checksPassAndFailWithClearMessages() {
        assertTrue(Checks.inRange("slope", -0.5, -0.6, -0.4).contains("slope"));
        AssertionError e = assertThrows(AssertionError.class, () -> Checks.inRange("slope", -0.3, -0.6, -0.4));
        assertTrue(e.getMessage().contains("slope") && e.getMessage().contains("-0.3"), e.getMessage());
        assertThrows(AssertionError.class, () -> Checks.inRange("nan", Double.NaN, 0, 1));
    }

    @Test
    void heatMapRendersHeadless() {
        double[][] m = {{1, -2}, {0, 3}};
        assertEquals(2, HeatMaps.abs(m)[0][1]);
        assertTrue(Plots.png(HeatMaps.matrix("t", HeatMaps.abs(m))).length > 1000);
    }

    @Test
    void significantDigits() {
        Table t = Formatting.significant(Table.create("t", DoubleColumn.create("x", new double[]{0.40824829046, 1.2345e-7, 12.0})), 4);
        assertEquals("0.4082", t.doubleColumn("x").getString(0));
        assertEquals("1.235E-7", t.doubleColumn("x").getString(1));
        assertEquals("12", t.doubleColumn("x").getString(2));
        assertThrows(IllegalArgumentException.class, () -> Formatting.significant(t, 0));
    }
}
