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
 * slower per step than single-threaded (see bench.StepProfile).
 */
final class SingleThreaded {
    private SingleThreaded() {
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
