package org.linearitylab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.Tolerances;
import org.linearitylab.core.Nd;

class ActivationTest {
    private static final double[] POINTS = {-6, -2.5, -1, -0.3, 0, 0.4, 1, 2, 7};

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid", "softplus"})
    void derivativesMatchFiniteDifferences(String name) {
        Activation a = Activation.of(name);
        for (double z : POINTS) {
            assertEquals(Tolerances.centralDifference(a::value, z), a.derivative(z), Tolerances.FINITE_DIFFERENCE, name + "' at " + z);
            assertEquals(Tolerances.centralDifference(a::derivative, z), a.secondDerivative(z), Tolerances.FINITE_DIFFERENCE, name + "'' at " + z);
        }
    }

    @Test
    void reluDerivativesAwayFromTheKink() {
        Activation a = Activation.RELU;
        for (double z : POINTS) {
            if (z == 0) {
                continue;
            }
            assertEquals(Tolerances.centralDifference(a::value, z), a.derivative(z), Tolerances.FINITE_DIFFERENCE);
            assertEquals(0.0, a.secondDerivative(z));
        }
        assertFalse(a.isSmooth());
    }

    @Test
    void knownValues() {
        assertEquals(0.0, Activation.TANH.value(0), 0);
        assertEquals(0.5, Activation.SIGMOID.value(0), 0);
        assertEquals(Math.log(2), Activation.SOFTPLUS.value(0), 1e-15);
        assertEquals(1.0, Activation.TANH.derivative(0), 0);
        assertEquals(0.25, Activation.SIGMOID.derivative(0), 1e-15);
        // softplus stays accurate where exp overflows
        assertEquals(800.0, Activation.SOFTPLUS.value(800), 1e-12);
        assertEquals(0.0, Activation.SIGMOID.value(-800), 1e-300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid", "softplus", "relu"})
    void arrayVersionsAgreeWithScalarOnes(String name) {
        Activation a = Activation.of(name);
        INDArray z = Nd.array(POINTS);
        INDArray v = a.value(z);
        INDArray d = a.derivative(z);
        INDArray d2 = a.secondDerivative(z);
        assertEquals(DataType.DOUBLE, v.dataType());
        for (int i = 0; i < POINTS.length; i++) {
            assertEquals(a.value(POINTS[i]), v.getDouble(i), Tolerances.ROUND_OFF, name);
            assertEquals(a.derivative(POINTS[i]), d.getDouble(i), Tolerances.ROUND_OFF, name + "'");
            assertEquals(a.secondDerivative(POINTS[i]), d2.getDouble(i), Tolerances.ROUND_OFF, name + "''");
        }
        assertEquals(POINTS[0], z.getDouble(0), 0, "input must not be modified");
    }

    @Test
    void customActivationWorksOnArrays() {
        Activation cube = Activation.custom("cube", z -> z * z * z, z -> 3 * z * z, z -> 6 * z);
        INDArray v = cube.secondDerivative(Nd.array(new double[]{1, 2}));
        assertEquals(12.0, v.getDouble(1), 0);
        assertTrue(cube.isSmooth());
    }

    @Test
    void lookupByNameIsCaseInsensitiveAndRejectsUnknownNames() {
        assertSame(Activation.TANH, Activation.of(" TanH "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.of("swish"));
        assertTrue(e.getMessage().contains("activation name") && e.getMessage().contains("tanh, sigmoid, softplus, relu"), e.getMessage());
    }

    @Test
    void requireSmoothRejectsRelu() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.RELU.requireSmooth("activation"));
        assertTrue(e.getMessage().startsWith("activation must have a second derivative"), e.getMessage());
        assertSame(Activation.TANH, Activation.TANH.requireSmooth("activation"));
    }
}
