package org.linearitylab.regression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.linearitylab.core.Memory;
import org.linearitylab.core.Nd;
import org.linearitylab.core.Progress;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;
import org.linearitylab.data.Synthetic;
import org.linearitylab.experiment.Seeds;
import org.linearitylab.experiment.Sweep;
import org.linearitylab.experiment.SweepResult;

/**
 * The double-descent experiment (Belkin, Hsu, Ma, Mandal 2019): for each number of features p and each
 * seed, fit n training points by least squares (p &lt; n) or minimum-norm interpolation (p ≥ n) — or by
 * ridge with λ &gt; 0 — and record train/test error and ‖β‖.
 *
 * <pre>{@code
 * var curve = DoubleDescent.randomFeatures(RandomFeatures.Kind.RELU, digits.features(), digits.labels())
 *         .trainSize(200).ps(DoubleDescent.grid(200, 800, 40)).seeds(5).lambdas(0, 1e-3).run();
 * DoubleDescentCharts.chart(curve, DoubleDescentCurve.Metric.TEST_MSE)
 * }</pre>
 *
 * The loop is the {@link Sweep} engine's: a sweep over p with seeds firstSeed, firstSeed+1, … ({@link Seeds}),
 * seeds outer, so each seed draws its data and its features once, at the largest p. One SVD per (seed, p) serves
 * every λ. Features are nested: for one seed the features for p are the first p of the features for the largest
 * p, so a curve over p varies only p. Fresh test points of the Legendre demo come from {@link Seeds#testSet}, the
 * random-feature weights from {@link Seeds#features}.
 */
public final class DoubleDescent {
    private DoubleDescent() {
    }

    /**
     * The lecture's demo: n noisy samples y = f(x) + noise·ε of a 1-D function, x ~ U[−1, 1], fitted with
     * p Legendre features. Test error is measured against the noiseless f on fresh points.
     */
    public static Builder legendre(DoubleUnaryOperator f, int n, double noise) {
        Require.notNull("f", f);
        Require.positive("n", n);
        Require.nonNegative("noise", noise);
        Builder b = new Builder(null, null, null, f, noise);
        b.trainSize = n;
        b.testSize = 400;
        return b;
    }

    /**
     * Random features on a labelled data set (one-hot regression, square loss; 0-1 error by argmax).
     * Per seed a random split puts {@code trainSize} rows in the training set and the rest (up to
     * {@code testSize}) in the test set; inputs are centred on the training mean before the features.
     */
    public static Builder randomFeatures(RandomFeatures.Kind kind, double[][] x, int[] labels) {
        for (int i = 0; labels != null && i < labels.length; i++) {
            Require.inRange("labels[" + i + "]", labels[i], 0, Integer.MAX_VALUE - 1);
        }
        Require.notNull("kind", kind);
        Require.finiteMatrix("x", x);
        Require.notNull("labels", labels);
        if (labels.length != x.length) {
            throw new IllegalArgumentException("labels has length " + labels.length + " but x has n = " + x.length + " rows (mismatched X/y shapes)");
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("x must hold at least 2 rows (a training and a test point), got " + x.length);
        }
        Builder b = new Builder(kind, x, labels, null, 0);
        b.trainSize = Math.min(200, x.length - 1);
        b.testSize = x.length;
        return b;
    }

    /**
     * About {@code count} values of p in [1, pMax], evenly spaced, plus n−2 … n+2 so the threshold p = n
     * is resolved. Sorted, distinct.
     */
    public static int[] grid(int n, int pMax, int count) {
        Require.positive("n", n);
        Require.positive("pMax", pMax);
        Require.inRange("count", count, 2, 100_000);
        TreeSet<Integer> ps = new TreeSet<>();
        int even = Math.max(2, count - 5);
        for (int i = 0; i < even; i++) {
            ps.add((int) Math.round(1 + (pMax - 1) * (double) i / (even - 1)));
        }
        for (int q = n - 2; q <= n + 2; q++) {
            if (q >= 1 && q <= pMax) {
                ps.add(q);
            }
        }
        return ps.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Every p from 1 to n + max(4, n/10) (the whole under-parameterised side and a fine grid through the threshold),
     * then {@code countAbove} values spaced evenly on a log scale up to pMax. Sorted, distinct.
     */
    public static int[] fullGrid(int n, int pMax, int countAbove) {
        Require.inRange("n", n, 1, 10_000_000);
        Require.inRange("pMax", pMax, n, 10_000_000);
        Require.inRange("countAbove", countAbove, 0, 100_000);
        TreeSet<Integer> ps = new TreeSet<>();
        int fine = Math.min(pMax, n + Math.max(4, n / 10));
        for (int p = 1; p <= fine; p++) {
            ps.add(p);
        }
        for (int i = 1; i <= countAbove; i++) {
            ps.add((int) Math.round(fine * Math.pow((double) pMax / fine, (double) i / countAbove)));
        }
        return ps.stream().mapToInt(Integer::intValue).toArray();
    }
    private static final Consumer<String> PROGRESS_DISPLAY = line -> { }; // default: one notebook.Progress display

    /** Experiment settings; {@link #run()} does the work. */
    public static final class Builder {
        /** One line: the experiment is configured, not run yet. */
        @Override
        public String toString() {
            return "DoubleDescent.Builder (call run() for the curve)";
        }

        private final RandomFeatures.Kind kind;
        private final double[][] x;
        private final int[] labels;
        private final DoubleUnaryOperator f;
        private final double noise;
        private int trainSize;
        private int testSize;
        private int[] ps;
        private int seeds = 5;
        private long firstSeed = 1;
        private double[] lambdas = {0};
        private double bandwidth = Double.NaN;
        private double rcond = Double.NaN;
        private double decay = 0;
        private Consumer<String> progress = PROGRESS_DISPLAY;

        private Builder(RandomFeatures.Kind kind, double[][] x, int[] labels, DoubleUnaryOperator f, double noise) {
            this.kind = kind;
            this.x = x;
            this.labels = labels;
            this.f = f;
            this.noise = noise;
        }

        /** Number of training samples n (random features: 1 ≤ n &lt; rows of x). */
        public Builder trainSize(int n) {
            this.trainSize = Require.positive("trainSize", n);
            return this;
        }

        /** Maximum number of test samples. */
        public Builder testSize(int m) {
            this.testSize = Require.positive("testSize", m);
            return this;
        }

        /** The numbers of features to try (each ≥ 1); see {@link DoubleDescent#grid}. */
        public Builder ps(int... values) {
            Require.notNull("ps", values);
            if (values.length == 0) {
                throw new IllegalArgumentException("ps must hold at least one number of features p");
            }
            for (int i = 0; i < values.length; i++) {
                Require.positive("ps[" + i + "]", values[i]);
            }
            this.ps = Arrays.stream(values).distinct().sorted().toArray();
            return this;
        }

        /** Number of seeds (repetitions with fresh data split / samples and fresh random features). */
        public Builder seeds(int count) {
            this.seeds = Require.positive("seeds", count);
            return this;
        }

        /** The first seed; seeds are firstSeed, firstSeed+1, … */
        public Builder firstSeed(long seed) {
            this.firstSeed = seed;
            return this;
        }

        /** Ridge penalties λ ≥ 0 to evaluate (0 = least squares / minimum-norm), distinct. */
        public Builder lambdas(double... values) {
            Require.notNull("lambdas", values);
            if (values.length == 0) {
                throw new IllegalArgumentException("lambdas must hold at least one λ ≥ 0");
            }
            for (int i = 0; i < values.length; i++) {
                Require.nonNegative("lambdas[" + i + "]", values[i]);
            }
            if (Arrays.stream(values).distinct().count() < values.length) {
                throw new IllegalArgumentException("lambdas must be distinct, got " + Arrays.toString(values));
            }
            this.lambdas = values.clone();
            return this;
        }

        /** Bandwidth ℓ of random features (default: √d for ReLU, 4 for Fourier on [0,1]-scaled pixels). */
        public Builder bandwidth(double ell) {
            this.bandwidth = Require.positive("bandwidth", ell);
            return this;
        }

        /** Legendre demo only: feature weights (k+1)^−s (see {@link Legendre#features(int, double)}). */
        public Builder decay(double s) {
            this.decay = Require.nonNegative("decay", s);
            return this;
        }

        /** Relative singular-value cutoff for the minimum-norm fits (default max(n, p)·ε). */
        public Builder rcond(double value) {
            this.rcond = Require.inRange("rcond", value, 0.0, 0.999);
            return this;
        }

        /** Where progress lines go (default: one {@link Progress} display updated in place); {@code null} for silence. */
        public Builder progress(Consumer<String> sink) {
            this.progress = sink;
            return this;
        }

        /** Runs every (seed, p) and returns the curves. */
        public DoubleDescentCurve run() {
            Nd.init();
            boolean rf = kind != null;
            if (rf) {
                Require.inRange("trainSize", trainSize, 1, x.length - 1);
            }
            int[] grid = ps != null ? ps : grid(trainSize, 4 * trainSize, 40);
            int pMax = grid[grid.length - 1];
            if (rf) { // Φ for the training and the test rows at the largest p, before any feature is drawn
                long rows = (long) trainSize + (testSize > 0 ? Math.min(testSize, x.length - trainSize) : x.length - trainSize);
                Memory.require("the feature matrices Φ (train + test rows × largest p = " + rows + " × " + pMax + ")", 0,
                        Memory.doubles("Φ", rows, pMax), "Use fewer features (a smaller largest p in ps(...)) or fewer rows (testSize(...))");
            }
            // the 0-1 errors exist only with labels; every measured value must be finite
            List<DoubleDescentCurve.Metric> measured = Arrays.stream(DoubleDescentCurve.Metric.values())
                    .filter(m -> rf || (m != DoubleDescentCurve.Metric.TRAIN_ERROR && m != DoubleDescentCurve.Metric.TEST_ERROR)).toList();
            List<String> names = new ArrayList<>();
            for (double lambda : lambdas) {
                for (DoubleDescentCurve.Metric m : measured) {
                    names.add(DoubleDescentCurve.name(m, lambda));
                }
            }
            long start = System.nanoTime();
            Sweep sweep = Sweep.over("p", grid).seeds(seeds, firstSeed).seedsOuter().label("double descent")
                    .measurePerSeed(names, seed -> {
                        Prepared data = rf ? prepareRandomFeatures(seed, pMax) : prepareLegendre(seed, pMax);
                        return p -> measure(data, p, seed, measured);
                    });
            sweep = progress == PROGRESS_DISPLAY ? sweep : progress == null ? sweep.quiet() : sweep.progress(progress);
            SweepResult result = sweep.run();
            String title = rf ? "random " + (kind == RandomFeatures.Kind.RELU ? "ReLU" : "Fourier") + " features"
                    : "Legendre features";
            return new DoubleDescentCurve(title, trainSize, lambdas.clone(), result, (System.nanoTime() - start) / 1e9);
        }

        /** One fit at p (one SVD serves every λ): the measured metrics, λ-major, as named for the sweep. */
        private double[] measure(Prepared data, int p, long seed, List<DoubleDescentCurve.Metric> measured) {
            INDArray phiTrain = columns(data.phiTrain, p, data.scaleByP);
            INDArray phiTest = columns(data.phiTest, p, data.scaleByP);
            ThinSvd svd = ThinSvd.decompose(phiTrain);
            Evaluation e = evaluate(svd, phiTrain, phiTest, data, p);
            double[] out = new double[lambdas.length * measured.size()];
            int i = 0;
            for (int l = 0; l < lambdas.length; l++) {
                for (DoubleDescentCurve.Metric m : measured) {
                    double v = e.values[m.ordinal()][l];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(m.label() + " is " + v + " at p = " + p + ", seed " + seed + ", λ = " + lambdas[l]
                                + ": the fit is numerically broken there (try rcond(...) or a ridge λ > 0)");
                    }
                    out[i++] = v;
                }
            }
            return out;
        }

        private record Evaluation(double[][] values) {
        }

        /**
         * Every λ at once: coefficients B = V·[diag(w_λ)·UᵀY]_λ stacked side by side (p × c·L), so the train and
         * test predictions are one GEMM each; metrics are then computed on plain arrays.
         */
        private Evaluation evaluate(ThinSvd svd, INDArray phiTrain, INDArray phiTest, Prepared data, int p) {
            int c = (int) data.yTrain.columns();
            int k = svd.s().length;
            int lCount = lambdas.length;
            double[] uty = Metrics.flat(svd.u().transpose().mmul(data.yTrain));          // k×c
            double[] s = svd.s();
            double cut = (Double.isNaN(rcond) ? LeastSquares.defaultCutoff(phiTrain.rows(), p) : rcond) * svd.largest();
            double[] z = new double[k * c * lCount];                                       // k × (c·L), row-major
            for (int l = 0; l < lCount; l++) {
                for (int i = 0; i < k; i++) {
                    double w = lambdas[l] == 0 ? (s[i] > cut ? 1 / s[i] : 0) : s[i] / (s[i] * s[i] + lambdas[l]);
                    for (int j = 0; j < c; j++) {
                        z[i * c * lCount + l * c + j] = w * uty[i * c + j];
                    }
                }
            }
            INDArray beta = svd.vt().transpose().mmul(Nd.matrix(z, k, c * lCount));        // p × (c·L)
            double[] b = Metrics.flat(beta);
            double[] train = Metrics.flat(phiTrain.mmul(beta));
            double[] test = Metrics.flat(phiTest.mmul(beta));
            double[] yTrain = Metrics.flat(data.yTrain);
            double[] yTest = Metrics.flat(data.yTest);
            double[][] out = new double[DoubleDescentCurve.Metric.values().length][lCount];
            for (int l = 0; l < lCount; l++) {
                out[0][l] = mse(train, yTrain, c, lCount, l);
                out[1][l] = mse(test, yTest, c, lCount, l);
                out[2][l] = data.labelsTrain == null ? Double.NaN : zeroOne(train, data.labelsTrain, c, lCount, l);
                out[3][l] = data.labelsTest == null ? Double.NaN : zeroOne(test, data.labelsTest, c, lCount, l);
                double nb = 0;
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < c; j++) {
                        double v = b[i * c * lCount + l * c + j];
                        nb += v * v;
                    }
                }
                out[4][l] = Math.sqrt(nb);
            }
            return new Evaluation(out);
        }

        private static double mse(double[] pred, double[] y, int c, int lCount, int l) {
            int rows = y.length / c;
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < c; j++) {
                    double e = pred[i * c * lCount + l * c + j] - y[i * c + j];
                    sum += e * e;
                }
            }
            return sum / rows;
        }

        private static double zeroOne(double[] pred, int[] labels, int c, int lCount, int l) {
            int wrong = 0;
            for (int i = 0; i < labels.length; i++) {
                int off = i * c * lCount + l * c;
                int best = 0;
                for (int j = 1; j < c; j++) {
                    if (pred[off + j] > pred[off + best]) {
                        best = j;
                    }
                }
                if (best != labels[i]) {
                    wrong++;
                }
            }
            return (double) wrong / labels.length;
        }

        private static INDArray columns(INDArray raw, int p, boolean scale) {
            INDArray view = raw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p));
            return scale ? view.mul(1 / Math.sqrt(p)) : view.dup();
        }

        private Prepared prepareLegendre(long seed, int pMax) {
            Synthetic.Sample1D train = Synthetic.curve1D(trainSize, f, noise, seed);
            double[] xt = Rng.seed(Seeds.testSet(seed)).uniform(testSize, -1, 1);
            double[] yt = new double[xt.length];
            for (int i = 0; i < xt.length; i++) {
                yt[i] = f.applyAsDouble(xt[i]);
            }
            Legendre map = Legendre.features(pMax, decay);
            return new Prepared(map.apply(train.x()), Nd.array(train.y()), map.apply(xt), Nd.array(yt), null, null, false);
        }

        private Prepared prepareRandomFeatures(long seed, int pMax) {
            Split split = Split.random(x.length, trainSize, seed);
            int[] testIdx = split.test().length > testSize ? Arrays.copyOf(split.test(), testSize) : split.test();
            int[] trainLabels = Split.rows(labels, split.train());
            int[] testLabels = Split.rows(labels, testIdx);
            int classes = Arrays.stream(labels).max().orElse(0) + 1;
            int d = x[0].length;
            double ell = !Double.isNaN(bandwidth) ? bandwidth : kind == RandomFeatures.Kind.RELU ? Math.sqrt(d) : 4.0;
            RandomFeatures map = RandomFeatures.of(kind, d, pMax, ell, Seeds.features(seed));
            // Centre the inputs on the training mean: with non-negative pixels, a ReLU feature whose weights
            // are negative on every inked pixel would be 0 on all images (a dead feature: Φ loses rank).
            INDArray xTrain = Nd.matrix(Split.rows(x, split.train()));
            INDArray mean = xTrain.mean(0).reshape(1, d);
            INDArray phiTrain = map.raw(xTrain.subiRowVector(mean));
            INDArray phiTest = map.raw(Nd.matrix(Split.rows(x, testIdx)).subiRowVector(mean));
            return new Prepared(phiTrain, Nd.matrix(Split.oneHot(trainLabels, classes)), phiTest,
                    Nd.matrix(Split.oneHot(testLabels, classes)), trainLabels, testLabels, true);
        }
    }

    private record Prepared(INDArray phiTrain, INDArray yTrain, INDArray phiTest, INDArray yTest,
                            int[] labelsTrain, int[] labelsTest, boolean scaleByP) {
    }
}
