package org.linearitylab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linearitylab.Rng;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;
import org.linearitylab.model.DifferentiableModel;
import org.linearitylab.model.NonLinearOutput;
import org.linearitylab.model.TwoLayerNet;
import org.linearitylab.model.assembly.AssemblyModel;

/**
 * Every model's {@code tangentKernel(A, B)} (closed form or default) equals J_A J_Bᵀ built from its Jacobians,
 * and the Jacobians themselves agree with finite differences of the outputs (so the reference is not the code
 * under test).
 */
class TangentKernelContractTest {
    private static final double TOLERANCE = 1e-12;
    private static final TrainingSet A = TrainingSet.sphere(5, 3, 7);
    private static final TrainingSet B = TrainingSet.sphere(3, 3, 8);

    static Stream<DifferentiableModel> models() {
        TwoLayerNet two = TwoLayerNet.tanh(9, 3, 1);
        DeepNet deep = DeepNet.tanh(3, 2, 6, 4);
        DeepNet dense = DeepNet.builder().inputDim(3).hidden(5, 4, 3).dense(true).seed(4).build();
        DeepNet sigmoidOut = DeepNet.builder().inputDim(3).hidden(4, 4).outputActivation(Activation.SIGMOID).seed(5).build();
        return Stream.of(two, deep, dense, sigmoidOut,
                TwoLayerNet.builder().width(7).inputDim(3).activation(Activation.RELU).seed(2).build(),
                NonLinearOutput.of(two, Activation.TANH), NonLinearOutput.of(deep, Activation.SIGMOID),
                Linearized.of(two).withParameters(Rng.seed(3).gaussian(two.parameterCount())), Linearized.of(deep),
                AssemblyModel.of(two)); // the last keeps the interface default J_A J_Bᵀ
    }

    @ParameterizedTest
    @MethodSource("models")
    void crossKernelEqualsProductOfJacobians(DifferentiableModel model) {
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
                assertEquals(dot, got[j][k], TOLERANCE * (1 + Math.abs(dot)), model + " K[" + j + "][" + k + "]");
            }
        }
        double[][] self = model.tangentKernel(A.inputs()).toDoubleMatrix();
        double[][] viaCross = model.tangentKernel(A.inputs(), A.inputs().clone()).toDoubleMatrix();
        for (int j = 0; j < A.size(); j++) {
            assertArrayEquals(viaCross[j], self[j], TOLERANCE * (1 + Math.abs(self[j][j])), model + " self kernel row " + j);
        }
    }

    @Test
    void jacobianRowsAreFiniteDifferenceGradients() {
        // the reference above trusts jacobian(); check it against central differences for the closed-form networks
        double h = 1e-6;
        for (DifferentiableModel model : new DifferentiableModel[]{TwoLayerNet.tanh(4, 3, 1),
            DeepNet.builder().inputDim(3).hidden(3, 2).dense(true).seed(4).build()}) {
            double[] theta = model.parameters();
            double[][] j = model.jacobian(A.inputs()).toDoubleMatrix();
            for (int i = 0; i < theta.length; i++) {
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[i] += h;
                minus[i] -= h;
                double[] fp = model.withParameters(plus).outputs(A.inputs());
                double[] fm = model.withParameters(minus).outputs(A.inputs());
                for (int r = 0; r < A.size(); r++) {
                    assertEquals((fp[r] - fm[r]) / (2 * h), j[r][i], 1e-7, model + " ∂f(x" + r + ")/∂θ" + i);
                }
            }
        }
    }
}
