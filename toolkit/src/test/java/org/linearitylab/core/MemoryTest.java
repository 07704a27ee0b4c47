package org.linearitylab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.linearitylab.analysis.NeuronGradientGram;
import org.linearitylab.analysis.OrthogonalitySweep;
import org.linearitylab.data.Digits;
import org.linearitylab.data.GaussianInputs;
import org.linearitylab.model.DeepNet;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.regression.DoubleDescent;
import org.linearitylab.regression.RandomFeatures;

/**
 * The four requests that used to kill the kernel (issue 18) are refused before allocating, fast, with a message
 * naming the sizes, the estimate, the budget and what to do instead. The budget is set to the kernel's
 * (-Xmx768m: 384 MB heap; maxbytes 512m / maxphysicalbytes 1000m: 500 MB off-heap, rounded to one 500 MB figure).
 */
class MemoryTest {
    /** "Well under a second" of work before refusing (measured 0.000–0.3 s; the kernel test checks wall time). */
    static final double REFUSE_SECONDS = 0.5;

    @BeforeEach
    void kernelBudget() {
        Memory.setBudget("500m");
    }

    @AfterEach
    void restore() {
        Memory.setBudget(null);
    }

    static IllegalArgumentException refusedFast(String what, Executable call, String... mentions) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long t = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what);
        double s = (System.nanoTime() - t) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        System.out.printf("refused %-45s in %.3f s wall, %.3f s CPU: %s%n", what, s, cpuSeconds, e.getMessage());
        // CPU time of this thread: the work done before refusing, independent of how loaded the machine is
        assertTrue(cpuSeconds < REFUSE_SECONDS, what + " took " + cpuSeconds + " s of CPU to refuse");
        assertTrue(e.getMessage().contains("budget"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was allocated") || e.getMessage().contains("Java array"), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "message should mention '" + m + "': " + e.getMessage());
        }
        return e;
    }

    @Test
    void gramAtWidth20000IsRefused() {
        double[][] x = GaussianInputs.sample(4, 8, 1);
        NeuronGradientGram wideSecond = NeuronGradientGram.of(DeepNet.tanh(8, 1, 100, 20000));
        refusedFast("exact Gram, layer 2 of width 20000", () -> wideSecond.exact(x, 2), "20000", "estimate(");
        refusedFast("gram(x, 2) at width 20000", () -> wideSecond.gram(x[0], 2), "20000");
        refusedFast("exactAll at width 20000", () -> wideSecond.exactAll(x), "20000");
        NeuronGradientGram wideFirst = NeuronGradientGram.of(DeepNet.tanh(8, 1, 20000));
        refusedFast("gram(x, 1) at width 20000", () -> wideFirst.gram(x[0], 1), "20000");
        refusedFast("DeepNet 20000 × 20000", () -> DeepNet.tanh(64, 1, 20000, 20000), "parameters", "smaller hidden widths");
        // the subset estimator is the way out and still works at this width
        assertEquals(2, wideSecond.estimate(x, 2, 16, 3).layer());
    }

    @Test
    void bottleneckSweepWithA20000WideLayerIsRefused() {
        double[][] x = GaussianInputs.sample(4, 64, 2);
        refusedFast("bottleneck sweep 1000 → 20000 → 1000", () -> OrthogonalitySweep.of(mb -> DeepNet.tanh(64, 1, 1000, mb, 1000), 20000).inputs(x).layers(2, 3).policy(OrthogonalitySweep.Policy.EXACT).run(), "20000");
        refusedFast("bottleneck sweep 64 → 20000 → 64, exact", () -> OrthogonalitySweep.of(mb -> DeepNet.tanh(64, 1, 64, mb, 64), 20000).inputs(x).layers(2, 3).policy(OrthogonalitySweep.Policy.EXACT).run(), "20000", "estimate(");
    }

    @Test
    void randomFeaturesWith200000FeaturesAreRefused() {
        Digits digits = Digits.load();
        refusedFast("double descent up to p = 200000", () -> DoubleDescent.randomFeatures(RandomFeatures.Kind.RELU,
                digits.features(), digits.labels()).trainSize(80).ps(80, 200_000).seeds(3).progress(null).run(), "200000", "fewer features");
        RandomFeatures map = RandomFeatures.relu(64, 200_000, 1);
        var all = Nd.matrix(digits.features());
        refusedFast("Φ of all digits at p = 200000", () -> map.apply(all), "1797 × 200000");
    }

    @Test
    void twoLayerJacobianOf100000By20000IsRefused() {
        TwoLayerNet net = TwoLayerNet.tanh(100_000, 1, 0);
        double[][] x = GaussianInputs.sample(20_000, 1, 3);
        refusedFast("two-layer Jacobian n = 20000, m = 100000", () -> net.jacobian(x), "20000 × 200000");
        DeepNet deep = DeepNet.tanh(4, 1, 1000, 1000);
        refusedFast("deep Jacobian n = 20000, P ≈ 10⁶", () -> deep.jacobian(GaussianInputs.sample(20_000, 4, 4)), "Jacobian");
    }

    @Test
    void aTangentKernelOn20000InputsIsRefused() {
        double[][] x = GaussianInputs.sample(20_000, 2, 5);
        TwoLayerNet two = TwoLayerNet.tanh(10, 2, 0);
        DeepNet deep = DeepNet.tanh(2, 1, 8, 8);
        refusedFast("tangent kernel 20000 × 20000", () -> two.tangentKernel(x), "20000 × 20000");
        refusedFast("deep tangent kernel 20000 × 20000", () -> deep.tangentKernel(x, x), "20000 × 20000");
    }

    @Test
    void estimatesAreOverflowSafe() {
        assertEquals(8L * 20000 * 20000, Memory.doubles("K", 20000, 20000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Memory.doubles("K", Long.MAX_VALUE / 2, 3));
        assertTrue(e.getMessage().contains("overflows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Memory.arrayLength("J", 100_000, 30_000));
        assertEquals(6, Memory.arrayLength("J", 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Memory.elements("J", -1, 3));
        // int-overflowing width × inputDim is refused with the sizes, not a NegativeArraySizeException
        Memory.setBudget(null);
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> TwoLayerNet.builder().width(100_000).inputDim(30_000).build());
        assertTrue(big.getMessage().contains("100000"), big.getMessage());
    }

    @Test
    void theBudgetFollowsTheSettingAndTheProcess() {
        assertEquals(500L << 20, Memory.heapBudget());
        Memory.setBudget("2g");
        assertEquals(2L << 30, Memory.offHeapBudget());
        Memory.setBudget(null);
        assertEquals(Runtime.getRuntime().maxMemory() / 2, Memory.heapBudget());
        assertTrue(Memory.offHeapBudget() > 0 && Memory.offHeapBudget() <= org.bytedeco.javacpp.Pointer.maxBytes());
        System.setProperty(Memory.PROPERTY, "300m");
        try {
            assertEquals(300L << 20, Memory.offHeapBudget());
        } finally {
            System.clearProperty(Memory.PROPERTY);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Memory.setBudget("lots"));
        assertTrue(e.getMessage().contains("size"), e.getMessage());
        // a request within budget passes
        Memory.require("small", 1000, 1000, "n/a");
    }
}
