package org.linearitylab.training;

import java.util.function.Supplier;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.linearitylab.core.Nd;

/**
 * Runs a computation with ND4J's native thread pools (OpenMP and OpenBLAS) limited to one thread, then
 * restores the previous settings. Training loops are made of thousands of tiny ops (n ≈ 16 samples): on a
 * shared 2-core machine, multi-threaded tiny ops spend their time waiting for each other; measured 10–30×
 * slower per step than single-threaded (see bench.StepProfile) before the toolkit set {@code OMP_WAIT_POLICY=PASSIVE}
 * ({@link org.linearitylab.core.Blas}), and still 2.3× slower at P = 10⁵ after it.
 *
 * <p>Large models are the exception: a step at P = 1.7·10⁷ is three memory-bound GEMMs over 134 MB weight matrices,
 * which two threads run faster. {@link #forParameters} keeps every thread from {@link #MULTI_THREADED_PARAMETERS} on.
 * Measured on a 2-core AVX-512 Xeon, 150 GD steps of a 2-hidden-layer tanh net, one thread vs all: m = 316
 * (P = 1.0·10⁵) 0.33 s vs 0.76 s, m = 1000 (P = 1.0·10⁶) 0.97 s vs 1.03 s, m = 2000 (P = 4.0·10⁶) 2.72 s vs 2.42 s,
 * m = 4096 (P = 1.7·10⁷) 11.4 s vs 7.3 s.
 */
final class SingleThreaded {
    /** From this many parameters on, training runs with all of ND4J's threads. */
    static final long MULTI_THREADED_PARAMETERS = 2_000_000;

    private SingleThreaded() {
    }

    /** {@link #call} for a model of {@code parameters} parameters below {@link #MULTI_THREADED_PARAMETERS}, else plainly. */
    static <T> T forParameters(long parameters, Supplier<T> work) {
        return parameters < MULTI_THREADED_PARAMETERS ? call(work) : work.get();
    }

    static synchronized <T> T call(Supplier<T> work) {
        Nd.init();
        Environment env = Nd4j.getEnvironment();
        Blas blas = Nd4j.factory().blas();
        int threads = env.maxThreads();
        int master = env.maxMasterThreads();
        int blasThreads = blas.getMaxThreads();
        try {
            env.setMaxThreads(1);
            env.setMaxMasterThreads(1);
            blas.setMaxThreads(1);
            return work.get();
        } finally {
            env.setMaxThreads(threads);
            env.setMaxMasterThreads(master);
            blas.setMaxThreads(blasThreads);
        }
    }
}
