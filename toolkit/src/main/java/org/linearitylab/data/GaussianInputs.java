package org.linearitylab.data;

import org.linearitylab.core.Memory;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;







/**
 * Synthetic inputs xⱼ ~ N(0, I_d), seeded. With the 1/√d input scaling of the paper's Eq. 8 the first-layer
 * pre-activations are then N(0, 1) whatever d is; d = 3072 is the CIFAR-10 image size (32×32×3) used in the
 * paper's Appendix B.
 */
public final class GaussianInputs {
    /** The CIFAR-10 input dimension 32·32·3. */
    public static final int CIFAR_DIM = 3072;

    private GaussianInputs() {
    }

    /** n rows of d independent N(0,1) numbers. */
    public static double[][] sample(int n, int d, long seed) {
        Memory.require("a sample of n × d = " + n + " × " + d + " inputs", Memory.doubles("inputs", Math.max(0, n), Math.max(0, d)), 0, "Use fewer inputs n or a smaller dimension d");
        Require.positive("n", n);
        Require.positive("d", d);
        Rng rng = Rng.seed(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = rng.gaussian(d);
        }
        return x;
    }
}
