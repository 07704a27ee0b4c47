package org.linearitylab.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Require;

/**
 * An activation function σ with its first and second derivatives σ', σ'' as one value.
 *
 * <p>The theory (paper Theorem 1, Theorem 4) needs σ'' bounded: use {@link #TANH}, {@link #SIGMOID} or
 * {@link #SOFTPLUS}. {@link #RELU} has σ'' = 0 almost everywhere but no second derivative at 0, so
 * {@link #isSmooth()} is false and every Hessian-based computation rejects it.
 *
 * <p>Write your own with {@link #custom(String, DoubleUnaryOperator, DoubleUnaryOperator, DoubleUnaryOperator)}.
 */
public final class Activation {
    /** σ(z) = tanh z, σ' = 1 − tanh² z, σ'' = −2 tanh z (1 − tanh² z). */
    public static final Activation TANH = new Activation("tanh", true,
            Math::tanh,
            z -> {
                double t = Math.tanh(z);
                return 1 - t * t;
            },
            z -> {
                double t = Math.tanh(z);
                return -2 * t * (1 - t * t);
            },
            a -> Transforms.tanh(a, true),
            a -> {
                INDArray t = Transforms.tanh(a, true);
                return t.muli(t).rsubi(1.0);
            },
            a -> {
                INDArray t = Transforms.tanh(a, true);
                INDArray one = t.mul(t).rsubi(1.0);
                return t.muli(one).muli(-2.0);
            });

    /** σ(z) = 1/(1+e^{−z}), σ' = σ(1−σ), σ'' = σ(1−σ)(1−2σ). */
    public static final Activation SIGMOID = new Activation("sigmoid", true,
            Activation::logistic,
            z -> {
                double s = logistic(z);
                return s * (1 - s);
            },
            z -> {
                double s = logistic(z);
                return s * (1 - s) * (1 - 2 * s);
            },
            a -> Transforms.sigmoid(a, true),
            a -> {
                INDArray s = Transforms.sigmoid(a, true);
                return s.mul(s.rsub(1.0));
            },
            a -> {
                INDArray s = Transforms.sigmoid(a, true);
                INDArray ds = s.mul(s.rsub(1.0));
                return ds.muli(s.muli(-2.0).addi(1.0));
            });

    /** σ(z) = log(1+e^z), σ' = 1/(1+e^{−z}), σ'' = σ'(1−σ'). */
    public static final Activation SOFTPLUS = new Activation("softplus", true,
            z -> z > 30 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)),
            Activation::logistic,
            z -> {
                double s = logistic(z);
                return s * (1 - s);
            },
            a -> mapScalar(a, z -> z > 30 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))),
            a -> Transforms.sigmoid(a, true),
            a -> {
                INDArray s = Transforms.sigmoid(a, true);
                return s.mul(s.rsub(1.0));
            });

    /** σ(z) = max(0, z), σ' = 1[z > 0], σ'' = 0 away from 0 (not smooth: no Hessian-based theory). */
    public static final Activation RELU = new Activation("relu", false,
            z -> Math.max(0, z),
            z -> z > 0 ? 1 : 0,
            z -> 0,
            a -> Transforms.relu(a, true),
            a -> Transforms.step(a, true),
            a -> a.like().assign(0));

    private static final List<Activation> BUILT_IN = List.of(TANH, SIGMOID, SOFTPLUS, RELU);

    private final String name;
    private final boolean smooth;
    private final DoubleUnaryOperator f;
    private final DoubleUnaryOperator df;
    private final DoubleUnaryOperator d2f;
    private final UnaryOperator<INDArray> fa;
    private final UnaryOperator<INDArray> dfa;
    private final UnaryOperator<INDArray> d2fa;

    private Activation(String name, boolean smooth, DoubleUnaryOperator f, DoubleUnaryOperator df, DoubleUnaryOperator d2f,
                       UnaryOperator<INDArray> fa, UnaryOperator<INDArray> dfa, UnaryOperator<INDArray> d2fa) {
        this.name = name;
        this.smooth = smooth;
        this.f = f;
        this.df = df;
        this.d2f = d2f;
        this.fa = fa;
        this.dfa = dfa;
        this.d2fa = d2fa;
    }

    /**
     * A user-defined activation from σ, σ', σ''. It is treated as smooth (σ'' given); the toolkit's tests
     * check built-ins against finite differences, and {@code ActivationTest} shows how to check yours.
     */
    public static Activation custom(String name, DoubleUnaryOperator sigma, DoubleUnaryOperator sigmaPrime,
                                    DoubleUnaryOperator sigmaSecond) {
        Require.notNull("name", name);
        Require.notNull("sigma", sigma);
        Require.notNull("sigmaPrime", sigmaPrime);
        Require.notNull("sigmaSecond", sigmaSecond);
        return new Activation(name, true, sigma, sigmaPrime, sigmaSecond,
                a -> mapScalar(a, sigma),
                a -> mapScalar(a, sigmaPrime),
                a -> mapScalar(a, sigmaSecond));
    }

    /** The built-in activation with this name: "tanh", "sigmoid", "softplus" or "relu" (case-insensitive). */
    public static Activation of(String name) {
        Require.notNull("name", name);
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Activation a : BUILT_IN) {
            if (a.name.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation name must be one of tanh, sigmoid, softplus, relu; got \"" + name + "\"");
    }

    public String name() {
        return name;
    }

    /** True when σ'' exists everywhere (tanh, sigmoid, softplus, custom); false for ReLU. */
    public boolean isSmooth() {
        return smooth;
    }

    /** Throws, naming {@code argument}, when this activation has no second derivative. */
    public Activation requireSmooth(String argument) {
        if (!smooth) {
            throw new IllegalArgumentException(argument + " must have a second derivative (tanh, sigmoid, softplus or a custom smooth one); "
                    + name + " has none at 0, so the Hessian-based theory does not apply");
        }
        return this;
    }

    /** σ(z). */
    public double value(double z) {
        return f.applyAsDouble(z);
    }

    /** σ'(z). */
    public double derivative(double z) {
        return df.applyAsDouble(z);
    }

    /** σ''(z). */
    public double secondDerivative(double z) {
        return d2f.applyAsDouble(z);
    }

    /** σ applied elementwise; returns a new array, {@code z} is not modified. */
    public INDArray value(INDArray z) {
        Require.notNull("z", z);
        Nd.init();
        return fa.apply(z);
    }

    /** σ' applied elementwise; returns a new array. */
    public INDArray derivative(INDArray z) {
        Require.notNull("z", z);
        Nd.init();
        return dfa.apply(z);
    }

    /** σ'' applied elementwise; returns a new array. */
    public INDArray secondDerivative(INDArray z) {
        Require.notNull("z", z);
        Nd.init();
        return d2fa.apply(z);
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activation other && other.name.equals(name) && other.f == f;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    private static double logistic(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    private static INDArray mapScalar(INDArray a, DoubleUnaryOperator op) {
        double[] v = a.dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = op.applyAsDouble(v[i]);
        }
        return Nd4j.create(v, a.shape(), DataType.DOUBLE);
    }
}
