package org.linearitylab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linearitylab.core.Rng;
import org.linearitylab.experiment.SlopeFit;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.experiment.SweepResult;
import org.linearitylab.model.Activation;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.model.assembly.AssemblyModel;
import org.linearitylab.model.assembly.SubModel;
import org.linearitylab.model.assembly.Weights;

class BallScanTest {
    static final double[] ONE = {1.0};

    @Test
    void hessianEverywhereOnTheBallStaysBelowBetaOverS() {
        for (int m : new int[]{10, 100, 1000}) {
            AssemblyModel f = AssemblyModel.of(TwoLayerNet.tanh(m, 1, m));
            BallScan b = BallScan.of(f, ONE, 4, 20, 1);
            assertTrue(b.hessianMax() <= b.hessianBound(), "m=" + m + ": " + b.hessianMax() + " > " + b.hessianBound());
            assertTrue(b.supRemainder() <= b.remainderBound());
            assertTrue(b.hessianBlockMax() >= b.hessianAtCentre(), "the search starts at θ₀");
            // independent random points of the ball, not the scan's own
            Rng rng = Rng.seed(99);
            double[] theta0 = f.parameters();
            for (int k = 0; k < 20; k++) {
                double[] u = rng.unitVector(theta0.length);
                double r = 4 * rng.uniform(1, 0, 1)[0];
                double[] t = theta0.clone();
                for (int i = 0; i < t.length; i++) {
                    t[i] += r * u[i];
                }
                assertTrue(f.withParameters(t).hessianNorm(ONE) <= b.hessianBound());
            }
        }
    }

    @Test
    void blockSearchEqualsBruteForceOverTheSameMoves() {
        // brute force: build every moved θ and take the full closed-form ‖H‖, for a small net
        AssemblyModel f = AssemblyModel.builder().neurons(Activation.TANH, 1).width(6).seed(3).build();
        double radius = 2;
        double best = f.hessianNorm(ONE);
        double[] theta0 = f.parameters();
        for (int i = 0; i < 6; i++) {
            double[] top = f.subModel().hessianTop(f.block(i), ONE).vector();
            for (int k = 0; k <= 2; k++) {
                for (double sign : new double[]{1, -1}) {
                    for (double t : new double[]{radius / 2, radius}) {
                        double[] th = theta0.clone();
                        for (int j = 0; j < 2; j++) {
                            th[i * 2 + j] += sign * t * (k < 2 ? (j == k ? 1 : 0) : top[j]);
                        }
                        best = Math.max(best, f.withParameters(th).hessianNorm(ONE));
                    }
                }
            }
        }
        assertEquals(best, BallScan.blockSearch(f, ONE, radius), 1e-14);
        assertTrue(best > f.hessianNorm(ONE), "moving u raises a neuron's curvature");
    }

    @Test
    void worstDirectionIsUnitAndAtLeastAsBadAsRandomOnes() {
        AssemblyModel f = AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 2)).width(300).weights(Weights.SIGNS).seed(2).build();
        double[] x = {0.6, -0.8};
        double[] u = f.worstDirection(x, 1);
        assertEquals(1.0, Math.sqrt(java.util.Arrays.stream(u).map(a -> a * a).sum()), 1e-12);
        double worst = Math.abs(f.remainderAlong(x, u, 1));
        assertEquals(f.worstRemainder(x, 1), worst, 0);
        Rng rng = Rng.seed(3);
        for (int k = 0; k < 50; k++) {
            assertTrue(Math.abs(f.remainderAlong(x, rng.unitVector(f.parameterCount()), 1)) <= worst);
        }
    }

    @Test
    void changeOfFOnTheBallIsAtLeastTheLinearChangeAlongTheGradient() {
        TwoLayerNet net = TwoLayerNet.tanh(500, 1, 4);
        BallScan b = BallScan.of(AssemblyModel.of(net), ONE, 4, 5, 1);
        double linear = 4 * net.gradientNorm(ONE);
        assertTrue(b.maxChange() >= linear - b.supRemainder(), b.maxChange() + " vs " + linear);
        assertTrue(b.maxChange() <= linear + b.supRemainder() + 1e-9 || b.maxChange() <= 1.5 * linear);
    }

    /** The worst remainder relative to the change of f over the ball falls like m^{-1/2} (3 seeds, m = 10..10⁴). */
    @Test
    void supRemainderOverMaxChangeFallsWithWidth() {
        SweepResult r = Sweep.logWidths(10, 10_000, 1).seeds(3).quiet()
                .measure("ratio", (m, seed) -> BallScan.of(AssemblyModel.of(TwoLayerNet.tanh(m, 1, seed)), ONE, 4, 5, seed).remainderToChange())
                .run();
        SlopeFit fit = SlopeFit.of(r, "ratio");
        assertTrue(fit.slope() < -0.3 && fit.slope() > -0.8, fit.toString());
    }
}
