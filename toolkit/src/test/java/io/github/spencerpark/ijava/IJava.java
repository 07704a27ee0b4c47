package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.BaseKernel;

/**
 * Test stand-in for IJava 1.3's entry class (its real jar is not on Maven Central): the same static
 * {@code getKernelInstance()} that {@code org.linearitylab.notebook.Kernels} looks up reflectively, returning a
 * real jupyter-jvm-basekernel 2.3.0 {@code BaseKernel}.
 */
public final class IJava {
    private static BaseKernel kernel;

    private IJava() {
    }

    public static BaseKernel getKernelInstance() {
        return kernel;
    }

    public static void setKernelInstance(BaseKernel k) {
        kernel = k;
    }
}
