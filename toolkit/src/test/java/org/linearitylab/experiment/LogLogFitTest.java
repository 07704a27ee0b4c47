package org.linearitylab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.regression.SimpleRegression;
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

    /**
     * The slope's standard error and 95% interval on known data: five points, computed here by hand
     * (SE = √(SSE / (n − 2) / Sxx), half-width t₀.₉₇₅,₃ · SE with t₀.₉₇₅,₃ = 3.182446) and by SimpleRegression.
     */
    @Test
    void slopeStandardErrorAndIntervalMatchTheTextbookFormula() {
        double[] x = {1, 2, 4, 8, 16};
        double[] y = {2.0, 1.3, 1.1, 0.6, 0.5};
        LogLogFit fit = LogLogFit.of(x, y);
        double[] lx = new double[5];
        double[] ly = new double[5];
        SimpleRegression reg = new SimpleRegression();
        for (int i = 0; i < 5; i++) {
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(y[i]);
            reg.addData(lx[i], ly[i]);
        }
        double mx = java.util.Arrays.stream(lx).average().orElseThrow();
        double my = java.util.Arrays.stream(ly).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < 5; i++) {
            sxx += (lx[i] - mx) * (lx[i] - mx);
            sxy += (lx[i] - mx) * (ly[i] - my);
        }
        double slope = sxy / sxx;
        double sse = 0;
        for (int i = 0; i < 5; i++) {
            double r = ly[i] - (my + slope * (lx[i] - mx));
            sse += r * r;
        }
        double se = Math.sqrt(sse / 3 / sxx);
        assertEquals(slope, fit.slope(), 1e-14);
        assertEquals(se, fit.slopeStdErr(), 1e-14);
        assertEquals(slope - 3.182446 * se, fit.lo(), 1e-6);
        assertEquals(slope + 3.182446 * se, fit.hi(), 1e-6);
        assertEquals(reg.getSlopeStdErr(), fit.slopeStdErr(), 1e-15);
        assertEquals(reg.getSlopeConfidenceInterval(), fit.hi() - fit.slope(), 1e-15);
        assertEquals(reg.getRSquare(), fit.r2(), 1e-15);
        assertTrue(fit.lo() < fit.slope() && fit.slope() < fit.hi());
        assertEquals(5, fit.n());
    }

    @Test
    void twoPointsHaveNoInterval() {
        LogLogFit fit = LogLogFit.of(new double[]{1, 10}, new double[]{1, 0.1});
        assertEquals(-1, fit.slope(), 1e-15);
        assertTrue(Double.isNaN(fit.slopeStdErr()) && Double.isNaN(fit.lo()) && Double.isNaN(fit.hi()));
    }
}
