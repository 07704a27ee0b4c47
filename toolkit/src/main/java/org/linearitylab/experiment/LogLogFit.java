package org.linearitylab.experiment;

import org.linearitylab.core.Require;







/**
 * A least-squares line through (log x, log y): y ≈ C·x^slope. Used for every scaling law
 * (‖H‖ ~ m^{-1/2}, |cos| ~ m^{-1/2}, kernel drift, ...).
 *
 * @param slope     the fitted exponent
 * @param intercept log C (natural log)
 * @param r2        coefficient of determination of the log-log fit
 * @param n         number of points
 */
public record LogLogFit(double slope, double intercept, double r2, int n) {
    /** Fits log y = intercept + slope·log x; every x and y must be finite and > 0, at least 2 points. */
    public static LogLogFit of(double[] x, double[] y) {
        if (x != null && x.length < 2) {
            throw new IllegalArgumentException("x must hold at least 2 points for a fit, got " + x.length);
        }
        Require.notNull("x", x);
        Require.length("y", y, x.length);
        if (x.length < 2) {
            throw new IllegalArgumentException("x must hold at least 2 points for a fit, got " + x.length);
        }
        double[] lx = new double[x.length];
        double[] ly = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] must be finite and > 0 for a log-log fit, got " + x[i]);
            }
            if (!(y[i] > 0) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] must be finite and > 0 for a log-log fit, got " + y[i]);
            }
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(y[i]);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < lx.length; i++) {
            mx += lx[i];
            my += ly[i];
        }
        mx /= lx.length;
        my /= lx.length;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < lx.length; i++) {
            sxx += (lx[i] - mx) * (lx[i] - mx);
            sxy += (lx[i] - mx) * (ly[i] - my);
            syy += (ly[i] - my) * (ly[i] - my);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("x must hold at least 2 distinct values for a fit");
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
        return new LogLogFit(slope, my - slope * mx, r2, x.length);
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
