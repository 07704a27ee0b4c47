package org.linearitylab.bench;

import java.nio.file.Path;
import java.util.List;
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
 * Every benchmark of the toolkit, written to {@code benchmarks/toolkit.csv} (argument: the output folder; a second
 * argument {@code quick}: small sizes and only the GEMM, Gram and two-layer rows, for checking the report).
 * Run with {@code ./lab bench [--quick]}, which also times the notebooks and writes RESULTS.md. System properties:
 * {@code lab.python} (numpy), {@code lab.torch.python} (PyTorch, optional), {@code lab.tools} (the tools/ folder).
 */
public final class Suite {
    private Suite() {
    }

    public static void main(String[] args) {
        Nd.init();
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks");
        boolean quick = java.util.Arrays.asList(args).contains("quick");
        Path tools = Path.of(System.getProperty("lab.tools", out.toAbsolutePath().getParent().resolve("tools").toString()));
        Bench bench = new Bench();
        System.out.println("BLAS: " + Lab.diagnostics());
        System.out.println("Machine load at start (1-min load average): " + loadAverage());
        gemmLimit(bench, tools.resolve("gemm_reference.py"), quick ? 512 : 2048);
        gramRecursion(bench, tools.resolve("torch_gram.py"), quick ? QUICK_GRAM : GRAM);
        if (quick) { // a short run that exercises every kind of row and the report (./lab bench --quick)
            twoLayerHessianNorm(bench);
        } else {
            deepHessianAtWidth(bench);
            trainingAtWidth(bench);
            twoLayerHessianNorm(bench);
            assembly(bench);
            doubleDescent(bench);
            deepHessianNorm(bench);
            training(bench);
        }
        System.out.println("Machine load at end (1-min load average): " + loadAverage());
        bench.writeCsv(out.resolve("toolkit.csv"));
        System.out.println("wrote " + out.resolve("toolkit.csv"));
        if (!quick) {
            System.out.println("--- Figure 3 neuron-gradient Gram: (a) throughput vs plain GEMM, (b) subset estimator, (c) sweep ---");
            DeepOrthogonalityBench.main(new String[]{"abc"});
        }
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
        bench.measure("training", "notebook 05 deep sweep: widths 10..3162 (2.5 decades) × 3 seeds, network + linearization", "n=16, 150 steps", 0, 1,
                90.0, "budget is the whole notebook's",
                () -> org.linearitylab.training.WidthSweep.of((m, seed) -> DeepNet.tanh(5, seed, m, m), 10, 32, 100, 316, 1000, 3162)
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

    /** The Python with numpy for the reference GEMM (-Dlab.python, the repo's .venv under ./lab bench). */
    static String python() {
        return System.getProperty("lab.python", "python3");
    }

    /** The Python with PyTorch for the optional peer rows (-Dlab.torch.python, LAB_TORCH_PYTHON under ./lab bench); default {@link #python()}. */
    static String torchPython() {
        String p = System.getProperty("lab.torch.python", "");
        return p.isBlank() ? python() : p;
    }

    /** Runs a Python script and returns what it printed on stdout (its stderr goes to ours); null if it could not run. */
    static String runPython(String python, List<String> command) {
        try {
            List<String> all = new java.util.ArrayList<>();
            all.add(python);
            all.addAll(command);
            Process p = new ProcessBuilder(all).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 ? out : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Item 2 of issue 19: the machine's best float64 GEMM, measured now: ND4J's (the toolkit's OpenBLAS, core as
     * configured) and numpy's from PyPI (tools/gemm_reference.py with {@link #python()}), and PyTorch's when
     * {@link #torchPython()} has it. Every BLAS-bound row below is a fraction of the best.
     */
    static void gemmLimit(Bench bench, Path script, int n) {
        var ops = gemmOperands(n);
        nd4jGemmOnce(ops[0], ops[1], ops[2]);
        double[] nd = new double[5];
        for (int i = 0; i < nd.length; i++) {
            nd[i] = nd4jGemmOnce(ops[0], ops[1], ops[2]);
        }
        String json = runPython(python(), List.of(script.toString(), Integer.toString(n), "5"));
        double[] np = json == null ? null : numbers(json, "numpy", "gflops");
        double[] torch = json == null ? null : numbers(json, "torch", "gflops");
        if (torch == null && !torchPython().equals(python())) {
            String other = runPython(torchPython(), List.of(script.toString(), Integer.toString(n), "5"));
            torch = other == null ? null : numbers(other, "torch", "gflops");
        }
        double best = Bench.median(sortedCopy(nd));
        limitSource = "ND4J";
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
                ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"));
        if (np != null) {
            rateRow(bench, "float64 GEMM, numpy (reference, current OpenBLAS)", n + "²", np, n, "");
        } else {
            System.out.println("numpy not found for " + python() + ": no reference GEMM (./lab bench installs benchmarks/requirements.txt)");
        }
        if (torch != null) {
            rateRow(bench, "float64 GEMM, PyTorch", n + "²", torch, n, "");
        } else {
            System.out.println("PyTorch not found for " + torchPython() + ": its GEMM and Gram rows are skipped (set LAB_TORCH_PYTHON)");
        }
        System.out.printf(java.util.Locale.ROOT, "Best float64 GEMM in this run: %.1f GFLOP/s (%s)%n", limitGflops, limitSource);
    }

    static double[] sortedCopy(double[] a) {
        double[] s = a.clone();
        java.util.Arrays.sort(s);
        return s;
    }

    /** A Gram benchmark case: width m, samples, timed runs, and whether the jacrev version runs too. */
    record GramCase(int m, int samples, int runs, boolean jacrev) {
    }

    /** Figure 3's exact Gram at the widths of issue 19 (d = 64, 20 samples), and m = 256 where jacrev still fits in memory. */
    static final List<GramCase> GRAM = List.of(new GramCase(256, 20, 3, true), new GramCase(1024, 20, 3, false),
            new GramCase(2048, 20, 3, false));
    static final List<GramCase> QUICK_GRAM = List.of(new GramCase(128, 4, 2, true), new GramCase(1024, 2, 2, false));
    /** The Gram targets hold from this width on: ≥ 0.8 of the best GEMM, and at least as fast as PyTorch's recursion. */
    static final int GRAM_TARGET_WIDTH = 1024;

    /**
     * The exact all-pairs neuron-gradient Gram recursion (Figure 3; 4-layer tanh net, d = 64) as a fraction of the
     * best GEMM: target ≥ 0.8 at m ≥ 1024. An ND4J GEMM is re-timed next to every run, so the load is shared. When
     * PyTorch is there (tools/torch_gram.py with {@link #torchPython()}), the same recursion in PyTorch on the same
     * weights and inputs runs right after each toolkit run (2 threads; its mean |cos| is checked against the
     * toolkit's), then the jacrev version where its Jacobians fit.
     */
    static void gramRecursion(Bench bench, Path script, List<GramCase> cases) {
        String probe = runPython(torchPython(), List.of(script.toString(), "--dims", "2,2,2", "--samples", "1", "--runs", "1"));
        boolean torch = probe != null && !probe.contains("\"torch\": null");
        if (!torch) {
            System.out.println("PyTorch not found for " + torchPython() + ": no PyTorch Gram rows (set LAB_TORCH_PYTHON to a Python with torch)"
                    + (probe != null && probe.contains("\"why\"") ? "; " + text(probe, "why") : ""));
        }
        for (GramCase c : cases) {
            int m = c.m();
            DeepNet net = DeepNet.tanh(64, 1, m, m, m);
            var gram = org.linearitylab.analysis.NeuronGradientGram.of(net);
            double[][] x = org.linearitylab.data.GaussianInputs.sample(c.samples(), 64, 3);
            String size = "L=4, m=" + m + ", d=64, " + c.samples() + " samples";
            double flops = gram.exactFlops(c.samples(), 3);      // the plain two-GEMM recursion's: PyTorch's peer runs it
            double executed = gram.chainFlops(c.samples(), 3);   // what the toolkit's BLAS calls execute (symmetry used)
            List<String> torchArgs = torch ? torchArguments(script, net, x) : null;
            gram.exactAll(org.linearitylab.data.GaussianInputs.sample(1, 64, 4)); // warm-up
            var ops = gemmOperands(m);
            double[] secs = new double[c.runs()];
            double[] torchSecs = new double[c.runs()];
            double[] gemm = new double[c.runs()];
            org.linearitylab.analysis.CosineEstimate[] ours = null;
            String torchJson = null;
            for (int r = 0; r < c.runs(); r++) {
                gemm[r] = nd4jGemmOnce(ops[0], ops[1], ops[2]);
                long t = System.nanoTime();
                ours = gram.exactAll(x);
                secs[r] = (System.nanoTime() - t) / 1e9;
                if (torchArgs != null) {
                    torchJson = runPython(torchPython(), torchArgs);
                    double[] s = torchJson == null ? null : numbers(torchJson, "recursion", "seconds");
                    torchSecs[r] = s == null ? Double.NaN : s[0];
                }
            }
            double limit = Math.max(limitGflops, Bench.median(sortedCopy(gemm)));
            // the rate on the recursion's own work (the plain two-GEMM count, what PyTorch's row is rated on too): the time
            // to solution against the best GEMM. The rate on the flops the toolkit executes is in the note: rating on those
            // would score a chain that spends more flops (the GEMM chain, 9/5 of them and 8–24% slower) above a faster one
            double ourRate = flops / Bench.median(sortedCopy(secs)) / 1e9;
            double executedRate = executed / Bench.median(sortedCopy(secs)) / 1e9;
            boolean target = m >= GRAM_TARGET_WIDTH;
            bench.ratio("gram", "exact all-pairs Gram recursion, layers 1–3, fraction of best GEMM (the recursion's flops / time)", size,
                    sortedCopy(secs), ourRate / limit, target ? 0.8 : 0, String.format(java.util.Locale.ROOT,
                            "%.1f GFLOP/s median on the plain recursion's %.2f GFLOP; it executes %.2f of them (Cholesky factors: SYRK, "
                                    + "POTRF, TRMM) at %.1f GFLOP/s = %.2f of the best GEMM; best GEMM %.1f (%s %.1f, ND4J %d² next to it %.1f)",
                            ourRate, flops / 1e9, executed / flops, executedRate, executedRate / limit, limit, limitSource,
                            limitGflops, m, Bench.median(sortedCopy(gemm))));
            if (torchJson == null || Double.isNaN(Bench.median(sortedCopy(torchSecs)))) {
                continue;
            }
            double[] ourCos = {ours[1].mean(), ours[2].mean()};
            String version = text(torchJson, "torch");
            double torchMedian = Bench.median(sortedCopy(torchSecs));
            bench.ratio("gram", "same recursion in PyTorch " + version + ", fraction of best GEMM", size, sortedCopy(torchSecs),
                    flops / torchMedian / 1e9 / limit, 0, String.format(java.util.Locale.ROOT, "%.1f GFLOP/s median, %s threads; %s",
                            flops / torchMedian / 1e9, number(torchJson, "threads"), agreement(ourCos, numbers(torchJson, "recursion", "mean_abs_cos"))));
            bench.ratio("gram", "toolkit speed / PyTorch recursion speed (PyTorch's median s / the toolkit's)", size, sortedCopy(secs),
                    torchMedian / Bench.median(sortedCopy(secs)), target ? 1.0 : 0, "seconds: the toolkit's runs");
            if (c.jacrev()) {
                List<String> args = new java.util.ArrayList<>(torchArgs);
                args.set(args.indexOf("--runs") + 1, Integer.toString(c.runs()));
                args.addAll(List.of("--jacrev", "--no-recursion"));
                String jac = runPython(torchPython(), args);
                double[] js = jac == null ? null : numbers(jac, "jacrev", "seconds");
                if (js != null) {
                    double[] sorted = sortedCopy(js);
                    double med = Bench.median(sorted);
                    bench.record(new Bench.Row("gram", "torch.func.jacrev (full Jacobians, K = J Jᵀ)", size, med, sorted[0], sorted[sorted.length - 1],
                            sorted.length, 0, String.format(java.util.Locale.ROOT, "%.1f× the toolkit's time; the recursion's flops over its time: "
                                    + "%.1f GFLOP/s; Jacobians %s GB; %s", med / Bench.median(sortedCopy(secs)), flops / med / 1e9,
                                    number(jac, "gb"), agreement(ourCos, numbers(jac, "jacrev", "mean_abs_cos"))), Double.NaN, 0));
                }
            } else {
                String need = runPython(torchPython(), List.of(script.toString(), "--dims", "64," + m + "," + m + "," + m,
                        "--samples", "1", "--runs", "1", "--jacrev", "--no-recursion", "--max-gb", "0"));
                if (need != null && need.contains("\"skipped\"")) {
                    bench.record(new Bench.Row("gram", "torch.func.jacrev (full Jacobians, K = J Jᵀ)", size, Double.NaN, Double.NaN, Double.NaN,
                            0, 0, "not run: " + text(need, "skipped").replace(" (cap 0 GB)", ""), Double.NaN, 0));
                }
            }
        }
    }

    /** tools/torch_gram.py's arguments for this net and these inputs, written to temporary files (deleted at exit). */
    static List<String> torchArguments(Path script, DeepNet net, double[][] x) {
        try {
            Path theta = java.nio.file.Files.createTempFile("lab-gram-theta", ".f64");
            Path inputs = java.nio.file.Files.createTempFile("lab-gram-inputs", ".f64");
            theta.toFile().deleteOnExit();
            inputs.toFile().deleteOnExit();
            writeLittleEndian(theta, net.parameters());
            double[] flat = new double[x.length * x[0].length];
            for (int i = 0; i < x.length; i++) {
                System.arraycopy(x[i], 0, flat, i * x[0].length, x[0].length);
            }
            writeLittleEndian(inputs, flat);
            int[] w = net.hiddenWidths();
            StringBuilder dims = new StringBuilder(Integer.toString(net.inputDim()));
            for (int v : w) {
                dims.append(',').append(v);
            }
            return new java.util.ArrayList<>(List.of(script.toString(), "--dims", dims.toString(), "--samples", Integer.toString(x.length),
                    "--runs", "1", "--threads", "2", "--theta", theta.toString(), "--inputs", inputs.toString()));
        } catch (java.io.IOException e) {
            System.out.println("could not write the Gram inputs for PyTorch: " + e);
            return null;
        }
    }

    static void writeLittleEndian(Path file, double[] values) throws java.io.IOException {
        var buffer = java.nio.ByteBuffer.allocate(values.length * Double.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        java.nio.file.Files.write(file, buffer.array());
    }

    /** "mean |cos| agrees to 3e-15" or "mean |cos| DIFFERS: …" (relative, worst layer). */
    static String agreement(double[] ours, double[] theirs) {
        if (theirs == null || theirs.length != ours.length) {
            return "mean |cos| not reported";
        }
        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - theirs[i]) / Math.abs(ours[i]));
        }
        return worst <= 1e-9 ? String.format(java.util.Locale.ROOT, "mean |cos| of layers 2, 3 agrees with the toolkit's to %.0e", worst)
                : "mean |cos| DIFFERS from the toolkit's: " + java.util.Arrays.toString(theirs) + " vs " + java.util.Arrays.toString(ours);
    }

    /** The number list under "key": [...] inside the object "section": {...} of a JSON text (no nesting deeper), or null. */
    static double[] numbers(String json, String section, String key) {
        int at = json.indexOf("\"" + section + "\": {");
        int k = at < 0 ? -1 : json.indexOf("\"" + key + "\": [", at);
        if (k < 0) {
            return null;
        }
        int open = json.indexOf('[', k);
        String[] parts = json.substring(open + 1, json.indexOf(']', open)).split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].trim());
        }
        return out;
    }

    /** The number after the first "key": in a JSON text, as printed there, or "?". */
    static String number(String json, String key) {
        var m = java.util.regex.Pattern.compile("\"" + key + "\": ([-0-9.eE+]+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    /** The string after the first "key": in a JSON text, or "?". */
    static String text(String json, String key) {
        var m = java.util.regex.Pattern.compile("\"" + key + "\": \"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "?";
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
        bench.measure("training", "deep net GD, 150 steps, kernel + λ_min every 10", "m=4096 (P=" + net.parameterCount() + "), n=16", 0, 3, 10.0,
                "all threads (P ≥ 2·10⁶), in-place steps; OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"),
                () -> org.linearitylab.training.GradientDescent.on(net, data).steps(150).recordEvery(10).run());
    }
}
