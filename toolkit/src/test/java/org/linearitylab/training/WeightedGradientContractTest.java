package org.linearitylab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linearitylab.Rng;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;
import org.linearitylab.model.DifferentiableModel;
import org.linearitylab.model.NonLinearOutput;
import org.linearitylab.model.TwoLayerNet;

/** Every model's weightedGradient (backprop, or the default) equals Jᵀc from its Jacobian. */
class WeightedGradientContractTest {
    private static final double TOLERANCE = 1e-12;
    private static final TrainingSet DATA = TrainingSet.sphere(5, 3, 7);

    static Stream<DifferentiableModel> models() {
        TwoLayerNet two = TwoLayerNet.tanh(9, 3, 1);
        DeepNet deep = DeepNet.tanh(3, 2, 6, 4);
        return Stream.of(two, deep, Linearized.of(two).withParameters(Rng.seed(3).gaussian(two.parameterCount())),
                NonLinearOutput.of(two, Activation.TANH), NonLinearOutput.of(deep, Activation.SIGMOID), Linearized.of(deep));
    }

    @ParameterizedTest
    @MethodSource("models")
    void weightedGradientEqualsJacobianTransposeTimesC(DifferentiableModel model) {
        double[] c = Rng.seed(5).gaussian(DATA.size());
        double[] expected = model.jacobian(DATA.inputs()).transpose().mmul(org.linearitylab.Lab.array(c)).data().asDouble();
        double[] got = model.weightedGradient(DATA.inputs(), c);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected, got, TOLERANCE * (1 + scale), model.toString());
    }
}
