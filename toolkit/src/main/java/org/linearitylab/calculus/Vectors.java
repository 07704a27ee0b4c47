package org.linearitylab.calculus;

/** Small dense-vector helpers on plain {@code double[]} (no ND4J overhead). Package-private. */
final class Vectors {
    private Vectors() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** y += c·x. */
    static void axpy(double c, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += c * x[i];
        }
    }

    static void scale(double[] a, double c) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= c;
        }
    }

    /** w ← w − α v − β prev (prev may be null) in one pass; returns ‖w‖² after the update. */
    static double lanczosUpdate(double[] w, double alpha, double[] v, double beta, double[] prev) {
        double ss = 0;
        if (prev == null) {
            for (int i = 0; i < w.length; i++) {
                double x = w[i] - alpha * v[i];
                w[i] = x;
                ss += x * x;
            }
        } else {
            for (int i = 0; i < w.length; i++) {
                double x = w[i] - alpha * v[i] - beta * prev[i];
                w[i] = x;
                ss += x * x;
            }
        }
        return ss;
    }
}
