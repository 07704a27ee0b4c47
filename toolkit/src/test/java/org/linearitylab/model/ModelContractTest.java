package org.linearitylab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linearitylab.Tolerances;
import org.linearitylab.core.Rng;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.calculus.Operators;
import org.linearitylab.core.Nd;
import org.linearitylab.model.assembly.AssemblyModel;
import org.linearitylab.model.assembly.SubModel;
import org.linearitylab.model.assembly.Weights;
import org.nd4j.linalg.eigen.Eigen;

/**
 * The contract every {@link DifferentiableModel} keeps, run against each model the toolkit has (two-layer,
 * deep, DenseNet, non-linear outputs, linearizations, the assembly view):
 * <ul>
 * <li>the Jacobian's rows are central finite differences of the outputs (the reference is not the code under test);
 * <li>{@code weightedGradient(X, c)} = Jᵀc, whether a model overrides it with batched backprop or not;
 * <li>{@code tangentKernel(A, B)} = J_A J_Bᵀ (closed forms or the default), and the one-argument form agrees;
 * <li>the parameter vector round-trips, is a copy, has length P, and a wrong length is refused naming θ;
 * <li>the vocabulary of {@link DifferentiableModel} (smooth models): {@code output(x)} is row x of {@code outputs(X)};
 *     {@code gradient(x)} is a central difference of {@code output} and row x of the Jacobian;
 *     {@code hessianVectorProduct(x, v)} (and the {@code hessian(x)} operator) is a central difference of the gradient
 *     along v; {@code hessianNorm(x)} is the largest |eigenvalue| of the dense Hessian built from the operator;
 *     {@code remainder}, {@code remainderAlong}, {@code lineScan} and {@code worstRemainder} agree with the Taylor
 *     remainder f(θ₀ + Δ) − f(θ₀) − ∇f(θ₀)·Δ evaluated directly.
 * </ul>
 */
class ModelContractTest {
    private static final TrainingSet A = TrainingSet.sphere(5, 3, 7);
    private static final TrainingSet B = TrainingSet.sphere(3, 3, 8);
    /** Central-difference step for the Jacobian check; error O(h²) ≈ 1e-12 plus round-off ≈ 1e-10. */
    private static final double FD_STEP = Tolerances.JACOBIAN_STEP;

    /** Models with a second derivative: every check runs on them. */
    static Stream<DifferentiableModel> smoothModels() {
        TwoLayerNet two = TwoLayerNet.tanh(9, 3, 1);
        DeepNet deep = DeepNet.tanh(3, 2, 6, 4);
        return Stream.of(two,
                TwoLayerNet.builder().width(6).inputDim(3).activation(Activation.SOFTPLUS).seed(3).build(),
                DeepNet.tanh(3, 1, 7),                                                                   // depth 2
                deep,                                                                                    // depth 3
                DeepNet.builder().inputDim(3).hidden(5, 3, 4).activation(Activation.SIGMOID).seed(6).build(), // depth 4, bottleneck
                DeepNet.builder().inputDim(3).hidden(4, 4).activation(Activation.SOFTPLUS).seed(7).build(),
                DeepNet.builder().inputDim(3).hidden(5, 4, 3).dense(true).seed(4).build(),
                NonLinearOutput.of(two, Activation.TANH), NonLinearOutput.of(deep, Activation.SIGMOID),
                Linearized.of(two).withParameters(Rng.seed(3).gaussian(two.parameterCount())), Linearized.of(deep),
                AssemblyModel.of(two),
                AssemblyModel.builder().subModel(SubModel.fixedNeuron(Activation.TANH, 3)).width(8).weights(Weights.SIGNS).seed(2).build());
    }

    /** Every model, ReLU included (first-order checks only for it). */
    static Stream<DifferentiableModel> models() {
        return Stream.concat(smoothModels(),
                Stream.of(TwoLayerNet.builder().width(7).inputDim(3).activation(Activation.RELU).seed(2).build()));
    }

    /** Central-difference step for the Hessian-vector check (difference of gradients). */
    private static final double HVP_STEP = Tolerances.STEP;
    private static final double[] X = {0.6, -0.8, 0.5};
    private static final double RADIUS = 0.7;

    static double maxAbs(double[] v) {
        double s = 0;
        for (double x : v) {
            s = Math.max(s, Math.abs(x));
        }
        return s;
    }

    @ParameterizedTest
    @MethodSource("models")
    void jacobianRowsAreFiniteDifferenceGradients(DifferentiableModel model) {
        double[] theta = model.parameters();
        double[][] j = model.jacobian(A.inputs()).toDoubleMatrix();
        assertEquals(A.size(), j.length);
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[i] += FD_STEP;
            minus[i] -= FD_STEP;
            double[] fp = model.withParameters(plus).outputs(A.inputs());
            double[] fm = model.withParameters(minus).outputs(A.inputs());
            for (int r = 0; r < A.size(); r++) {
                assertEquals((fp[r] - fm[r]) / (2 * FD_STEP), j[r][i], Tolerances.FINITE_DIFFERENCE,
                        model + " ∂f(x" + r + ")/∂θ" + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void weightedGradientEqualsJacobianTransposeTimesC(DifferentiableModel model) {
        double[] c = Rng.seed(5).gaussian(A.size());
        double[] expected = model.jacobian(A.inputs()).transpose().mmul(org.linearitylab.core.Nd.array(c)).data().asDouble();
        double[] got = model.weightedGradient(A.inputs(), c);
        assertArrayEquals(expected, got, Tolerances.ROUND_OFF * (1 + maxAbs(expected)), model.toString());
    }

    @ParameterizedTest
    @MethodSource("models")
    void tangentKernelEqualsProductOfJacobians(DifferentiableModel model) {
        double[][] ja = model.jacobian(A.inputs()).toDoubleMatrix();
        double[][] jb = model.jacobian(B.inputs()).toDoubleMatrix();
        double[][] got = model.tangentKernel(A.inputs(), B.inputs()).toDoubleMatrix();
        assertEquals(A.size(), got.length);
        for (int j = 0; j < A.size(); j++) {
            assertEquals(B.size(), got[j].length);
            for (int k = 0; k < B.size(); k++) {
                double dot = 0;
                for (int i = 0; i < ja[j].length; i++) {
                    dot += ja[j][i] * jb[k][i];
                }
                assertEquals(dot, got[j][k], Tolerances.ROUND_OFF * (1 + Math.abs(dot)), model + " K[" + j + "][" + k + "]");
            }
        }
        double[][] self = model.tangentKernel(A.inputs()).toDoubleMatrix();
        double[][] viaCross = model.tangentKernel(A.inputs(), A.inputs().clone()).toDoubleMatrix();
        for (int j = 0; j < A.size(); j++) {
            assertArrayEquals(viaCross[j], self[j], Tolerances.ROUND_OFF * (1 + Math.abs(self[j][j])), model + " self kernel row " + j);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void parametersRoundTripAreCopiesAndHaveLengthP(DifferentiableModel model) {
        double[] theta = model.parameters();
        assertEquals(model.parameterCount(), theta.length);
        assertEquals(model.parameterCount(), model.jacobian(A.inputs()).columns());
        double[] before = model.outputs(A.inputs());
        theta[0] += 1;                                  // a copy: the model must not change
        assertArrayEquals(before, model.outputs(A.inputs()), model + " shares its parameter array");
        assertArrayEquals(before, model.withParameters(model.parameters()).outputs(A.inputs()),
                Tolerances.ROUND_OFF * (1 + maxAbs(before)), model + " withParameters(parameters())");
        var e = assertThrows(IllegalArgumentException.class, () -> model.withParameters(new double[model.parameterCount() + 1]));
        assertTrue(e.getMessage().toLowerCase().contains("theta") || e.getMessage().contains("θ"),
                model + ": " + e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("models")
    void outputIsOneRowOfOutputs(DifferentiableModel model) {
        double[] batch = model.outputs(A.inputs());
        for (int j = 0; j < A.size(); j++) {
            assertEquals(batch[j], model.output(A.inputs()[j]), Tolerances.ROUND_OFF * (1 + Math.abs(batch[j])), model + " f(x" + j + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void gradientIsAFiniteDifferenceOfOutputAndARowOfTheJacobian(DifferentiableModel model) {
        double[] theta = model.parameters();
        double[] g = model.gradient(X);
        double[] row = model.jacobian(new double[][]{X}).toDoubleMatrix()[0];
        assertArrayEquals(row, g, Tolerances.ROUND_OFF * (1 + maxAbs(row)), model + " gradient vs Jacobian row");
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[i] += FD_STEP;
            minus[i] -= FD_STEP;
            double fd = (model.withParameters(plus).output(X) - model.withParameters(minus).output(X)) / (2 * FD_STEP);
            assertEquals(fd, g[i], Tolerances.FINITE_DIFFERENCE, model + " ∂f/∂θ" + i);
        }
    }

    @ParameterizedTest
    @MethodSource("smoothModels")
    void hessianVectorProductIsAFiniteDifferenceOfTheGradient(DifferentiableModel model) {
        double[] theta = model.parameters();
        double[] v = Rng.seed(9).unitVector(theta.length);
        double[] hv = model.hessianVectorProduct(X, v);
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        for (int i = 0; i < theta.length; i++) {
            plus[i] += HVP_STEP * v[i];
            minus[i] -= HVP_STEP * v[i];
        }
        double[] gp = model.withParameters(plus).gradient(X);
        double[] gm = model.withParameters(minus).gradient(X);
        double[] viaOperator = model.hessian(X).apply(v);
        for (int i = 0; i < theta.length; i++) {
            assertEquals((gp[i] - gm[i]) / (2 * HVP_STEP), hv[i], Tolerances.FINITE_DIFFERENCE * (1 + maxAbs(hv)), model + " (Hv)" + i);
            assertEquals(hv[i], viaOperator[i], Tolerances.ROUND_OFF * (1 + maxAbs(hv)), model + " hessian(x).apply(v)" + i);
        }
    }

    @ParameterizedTest
    @MethodSource("smoothModels")
    void hessianNormIsTheLargestEigenvalueOfTheDenseHessian(DifferentiableModel model) {
        double[][] h = Operators.toMatrix(model.hessian(X));
        for (int i = 0; i < h.length; i++) {
            for (int k = 0; k < i; k++) {
                assertEquals(h[i][k], h[k][i], 1e-10 * (1 + Math.abs(h[i][k])), model + " H symmetric at " + i + "," + k);
            }
        }
        double[] ev = Eigen.symmetricGeneralizedEigenvalues(Nd.matrix(h), false).dup().data().asDouble();
        double brute = 0;
        for (double e : ev) {
            brute = Math.max(brute, Math.abs(e));
        }
        // a relative Lanczos residual r puts an eigenvalue within r·|λ| (DifferentiableModel.HESSIAN_NORM_TOLERANCE)
        assertEquals(brute, model.hessianNorm(X), DifferentiableModel.HESSIAN_NORM_TOLERANCE * brute + 1e-12, model.toString());
        var e = model.hessianNorm(X, 400, 1e-8);
        assertTrue(e.converged(), model + ": " + e);
        assertEquals(brute, e.magnitude(), 1e-6 * brute + 1e-12, model + ": " + e);
    }

    @ParameterizedTest
    @MethodSource("smoothModels")
    void taylorRemainderAgreesWithDirectEvaluation(DifferentiableModel model) {
        double[] theta = model.parameters();
        double[] u = Rng.seed(4).unitVector(theta.length);
        double[] g = model.gradient(X);
        double f0 = model.output(X);
        double slope = 0;
        double[] moved = theta.clone();
        double[] displacement = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            slope += g[i] * u[i];
            displacement[i] = RADIUS * u[i];
            moved[i] += displacement[i];
        }
        double direct = model.withParameters(moved).output(X) - f0 - RADIUS * slope;
        double tol = 1e-12 * (1 + Math.abs(f0) + Math.abs(RADIUS * slope));
        assertEquals(direct, model.remainder(X, displacement), tol, model + " remainder(x, Δ)");
        double[] scaled = u.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 3; // remainderAlong normalises the direction
        }
        assertEquals(direct, model.remainderAlong(X, scaled, RADIUS), tol, model + " remainderAlong(x, u, R)");
        LineScan scan = model.lineScan(X, u, new double[]{-RADIUS, 0, RADIUS});
        assertEquals(direct, scan.remainder()[2], tol, model + " lineScan(x, u, ts).remainder()");
        assertEquals(0, scan.remainder()[1], tol, model + " remainder at t = 0");
        assertEquals(slope, scan.slope(), Tolerances.ROUND_OFF * (1 + Math.abs(slope)), model + " lineScan slope ∇f·u");
        // on the sphere: the worst candidate beats ± the gradient direction, and is its own remainder
        double worst = model.worstRemainder(X, RADIUS);
        assertEquals(worst, Math.abs(model.remainderAlong(X, model.worstDirection(X, RADIUS), RADIUS)), tol, model + " worstRemainder");
        if (maxAbs(g) > 0) {
            assertTrue(worst >= Math.abs(model.remainderAlong(X, g, RADIUS)) - tol, model + " worst ≥ |R| along ∇f");
            assertTrue(worst >= Math.abs(model.remainderAlong(X, scaledCopy(g, -1), RADIUS)) - tol, model + " worst ≥ |R| along −∇f");
        }
    }

    private static double[] scaledCopy(double[] a, double c) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= c;
        }
        return out;
    }
}
