package org.linearitylab;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.linearitylab.core.Blas;
import org.linearitylab.core.Nd;

/**
 * The notebook's entry point: {@link #hello()} for the first cell (installs the renderers in IJava, configures
 * the numerics through {@link Nd#init()}) and {@link #diagnostics()} for the BLAS in use. Array helpers are in
 * {@link Nd}. Nothing in the toolkit imports this class: it sits on top of every package.
 */
public final class Lab {
    /** Toolkit version, shown by {@link #hello()}. */
    public static final String VERSION = "0.1.0";

    private Lab() {
    }

    /** Sets ND4J's default data types to float64 and picks the OpenBLAS core (idempotent, thread-safe): {@link Nd#init()}. */
    public static void init() {
        Nd.init();
    }

    /** A one-line greeting for the first cell of a notebook: toolkit version, backend and data type. */
    public static String hello() {
        org.linearitylab.notebook.Kernels.register(); // IJava: install the toolkit's renderers (JJava: its extension)
        init();
        return "Linearity Lab toolkit " + VERSION + " · ND4J " + Nd4j.getBackend().getClass().getSimpleName()
                + " · float64 · Java " + Runtime.version().feature() + " · OpenBLAS core " + Blas.core();
    }

    /**
     * The BLAS kernel in use and a measured speed, so a slow machine is visible: OpenBLAS version and core
     * (and whether the toolkit chose it from the CPU flags, see {@link Blas}), the CPU, OMP_NUM_THREADS and a
     * float64 1024² GEMM rate in GFLOP/s (about 0.1 s).
     */
    public static String diagnostics() {
        init();
        return Blas.describe(true);
    }
}
