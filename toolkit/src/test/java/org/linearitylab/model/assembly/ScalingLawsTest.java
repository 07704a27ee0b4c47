package org.linearitylab.model.assembly;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.linearitylab.analysis.SphereScan;
import org.linearitylab.experiment.LogLogFit;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.experiment.SweepResult;
import org.linearitylab.model.Activation;

/**
 * Scaling laws of Section 2 as fitted log-log slopes. Bands:
 * <ul>
 * <li>bounded sub-models (tanh(w·x), v = ±1): ‖H‖√m → sup|tanh''|·‖x‖² once some zᵢ lands near the peak of |tanh''|,
 *     so the slope over 10²..10⁵ is −1/2 to within a few 0.01;</li>
 * <li>the two-layer net (u ~ N(0,1) inside the neuron): ‖H‖ ~ max|uᵢ|/√m ~ √(2 ln m)/√m, local slope
 *     −1/2 + 1/(2 ln m) ∈ [−0.46, −0.40] over this range — the band [−0.48, −0.36] allows seed noise;</li>
 * <li>Theorem 1's worst direction follows the bound (−1/2); random directions spread over m blocks whose
 *     curvatures have random signs: |R| ~ √m · (R/√m)² / √m = R²/m, slope −1 (band ±0.15).</li>
 * </ul>
 */
class ScalingLawsTest {
    static final double[] X = {0.6, -0.8};

    @Test
    void hessianNormOfBoundedAssemblyFallsLikeInverseSquareRoot() {
        SweepResult r = Sweep.logWidths(100, 100_000, 2).seeds(3).quiet()
                .measure("H", (m, seed) -> AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 2)).width(m)
                        .weights(Weights.SIGNS).seed(seed).build().hessianNorm(X))
                .run();
        double slope = r.fit("H").slope();
        assertTrue(slope > -0.53 && slope < -0.47, "slope " + slope);
    }

    @Test
    void hessianNormOfTwoLayerNetIsFlatterByTheLogFactor() {
        SweepResult r = Sweep.logWidths(10, 100_000, 2).seeds(3).quiet()
                .measure("H", (m, seed) -> AssemblyModel.builder().neurons(Activation.TANH, 2).width(m).seed(seed).build().hessianNorm(X))
                .run();
        double slope = r.fit("H").slope();
        assertTrue(slope > -0.48 && slope < -0.36, "slope " + slope);
    }

    @Tag("slow")
    @Test
    void corollaryOneRates() {
        SweepResult r = Sweep.logWidths(10, 30_000, 2).seeds(2).quiet()
                .measure(List.of("worst", "randomMax", "randomMean", "bound"), (m, seed) -> SphereScan.of(
                        AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 2)).width(m).weights(Weights.SIGNS).seed(seed).build(),
                        X, new double[]{1.0}, 10, seed).at(0))
                .run();
        LogLogFit worst = r.fit("worst");
        LogLogFit random = r.fit("randomMean");
        assertTrue(worst.slope() > -0.56 && worst.slope() < -0.44, "worst " + worst);
        assertTrue(random.slope() > -1.15 && random.slope() < -0.85, "random " + random);
        for (double ratio : r.values("worst")) {
            assertTrue(ratio > 0);
        }
        double[] w = r.values("worst");
        double[] b = r.values("bound");
        for (int i = 0; i < w.length; i++) {
            assertTrue(w[i] <= b[i], "worst above bound at row " + i);
        }
    }

    @Tag("slow")
    @Test
    void gaussianWeightsAddAGrowingFactor() {
        // ‖H‖√m for Gaussian v grows with m (Appendix A), but slower than ln m (Lemma 2's bound).
        SweepResult r = Sweep.logWidths(10, 1_000_000, 1).seeds(5).quiet()
                .measure("Hsqrt", (m, seed) -> Math.sqrt(m) * AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 2))
                        .width(m).weights(Weights.GAUSSIAN).seed(seed).build().hessianNorm(X))
                .run();
        double[] lnm = java.util.Arrays.stream(r.widthsAsDouble()).map(Math::log).toArray();
        double a = LogLogFit.of(lnm, r.mean("Hsqrt")).slope();
        assertTrue(a > 0.3 && a < 0.9, "exponent of ln m: " + a);
    }
}
