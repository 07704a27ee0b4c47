package org.linearitylab.calculus;

/**
 * A symmetric linear map y = A x on ℝⁿ known only through its action (matrix-free), e.g. a
 * Hessian-vector product or a kernel-vector product. The template is Hipparchus' RealLinearOperator.
 */
@FunctionalInterface
public interface LinearOperator {
    /** y = A x; {@code x} is not modified. */
    double[] apply(double[] x);

    /**
     * y = A x written into {@code out} (length n, its contents are overwritten): lets an iterative solver reuse
     * its buffers instead of allocating a new n-vector per product (at n = 8.5·10⁶ that allocation, 68 MB, and the
     * garbage collections it causes cost more than a deep-net Hessian-vector product). The default copies
     * {@link #apply}; operators that can write in place override it.
     */
    default void applyInto(double[] x, double[] out) {
        double[] y = apply(x);
        if (y == null || y.length != out.length) {
            throw new IllegalArgumentException("operator output must have length " + out.length + ", got "
                    + (y == null ? "null" : "length " + y.length));
        }
        System.arraycopy(y, 0, out, 0, y.length);
    }

    /** The dimension n; -1 when unknown (then callers pass it explicitly). */
    default int dimension() {
        return -1;
    }

    /** Wraps a function with a known dimension. */
    static LinearOperator of(int dimension, java.util.function.UnaryOperator<double[]> action) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be ≥ 1, got " + dimension);
        }
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        return new LinearOperator() {
            @Override
            public double[] apply(double[] x) {
                if (x == null) {
                    throw new IllegalArgumentException("x must not be null");
                }
                if (x.length != dimension) {
                    throw new IllegalArgumentException("x must have length " + dimension + ", got " + x.length);
                }
                double[] y = action.apply(x);
                if (y == null || y.length != dimension) {
                    throw new IllegalArgumentException("the operator's action must return a vector of length " + dimension
                            + ", got " + (y == null ? "null" : "length " + y.length));
                }
                return y;
            }

            @Override
            public int dimension() {
                return dimension;
            }
        };
    }
}
