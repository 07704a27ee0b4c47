package org.linearitylab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlopeFitTest {
    private static final double[] X = {10, 100, 1000, 10000};

    private static double[] power(double c, double a) {
        double[] y = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            y[i] = c * Math.pow(X[i], a);
        }
        return y;
    }

    @Test
    void exactPowerLawsGiveTheirExponentsAndAStudentTInterval() {
        SlopeFit f = SlopeFit.of("y", X, new double[][]{power(2, -0.4), power(3, -0.5), power(5, -0.6)});
        assertArrayEquals(new double[]{-0.4, -0.5, -0.6}, f.perSeed(), 1e-12);
        assertEquals(-0.5, f.slope(), 1e-12);
        // t(0.975, 2 d.o.f.) = 4.302653; sd of {−0.4, −0.5, −0.6} = 0.1
        assertEquals(4.302653 * 0.1 / Math.sqrt(3), f.halfWidth(), 1e-6);
        assertTrue(f.contains(-0.5) && !f.contains(-0.9));
        assertEquals(Math.log(Math.cbrt(30)), f.intercept(), 1e-12);
    }

    @Test
    void identicalSeedsGiveAZeroWidthInterval() {
        SlopeFit f = SlopeFit.of("y", X, new double[][]{power(1, 0.5), power(1, 0.5)});
        assertEquals(0.5, f.lo(), 1e-12);
        assertEquals(0.5, f.hi(), 1e-12);
        assertArrayEquals(power(1, 0.5), f.predict(X), 1e-9);
    }

    @Test
    void fromASweepUsesOneCurvePerSeed() {
        SweepResult r = Sweep.widths(10, 100, 1000).seeds(4).quiet().measure("y", (m, seed) -> (seed + 1) * Math.pow(m, -0.5 + 0.01 * seed)).run();
        SlopeFit f = SlopeFit.of(r, "y");
        assertArrayEquals(new double[]{-0.5, -0.49, -0.48, -0.47}, f.perSeed(), 1e-12);
    }

    @Test
    void againstLnMGivesTheExponentOfLnM() {
        SweepResult r = Sweep.widths(10, 100, 1000, 100_000).seeds(2).quiet().measure("y", (m, seed) -> (seed + 2) * Math.pow(Math.log(m), 0.6)).run();
        assertEquals(0.6, SlopeFit.of(r, "y", m -> Math.log(m)).slope(), 1e-12);
        assertTrue(SlopeFit.of(r, "y").slope() < 0.3, "against m the same data has a much smaller exponent");
    }

    @Test
    void oneSeedOrBadValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SlopeFit.of("y", X, new double[][]{power(1, 1)}));
        assertThrows(IllegalArgumentException.class, () -> SlopeFit.of("y", X, new double[][]{power(1, 1), new double[]{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> SlopeFit.of("y", X, new double[][]{power(1, 1), power(-1, 1)}));
    }
}
