package org.linearitylab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.linearitylab.core.Require;
import org.linearitylab.core.Rng;

/**
 * The UCI optical-recognition handwritten digits (Alpaydin &amp; Kaynak 1998, CC BY 4.0; the copy shipped
 * with scikit-learn): 1,797 images of 8×8 pixels, each pixel an integer count 0..16, labels 0–9.
 *
 * <p>{@link #load()} returns the whole set with features scaled to [0, 1] (pixel / 16), one row per image
 * (row-major 8×8 → 64 features). The resource {@code org/linearitylab/data/digits.csv.gz} sits next to its
 * attribution file {@code digits.ATTRIBUTION.md}.
 *
 * <pre>{@code
 * var digits = Digits.load();            // 1797 × 64
 * var small = digits.shuffled(7).head(20);
 * double[][] x = small.features(); int[] y = small.labels();
 * }</pre>
 */
public final class Digits {
    /** Number of images in the full set. */
    public static final int SIZE = 1797;
    /** Number of features (8×8 pixels). */
    public static final int FEATURES = 64;
    /** Largest raw pixel value; features are pixel / {@code MAX_PIXEL}. */
    public static final double MAX_PIXEL = 16.0;

    private static final String RESOURCE = "/org/linearitylab/data/digits.csv.gz";
    private static volatile Digits full;

    private final double[][] features;
    private final int[] labels;

    private Digits(double[][] features, int[] labels) {
        this.features = features;
        this.labels = labels;
    }

    /** All 1,797 digits, features in [0, 1], in file order (loaded once, then shared: the object is immutable). */
    public static Digits load() {
        Digits d = full;
        if (d == null) {
            synchronized (Digits.class) {
                if (full == null) {
                    full = read();
                }
                d = full;
            }
        }
        return d;
    }

    private static Digits read() {
        InputStream raw = Digits.class.getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new IllegalStateException("resource " + RESOURCE + " is missing from the toolkit jar");
        }
        double[][] x = new double[SIZE][];
        int[] y = new int[SIZE];
        int n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != FEATURES + 1 || n >= SIZE) {
                    throw new IllegalStateException("digits.csv.gz: unexpected line " + (n + 1) + " with " + cells.length + " fields");
                }
                double[] row = new double[FEATURES];
                for (int j = 0; j < FEATURES; j++) {
                    row[j] = Double.parseDouble(cells[j]) / MAX_PIXEL;
                }
                x[n] = row;
                y[n] = (int) Double.parseDouble(cells[FEATURES]);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        if (n != SIZE) {
            throw new IllegalStateException("digits.csv.gz: expected " + SIZE + " rows, read " + n);
        }
        return new Digits(x, y);
    }

    /** Number of images n. */
    public int size() {
        return labels.length;
    }

    /** A copy of the n×64 feature matrix (values in [0, 1]). */
    public double[][] features() {
        double[][] out = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            out[i] = features[i].clone();
        }
        return out;
    }

    /** A copy of image i's 64 features. */
    public double[] image(int i) {
        Require.inRange("i", i, 0, size() - 1);
        return features[i].clone();
    }

    /** A copy of the n labels (0–9). */
    public int[] labels() {
        return labels.clone();
    }

    /** Label of image i. */
    public int label(int i) {
        Require.inRange("i", i, 0, size() - 1);
        return labels[i];
    }

    /** The first n images (1 ≤ n ≤ size()). */
    public Digits head(int n) {
        Require.inRange("n", n, 1, size());
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows(rows);
    }

    /** The images at the given row indices, in that order. */
    public Digits rows(int... rows) {
        Require.notNull("rows", rows);
        if (rows.length == 0) {
            throw new IllegalArgumentException("rows must hold at least one index");
        }
        double[][] x = new double[rows.length][];
        int[] y = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int i = Require.inRange("rows[" + k + "]", rows[k], 0, size() - 1);
            x[k] = features[i];
            y[k] = labels[i];
        }
        return new Digits(x, y);
    }

    /** All images in a seeded random order (same seed, same order). */
    public Digits shuffled(long seed) {
        return rows(Rng.seed(seed).permutation(size()));
    }

    /** Only the images whose label is one of {@code digits} (e.g. 0 and 1 for a binary task). */
    public Digits withLabels(int... digits) {
        Require.notNull("digits", digits);
        boolean[] keep = new boolean[10];
        for (int d : digits) {
            keep[Require.inRange("digit", d, 0, 9)] = true;
        }
        int count = 0;
        for (int y : labels) {
            if (keep[y]) {
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("no image has a label in the requested digits");
        }
        int[] rows = new int[count];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (keep[labels[i]]) {
                rows[k++] = i;
            }
        }
        return rows(rows);
    }

    @Override
    public String toString() {
        return "Digits[n=" + size() + ", d=" + FEATURES + ", features in [0,1], labels 0–9]";
    }
}
