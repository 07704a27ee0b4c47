package org.linearitylab.bench;

import org.linearitylab.Rng;
import org.linearitylab.calculus.Lanczos;
import org.linearitylab.calculus.SpectralEstimate;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.experiment.SweepResult;
import org.linearitylab.model.Activation;
import org.linearitylab.model.assembly.AssemblyModel;
import org.linearitylab.model.assembly.SphereScan;
import org.linearitylab.model.assembly.SubModel;
import org.linearitylab.model.assembly.Weights;

/**
 * Speed targets of issue #3 (not a unit test; run with
 * {@code cd toolkit && mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.linearitylab.bench.AssemblyBenchmark}):
 * ‖H‖ of a two-layer net at m = 10⁶, d = 10 in ≤ 1 s; a width sweep 10..10⁵ over 5 seeds in ≤ 10 s.
 */
public final class AssemblyBenchmark {
    private AssemblyBenchmark() {
    }

    public static void main(String[] args) {
        double[] x = Rng.seed(99).unitVector(10);
        // warm-up (JIT)
        AssemblyModel.builder().neurons(Activation.TANH, 10).width(100_000).seed(0).build().hessianNorm(x);

        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            AssemblyModel f = AssemblyModel.builder().neurons(Activation.TANH, 10).width(1_000_000).seed(rep).build();
            long t1 = System.nanoTime();
            double norm = f.hessianNorm(x);
            long t2 = System.nanoTime();
            System.out.printf("‖H‖ at m = 10⁶, d = 10: %.6g · build %.3f s · closed-form norm %.3f s · total %.3f s%n",
                    norm, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9);
        }

        double[] x2 = Rng.seed(7).unitVector(2);
        long t0 = System.nanoTime();
        SweepResult r = Sweep.logWidths(10, 100_000, 4).seeds(5)
                .measure("‖H‖", (m, seed) -> AssemblyModel.builder().neurons(Activation.TANH, 2).width(m).seed(seed).build().hessianNorm(x2))
                .run();
        System.out.printf("width sweep 10..10⁵ (%d widths) × 5 seeds: %.2f s, slope %s%n", r.widths().length,
                (System.nanoTime() - t0) / 1e9, r.fit("‖H‖"));

        AssemblyModel f = AssemblyModel.builder().neurons(Activation.TANH, 3).width(1000).seed(5).build();
        double[] x3 = {0.6, -0.8, 0.5};
        Lanczos.of(f.hessianOperator(x3)).largestMagnitude(); // first call loads ND4J's LAPACK (one-time cost)
        long t3 = System.nanoTime();
        SpectralEstimate e = Lanczos.of(f.hessianOperator(x3)).largestMagnitude();
        AssemblyModel g = AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 2)).width(100_000)
                .weights(Weights.SIGNS).seed(1).build();
        for (int rep = 0; rep < 2; rep++) {
            long t4 = System.nanoTime();
            SphereScan.of(g, x2, new double[]{1.0}, 20, 1);
            System.out.printf("SphereScan at m = 10⁵ (20 random directions + worst direction, one radius): %.3f s%n", (System.nanoTime() - t4) / 1e9);
        }
        System.out.printf("Lanczos at m = 1000, d = 3 (P = 4000): %s in %.3f s; closed form %.10g%n", e,
                (System.nanoTime() - t3) / 1e9, f.hessianNorm(x3));
    }
}
