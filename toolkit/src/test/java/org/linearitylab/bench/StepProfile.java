package org.linearitylab.bench;

import org.nd4j.linalg.factory.Nd4j;
import org.linearitylab.analysis.TangentKernel;
import org.linearitylab.core.Nd;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.training.SquareLoss;

/** Per-operation cost of one training step (scratch profile). */
public final class StepProfile {
    public static void main(String[] args) {
        Nd.init();
        int m = Integer.parseInt(args[0]);
        if (args.length > 1) {
            if (args[1].contains("b")) Nd4j.factory().blas().setMaxThreads(1);
            if (args[1].contains("e")) Nd4j.getEnvironment().setMaxMasterThreads(1);
            if (args[1].contains("t")) Nd4j.getEnvironment().setMaxThreads(1);
        }
        var data = TrainingSet.sphere(16, 5, 0);
        var net = TwoLayerNet.tanh(m, 5, 0);
        var x = data.inputs();
        for (int rep = 0; rep < 3; rep++) {
            long t = System.nanoTime();
            for (int i = 0; i < 100; i++) net.outputs(x);
            long a = System.nanoTime();
            for (int i = 0; i < 100; i++) net.jacobian(x);
            long b = System.nanoTime();
            var j = net.jacobian(x);
            for (int i = 0; i < 100; i++) TangentKernel.fromJacobian(j);
            long c = System.nanoTime();
            var k = TangentKernel.fromJacobian(j);
            for (int i = 0; i < 100; i++) TangentKernel.fromJacobian(j).lambdaMin();
            long d = System.nanoTime();
            for (int i = 0; i < 100; i++) SquareLoss.gradient(net, x, data.targets());
            long e = System.nanoTime();
            for (int i = 0; i < 100; i++) net.withParameters(net.parameters());
            long f = System.nanoTime();
            System.out.printf("per call µs: outputs %.0f  jacobian %.0f  kernel %.0f  kernel+eig %.0f  gradient %.0f  withParameters %.0f%n",
                (a - t) / 1e5, (b - a) / 1e5, (c - b) / 1e5, (d - c) / 1e5, (e - d) / 1e5, (f - e) / 1e5);
        }
    }
}
