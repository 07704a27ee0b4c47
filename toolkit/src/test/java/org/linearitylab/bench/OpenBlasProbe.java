package org.linearitylab.bench;

import java.util.Arrays;
import java.util.Locale;

import org.nd4j.linalg.factory.Nd4j;
import org.linearitylab.core.Blas;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Rng;
import org.linearitylab.regression.ThinSvdReferenceTest;

/**
 * One OpenBLAS configuration in one fresh JVM (not a unit test): the OpenBLAS version and core in use, its float64
 * GEMM rate and whether LAPACK's blocked QR is right. Used to compare OpenBLAS builds and core types side by side
 * (benchmarks/openblas-options.md): run it once per configuration, interleaved, with the classpath and
 * {@code OPENBLAS_CORETYPE} / {@code OMP_NUM_THREADS} of that configuration.
 *
 * <p>Argument {@code own}: load ND4J before {@link Nd#init()}, so the toolkit does not choose the core and OpenBLAS's
 * own detection (or the environment) stands. Prints one line:
 * {@code config=… | core=… | source=… | threads=… | gemm2048=<median GFLOP/s> (min–max) | per-cpu-s=<GFLOP per CPU second>
 * (min–max) | qr400x256=<worst relative error of the singular values>}. The rate per CPU second (the process's CPU time,
 * all threads) is what the kernel does with the time it gets, so it compares kernels on a loaded machine too (at one
 * thread; with more, OpenBLAS's waiting threads count as well).
 */
public final class OpenBlasProbe {
    private OpenBlasProbe() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("own")) {
            Nd4j.zeros(1); // loads OpenBLAS before the toolkit could set a core type
        }
        Nd.init();
        int n = 2048;
        var dt = org.nd4j.linalg.api.buffer.DataType.DOUBLE;
        var a = Nd4j.rand(dt, n, n);
        var b = Nd4j.rand(dt, n, n);
        var c = Nd4j.zeros(dt, n, n);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] rate = new double[6];
        double[] perCpu = new double[rate.length];
        for (int r = 0; r < rate.length; r++) {
            long cpu = os.getProcessCpuTime();
            rate[r] = Suite.nd4jGemmOnce(a, b, c);
            perCpu[r] = 2.0 * n * n * n / ((os.getProcessCpuTime() - cpu) / 1e9) / 1e9;
        }
        double[] timed = Arrays.copyOfRange(rate, 1, rate.length); // the first product is the warm-up
        double[] cpuTimed = Arrays.copyOfRange(perCpu, 1, perCpu.length);
        Arrays.sort(timed);
        Arrays.sort(cpuTimed);
        System.out.printf(Locale.ROOT, "config=%s | core=%s | source=%s | threads=%s | gemm2048=%.1f (%.1f–%.1f) | per-cpu-s=%.1f (%.1f–%.1f) | qr400x256=%.2e%n",
                Blas.config(), Blas.core(), Blas.coreTypeSource(), System.getenv("OMP_NUM_THREADS"), Bench.median(timed), timed[0],
                timed[timed.length - 1], Bench.median(cpuTimed), cpuTimed[0], cpuTimed[cpuTimed.length - 1], blockedQrError(400, 256));
    }

    /** max |sᵢ − sᵢ(commons-math3)| / s₁ for an n×p Gaussian matrix: {@link ThinSvdReferenceTest#maxRelativeError}. */
    static double blockedQrError(int n, int p) {
        return ThinSvdReferenceTest.maxRelativeError(n, p);
    }
}
