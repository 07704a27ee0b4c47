package org.linearitylab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linearitylab.Tolerances;
import org.linearitylab.analysis.TangentKernel;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Rng;
import org.linearitylab.data.TrainingSet;
import org.linearitylab.training.GradientDescent;
import org.linearitylab.training.SquareLoss;
import org.linearitylab.training.TrainingRun;

class LinearizedTest {
    private static final TrainingSet DATA = TrainingSet.sphere(6, 3, 1);
    private static final TwoLayerNet NET = TwoLayerNet.tanh(11, 3, 5);

    @Test
    void equalsTheNetworkAtTheta0() {
        Linearized lin = Linearized.of(NET);
        assertArrayEquals(NET.outputs(DATA.inputs()), lin.outputs(DATA.inputs()), 0.0);
        assertArrayEquals(NET.parameters(), lin.parameters(), 0.0);
        assertEquals(NET.parameterCount(), lin.parameterCount());
        assertEquals(NET.inputDim(), lin.inputDim());
    }

    @Test
    void sharesTheNetworksGradientAtTheta0() {
        Linearized lin = Linearized.of(NET);
        assertArrayEquals(flat(NET.jacobian(DATA.inputs()).toDoubleMatrix()), flat(lin.jacobian(DATA.inputs()).toDoubleMatrix()), 0.0);
        assertArrayEquals(SquareLoss.gradient(NET, DATA.inputs(), DATA.targets()),
                SquareLoss.gradient(lin, DATA.inputs(), DATA.targets()), Tolerances.ROUND_OFF);
    }

    @Test
    void isExactlyAffineInTheta() {
        Linearized lin = Linearized.of(NET);
        double[] t0 = NET.parameters();
        double[] u = Rng.seed(2).gaussian(t0.length);
        double[] f0 = lin.outputs(DATA.inputs());
        double[] f1 = lin.withParameters(plus(t0, u, 1)).outputs(DATA.inputs());
        double[] f3 = lin.withParameters(plus(t0, u, 3)).outputs(DATA.inputs());
        for (int j = 0; j < f0.length; j++) {
            assertEquals(3 * (f1[j] - f0[j]), f3[j] - f0[j], 1e-12 * (1 + Math.abs(f3[j])), "f_lin(θ₀+3u) − f_lin(θ₀) = 3(f_lin(θ₀+u) − f_lin(θ₀))");
        }
        // and its Jacobian does not move with θ
        assertArrayEquals(flat(lin.jacobian(DATA.inputs()).toDoubleMatrix()),
                flat(lin.withParameters(plus(t0, u, 1)).jacobian(DATA.inputs()).toDoubleMatrix()), 0.0);
    }

    @Test
    void differsFromTheNetworkAtSecondOrder() {
        // |f(θ₀+εu) − f_lin(θ₀+εu)| = O(ε²): halving ε divides the gap by ≈ 4
        Linearized lin = Linearized.of(NET);
        double[] t0 = NET.parameters();
        double[] u = Rng.seed(9).unitVector(t0.length);
        double[][] x = {DATA.inputs()[0]};
        double eps = 0.05;
        double g1 = Math.abs(NET.withParameters(plus(t0, u, eps)).outputs(x)[0] - lin.withParameters(plus(t0, u, eps)).outputs(x)[0]);
        double g2 = Math.abs(NET.withParameters(plus(t0, u, eps / 2)).outputs(x)[0] - lin.withParameters(plus(t0, u, eps / 2)).outputs(x)[0]);
        assertTrue(g1 > 0, "the network is not linear");
        assertEquals(4, g1 / g2, 0.3, "gap ratio when ε halves");
    }

    @Test
    void gradientDescentOnItIsKernelRegression() {
        // f_t = y + (I − ηK₀)ᵗ (f₀ − y) exactly for the linearized model
        Linearized lin = Linearized.of(NET);
        int steps = 7;
        TrainingRun run = GradientDescent.on(lin, DATA).steps(steps).stepFraction(0.8).run();
        double eta = run.stepSize();
        var k0 = TangentKernel.of(NET, DATA.inputs()).array();
        var a = org.nd4j.linalg.factory.Nd4j.eye(DATA.size()).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sub(k0.mul(eta));
        var r = Nd.array(NET.outputs(DATA.inputs())).sub(Nd.array(DATA.targets()));
        for (int t = 0; t < steps; t++) {
            r = a.mmul(r);
        }
        double[] expected = r.add(Nd.array(DATA.targets())).data().asDouble();
        assertArrayEquals(expected, run.trainOutputs(run.recordedSteps() - 1), 1e-10);
        // its kernel does not drift at all
        assertEquals(0, GradientDescent.on(lin, DATA).steps(5).run().maxKernelDrift(), Tolerances.ROUND_OFF);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 2})
    void trainingInFunctionSpaceEqualsParameterSpaceGdWithTheExplicitJacobian(int batch) {
        // reference: plain-array GD on θ with f_lin(θ) = f₀ + J₀(θ − θ₀), J₀ from the network's Jacobian;
        // mini-batches drawn as documented: the first b entries of a fresh permutation per step
        DeepNet net = DeepNet.tanh(3, 4, 7, 5);
        double[][] x = DATA.inputs();
        double[] y = DATA.targets();
        double[][] probe = TrainingSet.sphere(4, 3, 9).inputs();
        double[][] j0 = net.jacobian(x).toDoubleMatrix();
        double[][] jp = net.jacobian(probe).toDoubleMatrix();
        double[] f0 = net.outputs(x);
        double[] fp0 = net.outputs(probe);
        double eta = 0.7 / TangentKernel.of(net, x).lambdaMax();
        int steps = 9;
        TrainingRun run = GradientDescent.on(Linearized.of(net), DATA).stepSize(eta).batchSize(batch).seed(3).steps(steps)
                .recordEvery(3).probe(probe).run();

        double[] theta0 = net.parameters();
        double[] delta = new double[theta0.length];
        Rng rng = Rng.seed(3);
        int row = 0;
        for (int t = 0; t <= steps; t++) {
            double[] f = affine(f0, j0, delta);
            if (t % 3 == 0) {
                assertArrayEquals(f, run.trainOutputs(row), 1e-12, "outputs at step " + t);
                assertArrayEquals(affine(fp0, jp, delta), run.probeOutputs(row), 1e-12, "probe outputs at step " + t);
                double[] grad = new double[delta.length];
                for (int j = 0; j < x.length; j++) {
                    for (int i = 0; i < grad.length; i++) {
                        grad[i] += j0[j][i] * (f[j] - y[j]);
                    }
                }
                assertEquals(dot(grad, grad), run.gradientNormSquared()[row], 1e-12 * (1 + dot(grad, grad)), "‖∇L‖² at " + t);
                assertEquals(Math.sqrt(dot(delta, delta)), run.parameterDistance()[row], 1e-12, "‖θ − θ₀‖ at " + t);
                row++;
            }
            if (t == steps) {
                break;
            }
            int[] idx = batch == x.length ? java.util.stream.IntStream.range(0, x.length).toArray()
                    : java.util.Arrays.copyOf(rng.permutation(x.length), batch);
            for (int j : idx) {
                for (int i = 0; i < delta.length; i++) {
                    delta[i] -= eta * j0[j][i] * (f[j] - y[j]);
                }
            }
        }
        double[] thetaT = run.model().parameters();
        for (int i = 0; i < thetaT.length; i++) {
            assertEquals(theta0[i] + delta[i], thetaT[i], 1e-12, "θ_T[" + i + "]");
        }
        assertEquals(run.trainOutputs(row - 1)[0], run.model().outputs(x)[0], 1e-12, "the returned model reproduces the last outputs");
    }

    private static double[] affine(double[] f0, double[][] j, double[] delta) {
        double[] out = f0.clone();
        for (int r = 0; r < out.length; r++) {
            out[r] += dot(j[r], delta);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void withParametersRejectsWrongLength() {
        var e = assertThrows(IllegalArgumentException.class, () -> Linearized.of(NET).withParameters(new double[3]));
        assertTrue(e.getMessage().startsWith("theta must have length"), e.getMessage());
        assertNotEquals(null, Linearized.of(NET).base());
    }

    static double[] plus(double[] a, double[] u, double s) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += s * u[i];
        }
        return out;
    }

    static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
    @Test
    void aPointKeptAsKernelCoefficientsIsThePointItNames() {
        // θ = θ₀ + J₀(X)ᵀa kept as a: its outputs (f₀ + K₀(x, X)a) and parameters against the explicit θ, formed by hand
        double[][] x = DATA.inputs();
        double[] a = {0.3, -1.1, 0.4, 0.9, -0.2, 0.05};
        double[][] probe = TrainingSet.sphere(4, 3, 9).inputs();
        double[] theta = NET.parameters();
        for (int j = 0; j < x.length; j++) {
            double[] g = NET.gradient(x[j]);
            for (int i = 0; i < theta.length; i++) {
                theta[i] += a[j] * g[i];
            }
        }
        Linearized explicit = Linearized.of(NET).withParameters(theta);
        Linearized dual = Linearized.of(NET).movedAlong(x, a);
        assertArrayEquals(theta, dual.parameters(), 1e-12);
        double[] want = explicit.outputs(probe);
        assertTrue(Math.abs(want[0] - NET.outputs(probe)[0]) > 1e-3, "the point must be away from θ₀");
        assertArrayEquals(want, dual.outputs(probe), 1e-12);
        // moving twice along the same inputs adds the coefficients; along other inputs it forms θ
        double[] half = a.clone();
        for (int j = 0; j < half.length; j++) {
            half[j] /= 2;
        }
        assertArrayEquals(want, Linearized.of(NET).movedAlong(x, half).movedAlong(x, half).outputs(probe), 1e-12);
        double[] back = new double[probe.length];
        Linearized other = dual.movedAlong(probe, back);
        assertArrayEquals(want, other.outputs(probe), 1e-12);
        assertArrayEquals(NET.parameters(), dual.origin(), 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> Linearized.of(NET).movedAlong(x, new double[2]));
        assertTrue(e.getMessage().startsWith("coefficients"), e.getMessage());
    }
}
