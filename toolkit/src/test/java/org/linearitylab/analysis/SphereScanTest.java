package org.linearitylab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.display.AssemblyCharts;
import org.linearitylab.model.Activation;
import org.linearitylab.model.assembly.AssemblyModel;
import org.linearitylab.model.assembly.Weights;

class SphereScanTest {
    static final double[] X = {0.6, -0.8};

    @Test
    void scanIsOrderedAndBelowTheBound() {
        AssemblyModel f = AssemblyModel.builder().neurons(Activation.SIGMOID, 2).width(200).weights(Weights.SIGNS).seed(1).build();
        SphereScan s = SphereScan.of(f, X, new double[]{0.1, 1, 4}, 30, 2);
        for (int i = 0; i < 3; i++) {
            double[] row = s.at(i);
            assertTrue(row[2] <= row[1] && row[1] <= row[0] && row[0] <= row[3], "mean ≤ max ≤ worst ≤ bound at radius " + s.radii()[i]);
        }
        assertTrue(s.maxRatioToBound() <= 1);
        assertEquals(3, s.table().rowCount());
        assertTrue(AssemblyCharts.html(s).contains("worst / bound"));
        assertEquals(4, AssemblyCharts.chart(s).getSeriesMap().size());
    }

    @Test
    void badInputNamesTheArgument() {
        AssemblyModel f = AssemblyModel.builder().neurons(Activation.TANH, 2).width(5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SphereScan.of(f, X, new double[]{1, 0}, 3, 1));
        assertTrue(e.getMessage().contains("radius"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SphereScan.of(f, X, new double[]{1}, 0, 1));
        assertTrue(e.getMessage().contains("directions"), e.getMessage());
    }
}
