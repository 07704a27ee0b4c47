package org.linearitylab.bench;

import java.nio.file.Path;
import org.linearitylab.Lab;
import org.linearitylab.analysis.Curvature;
import org.linearitylab.analysis.SphereScan;
import org.linearitylab.calculus.Lanczos;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Rng;
import org.linearitylab.data.Digits;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.model.assembly.AssemblyModel;
import org.linearitylab.model.assembly.SubModel;
import org.linearitylab.model.assembly.Weights;
import org.linearitylab.regression.DoubleDescent;
import org.linearitylab.regression.RandomFeatures;


/**
 * Every benchmark of the toolkit, written to {@code benchmarks/toolkit.csv} (argument: the output folder).
 * Run with {@code ./lab bench}, which also times the notebooks and writes benchmarks/RESULTS.md.
 */
public final class Suite {
    private Suite() {
    }

    public static void main(String[] args) {
        Nd.init();
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks");
        Bench bench = new Bench();
        System.out.println("BLAS: " + Lab.diagnostics());
        System.out.println("Machine load at start (1-min load average): " + loadAverage());
        gemmLimit(bench, out.toAbsolutePath().getParent().resolve("tools").resolve("gemm_reference.py"));
        gramRecursion(bench);
        deepHessianAtWidth(bench);
        trainingAtWidth(bench);
        twoLayerHessianNorm(bench);
        assembly(bench);
        doubleDescent(bench);
        deepHessianNorm(bench);
        training(bench);
        System.out.println("Machine load at end (1-min load average): " + loadAverage());
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
        var data = org.linearitylab.data.TrainingSet.sphere(16, 5, 0).scaledInputs(Math.sqrt(5));
        DeepNet net = DeepNet.tanh(5, 0, 1000, 1000);
        double eta = org.linearitylab.analysis.TangentKernel.of(net, data.inputs()).lambdaMax();
        bench.measure("training", "deep net GD, 150 steps, kernel + λ_min every 10", "m=1000 (P=1,006,000), n=16", 1, 3, 0,
                "OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"),
                () -> org.linearitylab.training.GradientDescent.on(net, data).steps(150).recordEvery(10).run());
        bench.measure("training", "its linearization, 150 GD steps (function space)", "m=1000, n=16", 1, 3, 0, "",
                () -> org.linearitylab.training.GradientDescent.on(org.linearitylab.model.Linearized.of(net), data)
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
                () -> Lanczos.of(f.hessian(x3)).largestMagnitude());
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
                    () -> net.hessianNorm(x, 30, 1e-6).magnitude());
        }
    }

    // ------------------------------------------------------------------ issue 19: the machine's limit, in the same run

    /** The best float64 GEMM rate measured in this run (GFLOP/s): max of ND4J's and numpy's (and PyTorch's if installed). */
    static double limitGflops = Double.NaN;
    static String limitSource = "";

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** One ND4J float64 GEMM n×n·n×n, GFLOP/s. */
    static double nd4jGemmOnce(org.nd4j.linalg.api.ndarray.INDArray a, org.nd4j.linalg.api.ndarray.INDArray b,
                               org.nd4j.linalg.api.ndarray.INDArray c) {
        long t = System.nanoTime();
        org.nd4j.linalg.factory.Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double n = a.rows();
        return 2 * n * n * n / ((System.nanoTime() - t) / 1e9) / 1e9;
    }

    static org.nd4j.linalg.api.ndarray.INDArray[] gemmOperands(int n) {
        var dt = org.nd4j.linalg.api.buffer.DataType.DOUBLE;
        return new org.nd4j.linalg.api.ndarray.INDArray[]{org.nd4j.linalg.factory.Nd4j.rand(dt, n, n),
                org.nd4j.linalg.factory.Nd4j.rand(dt, n, n), org.nd4j.linalg.factory.Nd4j.zeros(dt, n, n)};
    }

    static double[] rateRow(Bench bench, String what, String size, double[] gflops, int n, String note) {
        double[] sorted = gflops.clone();
        java.util.Arrays.sort(sorted);
        double[] seconds = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            seconds[sorted.length - 1 - i] = 2.0 * n * n * n / (sorted[i] * 1e9);
        }
        double median = Bench.median(sorted);
        bench.ratio("blas", what, size, seconds, limitGflops > 0 ? median / limitGflops : Double.NaN, 0,
                String.format(java.util.Locale.ROOT, "%.1f GFLOP/s median (%.1f–%.1f)%s", median, sorted[0], sorted[sorted.length - 1], note));
        return sorted;
    }

    /**
     * Item 2 of issue 19: the machine's best float64 GEMM, measured now: ND4J's (the toolkit's OpenBLAS, core as
     * configured) and numpy's from PyPI (a current OpenBLAS; tools/gemm_reference.py with the venv's python,
     * -Dlab.python), and PyTorch's when installed. Every BLAS-bound row below is a fraction of the best.
     */
    static void gemmLimit(Bench bench, Path script) {
        int n = 2048;
        var ops = gemmOperands(n);
        nd4jGemmOnce(ops[0], ops[1], ops[2]);
        double[] nd = new double[5];
        for (int i = 0; i < nd.length; i++) {
            nd[i] = nd4jGemmOnce(ops[0], ops[1], ops[2]);
        }
        double ndMedian = Bench.median(sortedCopy(nd));
        double best = ndMedian;
        limitSource = "ND4J";
        String python = System.getProperty("lab.python", "python3");
        double[] np = null;
        double[] torch = null;
        try {
            Process p = new ProcessBuilder(python, script.toString(),
                    Integer.toString(n), "5").redirectErrorStream(false).start();
            String json = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            np = rates(json, "numpy");
            torch = rates(json, "torch");
        } catch (Exception e) {
            System.out.println("gemm_reference.py failed: " + e);
        }
        if (np != null && Bench.median(sortedCopy(np)) > best) {
            best = Bench.median(sortedCopy(np));
            limitSource = "numpy";
        }
        if (torch != null && Bench.median(sortedCopy(torch)) > best) {
            best = Bench.median(sortedCopy(torch));
            limitSource = "PyTorch";
        }
        limitGflops = best;
        rateRow(bench, "float64 GEMM, ND4J (toolkit's OpenBLAS " + org.linearitylab.core.Blas.core() + ")", n + "²", nd, n,
                ", threads " + System.getenv("OMP_NUM_THREADS"));
        if (np != null) {
            rateRow(bench, "float64 GEMM, numpy (reference, current OpenBLAS)", n + "²", np, n, "");
        } else {
            System.out.println("numpy not found for " + python + ": no reference GEMM (./lab bench installs benchmarks/requirements.txt)");
        }
        if (torch != null) {
            rateRow(bench, "float64 GEMM, PyTorch", n + "²", torch, n, "");
        } else {
            System.out.println("PyTorch not installed: its GEMM and recursion rows are skipped");
        }
        System.out.printf(java.util.Locale.ROOT, "Best float64 GEMM in this run: %.1f GFLOP/s (%s)%n", limitGflops, limitSource);
    }

    static double[] sortedCopy(double[] a) {
        double[] s = a.clone();
        java.util.Arrays.sort(s);
        return s;
    }

    /** The "gflops": [...] list of one entry of gemm_reference.py's JSON, or null. */
    static double[] rates(String json, String key) {
        int at = json.indexOf("\"" + key + "\": {");
        if (at < 0) {
            return null;
        }
        int open = json.indexOf('[', json.indexOf("\"gflops\"", at));
        int close = json.indexOf(']', open);
        String[] parts = json.substring(open + 1, close).split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].trim());
        }
        return out;
    }

    /**
     * The exact all-pairs neuron-gradient Gram recursion (Figure 3; 4-layer tanh net, d = 64) as a fraction of the
     * best GEMM: target ≥ 0.8 at m ≥ 1024. An ND4J GEMM is re-timed next to every run, so the load is shared.
     */
    static void gramRecursion(Bench bench) {
        int[][] cases = {{1024, 20, 3}, {2048, 4, 2}};
        for (int[] c : cases) {
            int m = c[0];
            int samples = c[1];
            DeepNet net = DeepNet.tanh(64, 1, m, m, m);
            var gram = org.linearitylab.analysis.NeuronGradientGram.of(net);
            double[][] x = org.linearitylab.data.GaussianInputs.sample(samples, 64, 3);
            gram.exactAll(org.linearitylab.data.GaussianInputs.sample(1, 64, 4)); // warm-up
            var ops = gemmOperands(m);
            double[] secs = new double[c[2]];
            double[] rate = new double[c[2]];
            double[] gemm = new double[c[2]];
            for (int r = 0; r < c[2]; r++) {
                gemm[r] = nd4jGemmOnce(ops[0], ops[1], ops[2]);
                long t = System.nanoTime();
                gram.exactAll(x);
                secs[r] = (System.nanoTime() - t) / 1e9;
                rate[r] = gram.exactFlops(samples, 3) / secs[r] / 1e9;
            }
            double med = Bench.median(sortedCopy(rate));
            double limit = Math.max(limitGflops, Bench.median(sortedCopy(gemm)));
            bench.ratio("gram", "exact all-pairs Gram recursion, layers 1–3, fraction of best GEMM", "L=4, m=" + m + ", d=64, " + samples + " samples",
                    sortedCopy(secs), med / limit, 0.8, String.format(java.util.Locale.ROOT,
                            "%.1f GFLOP/s median; best GEMM %.1f (%s %.1f, ND4J %d² next to it %.1f)", med, limit, limitSource, limitGflops, m,
                            Bench.median(sortedCopy(gemm))));
        }
    }

    /**
     * Item 3: ‖∇²f‖ of a 4-layer tanh net (d = 64) by Lanczos (three-vector recurrence) on exact HVPs, to relative
     * residual 10⁻³; target ≤ 3 s at m = 2048 (P ≈ 8.5·10⁶). Also the previous implementation (full
     * re-orthogonalization, the batched ND4J R-operator, 30 products) at m = 256, side by side.
     */
    static void deepHessianAtWidth(Bench bench) {
        double[] x = Rng.seed(3).unitVector(64);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 8;
        }
        DeepNet small = DeepNet.tanh(64, 1, 256, 256, 256);
        var oldWay = org.linearitylab.calculus.LinearOperator.of(small.parameterCount(),
                v -> small.hessianVectorProduct(new double[][]{x}, new double[]{1}, v));
        org.linearitylab.calculus.SpectralEstimate[] keep = new org.linearitylab.calculus.SpectralEstimate[1];
        bench.measure("deep", "‖H‖ previous way: full re-orth Lanczos, batched HVP, 30 products", "L=4, m=256, d=64", 0, 2, 0, "",
                () -> keep[0] = Lanczos.of(oldWay).withReorthogonalization(true).withMaxIterations(30).withTolerance(1e-6).largestMagnitude());
        String previous = keep[0].toString();
        for (int m : new int[]{256, 1024, 2048}) {
            DeepNet net = m == 256 ? small : DeepNet.tanh(64, 1, m, m, m);
            bench.measure("deep", "‖H‖ Lanczos (3 vectors) on fused exact HVPs, rel. residual 1e-3", "L=4, m=" + m + ", P=" + net.parameterCount(),
                    m == 2048 ? 0 : 1, m == 2048 ? 2 : 3, m == 2048 ? 3.0 : 0, "",
                    () -> keep[0] = net.hessianNorm(x, org.linearitylab.calculus.Lanczos.DEFAULT_MAX_ITERATIONS, 1e-3));
            System.out.printf(java.util.Locale.ROOT, "      m=%d: %s%s; JVM heap used %.0f MB, process RSS %.0f MB%n", m, keep[0],
                    m == 256 ? " (previous way: " + previous + ")" : "",
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6,
                    org.bytedeco.javacpp.Pointer.physicalBytes() / 1e6);
        }
    }

    /** Item 4: GD on a 2-hidden-layer net of width 4096 (P ≈ 1.7·10⁷), kernel tracked every 10 steps, 150 steps, ≤ 10 s. */
    static void trainingAtWidth(Bench bench) {
        var data = org.linearitylab.data.TrainingSet.sphere(16, 5, 0).scaledInputs(Math.sqrt(5));
        DeepNet net = DeepNet.tanh(5, 0, 4096, 4096);
        bench.measure("training", "deep net GD, 150 steps, kernel + λ_min every 10", "m=4096 (P=" + net.parameterCount() + "), n=16", 0, 1, 10.0,
                "OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"),
                () -> org.linearitylab.training.GradientDescent.on(net, data).steps(150).recordEvery(10).run());
    }
}
