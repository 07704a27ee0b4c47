package org.linearitylab.regression;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.linearitylab.core.Describe;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Nd;

/**
 * The thin singular value decomposition A = U·diag(s)·Vᵀ of an n×p matrix, k = min(n, p):
 * U is n×k with orthonormal columns, s holds k singular values in decreasing order, Vᵀ is k×p.
 * Computed in float64 by LAPACK through ND4J; A is not modified.
 *
 * <p>Everything in {@link LeastSquares} is built on this: the minimum-norm solution A⁺y and the ridge
 * solution come from the same decomposition, without ever forming AᵀA (the normal equations square the
 * condition number, which is exactly what blows up at the interpolation threshold p = n).
 *
 * @param u  n×k left singular vectors
 * @param s  the k singular values, s[0] ≥ s[1] ≥ … ≥ 0
 * @param vt k×p right singular vectors (as rows)
 */
public record ThinSvd(INDArray u, double[] s, INDArray vt) {

    /**
     * Decomposes {@code a} (n×p, n ≥ 1, p ≥ 1, finite entries). A rectangular matrix is first reduced by a
     * Householder QR of its long side (A = QR for n &gt; p, Aᵀ = QR for p &gt; n, LAPACK {@code dgeqrf/dorgqr}),
     * then the small k×k triangle R is decomposed by {@code dgesvd}: backward stable like a direct SVD,
     * without ever building the max(n,p)² orthogonal factor a full {@code dgesvd} would.
     */
    public static ThinSvd of(INDArray a) {
        LeastSquares.requireMatrix("a", a);
        Memory.require("the SVD of an n × p = " + a.rows() + " × " + a.columns() + " matrix", 0, Memory.doubles("the SVD", 3, a.rows(), a.columns()),
                "Use fewer samples n or fewer features p");
        return decompose(a);
    }

    /** {@link #of} without the argument checks, for callers that built {@code a} themselves. */
    static ThinSvd decompose(INDArray a) {
        Nd.init();
        int n = (int) a.rows();
        int p = (int) a.columns();
        if (n == p) {
            Square sq = square(a.castTo(DataType.DOUBLE));
            return new ThinSvd(sq.u, sq.s, sq.vt);
        }
        boolean wide = p > n;
        INDArray q = (wide ? a.transpose() : a).castTo(DataType.DOUBLE).dup('f');   // long×short, becomes Q
        int k = Math.min(n, p);
        INDArray r = Nd4j.create(DataType.DOUBLE, new long[]{k, k}, 'f');
        Nd4j.getBlasWrapper().lapack().geqrf(q, r);
        if (wide) {
            // A = Rᵀ Qᵀ and Rᵀ = U S Wᵀ  ⇒  A = U S (Q W)ᵀ
            Square sq = square(r.transpose());
            return new ThinSvd(sq.u, sq.s, sq.vt.mmul(q.transpose()));
        }
        // A = Q R and R = U S Vᵀ  ⇒  A = (Q U) S Vᵀ
        Square sq = square(r);
        return new ThinSvd(q.mmul(sq.u), sq.s, sq.vt);
    }

    private record Square(INDArray u, double[] s, INDArray vt) {
    }

    private static Square square(INDArray a) {
        int k = (int) a.rows();
        INDArray work = a.dup('f');
        INDArray s = Nd4j.create(DataType.DOUBLE, new long[]{k}, 'f');
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[]{k, k}, 'f');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[]{k, k}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(work, s, u, vt);
        return new Square(u, s.toDoubleVector(), vt);
    }

    /** Number of rows n of the decomposed matrix. */
    public int rows() {
        return (int) u.rows();
    }

    /** Number of columns p of the decomposed matrix. */
    public int columns() {
        return (int) vt.columns();
    }

    /** Largest singular value (the spectral norm ‖A‖₂). */
    public double largest() {
        return s.length == 0 ? 0 : s[0];
    }

    /** Number of singular values above {@code rcond·s[0]} (the numerical rank at that relative cutoff). */
    public int rank(double rcond) {
        org.linearitylab.core.Require.inRange("rcond", rcond, 0.0, 1.0);
        double cut = rcond * largest();
        int r = 0;
        while (r < s.length && s[r] > cut) {
            r++;
        }
        return r;
    }

    /**
     * V·diag(w)·Uᵀ·Y for weights w (one per singular value): the common form of A⁺Y (w = 1/s above the
     * cutoff, 0 below) and of ridge (w = s/(s² + λ)). Y is n×c; the result is p×c.
     */
    INDArray apply(double[] w, INDArray y) {
        INDArray uty = u.transpose().mmul(y);                 // k×c
        INDArray scale = Nd4j.create(w, new long[]{w.length, 1}, DataType.DOUBLE);
        uty.muliColumnVector(scale);
        return vt.transpose().mmul(uty);                       // p×c
    }

    /** One line: every array summarised by length and range (never {@code [D@…}). */
    @Override
    public String toString() {
        return Describe.record(this);
    }
}
