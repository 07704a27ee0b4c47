package org.linearitylab.bench;

import org.linearitylab.data.Digits;
import org.linearitylab.regression.DoubleDescent;
import org.linearitylab.regression.DoubleDescentCurve;
import org.linearitylab.regression.DoubleDescentCurve.Metric;
import org.linearitylab.regression.RandomFeatures;

/**
 * Speed target of issue #5: the digits random-features double-descent curve, ≥ 40 values of p up to 4n,
 * 5 seeds, in ≤ 30 s. Run:
 * <pre>
 * cd toolkit &amp;&amp; mvn -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.linearitylab.bench.DoubleDescentBench [-Dexec.args="150"]
 * </pre>
 * Argument: training-set size n (default {@link #N}).
 *
 * <p>Measured on the shared 2-core machine (load average ≈ 10 from other jobs), n = 150, p up to 600:
 * with {@code OMP_NUM_THREADS=1} ReLU 13.2 s and Fourier 9.0 s; with OpenMP's default (2 threads, as in
 * the kernelspec) 45–49 s — every small LAPACK/BLAS call then waits on a spinning second thread.
 * The work per call is small (n ≤ 150), so single-threaded BLAS is the faster setting here.
 */
public final class DoubleDescentBench {
    /** The training-set size chosen so that the curve meets the 30 s budget (also the notebook's default). */
    public static final int N = 150;
    static final double BUDGET_SECONDS = 30;

    private DoubleDescentBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : N;
        Digits digits = Digits.load();
        for (RandomFeatures.Kind kind : RandomFeatures.Kind.values()) {
            int[] ps = DoubleDescent.grid(n, 4 * n, 40);
            DoubleDescentCurve c = DoubleDescent.randomFeatures(kind, digits.features(), digits.labels())
                    .trainSize(n).ps(ps).seeds(5).progress(null).run();
            System.out.printf("%-8s n = %d, %d values of p up to %d, 5 seeds: %.1f s (budget %.0f s) %s; peak at p = %d, "
                            + "test MSE at n %.3g vs %.3g at 4n%n",
                    kind, n, ps.length, 4 * n, c.seconds(), BUDGET_SECONDS, c.seconds() <= BUDGET_SECONDS ? "OK" : "OVER",
                    c.peak(Metric.TEST_MSE), c.at(Metric.TEST_MSE, n), c.at(Metric.TEST_MSE, 4 * n));
        }
        System.out.println("OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", load average "
                + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
