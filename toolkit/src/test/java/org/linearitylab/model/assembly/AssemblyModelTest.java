package org.linearitylab.model.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.eigen.Eigen;
import org.linearitylab.calculus.FiniteDifferences;
import org.linearitylab.calculus.Lanczos;
import org.linearitylab.calculus.Operators;
import org.linearitylab.calculus.SpectralEstimate;
import org.linearitylab.calculus.TaylorRemainder;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Rng;
import org.linearitylab.model.Activation;
import org.linearitylab.model.TwoLayerNet;

class AssemblyModelTest {
    /** Central differences of O(1) functions: truncation ~h² ≈ 1e-10, rounding ~1e-16/h ≈ 1e-11. */
    static final double GRADIENT_TOL = org.linearitylab.Tolerances.FINITE_DIFFERENCE_GRADIENT;
    /** Differences of exact gradients with ε = 1e-5. */
    static final double HVP_TOL = org.linearitylab.Tolerances.FINITE_DIFFERENCE;
    /** Second differences from values only (step 1e-4): error ~1e-8/h² ≈ 1e-6 plus h² terms. */
    static final double DENSE_FD_TOL = org.linearitylab.Tolerances.SECOND_DIFFERENCE;
    /** Closed form against LAPACK: both are exact up to rounding. */
    static final double EIGEN_REL_TOL = org.linearitylab.Tolerances.DENSE_SPECTRUM;
    /** The tolerance for closed form against Lanczos at m ≈ 1000. */
    static final double LANCZOS_REL_TOL = org.linearitylab.Tolerances.LANCZOS_DEFAULT;

    static final double[] X = {0.6, -0.8, 0.5};

    /** g = sin(w·x) written by hand, as a student would. */
    static SubModel sine(int d) {
        return SubModel.of("sin(w·x)", d, d,
                (w, x) -> Math.sin(dot(w, x)),
                (w, x) -> scale(x, Math.cos(dot(w, x))),
                (w, x, u) -> scale(x, -Math.sin(dot(w, x)) * dot(u, x)));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] scale(double[] a, double c) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = c * a[i];
        }
        return out;
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("two-layer tanh, v = 1", AssemblyModel.builder().neurons(Activation.TANH, 3).width(5).seed(1).build()),
                Arguments.of("sigmoid neurons, ±1", AssemblyModel.builder().subModel(SubModel.neuron(Activation.SIGMOID, 3)).width(4)
                        .weights(Weights.SIGNS).seed(2).build()),
                Arguments.of("fixed softplus, N(0,1)", AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.SOFTPLUS, 3)).width(6)
                        .weights(Weights.GAUSSIAN).seed(3).build()),
                Arguments.of("custom sine, s = m", AssemblyModel.builder().subModel(sine(3)).width(4).scaling(Scaling.LINEAR)
                        .weights(Weights.SIGNS).seed(4).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gradientMatchesFiniteDifferences(String name, AssemblyModel f) {
        double[] fd = FiniteDifferences.gradient(t -> f.withParameters(t).output(X), f.parameters());
        assertTrue(FiniteDifferences.maxAbsDifference(f.gradient(X), fd) < GRADIENT_TOL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void hessianVectorMatchesFiniteDifferencesOfGradient(String name, AssemblyModel f) {
        double[] u = Rng.seed(9).unitVector(f.parameterCount());
        double[] fd = FiniteDifferences.hessianVectorProduct(t -> f.withParameters(t).gradient(X), f.parameters(), u);
        assertTrue(FiniteDifferences.maxAbsDifference(f.hessianVectorProduct(X, u), fd) < HVP_TOL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void hessianIsBlockDiagonalScaledSumAndMatchesDenseFiniteDifferences(String name, AssemblyModel f) {
        double[][] h = Operators.toMatrix(f.hessian(X));
        double[][] fd = FiniteDifferences.hessian(t -> f.withParameters(t).output(X), f.parameters(), 1e-4);
        assertTrue(FiniteDifferences.maxAbsDifference(h, fd) < DENSE_FD_TOL, "max diff " + FiniteDifferences.maxAbsDifference(h, fd));
        int p = f.subModel().parameterCount();
        double[] v = f.weights();
        for (int j = 0; j < h.length; j++) {
            for (int k = 0; k < h.length; k++) {
                if (j / p != k / p) {
                    assertEquals(0.0, h[j][k], 0.0, "Obs. 2: off-block entry must be exactly 0");
                } else {
                    // Obs. 1: block i = vᵢ H_{gᵢ} / s(m)
                    int i = j / p;
                    double[] e = new double[p];
                    e[k % p] = 1;
                    double sub = f.subModel().hessianVectorProduct(f.block(i), X, e)[j % p];
                    assertEquals(v[i] * sub / f.scale(), h[j][k], 1e-14);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void closedFormNormMatchesDenseEigendecomposition(String name, AssemblyModel f) {
        double[][] h = Operators.toMatrix(f.hessian(X));
        double[] ev = Eigen.symmetricGeneralizedEigenvalues(Nd.matrix(h), false).dup().data().asDouble();
        double expected = Arrays.stream(ev).map(Math::abs).max().orElseThrow();
        assertEquals(expected, f.hessianNorm(X), EIGEN_REL_TOL * expected);
        SpectralEstimate top = f.hessianTop(X);
        assertEquals(expected, top.magnitude(), EIGEN_REL_TOL * expected);
        double[] hv = f.hessianVectorProduct(X, top.vector());
        assertTrue(FiniteDifferences.maxAbsDifference(hv, scale(top.vector(), top.value())) < 1e-12, "top vector is an eigenvector");
    }

    @Test
    void closedFormNormMatchesLanczosAtWidth1000() {
        // the two-layer network of paper Eq. 7: blocks of neurons u·tanh(w·x), weights 1, s = √m
        AssemblyModel f = AssemblyModel.builder().neurons(Activation.TANH, 3).width(1000).seed(5).build();
        SpectralEstimate e = Lanczos.of(f.hessian(X)).largestMagnitude();
        double closed = f.hessianNorm(X);
        assertTrue(e.converged(), e.toString());
        assertTrue(Math.abs(e.magnitude() - closed) <= LANCZOS_REL_TOL * closed, "Lanczos " + e + " closed " + closed);
    }

    @Test
    void lanczosIsSlowButBelowTheClosedFormWhenTheTopEigenvaluesCluster() {
        // fixed neurons with ±1 weights: λᵢ = ±σ''(zᵢ)r²/√m pile up at the edge (σ'' is flat at its maximum),
        // so Lanczos converges slowly; Ritz values never exceed the true extreme eigenvalue (interlacing).
        AssemblyModel f = AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 3)).width(1000)
                .weights(Weights.SIGNS).seed(5).build();
        SpectralEstimate e = Lanczos.of(f.hessian(X)).withMaxIterations(120).largestMagnitude();
        double closed = f.hessianNorm(X);
        assertTrue(e.magnitude() <= closed * (1 + 1e-12), "Ritz value above the spectrum: " + e + " vs " + closed);
        assertTrue(e.magnitude() >= closed * (1 - 1e-2), "Lanczos " + e + " closed " + closed);
    }

    @Test
    void genericLanczosBlockNormEqualsNeuronClosedForm() {
        SubModel neuron = SubModel.neuron(Activation.TANH, 3);
        SubModel wrapped = SubModel.of("wrapped", 4, 3, neuron::output, neuron::gradient, neuron::hessianVectorProduct);
        double[] w = {0.3, -1.2, 0.7, 1.9};
        assertEquals(neuron.hessianNorm(w, X), wrapped.hessianNorm(w, X), 1e-12);
    }

    @Test
    void subModelFromValueApproximatesTheHandWrittenDerivatives() {
        SubModel exact = sine(3);
        SubModel numeric = SubModel.fromOutput("sin by FD", 3, 3, exact::output);
        double[] w = {0.4, -1.1, 0.9};
        double[] u = {0.3, 0.5, -0.8};
        assertTrue(FiniteDifferences.maxAbsDifference(exact.gradient(w, X), numeric.gradient(w, X)) < GRADIENT_TOL);
        assertTrue(FiniteDifferences.maxAbsDifference(exact.hessianVectorProduct(w, X, u), numeric.hessianVectorProduct(w, X, u)) < 1e-6);
    }

    @Test
    void jacobianRowsAreGradientsAndOutputsAreValues() {
        AssemblyModel f = AssemblyModel.builder().neurons(Activation.SOFTPLUS, 3).width(7).weights(Weights.GAUSSIAN).seed(3).build();
        double[][] inputs = {X, {1, 0, -1}};
        var j = f.jacobian(inputs);
        for (int r = 0; r < 2; r++) {
            assertEquals(f.output(inputs[r]), f.outputs(inputs)[r], 0.0);
            assertTrue(FiniteDifferences.maxAbsDifference(f.gradient(inputs[r]), j.getRow(r).dup().data().asDouble()) == 0);
        }
    }

    @Test
    void twoLayerNetIsAnAssemblyOfNeurons() {
        TwoLayerNet net = TwoLayerNet.tanh(50, 3, 7);
        AssemblyModel f = AssemblyModel.of(net);
        assertEquals(net.output(X), f.output(X), 1e-14);
        double[] gNet = net.gradient(X);
        double[] gAsm = f.gradient(X);
        for (int i = 0; i < 50; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(gNet[i * 3 + k], gAsm[i * 4 + k], 1e-15);
            }
            assertEquals(gNet[150 + i], gAsm[i * 4 + 3], 1e-15);
        }
    }

    @Test
    void blockwiseRemainderEqualsDirectDifference() {
        AssemblyModel f = AssemblyModel.builder().neurons(Activation.TANH, 3).width(30).seed(2).build();
        TaylorRemainder direct = TaylorRemainder.around(t -> f.withParameters(t).output(X), f.parameters(), f.gradient(X));
        double[] u = Rng.seed(3).unitVector(f.parameterCount());
        assertEquals(direct.along(u, 0.7), f.remainderAlong(X, u, 0.7), 1e-13);
        double[] u2 = Rng.seed(4).unitVector(f.parameterCount());
        double[] batch = f.remaindersAlong(X, new double[][]{u, u2}, 0.7);
        assertEquals(f.remainderAlong(X, u, 0.7), batch[0], 1e-15);
        assertEquals(f.remainderAlong(X, u2, 0.7), batch[1], 1e-15);
    }

    @Test
    void quadraticSubModelHasExactQuadraticRemainder() {
        // g = ½(w·x)², H_g = x xᵀ: R(θ) = (1/s) Σ vᵢ ½(δᵢ·x)² exactly, and ‖H_g‖ = ‖x‖².
        SubModel q = SubModel.of("½(w·x)²", 3, 3, (w, x) -> 0.5 * dot(w, x) * dot(w, x),
                (w, x) -> scale(x, dot(w, x)), (w, x, u) -> scale(x, dot(u, x)));
        AssemblyModel f = AssemblyModel.builder().subModel(q).width(3).weights(1, -2, 0.5).scaling(Scaling.NONE).build();
        double[] delta = Rng.seed(1).gaussian(9);
        double expected = 0;
        double[] v = {1, -2, 0.5};
        for (int i = 0; i < 3; i++) {
            double dx = dot(Arrays.copyOfRange(delta, 3 * i, 3 * i + 3), X);
            expected += v[i] * 0.5 * dx * dx;
        }
        assertEquals(expected, f.remainder(X, delta), 1e-12);
        assertEquals(2 * dot(X, X), f.hessianNorm(X), 1e-12);
    }

    static Stream<Arguments> boundCases() {
        return Stream.of(
                Arguments.of("fixed tanh, ±1", SubModel.fixedNeuron(Activation.TANH, 3), Weights.SIGNS),
                Arguments.of("tanh neurons, 1", SubModel.neuron(Activation.TANH, 3), Weights.ONES),
                Arguments.of("sigmoid neurons, ±1", SubModel.neuron(Activation.SIGMOID, 3), Weights.SIGNS),
                Arguments.of("fixed softplus, N(0,1)", SubModel.fixedNeuron(Activation.SOFTPLUS, 3), Weights.GAUSSIAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundCases")
    void theorem1BoundHoldsOnEverySampledDirection(String name, SubModel g, Weights weights) {
        for (int m : new int[]{10, 300}) {
            AssemblyModel f = AssemblyModel.builder().subModel(g).width(m).weights(weights).seed(m).build();
            for (double radius : new double[]{0.05, 0.5, 2, 8}) {
                double bound = f.remainderBound(X, radius);
                double worst = f.worstRemainder(X, radius);
                assertTrue(worst <= bound, "worst " + worst + " > bound " + bound + " at m=" + m + ", R=" + radius);
                Rng rng = Rng.seed(radius > 1 ? 1 : 2);
                for (int k = 0; k < 100; k++) {
                    double r = Math.abs(f.remainderAlong(X, rng.unitVector(f.parameterCount()), radius));
                    assertTrue(r <= bound, "random direction " + k + ": |R| = " + r + " > bound " + bound);
                }
            }
        }
    }

    @Test
    void worstRemainderIsNearTheBoundAtSmallRadius() {
        // For small R the remainder is ½ R² λ_max(H): the bound with local β must be nearly tight for fixed neurons.
        AssemblyModel f = AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 3)).width(50).weights(Weights.SIGNS).seed(1).build();
        double radius = 1e-3;
        double quadratic = 0.5 * radius * radius * f.hessianNorm(X);
        assertEquals(quadratic, f.worstRemainder(X, radius), 1e-3 * quadratic);
    }

    @Test
    void assumptionOneRatio() {
        AssemblyModel f = AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 3)).width(5).parameters(new double[15]).build();
        assertTrue(Double.isNaN(f.medianToMaxRatio(X)), "all gᵢ = tanh(0) = 0: the ratio is undefined");
        double[] theta = new double[]{1, 0, 0, 2, 0, 0, 3, 0, 0, -4, 0, 0, 5, 0, 0};
        AssemblyModel g = f.withParameters(theta);
        double[] abs = Arrays.stream(g.subModelOutputs(X)).map(Math::abs).sorted().toArray();
        assertEquals(abs[2] / abs[4], g.medianToMaxRatio(X), 1e-15);
    }

    @Test
    void badInputNamesTheArgument() {
        AssemblyModel f = AssemblyModel.builder().neurons(Activation.TANH, 3).width(4).build();
        double[] u = new double[16];
        u[0] = 1;
        assertMessage("radius", () -> f.remainderAlong(X, u, 0));
        assertMessage("radius", () -> f.remainderAlong(X, u, -1));
        assertMessage("radius", () -> f.remainderBound(X, 0));
        assertMessage("radius", () -> f.worstRemainder(X, -2));
        assertMessage("radius", () -> TaylorRemainder.bound(1, 0, 1));
        assertMessage("m", () -> AssemblyModel.builder().width(0));
        assertMessage("m", () -> AssemblyModel.builder().width(-3));
        assertMessage("m", () -> Scaling.SQRT.of(0));
        assertMessage("weights must have length 4", () -> AssemblyModel.builder().neurons(Activation.TANH, 3).width(4).weights(1, 1, 1).build());
        assertMessage("x must have length 3", () -> f.output(new double[2]));
        assertMessage("u must have length 16", () -> f.hessianVectorProduct(X, new double[3]));
        assertMessage("activation", () -> SubModel.neuron(Activation.RELU, 3));
        SubModel broken = SubModel.of("broken", 3, 3, (w, x) -> 0, (w, x) -> new double[2], (w, x, v) -> new double[3]);
        AssemblyModel b = AssemblyModel.builder().subModel(broken).width(2).build();
        assertMessage("gradient of sub-model 'broken' must have length 3", () -> b.gradient(X));
        SubModel brokenH = SubModel.of("brokenH", 3, 3, (w, x) -> 0, (w, x) -> new double[3], (w, x, v) -> new double[5]);
        assertMessage("hessianVectorProduct of sub-model 'brokenH' must have length 3",
                () -> AssemblyModel.builder().subModel(brokenH).width(2).build().hessianVectorProduct(X, new double[6]));
        assertMessage("smoothness", () -> b.remainderBound(X, 1.0));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
