package org.linearitylab.regression;

import java.util.Arrays;
import org.linearitylab.core.Describe;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;


/**
 * A random train/test split of n samples: {@code train} holds nTrain indices, {@code test} the rest
 * both in random order. Same seed, same split.
 */
public record Split(int[] train, int[] test) {

    /** Splits 0 … n−1 at random: nTrain indices for training (1 ≤ nTrain &lt; n), all others for testing. */
    public static Split random(int n, int nTrain, long seed) {
        Require.positive("n", n);
        Require.inRange("nTrain", nTrain, 1, n - 1);
        int[] perm = Rng.seed(seed).permutation(n);
        return new Split(Arrays.copyOfRange(perm, 0, nTrain), Arrays.copyOfRange(perm, nTrain, n));
    }

    /** Rows of a matrix picked by index. */
    public static double[][] rows(double[][] x, int[] index) {
        Require.notNull("x", x);
        Require.notNull("index", index);
        for (int i = 0; i < index.length; i++) {
            Require.inRange("index[" + i + "] (a row of x)", index[i], 0, x.length - 1);
        }
        double[][] out = new double[index.length][];
        for (int i = 0; i < index.length; i++) {
            out[i] = x[index[i]];
        }
        return out;
    }

    /** Entries picked by index. */
    public static int[] rows(int[] y, int[] index) {
        Require.notNull("y", y);
        Require.notNull("index", index);
        for (int i = 0; i < index.length; i++) {
            Require.inRange("index[" + i + "]", index[i], 0, y.length - 1);
        }
        int[] out = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = y[index[i]];
        }
        return out;
    }

    /** One-hot encoding: row i has a 1 in column labels[i] (0 ≤ label &lt; classes). */
    public static double[][] oneHot(int[] labels, int classes) {
        Require.positive("classes", classes);
        double[][] out = new double[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            Require.inRange("labels[" + i + "]", labels[i], 0, classes - 1);
            out[i][labels[i]] = 1;
        }
        return out;
    }

    /** One line: every array summarised by length and range (never {@code [D@…}). */
    @Override
    public String toString() {
        return Describe.record(this);
    }
}
