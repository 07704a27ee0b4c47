package org.linearitylab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.data.GaussianInputs;
import org.linearitylab.experiment.Seeds;
import org.linearitylab.model.DeepNet;

/** OrthogonalitySweep on the sweep engine gives the numbers it gave with its own loop. */
class OrthogonalitySweepTest {
    /** Relative agreement with the recorded numbers: BLAS may reorder sums on another machine, a wrong seed moves them by ~%. */
    static final double SAME = 1e-9;

    /**
     * Recorded on main before the port (commit 35f2ffd): m = 16, 32, 64 exact, m = 128 estimated with k = 48 from
     * the subset seed policy.seed + 7919·i + j = 3 + 7919·3 + j.
     */
    @Test
    void sameNumbersAsItsOwnLoopGave() {
        double[][] xs = GaussianInputs.sample(6, 8, 1);
        var sweep = OrthogonalitySweep.of(m -> DeepNet.tanh(8, 2, m, m, m), 16, 32, 64, 128).inputs(xs).layers(1, 2, 3).policy(new OrthogonalitySweep.Policy(6 * 8.0 * 64 * 64 * 64, 48, 3)).run();
        assertArrayEquals(new double[]{0, 0, 0, 0}, sweep.means(1), 0.0);
        double[] layer2 = {0.11239937912144148, 0.09479851571883924, 0.06708610890099154, 0.04762487525897461};
        double[] layer3 = {0.13039761252652501, 0.12208710023699887, 0.09150058873980065, 0.06426899896139453};
        for (int i = 0; i < 4; i++) {
            assertEquals(layer2[i], sweep.means(2)[i], SAME * layer2[i], "layer 2, i = " + i);
            assertEquals(layer3[i], sweep.means(3)[i], SAME * layer3[i], "layer 3, i = " + i);
        }
        assertEquals(0.040549021625637685, sweep.at(3, 2).lo(), SAME);
        assertEquals(0.07092775055505292, sweep.at(3, 3).hi(), SAME);
        assertEquals(-0.3478225487488422, sweep.fit(3).slope(), 1e-12);
        assertTrue(!sweep.at(3, 3).isExact() && sweep.at(2, 3).isExact());
        // the engine's result holds the same means, one replicate with base seed policy.seed()
        assertArrayEquals(sweep.means(3), sweep.sweep().mean(OrthogonalitySweep.name(3)), 0.0);
        assertArrayEquals(new long[]{3}, sweep.sweep().seeds());
        assertEquals(3 + 7919L * 3 + 2, Seeds.subset(3, 3, 2));
    }
}
