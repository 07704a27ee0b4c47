package org.linearitylab.calculus;

import org.linearitylab.core.Require;







/** Helpers on {@link LinearOperator}s. */
public final class Operators {
    private Operators() {
    }

    /** The dense n×n matrix of an operator, column j = A eⱼ (n products: for tests and pictures, small n only). */
    public static double[][] toMatrix(LinearOperator a) {
        Require.notNull("a", a);
        int n = a.dimension();
        if (n < 1) {
            throw new IllegalArgumentException("a must report its dimension (≥ 1)");
        }
        double[][] out = new double[n][n];
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1;
            double[] col = a.apply(e);
            Require.length("operator output", col, n);
            e[j] = 0;
            for (int i = 0; i < n; i++) {
                out[i][j] = col[i];
            }
        }
        return out;
    }
}
