package org.linearitylab.training;

import java.util.List;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.analysis.TangentKernel;
import org.linearitylab.core.Require;
import org.linearitylab.model.DifferentiableModel;

/**
 * The trajectory of one {@link GradientDescent} run: the start and end models, the step size, and a history
 * row every few steps (step t, L(θ_t), ‖∇L‖², ‖θ_t − θ₀‖, ‖K_t − K₀‖_F/‖K₀‖_F, λ_min(K_t), λ_max(K_t) and the
 * PL ratio ‖∇L‖² / (2 λ_min(K_t) L), which is ≥ 1 whenever the kernel is the one that governs the gradient).
 * In a notebook it shows as the first and last rows of its {@link #history()} (the display layer's view).
 */
public final class TrainingRun {
    /** History column names. */
    public static final String STEP = "step";
    public static final String LOSS = "loss";
    public static final String GRAD_SQ = "‖∇L‖²";
    public static final String DISTANCE = "‖θ−θ₀‖";
    public static final String KERNEL_DRIFT = "‖K−K₀‖/‖K₀‖";
    public static final String LAMBDA_MIN = "λ_min(K)";
    public static final String LAMBDA_MAX = "λ_max(K)";
    public static final String PL_RATIO = "‖∇L‖²/(2λ_min L)";

    private final DifferentiableModel initial;
    private final DifferentiableModel model;
    private final double stepSize;
    private final int batchSize;
    private final TangentKernel initialKernel;
    private final double[][] rows;
    private final double[][] trainOutputs;
    private final double[][] probeOutputs;
    /** Null, or why this run was kept without its models (then {@link #initial()} and {@link #model()} throw). */
    private final String withoutModels;
    private final String modelName;

    TrainingRun(DifferentiableModel initial, DifferentiableModel model, double stepSize, int batchSize, TangentKernel initialKernel,
                List<double[]> rows, List<double[]> trainOutputs, List<double[]> probeOutputs) {
        this.initial = initial;
        this.model = model;
        this.stepSize = stepSize;
        this.batchSize = batchSize;
        this.initialKernel = initialKernel;
        this.rows = rows.toArray(new double[0][]);
        this.trainOutputs = trainOutputs.toArray(new double[0][]);
        this.probeOutputs = probeOutputs == null ? null : probeOutputs.toArray(new double[0][]);
        this.withoutModels = null;
        this.modelName = String.valueOf(model);
    }

    private TrainingRun(TrainingRun r, String why) {
        this.initial = null;
        this.model = null;
        this.stepSize = r.stepSize;
        this.batchSize = r.batchSize;
        this.initialKernel = r.initialKernel;
        this.rows = r.rows;
        this.trainOutputs = r.trainOutputs;
        this.probeOutputs = r.probeOutputs;
        this.withoutModels = why;
        this.modelName = r.modelName;
    }

    /** The same history without the two models (their memory is freed), {@code why} in the message of {@link #model()}. */
    TrainingRun withoutModels(String why) {
        return new TrainingRun(this, why);
    }

    /** The model at θ₀. */
    public DifferentiableModel initial() {
        requireModels("initial");
        return initial;
    }

    /** The model at θ_T. */
    public DifferentiableModel model() {
        requireModels("model");
        return model;
    }

    private void requireModels(String which) {
        if (withoutModels != null) {
            throw new IllegalStateException("this run's " + which + "() was not kept: " + withoutModels);
        }
    }

    /** The step size η used. */
    public double stepSize() {
        return stepSize;
    }

    /** The mini-batch size (n for full-batch GD). */
    public int batchSize() {
        return batchSize;
    }

    /** K(θ₀) on the training inputs. */
    public TangentKernel initialKernel() {
        return initialKernel;
    }

    /** The recorded steps t. */
    public double[] steps() {
        return column(0);
    }

    /** L(θ_t) at the recorded steps. */
    public double[] loss() {
        return column(1);
    }

    /** ‖∇L(θ_t)‖² (full-batch gradient, also for SGD). */
    public double[] gradientNormSquared() {
        return column(2);
    }

    /** ‖θ_t − θ₀‖. */
    public double[] parameterDistance() {
        return column(3);
    }

    /** ‖K_t − K₀‖_F / ‖K₀‖_F (NaN if the kernel was not tracked). */
    public double[] kernelDrift() {
        return column(4);
    }

    /** λ_min(K_t). */
    public double[] lambdaMin() {
        return column(5);
    }

    /** λ_max(K_t). */
    public double[] lambdaMax() {
        return column(6);
    }

    /** ‖∇L‖² / (2 λ_min(K_t) L(θ_t)): the PL inequality holds at t when this is ≥ 1. */
    public double[] plRatio() {
        return column(7);
    }

    /** The final loss L(θ_T). */
    public double finalLoss() {
        return rows[rows.length - 1][1];
    }

    /** max_t ‖K_t − K₀‖/‖K₀‖ over the recorded steps. */
    public double maxKernelDrift() {
        return max(kernelDrift());
    }

    /** ‖θ_T − θ₀‖. */
    public double finalDistance() {
        return rows[rows.length - 1][3];
    }

    /** min_t λ_min(K_t) over the recorded steps. */
    public double minLambdaMin() {
        double m = Double.POSITIVE_INFINITY;
        for (double v : lambdaMin()) {
            m = Math.min(m, v);
        }
        return m;
    }

    /**
     * The PL content along the path: min_t λ_min(K_t) / λ_min(K₀) over the recorded steps. PL with a constant
     * μ = c·λ_min(K₀) holds along the whole path iff this is ≥ c. It is 0 when K₀ is singular to rounding
     * (λ_min(K₀) ≤ 1e-12·λ_max(K₀), e.g. fewer parameters than data points): then there is no PL constant at θ₀.
     */
    public double plConstantRatio() {
        double l0 = initialKernel.lambdaMin();
        if (!(l0 > 1e-12 * initialKernel.lambdaMax())) {
            return 0;
        }
        return minLambdaMin() / l0;
    }

    /** max_t η λ_max(K_t) over the recorded steps (GD on a quadratic with this curvature is stable below 2). */
    public double maxStepTimesLambdaMax() {
        double m = 0;
        for (double v : lambdaMax()) {
            m = Math.max(m, stepSize * v);
        }
        return m;
    }

    /**
     * How much GD could have amplified the residual along the top kernel direction: Π_t max(1, |1 − η λ_max(K_t)|)
     * over the steps (λ_max held constant between recorded steps). A quadratic model's residual component along
     * an eigenvalue λ is multiplied by (1 − ηλ) per step, so it grows only while ηλ &gt; 2, by this factor at most.
     * 1 when ηλ_max(K_t) ≤ 2 throughout.
     */
    public double instabilityGrowth() {
        double[] lm = lambdaMax();
        double[] t = steps();
        double logGrowth = 0;
        for (int i = 0; i + 1 < lm.length; i++) {
            double f = Math.abs(1 - stepSize * lm[i]);
            if (f > 1) {
                logGrowth += (t[i + 1] - t[i]) * Math.log(f);
            }
        }
        return Math.exp(logGrowth);
    }

    /**
     * The largest loss increase between consecutive recorded steps, max_t L_{t+k}/L_t (&lt; 1: the loss never
     * rose at the recorded resolution; a spike shows as a value well above 1).
     */
    public double maxLossIncrease() {
        double[] l = loss();
        double m = 0;
        for (int i = 1; i < l.length; i++) {
            m = Math.max(m, l[i] / l[i - 1]);
        }
        return m;
    }

    /**
     * The measured loss contraction per step, (L_T / L₀)^{1/T}; linear convergence means this is &lt; 1.
     * Compare with the linear-model bound (1 − η λ_min(K₀))².
     */
    public double lossRatioPerStep() {
        double[] l = loss();
        double[] t = steps();
        double span = t[t.length - 1] - t[0];
        Require.positive("number of steps", (int) span);
        return Math.pow(l[l.length - 1] / l[0], 1 / span);
    }

    /** (1 − η λ_min(K₀))²: the per-step loss contraction of the linearized model under full-batch GD. */
    public double linearContractionBound() {
        double c = 1 - stepSize * initialKernel.lambdaMin();
        return c * c;
    }

    /** f(θ_t; xⱼ) on the training inputs at recorded step index k (row k of the history). */
    public double[] trainOutputs(int k) {
        Require.inRange("k (recorded step index)", k, 0, trainOutputs.length - 1);
        return trainOutputs[k].clone();
    }

    /** Outputs on the probe inputs at recorded step index k (requires {@link GradientDescent#probe}). */
    public double[] probeOutputs(int k) {
        Require.inRange("k (recorded step index)", k, 0, trainOutputs.length - 1);
        if (probeOutputs == null) {
            throw new IllegalStateException("no probe inputs were given: call probe(inputs) before run()");
        }
        return probeOutputs[k].clone();
    }

    /** The number of history rows. */
    public int recordedSteps() {
        return rows.length;
    }

    /** max over recorded steps and training inputs of |f_t(xⱼ) − g_t(xⱼ)| between two runs recorded alike. */
    public double maxOutputGap(TrainingRun other) {
        return maxGap(trainOutputs, other.trainOutputs);
    }

    private double maxGap(double[][] a, double[][] b) {
        if (a.length != b.length || a[0].length != b[0].length) {
            throw new IllegalArgumentException("other must be recorded at the same steps on the same inputs, got "
                    + b.length + " rows of " + b[0].length + " outputs, expected " + a.length + " of " + a[0].length);
        }
        double g = 0;
        for (int k = 0; k < a.length; k++) {
            for (int j = 0; j < a[k].length; j++) {
                g = Math.max(g, Math.abs(a[k][j] - b[k][j]));
            }
        }
        return g;
    }

    /** The history as a Tablesaw table, one row per recorded step. */
    public Table history() {
        Table t = Table.create((batchSize == trainOutputs[0].length ? "GD" : "SGD (b = " + batchSize + ")")
                + String.format(" on %s, η = %.4g", modelName, stepSize));
        IntColumn step = IntColumn.create(STEP);
        for (double[] r : rows) {
            step.append((int) r[0]);
        }
        t.addColumns(step);
        String[] names = {LOSS, GRAD_SQ, DISTANCE, KERNEL_DRIFT, LAMBDA_MIN, LAMBDA_MAX, PL_RATIO};
        for (int c = 0; c < names.length; c++) {
            t.addColumns(DoubleColumn.create(names[c], column(c + 1)));
        }
        return t;
    }

    @Override
    public String toString() {
        return String.format("TrainingRun(%d steps, η = %.4g, loss %.3e → %.3e)", (int) rows[rows.length - 1][0], stepSize,
                rows[0][1], finalLoss());
    }

    private double[] column(int c) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = rows[k][c];
        }
        return out;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
