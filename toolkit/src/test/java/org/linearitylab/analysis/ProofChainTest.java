package org.linearitylab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.linearitylab.core.Rng;
import org.linearitylab.model.Activation;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.model.assembly.AssemblyModel;
import org.linearitylab.model.assembly.SubModel;
import org.linearitylab.model.assembly.Weights;

class ProofChainTest {
    static final double[] X = {0.6, -0.8};
    /** Lines (0)–(2) are equal: (1) by the root found for τ (bisection to 2⁻⁶⁰), (2) by Obs. 2 (full HVP vs blocks). */
    static final double EQUAL_REL = org.linearitylab.Tolerances.MEAN_VALUE_POINT;

    static Stream<Arguments> cases() {
        AssemblyModel fixed = AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 2)).width(200).weights(Weights.SIGNS).seed(3).build();
        AssemblyModel net = AssemblyModel.builder().neurons(Activation.TANH, 2).width(150).seed(4).build();
        AssemblyModel gauss = AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.SIGMOID, 2)).width(120).weights(Weights.GAUSSIAN).seed(5).build();
        return Stream.of(
                Arguments.of("fixed tanh ±1, random", fixed, Rng.seed(1).unitVector(fixed.parameterCount()), 1.0),
                Arguments.of("fixed tanh ±1, gradient", fixed, fixed.gradient(X), 2.0),
                Arguments.of("fixed tanh ±1, worst", fixed, fixed.worstDirection(X, 0.5), 0.5),
                Arguments.of("two-layer net, random", net, Rng.seed(2).unitVector(net.parameterCount()), 3.0),
                Arguments.of("two-layer net, worst", net, net.worstDirection(X, 1.0), 1.0),
                Arguments.of("sigmoid N(0,1), random", gauss, Rng.seed(6).unitVector(gauss.parameterCount()), 2.0));
    }

    static double[] scaled(double[] u, double radius) {
        double n = Math.sqrt(java.util.Arrays.stream(u).map(a -> a * a).sum());
        double[] d = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            d[i] = u[i] * radius / n;
        }
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstThreeLinesAreEqualAndEveryLaterLineIsAnUpperBound(String name, AssemblyModel f, double[] u, double radius) {
        double[] delta = scaled(u, radius);
        ProofChain c = ProofChain.of(f, X, delta);
        double[] v = c.values();
        assertEquals(v[0], v[1], EQUAL_REL * v[0], name + ": Lagrange form at the τ found");
        assertEquals(v[1], v[2], EQUAL_REL * v[0], name + ": Obs. 1/2, full Hessian vs blocks");
        for (int k = 3; k < v.length; k++) {
            assertTrue(v[k] >= v[k - 1] * (1 - 1e-12), name + ": line " + k + " = " + v[k] + " < line " + (k - 1) + " = " + v[k - 1]);
        }
        assertEquals(v[5], v[6], 1e-12 * v[6], "independence: Σ‖δᵢ‖² = ‖δ‖²");
        assertTrue(c.tau() >= 0 && c.tau() <= 1);
        // line 0 against the network itself (a different code path: f(θ) − f(θ₀) − ∇f·δ)
        double[] theta = f.parameters();
        double lin = 0;
        double[] g = f.gradient(X);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += delta[i];
            lin += g[i] * delta[i];
        }
        assertEquals(Math.abs(f.withParameters(theta).output(X) - f.output(X) - lin), v[0], 1e-10);
    }

    @Test
    void worstDirectionLosesAlmostNothingBeforeAssumptionTwo_randomLosesInTheTriangleInequality() {
        AssemblyModel f = AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 2)).width(1000).weights(Weights.SIGNS).seed(7).build();
        double r = 0.1;
        ProofChain worst = ProofChain.of(f, X, scaled(f.worstDirection(X, r), r));
        assertEquals(1.0, worst.loss(3), 1e-12, "one block: no signs to drop");
        assertEquals(1.0, worst.loss(4), 1e-2, "δ along the block's top eigenvector");
        ProofChain random = ProofChain.of(f, X, scaled(Rng.seed(8).unitVector(f.parameterCount()), r));
        assertTrue(random.loss(3) > 3, "random signs cancel: triangle inequality loses " + random.loss(3));
        assertTrue(random.totalLoss() > 10 * worst.totalLoss());
    }

    @Test
    void quadraticSubModelIsExactAtEveryTau() {
        // g = ½(w·x)²: H_g = x xᵀ is constant, so every line is exact for the formulas by hand.
        SubModel q = SubModel.of("½(w·x)²", 2, 2, (w, x) -> 0.5 * Math.pow(w[0] * x[0] + w[1] * x[1], 2),
                (w, x) -> new double[]{(w[0] * x[0] + w[1] * x[1]) * x[0], (w[0] * x[0] + w[1] * x[1]) * x[1]},
                (w, x, u) -> new double[]{(u[0] * x[0] + u[1] * x[1]) * x[0], (u[0] * x[0] + u[1] * x[1]) * x[1]});
        AssemblyModel f = AssemblyModel.builder().subModel(q).width(2).weights(1, -1).build();
        double[] delta = {1, 0, 0, 1};
        ProofChain c = ProofChain.of(f, X, delta, Math.sqrt(2), 1.0);
        double expected = Math.abs(0.5 * (0.36 - 0.64)) / Math.sqrt(2);
        assertEquals(expected, c.values()[0], 1e-12);
        assertEquals((0.5 * 0.36 + 0.5 * 0.64) / Math.sqrt(2), c.values()[3], 1e-12);
        assertEquals(0.5 * 1 * 2 / Math.sqrt(2), c.values()[4], 1e-12, "‖H_g‖ = ‖x‖² = 1, Σ‖δᵢ‖² = 2");
        assertEquals(c.values()[4], c.values()[7], 1e-12, "β = ‖H_g‖ = 1 and R = ‖δ‖: lines 4–7 coincide");
    }

    @Test
    void twoLayerNetViewGivesTheSameLineZero() {
        TwoLayerNet net = TwoLayerNet.tanh(50, 2, 1);
        AssemblyModel f = AssemblyModel.of(net);
        double[] u = Rng.seed(3).unitVector(f.parameterCount());
        ProofChain c = ProofChain.of(f, X, scaled(u, 2));
        assertEquals(Math.abs(f.remainderAlong(X, u, 2)), c.values()[0], 1e-14);
        assertTrue(c.table().rowCount() == 8);
    }

    @Test
    void badInputNamesTheArgument() {
        AssemblyModel f = AssemblyModel.builder().neurons(Activation.TANH, 2).width(3).build();
        assertThrows(IllegalArgumentException.class, () -> ProofChain.of(f, X, new double[9]));
        assertThrows(IllegalArgumentException.class, () -> ProofChain.of(f, X, new double[4]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProofChain.of(f, X, new double[]{1, 0, 0, 0, 0, 0, 0, 0, 0}, 0.5));
        assertTrue(e.getMessage().startsWith("radius must be ≥"), e.getMessage());
    }
}
