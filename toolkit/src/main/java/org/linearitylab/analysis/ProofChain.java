package org.linearitylab.analysis;

import java.util.Arrays;
import java.util.List;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.core.Require;
import org.linearitylab.model.assembly.AssemblyModel;
import org.linearitylab.model.assembly.SubModel;

/**
 * The proof of Theorem 1 (paper Section 2) evaluated line by line for one displacement δ = θ − θ₀:
 * <pre>
 * (0) |𝓡(θ)| = |f(θ) − f(θ₀) − ∇f(θ₀)ᵀδ|                        measured
 * (1)        = |½ δᵀ H(ξ) δ|,  ξ = θ₀ + τδ                        Lagrange remainder (τ found numerically)
 * (2)        = |(1/2s) Σᵢ vᵢ δᵢᵀ H_gᵢ(ξᵢ) δᵢ|                       Obs. 1 and Obs. 2 (blocks)
 * (3)        ≤ (1/2s) Σᵢ |vᵢ| |δᵢᵀ H_gᵢ(ξᵢ) δᵢ|                     triangle inequality (drops the signs)
 * (4)        ≤ (1/2s) Σᵢ |vᵢ| ‖H_gᵢ(ξᵢ)‖ ‖δᵢ‖²                      Rayleigh quotient ≤ spectral norm
 * (5)        ≤ (β/2s) Σᵢ ‖δᵢ‖²                                     Assumption 2 with |vᵢ| ≤ 1 (β = maxᵢ |vᵢ|βᵢ)
 * (6)        = (β/2s) ‖δ‖²                                          independence: the blocks partition θ
 * (7)        ≤ β R² / (2s)                                          ‖δ‖ ≤ R
 * </pre>
 * Lines (0)–(2) are equal; each later line is at least the one before, and {@link #loss(int)} says by which
 * factor. β is the sub-model's bound on the ball of radius R ({@link AssemblyModel#smoothness}).
 *
 * @param width  m
 * @param radius R
 * @param tau    the τ ∈ [0, 1] of the mean-value point ξ = θ₀ + τδ
 * @param values the value of every line (0)–(7)
 */
public record ProofChain(int width, double radius, double tau, double[] values) {
    /** One line: arrays summarised by length and range (never {@code [D@…}). */
    @Override
    public String toString() {
        return org.linearitylab.core.Describe.record(this);
    }

    /** The LaTeX of each line, in order. */
    public static final List<String> LATEX = List.of(
            "$|\\mathcal R(\\theta)| = |f(\\theta)-f(\\theta_0)-\\nabla f(\\theta_0)^\\top\\delta|$",
            "$= |\\tfrac12\\,\\delta^\\top H(\\xi)\\,\\delta|$",
            "$= \\big|\\tfrac{1}{2s(m)}\\sum_i v_i\\,\\delta_i^\\top H_{g_i}(\\xi)\\,\\delta_i\\big|$",
            "$\\le \\tfrac{1}{2s(m)}\\sum_i |v_i|\\,|\\delta_i^\\top H_{g_i}(\\xi)\\,\\delta_i|$",
            "$\\le \\tfrac{1}{2s(m)}\\sum_i |v_i|\\,\\|H_{g_i}(\\xi)\\|\\,\\|\\delta_i\\|^2$",
            "$\\le \\tfrac{\\beta}{2s(m)}\\sum_i \\|\\delta_i\\|^2$",
            "$= \\tfrac{\\beta}{2s(m)}\\,\\|\\delta\\|^2$",
            "$\\le \\tfrac{\\beta R^2}{2s(m)}$");
    /** Why each line follows from the one before. */
    public static final List<String> REASONS = List.of(
            "measured",
            "Lagrange remainder (mean-value point ξ)",
            "Obs. 1 + Obs. 2 (block-diagonal H)",
            "triangle inequality (drops the signs)",
            "Rayleigh quotient ≤ spectral norm",
            "Assumption 2, |vᵢ| ≤ 1 (β = maxᵢ|vᵢ|βᵢ)",
            "independence: Σ‖δᵢ‖² = ‖δ‖²",
            "‖δ‖ ≤ R");

    /** The chain for displacement δ (non-zero, length m·p) at input x, with R = ‖δ‖. */
    public static ProofChain of(AssemblyModel f, double[] x, double[] displacement) {
        Require.notNull("displacement", displacement);
        return of(f, x, displacement, norm(displacement));
    }

    /** The chain for displacement δ with a radius R ≥ ‖δ‖ (line 7). */
    public static ProofChain of(AssemblyModel f, double[] x, double[] displacement, double radius) {
        Require.notNull("f", f);
        return of(f, x, displacement, radius, f.smoothness(x, radius));
    }

    /** As {@link #of(AssemblyModel, double[], double[], double)} with a given β ≥ 0 (for sub-models that give none). */
    public static ProofChain of(AssemblyModel f, double[] x, double[] displacement, double radius, double beta) {
        Require.notNull("f", f);
        Require.nonNegative("beta", beta);
        Require.length("displacement", displacement, f.parameterCount());
        Require.finite("displacement", displacement);
        double dn = norm(displacement);
        if (!(dn > 0)) {
            throw new IllegalArgumentException("displacement must be a non-zero vector");
        }
        if (!(radius >= dn * (1 - 1e-12))) {
            throw new IllegalArgumentException("radius must be ≥ ‖displacement‖ = " + dn + ", got " + radius);
        }
        double r0 = f.remainder(x, displacement);
        double tau = meanValuePoint(f, x, displacement, r0);
        double[] theta0 = f.parameters();
        AssemblyModel atXi = f.withParameters(axpy(theta0, tau, displacement));
        double full = dot(displacement, atXi.hessianVectorProduct(x, displacement)) / 2;
        SubModel g = f.subModel();
        int m = f.width();
        int p = g.parameterCount();
        double[] v = f.weights();
        double s = f.scale();
        double signed = 0;
        double absolute = 0;
        double spectral = 0;
        double squares = 0;
        double[] di = new double[p];
        for (int i = 0; i < m; i++) {
            System.arraycopy(displacement, i * p, di, 0, p);
            double d2 = dot(di, di);
            if (d2 == 0) {
                continue;
            }
            double[] xi = atXi.block(i);
            double q = dot(di, g.hessianVectorProduct(xi, x, di));
            signed += v[i] * q;
            absolute += Math.abs(v[i]) * Math.abs(q);
            spectral += Math.abs(v[i]) * g.hessianNorm(xi, x) * d2;
            squares += d2;
        }
        double[] values = {
            Math.abs(r0),
            Math.abs(full),
            Math.abs(signed) / (2 * s),
            absolute / (2 * s),
            spectral / (2 * s),
            beta * squares / (2 * s),
            beta * dn * dn / (2 * s),
            beta * radius * radius / (2 * s)};
        return new ProofChain(m, radius, tau, values);
    }

    /** value(line) / value(line − 1): the factor that line gives away (1 for the equalities; line ≥ 1). */
    public double loss(int line) {
        Require.inRange("line", line, 1, values.length - 1);
        return values[line] / values[line - 1];
    }

    /** The bound (line 7) divided by the measured |𝓡| (line 0): how loose Theorem 1 is for this δ, in total. */
    public double totalLoss() {
        return values[values.length - 1] / values[0];
    }

    /** One row per line: line, LaTeX, value, loss, reason. */
    public Table table() {
        return table(new String[]{"δ"}, this);
    }

    /** Several chains side by side (e.g. random, gradient and worst directions): value and loss per chain. */
    public static Table table(String[] names, ProofChain... chains) {
        Require.notNull("names", names);
        Require.notNull("chains", chains);
        if (names.length != chains.length || chains.length == 0) {
            throw new IllegalArgumentException("names and chains must have the same, non-zero length, got "
                    + names.length + " and " + chains.length);
        }
        int n = LATEX.size();
        Table t = Table.create("Theorem 1's proof, line by line (m = " + chains[0].width + ")",
                IntColumn.indexColumn("line", n, 0), StringColumn.create("step", LATEX));
        for (int c = 0; c < chains.length; c++) {
            double[] loss = new double[n];
            loss[0] = Double.NaN;
            for (int k = 1; k < n; k++) {
                loss[k] = chains[c].loss(k);
            }
            t.addColumns(DoubleColumn.create(names[c] + ": value", chains[c].values),
                    DoubleColumn.create(names[c] + ": ×lost", loss));
        }
        t.addColumns(StringColumn.create("why", REASONS));
        return t;
    }

    /**
     * τ ∈ [0, 1] with ½ δᵀH(θ₀ + τδ)δ = 𝓡 (exists by the mean-value theorem for φ(t) = f(θ₀ + tδ)): a sign change
     * on a 64-interval grid, then bisection; the grid point closest to it if the grid shows no sign change.
     */
    static double meanValuePoint(AssemblyModel f, double[] x, double[] d, double remainder) {
        double[] theta0 = f.parameters();
        java.util.function.DoubleUnaryOperator gap = tau ->
                dot(d, f.withParameters(axpy(theta0, tau, d)).hessianVectorProduct(x, d)) / 2 - remainder;
        int n = 64;
        double prevT = 0;
        double prev = gap.applyAsDouble(0);
        double bestT = 0;
        double best = Math.abs(prev);
        for (int k = 1; k <= n; k++) {
            double t = (double) k / n;
            double gk = gap.applyAsDouble(t);
            if (Math.abs(gk) < best) {
                best = Math.abs(gk);
                bestT = t;
            }
            if (prev == 0) {
                return prevT;
            }
            if (Math.signum(gk) != Math.signum(prev)) {
                double lo = prevT;
                double hi = t;
                double glo = prev;
                for (int it = 0; it < 60; it++) {
                    double mid = (lo + hi) / 2;
                    double gm = gap.applyAsDouble(mid);
                    if (Math.signum(gm) == Math.signum(glo)) {
                        lo = mid;
                        glo = gm;
                    } else {
                        hi = mid;
                    }
                }
                return (lo + hi) / 2;
            }
            prevT = t;
            prev = gk;
        }
        return bestT;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] axpy(double[] y, double a, double[] x) {
        double[] out = Arrays.copyOf(y, y.length);
        for (int i = 0; i < out.length; i++) {
            out[i] += a * x[i];
        }
        return out;
    }
}
