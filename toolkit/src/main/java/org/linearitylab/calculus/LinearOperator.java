package org.linearitylab.calculus;

/**
 * A symmetric linear map y = A x on ℝⁿ known only through its action (matrix-free), e.g. a
 * Hessian-vector product or a kernel-vector product. The template is Hipparchus' RealLinearOperator.
 */
@FunctionalInterface
public interface LinearOperator {
    /** y = A x; {@code x} is not modified. */
    double[] apply(double[] x);

    /** The dimension n; -1 when unknown (then callers pass it explicitly). */
    default int dimension() {
        return -1;
    }

    /** Wraps a function with a known dimension. */
    static LinearOperator of(int dimension, java.util.function.UnaryOperator<double[]> action) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be ≥ 1, got " + dimension);
        }
        return new LinearOperator() {
            @Override
            public double[] apply(double[] x) {
                if (x.length != dimension) {
                    throw new IllegalArgumentException("x must have length " + dimension + ", got " + x.length);
                }
                return action.apply(x);
            }

            @Override
            public int dimension() {
                return dimension;
            }
        };
    }
}
