package org.linearitylab.experiment;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.linearitylab.core.Require;

/**
 * A least-squares line through (log x, log y): y ≈ C·x^slope (commons-math3's {@link SimpleRegression}). Used
 * for every scaling law (‖H‖ ~ m^{-1/2}, |cos| ~ m^{-1/2}, kernel drift, ...). The slope's standard error and
 * 95% interval are those of the regression on these points (Student t with n − 2 degrees of freedom): they say
 * how well this one curve follows a power law. For the spread of an exponent over random draws, fit one curve
 * per seed ({@link SlopeFit}).
 *
 * @param slope        the fitted exponent
 * @param intercept    log C (natural log)
 * @param r2           coefficient of determination of the log-log fit (1 when every y is equal)
 * @param n            number of points
 * @param slopeStdErr  standard error of the slope (NaN for 2 points: no residual degrees of freedom)
 * @param lo           lower end of the slope's 95% interval (NaN for 2 points)
 * @param hi           upper end of the slope's 95% interval (NaN for 2 points)
 */
public record LogLogFit(double slope, double intercept, double r2, int n, double slopeStdErr, double lo, double hi) {
    /** The two-sided level of {@link #lo}/{@link #hi}. */
    public static final double LEVEL = 0.95;

    /** Fits log y = intercept + slope·log x; every x and y must be finite and > 0, at least 2 distinct x. */
    public static LogLogFit of(double[] x, double[] y) {
        Require.notNull("x", x);
        if (x.length < 2) {
            throw new IllegalArgumentException("x must hold at least 2 points for a fit, got " + x.length);
        }
        Require.length("y", y, x.length);
        SimpleRegression reg = new SimpleRegression(true);
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] must be finite and > 0 for a log-log fit, got " + x[i]);
            }
            if (!(y[i] > 0) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] must be finite and > 0 for a log-log fit, got " + y[i]);
            }
            reg.addData(Math.log(x[i]), Math.log(y[i]));
        }
        if (reg.getXSumSquares() == 0) {
            throw new IllegalArgumentException("x must hold at least 2 distinct values for a fit");
        }
        double r2 = reg.getTotalSumSquares() == 0 ? 1 : reg.getRSquare();
        if (x.length < 3) {
            return new LogLogFit(reg.getSlope(), reg.getIntercept(), r2, x.length, Double.NaN, Double.NaN, Double.NaN);
        }
        double half = reg.getSlopeConfidenceInterval(1 - LEVEL);
        return new LogLogFit(reg.getSlope(), reg.getIntercept(), r2, x.length, reg.getSlopeStdErr(),
                reg.getSlope() - half, reg.getSlope() + half);
    }

    /** The fitted curve C·x^slope at x. */
    public double predict(double x) {
        Require.finite("x", x);
        return Math.exp(intercept) * Math.pow(x, slope);
    }

    /** The fitted curve at each x (for drawing the fit on a chart). */
    public double[] predict(double[] x) {
        Require.finite("x", x);
        if (x.length == 0) {
            throw new IllegalArgumentException("x must hold at least one value");
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = predict(x[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("slope %.3f (R² = %.4f, %d points)", slope, r2, n);
    }
}
