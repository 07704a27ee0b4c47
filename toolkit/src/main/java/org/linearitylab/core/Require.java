package org.linearitylab.core;

/**
 * Argument checks that fail fast with a message naming the argument and the allowed range,
 * so a student sees "width must be ≥ 1, got 0" instead of a NaN or an ND4J stack trace.
 */
public final class Require {
    private Require() {
    }

    /** {@code value ≥ 1}. */
    public static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be ≥ 1, got " + value);
        }
        return value;
    }

    /** {@code value > 0} and finite. */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** {@code value ≥ 0} and finite. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number ≥ 0, got " + value);
        }
        return value;
    }

    /** {@code lo ≤ value ≤ hi}. */
    public static int inRange(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** {@code lo ≤ value ≤ hi}, finite. */
    public static double inRange(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** A finite number (not NaN, not ±∞). */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
        return value;
    }

    /** Not null, every entry finite. */
    public static double[] finite(String name, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be a finite number, got " + values[i]);
            }
        }
        return values;
    }

    /** Not null, non-empty, rectangular, every entry finite; returns the number of columns. */
    public static int finiteMatrix(String name, double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one row");
        }
        int cols = -1;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new IllegalArgumentException(name + "[" + i + "] must not be null");
            }
            if (cols < 0) {
                cols = rows[i].length;
            } else if (rows[i].length != cols) {
                throw new IllegalArgumentException(name + "[" + i + "] has length " + rows[i].length
                        + " but " + name + "[0] has length " + cols + "; all rows must have the same length");
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] must be a finite number, got " + rows[i][j]);
                }
            }
        }
        return cols;
    }

    /** {@code values.length == expected}. */
    public static double[] length(String name, double[] values, int expected) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (values.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + ", got " + values.length);
        }
        return values;
    }

    /** Not null. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
