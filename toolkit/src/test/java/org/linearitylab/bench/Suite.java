package org.linearitylab.bench;

import java.nio.file.Path;

import org.linearitylab.Lab;
import org.linearitylab.Rng;
import org.linearitylab.calculus.deep.Curvature;
import org.linearitylab.model.DeepNet;
import org.linearitylab.data.Digits;
import org.linearitylab.regression.DoubleDescent;
import org.linearitylab.regression.RandomFeatures;
import org.linearitylab.calculus.Lanczos;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.model.Activation;
import org.linearitylab.model.assembly.SphereScan;
import org.linearitylab.model.assembly.SubModel;
import org.linearitylab.model.assembly.Weights;
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
        assembly(bench);
        doubleDescent(bench);
        deepHessianNorm(bench);
        training(bench);
        bench.writeCsv(out.resolve("toolkit.csv"));
        System.out.println("wrote " + out.resolve("toolkit.csv"));
        System.out.println("--- Figure 3 neuron-gradient Gram: (a) throughput vs plain GEMM, (b) subset estimator, (c) sweep ---");
        DeepOrthogonalityBench.main(new String[]{"abc"});
    }

    /**
     * Issue 6: GD on a deep net of two hidden layers of width 1000 (P ≈ 10⁶, n = 16, 150 steps, kernel every 10 steps),
     * its linearization trained in function space, and notebook 05's deep sweep (widths 10–1000, 3 seeds; the notebook
     * as a whole must stay ≤ 90 s).
     */
    static void training(Bench bench) {
        var data = org.linearitylab.training.TrainingSet.sphere(16, 5, 0).scaledInputs(Math.sqrt(5));
        DeepNet net = DeepNet.tanh(5, 0, 1000, 1000);
        double eta = org.linearitylab.training.TangentKernel.of(net, data.inputs()).lambdaMax();
        bench.measure("training", "deep net GD, 150 steps, kernel + λ_min every 10", "m=1000 (P=1,006,000), n=16", 1, 3, 0,
                "OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"),
                () -> org.linearitylab.training.GradientDescent.on(net, data).steps(150).recordEvery(10).run());
        bench.measure("training", "its linearization, 150 GD steps (function space)", "m=1000, n=16", 1, 3, 0, "",
                () -> org.linearitylab.training.GradientDescent.on(org.linearitylab.training.Linearized.of(net), data)
                        .stepSize(1 / eta).steps(150).recordEvery(10).run());
        bench.measure("training", "notebook 05 deep sweep: widths 10..1000 × 3 seeds, network + linearization", "n=16, 150 steps", 0, 1,
                90.0, "budget is the whole notebook's",
                () -> org.linearitylab.training.WidthSweep.of((m, seed) -> DeepNet.tanh(5, seed, m, m), 10, 32, 100, 316, 1000)
                        .data(data).steps(150).recordEvery(10).seeds(3).run());
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

    /** Issue 3: a width sweep 10..10⁵ over 5 seeds (≤ 10 s), Lanczos at m = 1000, a sphere scan at m = 10⁵. */
    static void assembly(Bench bench) {
        double[] x2 = Rng.seed(7).unitVector(2);
        bench.measure("two-layer", "‖H‖ width sweep 10..10⁵ (17 widths) × 5 seeds", "d=2", 1, 3, 10.0, "closed form, incl. model build",
                () -> Sweep.logWidths(10, 100_000, 4).seeds(5).quiet()
                        .measure("‖H‖", (m, seed) -> AssemblyModel.builder().neurons(Activation.TANH, 2).width(m).seed(seed).build().hessianNorm(x2))
                        .run());
        AssemblyModel f = AssemblyModel.builder().neurons(Activation.TANH, 3).width(1000).seed(5).build();
        double[] x3 = {0.6, -0.8, 0.5};
        bench.measure("two-layer", "‖H‖ by Lanczos on matrix-free HVP", "m=1000, d=3 (P=4000)", 1, 5, 0, "",
                () -> Lanczos.of(f.hessianOperator(x3)).largestMagnitude());
        AssemblyModel g = AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 2)).width(100_000)
                .weights(Weights.SIGNS).seed(1).build();
        bench.measure("two-layer", "Taylor remainder sphere scan (20 random + worst)", "m=10⁵, one radius", 1, 3, 0, "",
                () -> SphereScan.of(g, x2, new double[]{1.0}, 20, 1));
    }

    /** Issue 5: the digits random-features curve, 40 values of p up to 4n, 5 seeds, n = 150 (≤ 30 s). */
    static void doubleDescent(Bench bench) {
        Digits digits = Digits.load();
        int n = 150;
        int[] ps = DoubleDescent.grid(n, 4 * n, 40);
        for (RandomFeatures.Kind kind : RandomFeatures.Kind.values()) {
            bench.measure("double descent", "digits random features " + kind + ", 40 p × 5 seeds", "n=150, p ≤ 600", 0, 3, 30.0,
                    "OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"),
                    () -> DoubleDescent.randomFeatures(kind, digits.features(), digits.labels()).trainSize(n).ps(ps).seeds(5).progress(null).run());
        }
    }

    /** Issue 9: Lanczos ‖H‖ of a deep net (3 hidden layers of width m, d = 16) against width. */
    static void deepHessianNorm(Bench bench) {
        double[] x = Rng.seed(3).unitVector(16);
        for (int i = 0; i < x.length; i++) {
            x[i] *= Math.sqrt(16);
        }
        for (int m : new int[]{64, 256, 1024}) {
            DeepNet net = DeepNet.tanh(16, 1, m, m, m);
            bench.measure("deep", "‖H‖ by Lanczos on exact HVPs (R-op), 30 iterations", "L=4, m=" + m + ", d=16", 1, 3, 0, "",
                    () -> Curvature.hessianNorm(net, x, 30));
        }
    }
}
