package org.linearitylab.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussianDesignTest {
    @Test
    void closedFormHandCases() {
        // p ≤ n−2: (‖β_Tᶜ‖² + σ²)(1 + p/(n−p−1)); p ≥ n+2: ‖β_T‖²(1−n/p) + (‖β_Tᶜ‖² + σ²)(1 + n/(p−n−1))
        assertEquals((0.5 + 0.25) * (1 + 4.0 / 5), GaussianDesign.risk(10, 4, 0.5, 0.5, 0.25), 1e-12);
        assertEquals(0.5 * (1 - 10.0 / 20) + 0.75 * (1 + 10.0 / 9), GaussianDesign.risk(10, 20, 0.5, 0.5, 0.25), 1e-12);
        for (int p = 9; p <= 11; p++) {
            assertEquals(Double.POSITIVE_INFINITY, GaussianDesign.risk(10, p, 0.5, 0.5, 0.25));
        }
    }

    @Test
    void simulationAgreesWithTheClosedFormAwayFromTheThreshold() {
        int n = 20;
        int[] ps = {5, 10, 40, 60};
        int trials = 150;
        GaussianDesign.Simulation sim = GaussianDesign.simulate(n, ps, 60, 0.5, trials, 3);
        double[] exact = GaussianDesign.risk(n, ps, 60, 0.5);
        for (int k = 0; k < ps.length; k++) {
            // relative Monte-Carlo band: the risk's spread is of its own size near the threshold, smaller away from it
            assertEquals(exact[k], sim.mean()[k], 0.12 * exact[k], "p = " + ps[k]);
            assertTrue(sim.lower()[k] <= sim.upper()[k]);
        }
    }
}
