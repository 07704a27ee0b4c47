package org.linearitylab.analysis;

import java.nio.DoubleBuffer;
import java.util.stream.IntStream;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exact all-pairs mean |cos| of {@link NeuronGradientGram#exactAll} at BLAS speed (issue 19): the recursion
 * <pre>  Kₗ = cₗ I + (1/mₗ₋₁) Wₗ Gₗ₋₁ Wₗᵀ,   Gₗ = Dₗ Kₗ Dₗ,   K₂ = c₂ I + (c₁/m₁) (W₂D₁)(W₂D₁)ᵀ</pre>
 * carried as Cholesky factors, with no m×m array allocated per sample. Gₗ = Dₗ Kₗ Dₗ is positive definite (Kₗ ⪰ cₗ I
 * with cₗ &gt; 0, and σ' &gt; 0), so Gₗ = UᵀU with U upper triangular and
 * <pre>  Kₗ₊₁ = cₗ₊₁ I + (1/mₗ) Bₗ₊₁ Bₗ₊₁ᵀ,   Bₗ₊₁ = Wₗ₊₁ Uᵀ:</pre>
 * per layer l ≥ 3 one {@code dpotrf} of Gₗ₋₁ (mₗ₋₁³/3 flops), one {@code dtrmm} on a copy of Wₗ (mₗ mₗ₋₁²) and one
 * {@code dsyrk} (mₗ² mₗ₋₁) writing the upper triangle of Kₗ: about 2⅓ m³ at equal widths against the plain
 * recursion's 4 m³ (two GEMMs, {@link NeuronGradientGram#exactFlops}); K₂ is one {@code dsyrk}. One pass over the
 * upper triangle (tiles, on all cores) sums |Kᵢⱼ|/√(KᵢᵢKⱼⱼ) and, if a layer follows, overwrites it with that of Gₗ.
 * Factoring DKD is as accurate as factoring K: Cholesky's rounding errors do not change under a diagonal scaling.
 *
 * <p>If a factorisation fails (Gₗ₋₁ not numerically positive definite: cₗ₋₁ = 0 with a rank-deficient product, e.g. all
 * activations of a layer 0, or a σ' that underflowed to 0), the sample is recomputed by the GEMM chain: Tₗ = Wₗ Gₗ₋₁ by one GEMM, then only the
 * upper blocks of Tₗ Wₗᵀ ({@link #blocks} × {@link #blocks} block GEMMs on and above the diagonal), the pass writing
 * Gₗ = Dₗ Kₗ Dₗ into both triangles in place.
 *
 * <p>Three reused native buffers for all samples and layers. The same numbers as the two-GEMM chain of
 * {@link NeuronGradientGram#gram} to rounding ({@code NeuronGradientGramTest}); per sample and hidden layers up to l,
 * m₂²m₁ + Σⱼ₌₃ˡ (mⱼ₋₁³/3 + mⱼmⱼ₋₁² + mⱼ²mⱼ₋₁) flops ({@link #flops}).
 */
final class ExactGramChain implements AutoCloseable {
    /** Side of the square tiles of the Java pass (64 doubles: a tile row is 512 bytes, a tile 32 KB). */
    private static final int TILE = 64;

    private final INDArray[] weights; // 1..L-1, 'c'-ordered
    private final int[] width;        // m₀ … m_{L-1}
    private final INDArray kBuf;
    private final INDArray tBuf;
    private final INDArray aBuf;

    ExactGramChain(INDArray[] weights, int[] width, int layer) {
        this.weights = new INDArray[weights.length];
        for (int l = 1; l < weights.length; l++) {
            this.weights[l] = org.linearitylab.core.Nd.rowMajor(weights[l]);
        }
        this.width = width;
        long k = 1;
        long t = 1;
        for (int j = 2; j <= layer; j++) {
            k = Math.max(k, (long) width[j] * width[j]);
            t = Math.max(t, (long) width[j] * width[j - 1]);
        }
        kBuf = Nd4j.createUninitialized(DataType.DOUBLE, k);
        tBuf = Nd4j.createUninitialized(DataType.DOUBLE, t);
        aBuf = Nd4j.createUninitialized(DataType.DOUBLE, layer >= 2 ? (long) width[2] * width[1] : 1);
    }

    /** Block count per side for the GEMM chain's upper-triangle product at width m (measured best on a 2-core AVX-512 Xeon). */
    static int blocks(int m) {
        return m < 512 ? 1 : Math.min(4, 1 + m / 512);
    }

    /** The flops the factored chain spends per sample on hidden layers 2 … layer (its BLAS and LAPACK calls; the passes not counted). */
    static double flops(int[] width, int layer) {
        double f = 0;
        for (int j = 2; j <= layer; j++) {
            double mj = width[j];
            double mp = width[j - 1];
            f += j == 2 ? mj * mj * mp : mp * mp * mp / 3 + mj * mp * mp + mj * mj * mp;
        }
        return f;
    }

    /**
     * For one sample (cⱼ = ‖α⁽ʲ⁻¹⁾‖²/mⱼ₋₁ and dⱼ = σ'(ã⁽ʲ⁾), j = 1 … layer) the mean |cos| of layers 2 … layer into
     * {@code out[2..layer]}, and the seconds each took into {@code seconds[2..layer]} (added): by Cholesky factors, or by
     * the GEMM chain if a factorisation fails.
     */
    void run(double[] c, double[][] d, int layer, double[] out, double[] seconds) {
        if (!chain(c, d, layer, out, seconds, true)) {
            chain(c, d, layer, out, seconds, false);
        }
    }

    /** The GEMM chain alone for this sample (the fallback of {@link #run}; for tests). */
    void gemmChain(double[] c, double[][] d, int layer, double[] out, double[] seconds) {
        chain(c, d, layer, out, seconds, false);
    }

    /**
     * One sample through layers 2 … layer: K₂ by one SYRK, then each later layer by its Cholesky factor ({@code factored})
     * or by the GEMM chain; false (out incomplete) if a factored Gⱼ₋₁ is not numerically positive definite.
     */
    private boolean chain(double[] c, double[][] d, int layer, double[] out, double[] seconds, boolean factored) {
        long clock = System.nanoTime();
        DoublePointer k = pointer(kBuf);
        DoublePointer t = pointer(tBuf);
        for (int j = 2; j <= layer; j++) {
            int m = width[j];
            int prev = width[j - 1];
            if (j == 2) {
                scaleColumns(weights[2], d[1], aBuf, m, prev); // A = W₂ D₁ (the factor of K₁ is √c₁ I: in the SYRK's alpha)
                openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasNoTrans, m, prev, c[1] / prev,
                        pointer(aBuf), prev, 0.0, k, m);
            } else if (factored) {
                if (!factoredLayer(k, t, pointer(weights[j]), m, prev)) {
                    return false;
                }
            } else {
                gemmLayer(k, t, pointer(weights[j]), m, prev);
            }
            // the factored chain needs only the upper triangle of Gⱼ; the GEMM chain's next GEMM reads all of it
            out[j] = pass(kBuf.data().asNioDouble(), m, c[j], j < layer ? d[j] : null, !factored);
            long now = System.nanoTime();
            seconds[j] += (now - clock) / 1e9;
            clock = now;
        }
        return true;
    }

    /**
     * Kⱼ − cⱼ I (upper triangle) from Gⱼ₋₁ (upper triangle, row-major, written by the pass) by its Cholesky factor:
     * Gⱼ₋₁ = UᵀU in place (the row-major upper triangle is the column-major lower one, so LAPACK's 'L' factor read
     * row-major is U), Bⱼ = Wⱼ Uᵀ, Kⱼ − cⱼ I = Bⱼ Bⱼᵀ / mⱼ₋₁; false if the factorisation fails.
     */
    private static boolean factoredLayer(DoublePointer k, DoublePointer t, DoublePointer w, int m, int prev) {
        if (openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', prev, k, prev) != 0) {
            return false;
        }
        org.bytedeco.javacpp.Pointer.memcpy(t, w, (long) m * prev * Double.BYTES);
        openblas.cblas_dtrmm(openblas.CblasRowMajor, openblas.CblasRight, openblas.CblasUpper, openblas.CblasTrans,
                openblas.CblasNonUnit, m, prev, 1.0, k, prev, t, prev);
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasNoTrans, m, prev, 1.0 / prev,
                t, prev, 0.0, k, m);
        return true;
    }

    /** Kⱼ − cⱼ I (upper blocks) from the full Gⱼ₋₁: T = Wⱼ Gⱼ₋₁ by one GEMM, then the blocks on and above the diagonal of T Wⱼᵀ. */
    private static void gemmLayer(DoublePointer k, DoublePointer t, DoublePointer w, int m, int prev) {
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, m, prev, prev, 1.0,
                w, prev, k, prev, 0.0, t, prev);
        int b = blocks(m);
        int s = (m + b - 1) / b;
        for (int bi = 0; bi < b; bi++) {
            for (int bj = bi; bj < b; bj++) {
                int i0 = bi * s;
                int j0 = bj * s;
                int ni = Math.min(s, m - i0);
                int nj = Math.min(s, m - j0);
                if (ni <= 0 || nj <= 0) {
                    continue;
                }
                openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, ni, nj, prev, 1.0 / prev,
                        offset(t, (long) i0 * prev), prev, offset(w, (long) j0 * prev), prev, 0.0,
                        offset(k, (long) i0 * m + j0), m);
            }
        }
    }

    /** A = W diag(d) (rows × cols) into {@code a}: one native broadcast op (on all cores; a Java loop took 3× longer). */
    private static void scaleColumns(INDArray w, double[] dj, INDArray a, int rows, int cols) {
        INDArray out = a.reshape(rows, cols);
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp(w, Nd4j.createFromArray(dj).reshape(1, cols), out, 1));
    }

    /**
     * The pass over the upper triangle of the m×m row-major K (diagonal without cₗ), tile by tile: returns the mean over i &lt; j of
     * |Kᵢⱼ|/√(KᵢᵢKⱼⱼ) with Kᵢᵢ + cₗ on the diagonal; if {@code d} is given, overwrites K's upper triangle with that of
     * G = D(K + cₗI)D, and with {@code mirror} its lower triangle too. Tiles of the upper triangle are shared among the cores by tile row; the partial sums are added in
     * tile-row order, so the result does not depend on the thread schedule.
     */
    static double pass(DoubleBuffer k, int m, double c, double[] d, boolean mirror) {
        double[] inv = new double[m];
        for (int i = 0; i < m; i++) {
            double kii = k.get(i * m + i) + c;
            inv[i] = 1 / Math.sqrt(kii);
            if (d != null) {
                k.put(i * m + i, d[i] * d[i] * kii);
            }
        }
        int tiles = (m + TILE - 1) / TILE;
        double[] partial = new double[tiles];
        IntStream.range(0, tiles).parallel().forEach(ti -> {
            // each tile is moved between native memory and the heap by row copies (memcpy), worked on in a heap array
            // (vectorised loops, no bounds-checked buffer calls per element) and, if G is wanted, written back to its
            // place above the diagonal and, transposed, below it
            double[] tile = new double[TILE * TILE];
            double[] column = new double[TILE];
            int i0 = ti * TILE;
            int h = Math.min(m, i0 + TILE) - i0;
            double sum = 0;
            for (int tj = ti; tj < tiles; tj++) {
                int j0 = tj * TILE;
                int w = Math.min(m, j0 + TILE) - j0;
                boolean diagonal = ti == tj;
                for (int r = 0; r < h; r++) {
                    k.get((i0 + r) * m + j0, tile, r * TILE, w);
                }
                for (int r = 0; r < h; r++) {
                    int base = r * TILE;
                    double rowSum = 0;
                    for (int cc = diagonal ? r + 1 : 0; cc < w; cc++) {
                        double v = tile[base + cc];
                        rowSum += Math.abs(v) * inv[j0 + cc];
                        if (d != null) {
                            tile[base + cc] = d[i0 + r] * d[j0 + cc] * v;
                        }
                    }
                    sum += rowSum * inv[i0 + r];
                }
                if (d != null) {
                    for (int r = 0; r < h; r++) {
                        int from = diagonal ? r + 1 : 0;
                        if (from < w) {
                            k.put((i0 + r) * m + j0 + from, tile, r * TILE + from, w - from);
                        }
                    }
                    for (int cc = 0; mirror && cc < w; cc++) {
                        int len = diagonal ? Math.min(cc, h) : h;
                        for (int r = 0; r < len; r++) {
                            column[r] = tile[r * TILE + cc];
                        }
                        if (len > 0) {
                            k.put((j0 + cc) * m + i0, column, 0, len);
                        }
                    }
                }
            }
            partial[ti] = sum;
        });
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return 2 * total / ((double) m * (m - 1));
    }

    private static DoublePointer pointer(INDArray a) {
        return new DoublePointer(a.data().addressPointer());
    }

    private static DoublePointer offset(DoublePointer p, long elements) {
        return p.getPointer(DoublePointer.class, elements);
    }

    @Override
    public void close() {
        kBuf.close();
        tBuf.close();
        aBuf.close();
    }
}
