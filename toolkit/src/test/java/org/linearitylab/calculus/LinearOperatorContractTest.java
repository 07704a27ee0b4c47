package org.linearitylab.calculus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.linearitylab.SeededTest;
import org.linearitylab.Tolerances;
import org.linearitylab.core.Rng;
import org.linearitylab.model.Activation;
import org.linearitylab.model.DeepNet;
import org.linearitylab.model.assembly.AssemblyModel;

/**
 * The contract every {@link LinearOperator} in the toolkit keeps, run against each implementation: a known
 * dimension, linearity A(ax + by) = aAx + bAy, symmetry yᵀAx = xᵀAy (the solvers assume it), the input left
 * unchanged, and a wrong-length input refused with a message giving the length it needs. Linearity and symmetry are checked on
 * random vectors, so an implementation that is affine, non-symmetric or reads stale state fails.
 */
class LinearOperatorContractTest extends SeededTest {
    static Stream<Arguments> operators() {
        double[][] a = {{2, -1, 0}, {-1, 3, 0.5}, {0, 0.5, -4}};
        LinearOperator dense = LinearOperator.of(3, x -> {
            double[] y = new double[3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    y[i] += a[i][j] * x[j];
                }
            }
            return y;
        });
        DeepNet deep = DeepNet.builder().inputDim(3).hidden(4, 3).activation(Activation.TANH).seed(3).build();
        DeepNet dense2 = DeepNet.builder().inputDim(2).hidden(3, 4).activation(Activation.SOFTPLUS).dense(true).seed(4).build();
        AssemblyModel assembly = AssemblyModel.builder().neurons(Activation.TANH, 3).width(5).seed(5).build();
        double[] x3 = Rng.seed(SEED).gaussian(3);
        double[][] batch = {Rng.seed(SEED + 1).gaussian(3), Rng.seed(SEED + 2).gaussian(3)};
        return Stream.of(
                Arguments.of("dense 3×3 matrix", dense),
                Arguments.of("DeepNet Hessian at one input", deep.hessian(x3)),
                Arguments.of("DeepNet weighted Hessian Σ cⱼ H(xⱼ)", deep.hessian(batch, new double[]{0.7, -1.3})),
                Arguments.of("DenseNet Hessian", dense2.hessian(new double[]{0.4, -0.9})),
                Arguments.of("AssemblyModel Hessian", assembly.hessian(x3)));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double scale(LinearOperator op, double[] x) {
        double[] y = op.apply(x);
        double s = 0;
        for (double v : y) {
            s = Math.max(s, Math.abs(v));
        }
        return Math.max(s, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void hasAPositiveDimension(String name, LinearOperator op) {
        assertTrue(op.dimension() >= 1, name + ": dimension " + op.dimension());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void isLinear(String name, LinearOperator op) {
        int n = op.dimension();
        double[] x = rng(10).gaussian(n);
        double[] y = rng(11).gaussian(n);
        double a = 1.7;
        double b = -0.6;
        double[] combo = new double[n];
        for (int i = 0; i < n; i++) {
            combo[i] = a * x[i] + b * y[i];
        }
        double[] ax = op.apply(x);
        double[] ay = op.apply(y);
        double[] left = op.apply(combo);
        double tol = Tolerances.ROUND_OFF * 100 * scale(op, combo);
        for (int i = 0; i < n; i++) {
            assertEquals(a * ax[i] + b * ay[i], left[i], tol, name + " at " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void isSymmetric(String name, LinearOperator op) {
        int n = op.dimension();
        double[] x = rng(20).gaussian(n);
        double[] y = rng(21).gaussian(n);
        double yAx = dot(y, op.apply(x));
        double xAy = dot(x, op.apply(y));
        assertEquals(yAx, xAy, Tolerances.ROUND_OFF * 100 * Math.max(1, Math.abs(yAx)), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void leavesItsInputAloneAndGivesTheSameAnswerTwice(String name, LinearOperator op) {
        double[] x = rng(30).gaussian(op.dimension());
        double[] copy = x.clone();
        double[] first = op.apply(x);
        assertArrayEquals(copy, x, name + " modified its input");
        assertArrayEquals(first, op.apply(x), name + " is not deterministic");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void refusesAVectorOfTheWrongLength(String name, LinearOperator op) {
        var e = assertThrows(IllegalArgumentException.class, () -> op.apply(new double[op.dimension() + 1]));
        assertTrue(e.getMessage().contains("length " + op.dimension()), name + ": " + e.getMessage());
    }
}
