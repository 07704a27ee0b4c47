package org.linearitylab.analysis;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;
import org.linearitylab.model.DifferentiableModel;

/**
 * The empirical neural tangent kernel on n inputs:
 * <pre>  K(θ)ⱼₖ = ∇_θ f(θ; xⱼ) · ∇_θ f(θ; xₖ),   K = J Jᵀ  (n×n),</pre>
 * with J the n×P Jacobian of {@link DifferentiableModel#jacobian}; {@link #of} asks the model
 * ({@link DifferentiableModel#tangentKernel}), and the networks compute it in closed form without forming J.
 * Gradient descent on the square loss
 * moves the outputs by −η K (f − y) to first order, so K is the matrix that governs training
 * (Jacot et al. 2018; Liu, Zhu, Belkin 2020). Immutable; the spectrum is computed once, by ND4J's
 * symmetric eigen solver (LAPACK syev, float64).
 *
 * <pre>{@code
 * var k0 = TangentKernel.of(net, x);
 * k0.lambdaMin(); k0.lambdaMax(); TangentKernel.of(trained, x).relativeDistance(k0);
 * }</pre>
 */
public final class TangentKernel {
    private final INDArray matrix;
    private double[] eigenvalues;

    private TangentKernel(INDArray matrix) {
        this.matrix = matrix;
    }

    /** K = J Jᵀ of {@code model} at its current parameters on the rows of {@code inputs} (n×d). */
    public static TangentKernel of(DifferentiableModel model, double[][] inputs) {
        Require.notNull("model", model);
        return symmetric(model.tangentKernel(inputs));
    }

    /** K = J Jᵀ from an n×P Jacobian (one GEMM). */
    public static TangentKernel fromJacobian(INDArray jacobian) {
        Require.notNull("jacobian", jacobian);
        if (jacobian.rank() != 2) {
            throw new IllegalArgumentException("jacobian must be an n×P matrix, got shape " + java.util.Arrays.toString(jacobian.shape()));
        }
        Nd.init();
        return symmetric(jacobian.mmul(jacobian.transpose()));
    }

    /** Exact symmetry (GEMM rounding can differ in the last bit between (j,k) and (k,j)). */
    private static TangentKernel symmetric(INDArray k) {
        return new TangentKernel(k.add(k.transpose()).muli(0.5));
    }

    /** A kernel from an explicit symmetric n×n matrix (tests, exercises). */
    public static TangentKernel ofMatrix(double[][] k) {
        int n = Require.finiteMatrix("k", k);
        if (n != k.length) {
            throw new IllegalArgumentException("k must be square, got " + k.length + "×" + n);
        }
        return new TangentKernel(Nd.matrix(k));
    }

    /** n, the number of inputs. */
    public int size() {
        return (int) matrix.rows();
    }

    /** A copy of K as rows. */
    public double[][] matrix() {
        return matrix.toDoubleMatrix();
    }

    /** K as an ND4J array (a copy). */
    public INDArray array() {
        return matrix.dup();
    }

    /** Kⱼₖ. */
    public double get(int j, int k) {
        Require.inRange("j", j, 0, size() - 1);
        Require.inRange("k", k, 0, size() - 1);
        return matrix.getDouble(j, k);
    }

    /** The eigenvalues of K in ascending order (ND4J syev, float64; computed once). */
    public synchronized double[] eigenvalues() {
        if (eigenvalues == null) {
            INDArray copy = matrix.dup('f');
            INDArray values = Eigen.symmetricGeneralizedEigenvalues(copy, false);
            double[] e = values.toDoubleVector();
            java.util.Arrays.sort(e);
            eigenvalues = e;
        }
        return eigenvalues.clone();
    }

    /** λ_min(K): the PL constant of the square loss is λ_min on the path (‖∇L‖² ≥ 2 λ_min L). */
    public double lambdaMin() {
        double[] e = eigenvalues();
        return e[0];
    }

    /** λ_max(K) = ‖K‖₂: gradient descent on ½‖f − y‖² is stable for η &lt; 2/λ_max. */
    public double lambdaMax() {
        double[] e = eigenvalues();
        return e[e.length - 1];
    }

    /** λ_max / λ_min: how many steps of size 1/λ_max the slowest direction needs. */
    public double conditionNumber() {
        return lambdaMax() / lambdaMin();
    }

    /** ‖K‖_F. */
    public double frobeniusNorm() {
        return matrix.norm2Number().doubleValue();
    }

    /** ‖K − other‖_F / ‖other‖_F: the kernel drift when {@code other} is K₀. */
    public double relativeDistance(TangentKernel other) {
        Require.notNull("other", other);
        if (other.size() != size()) {
            throw new IllegalArgumentException("other must be a " + size() + "×" + size() + " kernel, got " + other.size() + "×" + other.size());
        }
        return matrix.sub(other.matrix).norm2Number().doubleValue() / other.frobeniusNorm();
    }

    /** yᵀ K y (for ‖∇L‖² = rᵀ K r). */
    public double quadraticForm(double[] y) {
        Require.finite("y", y);
        Require.length("y", y, size());
        INDArray v = Nd.array(y);
        return v.transpose().mmul(matrix).mmul(v).getDouble(0);
    }

    @Override
    public String toString() {
        return String.format("TangentKernel(n=%d, λ_min=%.4g, λ_max=%.4g)", size(), lambdaMin(), lambdaMax());
    }
}
