package org.linearitylab.bench;

import org.linearitylab.Lab;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.training.GradientDescent;







/** Wall time of the notebook's first training cell (GD and SGD, m = 1000, 200 steps), cold and warm. */
public final class FirstRunTiming {
    private FirstRunTiming() {
    }

    public static void main(String[] args) {
        System.out.println(Lab.hello());
        var data = TrainingSet.sphere(16, 5, 0);
        var net = TwoLayerNet.tanh(1000, 5, 1);
        for (int rep = 0; rep < 2; rep++) {
            long t0 = System.nanoTime();
            GradientDescent.on(net, data).steps(200).run();
            long t1 = System.nanoTime();
            GradientDescent.on(net, data).batchSize(4).seed(1).steps(200).run();
            long t2 = System.nanoTime();
            GradientDescent.on(net, data).steps(200).trackKernel(false).run();
            long t3 = System.nanoTime();
            System.out.printf("GD %.2f s, SGD %.2f s, GD without kernel %.2f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        }
    }
}
