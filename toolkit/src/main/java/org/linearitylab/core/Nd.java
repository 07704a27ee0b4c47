package org.linearitylab.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place where the toolkit's numerics are configured, and the float64 array helpers.
 *
 * <p>Every class that creates ND4J arrays calls {@link #init()} (cheap after the first call): it picks the
 * OpenBLAS core from the CPU flags ({@link Blas}) before ND4J loads, then makes every ND4J array float64.
 * Note that {@code Nd4j.arange} and {@code Nd4j.create(float[])} stay FLOAT even after
 * {@code setDefaultDataTypes}: inside the toolkit, create arrays through {@link #array} and
 * {@link #matrix} instead.
 */
public final class Nd {
    private static volatile boolean initialized;

    private Nd() {
    }

    /** Sets ND4J's default data types to float64 (idempotent, thread-safe). */
    public static void init() {
        if (!initialized) {
            synchronized (Nd.class) {
                if (!initialized) {
                    Blas.configure(); // OPENBLAS_CORETYPE from the CPU flags, before ND4J loads OpenBLAS
                    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
                    initialized = true;
                }
            }
        }
    }

    /** A float64 column vector (n×1) holding a copy of {@code values}. */
    public static INDArray array(double[] values) {
        Require.notNull("values", values);
        if (values.length == 0) {
            throw new IllegalArgumentException("values must hold at least one number");
        }
        init();
        return Nd4j.create(values, new long[]{values.length, 1}, DataType.DOUBLE);
    }

    /** A float64 row-major matrix holding a copy of {@code rows}; every row must have the same length. */
    public static INDArray matrix(double[][] rows) {
        init();
        if (rows.length == 0) {
            throw new IllegalArgumentException("rows must hold at least one row");
        }
        int cols = rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("rows[" + i + "] has length " + rows[i].length
                        + " but rows[0] has length " + cols + "; all rows must have the same length");
            }
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return Nd4j.create(flat, new long[]{rows.length, cols}, DataType.DOUBLE);
    }

    /** A float64 row-major matrix of shape rows×cols over a copy of {@code flat}. */
    public static INDArray matrix(double[] flat, int rows, int cols) {
        init();
        if ((long) rows * cols != flat.length) {
            throw new IllegalArgumentException("flat has length " + flat.length + " but rows×cols = " + rows + "×" + cols);
        }
        return Nd4j.create(flat, new long[]{rows, cols}, DataType.DOUBLE);
    }

    /**
     * {@code a} itself when it is 'c'-ordered and owns exactly its buffer (so its buffer is its row-major data, as
     * {@code data().asNioDouble()} and raw BLAS pointers read it), else a 'c'-ordered copy.
     */
    public static INDArray rowMajor(INDArray a) {
        Require.notNull("a", a);
        return a.ordering() == 'c' && !a.isView() && a.data().length() == a.length() ? a : a.dup('c');
    }

    /** n evenly spaced numbers from {@code from} to {@code to}, both included (n ≥ 2). */
    public static double[] linspace(double from, double to, int n) {
        Memory.require("linspace of n = " + n + " points", Memory.doubles("n", n), 0, "Use fewer points n");
        Require.finite("from", from);
        Require.finite("to", to);
        Require.inRange("n", n, 2, Integer.MAX_VALUE);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = from + (to - from) * i / (n - 1);
        }
        out[n - 1] = to;
        return out;
    }

    /** n numbers spaced evenly on a log scale from {@code from} to {@code to} (both > 0), rounded to integers. */
    public static int[] logspaceInt(int from, int to, int n) {
        Memory.require("logspaceInt of n = " + n + " points", Memory.elements("n", n, 4), 0, "Use fewer points n");
        Require.positive("from", from);
        Require.positive("to", to);
        Require.inRange("n", n, 2, Integer.MAX_VALUE);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) Math.round(Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * i / (n - 1)));
        }
        return out;
    }

    /** Scalars as one-dimensional inputs: {@code {{x₀}, {x₁}, …}}. */
    public static double[][] column(double[] values) {
        Require.notNull("values", values);
        double[][] out = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            out[i][0] = values[i];
        }
        return out;
    }

    /** A float64 zero matrix. */
    public static INDArray zeros(long rows, long cols) {
        Memory.require("a zero matrix rows × cols = " + rows + " × " + cols, 0, Memory.doubles("rows × cols", rows, cols), "Use smaller sizes");
        init();
        return Nd4j.zeros(DataType.DOUBLE, rows, cols);
    }
}
