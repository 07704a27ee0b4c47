package org.linearitylab.regression;

import org.linearitylab.Require;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Errors of predictions against targets. Rows are samples; several columns are several outputs. */
public final class Metrics {
    private Metrics() {
    }

    /** Mean squared error (1/n)·Σᵢ ‖ŷᵢ − yᵢ‖² (summed over outputs, averaged over the n samples). */
    public static double mse(INDArray predicted, INDArray target) {
        sameShape(predicted, target);
        double ss = predicted.sub(target.castTo(predicted.dataType())).norm2Number().doubleValue();
        return ss * ss / predicted.rows();
    }

    /** Mean squared error of plain arrays. */
    public static double mse(double[] predicted, double[] target) {
        Require.length("target", target, Require.notNull("predicted", predicted).length);
        if (predicted.length == 0) {
            throw new IllegalArgumentException("predicted must hold n ≥ 1 values, got none");
        }
        double s = 0;
        for (int i = 0; i < predicted.length; i++) {
            double e = predicted[i] - target[i];
            s += e * e;
        }
        return s / predicted.length;
    }

    /** 0-1 error: the fraction of rows whose largest score (argmax over columns) is not the label. */
    public static double zeroOneError(INDArray scores, int[] labels) {
        Require.notNull("labels", labels);
        if (scores == null || scores.rank() != 2 || scores.rows() != labels.length) {
            throw new IllegalArgumentException("scores must be an n×c matrix with n = labels.length = " + labels.length);
        }
        double[][] s = scores.toDoubleMatrix();
        int wrong = 0;
        for (int i = 0; i < s.length; i++) {
            int best = 0;
            for (int c = 1; c < s[i].length; c++) {
                if (s[i][c] > s[i][best]) {
                    best = c;
                }
            }
            if (best != labels[i]) {
                wrong++;
            }
        }
        return (double) wrong / labels.length;
    }

    private static void sameShape(INDArray a, INDArray b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("predicted and target must not be null");
        }
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("predicted has shape " + java.util.Arrays.toString(a.shape())
                    + " but target has shape " + java.util.Arrays.toString(b.shape()));
        }
        if (a.rows() < 1) {
            throw new IllegalArgumentException("predicted must hold n ≥ 1 rows, got none");
        }
    }
}
