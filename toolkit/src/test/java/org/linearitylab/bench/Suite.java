package org.linearitylab.bench;

import java.nio.file.Path;

import org.linearitylab.Lab;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.model.assembly.AssemblyModel;

/**
 * Every benchmark of the toolkit, written to {@code benchmarks/toolkit.csv} (argument: the output folder).
 * Run with {@code ./lab bench}, which also times the notebooks and writes benchmarks/RESULTS.md.
 */
public final class Suite {
    private Suite() {
    }

    public static void main(String[] args) {
        Lab.init();
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks");
        Bench bench = new Bench();
        twoLayerHessianNorm(bench);
        bench.writeCsv(out.resolve("toolkit.csv"));
        System.out.println("wrote " + out.resolve("toolkit.csv"));
    }

    /** Issue 9: two-layer ‖H‖ by the per-neuron closed form at m = 10⁴ … 10⁷ (target at m = 10⁶, d = 10: ≤ 1 s). */
    static void twoLayerHessianNorm(Bench bench) {
        for (int m : new int[]{10_000, 100_000, 1_000_000, 10_000_000}) {
            int d = m < 10_000_000 ? 10 : 1; // m·d = 10⁸ parameters would not fit a laptop-sized heap
            double[] x = new double[d];
            java.util.Arrays.fill(x, 1 / Math.sqrt(d));
            AssemblyModel model = AssemblyModel.of(TwoLayerNet.tanh(m, d, 1));
            bench.measure("two-layer", "‖H‖ closed form (per-neuron rank-2 blocks)", "m=" + m + ", d=" + d,
                    1, 5, m == 1_000_000 ? 1.0 : 0, "", () -> model.hessianNorm(x));
        }
    }
}
