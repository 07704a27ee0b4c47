package org.linearitylab.regression;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.core.Require;

/** Errors of predictions against targets. Rows are samples; several columns are several outputs. */
public final class Metrics {
    private Metrics() {
    }

    /** Mean squared error (1/n)·Σᵢ ‖ŷᵢ − yᵢ‖² (summed over outputs, averaged over the n samples). */
    public static double mse(INDArray predicted, INDArray target) {
        sameShape(predicted, target);
        double[] a = flat(predicted);
        double[] b = flat(target);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double e = a[i] - b[i];
            s += e * e;
        }
        return s / predicted.rows();
    }

    /** Mean squared error of plain arrays. */
    public static double mse(double[] predicted, double[] target) {
        Require.finite("predicted", predicted);
        Require.finite("target", target);
        if (predicted.length == 0) {
            throw new IllegalArgumentException("predicted must hold at least one value");
        }
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
        for (int i = 0; labels != null && i < labels.length; i++) {
            Require.inRange("labels[" + i + "]", labels[i], 0, Integer.MAX_VALUE - 1);
        }
        Require.notNull("labels", labels);
        if (scores == null || scores.rank() != 2 || scores.rows() != labels.length) {
            throw new IllegalArgumentException("scores must be an n×c matrix with n = labels.length = " + labels.length);
        }
        double[] s = flat(scores);
        int c = (int) scores.columns();
        int wrong = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < c; j++) {
                if (s[i * c + j] > s[i * c + best]) {
                    best = j;
                }
            }
            if (best != labels[i]) {
                wrong++;
            }
        }
        return (double) wrong / labels.length;
    }

    /** Row-major copy of the entries as plain doubles (one bulk copy, not one JNI call per entry). */
    static double[] flat(INDArray a) {
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
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

    /** Not null, at least one entry, every entry finite. */
    private static void requireVector(String name, double[] a) {
        Require.finite(name, a);
        if (a.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one entry");
        }
    }

    /** The Euclidean norm ‖a‖. */
    public static double norm(double[] a) {
        requireVector("a", a);
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** The Euclidean distance ‖a − b‖ (same lengths). */
    public static double distance(double[] a, double[] b) {
        requireVector("a", a);
        Require.finite("b", Require.length("b", b, a.length));
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
