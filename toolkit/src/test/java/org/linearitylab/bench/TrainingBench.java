package org.linearitylab.bench;

import org.linearitylab.core.Nd;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.training.WidthSweep;







/**
 * Speed and scaling of the training toolkit at the notebook's default sizes. Run with
 * {@code cd toolkit && mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.linearitylab.bench.TrainingBench}
 * (optional args: n d steps widths...).
 */
public final class TrainingBench {
    private TrainingBench() {
    }

    public static void main(String[] args) {
        Nd.init();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int[] widths = {32, 100, 316, 1000, 3162};
        if (args.length > 3) {
            widths = new int[args.length - 3];
            for (int i = 3; i < args.length; i++) {
                widths[i - 3] = Integer.parseInt(args[i]);
            }
        }
        var data = TrainingSet.sphere(n, d, 0);
        long t0 = System.nanoTime();
        boolean nonLinear = System.getProperty("nonlinear") != null;
        if (nonLinear) {
            data = data.scaledTargets(0.5);
        }
        WidthSweep.Factory factory = nonLinear
                ? (m, s) -> org.linearitylab.model.NonLinearOutput.of(TwoLayerNet.tanh(m, d, s), org.linearitylab.model.Activation.TANH)
                : (m, s) -> TwoLayerNet.tanh(m, d, s);
        String kind = System.getProperty("model", "two");
        if (!kind.equals("two")) {
            data = data.scaledInputs(Math.sqrt(d));
        }
        if (kind.equals("deep")) {
            factory = (m, s) -> org.linearitylab.model.DeepNet.tanh(d, s, m, m);
        } else if (kind.equals("bottleneck")) {
            int outer = Integer.getInteger("outer", 500);
            factory = (b, s) -> org.linearitylab.model.DeepNet.tanh(d, s, outer, b, outer);
        }
        var sweep = WidthSweep.of(factory, widths).data(data).steps(steps).recordEvery(Integer.getInteger("every", 1))
                .progress(System.out::println).run();
        System.out.printf("sweep: %.2f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println(sweep.table().print());
        for (String c : new String[]{WidthSweep.KERNEL_DRIFT, WidthSweep.DISTANCE, WidthSweep.LINEAR_GAP, WidthSweep.RELATIVE_DISTANCE}) {
            System.out.println(c + ": " + sweep.fit(c));
        }
    }
}
