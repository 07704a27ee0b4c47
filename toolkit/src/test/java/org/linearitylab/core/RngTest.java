package org.linearitylab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.linearitylab.SeededTest;
import org.linearitylab.Tolerances;

/** Rng: reproducible streams, the right distributions (moments within 5 standard errors), valid shapes. */
class RngTest extends SeededTest {
    static final int N = 200_000;
    /** Five standard errors of a sample mean of N unit-variance draws. */
    static final double FIVE_SE = 5 / Math.sqrt(N);

    @Test
    void sameSeedSameNumbersDifferentSeedDifferentNumbers() {
        assertArrayEquals(Rng.seed(7).gaussian(100), Rng.seed(7).gaussian(100));
        assertFalse(Arrays.equals(Rng.seed(7).gaussian(100), Rng.seed(8).gaussian(100)));
    }

    @Test
    void gaussianHasMeanZeroAndVarianceOne() {
        double[] g = rng().gaussian(N);
        double mean = Arrays.stream(g).average().orElseThrow();
        double var = Arrays.stream(g).map(x -> (x - mean) * (x - mean)).sum() / (N - 1);
        assertEquals(0, mean, FIVE_SE);
        // The variance of a sample variance of N(0,1) draws is 2/(N−1).
        assertEquals(1, var, 5 * Math.sqrt(2.0 / (N - 1)));
    }

    @Test
    void uniformStaysInRangeWithTheRightMean() {
        double[] u = rng().uniform(N, -2, 4);
        assertTrue(Arrays.stream(u).allMatch(x -> x >= -2 && x < 4));
        // U(−2, 4) has mean 1 and standard deviation 6/√12.
        assertEquals(1, Arrays.stream(u).average().orElseThrow(), FIVE_SE * 6 / Math.sqrt(12));
    }

    @Test
    void signsAreBalancedPlusMinusOne() {
        double[] s = rng().signs(N);
        assertTrue(Arrays.stream(s).allMatch(x -> x == 1 || x == -1));
        assertEquals(0, Arrays.stream(s).average().orElseThrow(), FIVE_SE);
    }

    @Test
    void unitVectorHasNormOneAndNoPreferredDirection() {
        Rng r = rng();
        double[] sum = new double[5];
        int draws = 20_000;
        for (int k = 0; k < draws; k++) {
            double[] u = r.unitVector(5);
            assertEquals(1, Math.sqrt(Arrays.stream(u).map(x -> x * x).sum()), Tolerances.ROUND_OFF);
            for (int i = 0; i < 5; i++) {
                sum[i] += u[i];
            }
        }
        // Each coordinate of a uniform point on S⁴ has mean 0 and variance 1/5.
        for (double s : sum) {
            assertEquals(0, s / draws, 5 * Math.sqrt(0.2 / draws));
        }
    }

    @Test
    void permutationIsAPermutationAndNotTheIdentity() {
        int[] p = rng().permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        int fixed = 0;
        for (int i = 0; i < p.length; i++) {
            fixed += p[i] == i ? 1 : 0;
        }
        // A uniform permutation has one fixed point on average (Poisson(1)); 10 would be a 1e-7 event.
        assertTrue(fixed < 10, "fixed points: " + fixed);
    }

    @Test
    void nextIntCoversItsRange() {
        Rng r = rng();
        int[] counts = new int[4];
        for (int k = 0; k < 40_000; k++) {
            counts[r.nextInt(4)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 5 * Math.sqrt(40_000 * 0.25 * 0.75));
        }
    }
}
