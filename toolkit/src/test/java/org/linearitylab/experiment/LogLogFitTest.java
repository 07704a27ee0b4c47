package org.linearitylab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogLogFitTest {
    @Test
    void recoversAnExactPowerLaw() {
        double[] m = {10, 100, 1000, 10000};
        double[] y = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            y[i] = 3.0 * Math.pow(m[i], -0.5);
        }
        LogLogFit fit = LogLogFit.of(m, y);
        assertEquals(-0.5, fit.slope(), 1e-12);
        assertEquals(Math.log(3), fit.intercept(), 1e-12);
        assertEquals(1.0, fit.r2(), 1e-12);
        assertEquals(3.0 / 50, fit.predict(2500), 1e-12);
    }

    @Test
    void noisyDataGivesRSquaredBelowOne() {
        LogLogFit fit = LogLogFit.of(new double[]{1, 2, 4, 8}, new double[]{1, 3, 2, 5});
        assertTrue(fit.r2() < 0.95 && fit.r2() > 0, "r2 " + fit.r2());
    }

    @Test
    void rejectsNonPositiveValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogLogFit.of(new double[]{1, 2}, new double[]{1, 0}));
        assertTrue(e.getMessage().startsWith("y[1] must be finite and > 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogLogFit.of(new double[]{1}, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> LogLogFit.of(new double[]{2, 2}, new double[]{1, 3}));
    }
}
