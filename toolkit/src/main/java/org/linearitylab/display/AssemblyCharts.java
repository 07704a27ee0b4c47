package org.linearitylab.display;

import org.knowm.xchart.XYChart;

import tech.tablesaw.api.Table;
import org.linearitylab.analysis.BallScan;
import org.linearitylab.analysis.ProofChain;
import org.linearitylab.analysis.SphereScan;
import org.linearitylab.core.Require;

/**
 * Charts and HTML tables of Theorem 1's measurements on an assembly model: the Taylor remainder on spheres
 * ({@link SphereScan}), the ball B(θ₀, R) ({@link BallScan}) and the proof line by line ({@link ProofChain}).
 * The HTML views are registered in {@link Views}, so a scan that is a cell's last expression shows as its table.
 *
 * <pre>{@code
 * var scan = SphereScan.of(f, x, new double[]{0.1, 1, 10}, 50, 7);
 * AssemblyCharts.chart(scan)                                    // |R| against R, log-log
 * AssemblyCharts.table(new String[]{"random", "worst"}, a, b)   // proof chains side by side
 * }</pre>
 */
public final class AssemblyCharts {
    /** Significant digits of the scans' tables. */
    static final int SCAN_DIGITS = 4;
    /** Significant digits of the proof-chain tables. */
    static final int CHAIN_DIGITS = 3;

    private AssemblyCharts() {
    }

    /** |R| against R on log-log axes: random directions, worst direction, and Theorem 1's bound dashed. */
    public static XYChart chart(SphereScan scan) {
        Require.notNull("scan", scan);
        double[] radii = scan.radii();
        XYChart c = Plots.logLog("Taylor remainder vs radius R (m = " + scan.width() + ")", "radius R = ‖θ − θ₀‖", "|R(θ)|");
        Plots.withErrors(c, "worst direction found", radii, scan.worst(), null);
        Plots.withErrors(c, "max over random directions", radii, scan.randomMax(), null);
        Plots.withErrors(c, "mean over random directions", radii, scan.randomMean(), null);
        Plots.dashed(c, "Theorem 1 bound βR²/(2s(m))", radii, scan.bound());
        return c;
    }

    /** The scan's table ({@link SphereScan#table()}, one row per radius) as HTML. */
    public static String html(SphereScan scan) {
        Require.notNull("scan", scan);
        return Tables.html(Formatting.significant(scan.table(), SCAN_DIGITS));
    }

    /** The ball's table ({@link BallScan#table()}, one row per quantity) as HTML. */
    public static String html(BallScan ball) {
        Require.notNull("ball", ball);
        return Tables.html(Formatting.significant(ball.table(), SCAN_DIGITS));
    }

    /** One chain's table ({@link ProofChain#table()}: line, LaTeX, value, loss, reason) as HTML. */
    public static String html(ProofChain chain) {
        Require.notNull("chain", chain);
        return Tables.html(Formatting.significant(chain.table(), CHAIN_DIGITS));
    }

    /**
     * Several chains side by side ({@link ProofChain#table(String[], ProofChain...)}), shown with 3 significant
     * digits: a cell's last expression renders it as HTML.
     */
    public static Table table(String[] names, ProofChain... chains) {
        return Formatting.significant(ProofChain.table(names, chains), CHAIN_DIGITS);
    }
}
