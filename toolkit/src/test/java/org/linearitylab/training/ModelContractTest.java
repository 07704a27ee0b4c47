package org.linearitylab.training;

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
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;
import org.linearitylab.model.DifferentiableModel;
import org.linearitylab.model.Linearized;
import org.linearitylab.model.NonLinearOutput;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.model.assembly.AssemblyModel;

/**
 * The contract every {@link DifferentiableModel} keeps, run against each model the toolkit has (two-layer,
 * deep, DenseNet, non-linear outputs, linearizations, the assembly view):
 * <ul>
 * <li>the Jacobian's rows are central finite differences of the outputs (the reference is not the code under test);
 * <li>{@code weightedGradient(X, c)} = Jᵀc, whether a model overrides it with batched backprop or not;
 * <li>{@code tangentKernel(A, B)} = J_A J_Bᵀ (closed forms or the default), and the one-argument form agrees;
 * <li>the parameter vector round-trips, is a copy, has length P, and a wrong length is refused naming θ.
 * </ul>
 */
class ModelContractTest {
    private static final TrainingSet A = TrainingSet.sphere(5, 3, 7);
    private static final TrainingSet B = TrainingSet.sphere(3, 3, 8);
    /** Central-difference step for the Jacobian check; error O(h²) ≈ 1e-12 plus round-off ≈ 1e-10. */
    private static final double FD_STEP = Tolerances.JACOBIAN_STEP;

    static Stream<DifferentiableModel> models() {
        TwoLayerNet two = TwoLayerNet.tanh(9, 3, 1);
        DeepNet deep = DeepNet.tanh(3, 2, 6, 4);
        DeepNet dense = DeepNet.builder().inputDim(3).hidden(5, 4, 3).dense(true).seed(4).build();
        DeepNet sigmoidOut = DeepNet.builder().inputDim(3).hidden(4, 4).outputActivation(Activation.SIGMOID).seed(5).build();
        return Stream.of(two, deep, dense, sigmoidOut,
                TwoLayerNet.builder().width(7).inputDim(3).activation(Activation.RELU).seed(2).build(),
                NonLinearOutput.of(two, Activation.TANH), NonLinearOutput.of(deep, Activation.SIGMOID),
                Linearized.of(two).withParameters(Rng.seed(3).gaussian(two.parameterCount())), Linearized.of(deep),
                AssemblyModel.of(two)); // the last keeps the interface defaults
    }

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
}
