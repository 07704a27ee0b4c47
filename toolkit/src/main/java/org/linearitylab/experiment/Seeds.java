package org.linearitylab.experiment;

import org.linearitylab.core.Require;

/**
 * The toolkit's one seed convention. Replicate r of a sweep with base seed b runs with seed b + r, the same
 * at every swept value, so widths (or numbers of features p, …) are compared on paired draws; {@code seeds(n)}
 * means b = 0. Secondary random streams inside one run are derived from that run's seed here and nowhere else:
 * <pre>
 *   replicate r          b + r
 *   subset (i, j)        seed + 7919·i + j        i: index of the swept value, j: item (e.g. layer) at that value
 *   test set             seed + 7 777 777         fresh test points, independent of the training draw
 *   features             seed · 1 000 003         random-feature weights, independent of the data split
 * </pre>
 * (The constants are those the experiments have always used, so every printed number is unchanged.)
 */
public final class Seeds {
    private Seeds() {
    }

    /** The seed of replicate {@code replicate} (≥ 0) of a sweep with base seed {@code base}: base + replicate. */
    public static long replicate(long base, int replicate) {
        return base + Require.inRange("replicate", replicate, 0, Integer.MAX_VALUE);
    }

    /**
     * The seed of the random subset for item {@code item} (≥ 0, e.g. the layer's column) at swept index
     * {@code index} (≥ 0) of a run with seed {@code seed}: seed + 7919·index + item.
     */
    public static long subset(long seed, int index, int item) {
        return seed + 7919L * Require.inRange("index", index, 0, Integer.MAX_VALUE) + Require.inRange("item", item, 0, Integer.MAX_VALUE);
    }

    /** The seed of a run's fresh test points: seed + 7 777 777. */
    public static long testSet(long seed) {
        return seed + 7_777_777L;
    }

    /** The seed of a run's random-feature weights: seed · 1 000 003. */
    public static long features(long seed) {
        return seed * 1_000_003L;
    }
}
