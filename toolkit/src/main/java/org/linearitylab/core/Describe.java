package org.linearitylab.core;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One-line text forms for results, so a cell's last expression never prints {@code Class@1a2b3c} or
 * {@code [D@4e25154f}: arrays are summarised by length and range (short ones listed), ND4J arrays by shape.
 * Results call it from their {@code toString()}. (Table columns shown as HTML are formatted by
 * {@code display.Formatting}, with a chosen number of digits; see there why these are two forms.)
 */
public final class Describe {
    /** Arrays up to this length are listed in full. */
    public static final int LIST_UP_TO = 6;

    private Describe() {
    }

    /** {@code Name[a=…, b=…]} like a record's own toString, with every array component summarised. */
    public static String record(Record r) {
        RecordComponent[] parts = r.getClass().getRecordComponents();
        StringBuilder b = new StringBuilder(r.getClass().getSimpleName()).append('[');
        for (int i = 0; i < parts.length; i++) {
            Object v;
            try {
                var accessor = parts[i].getAccessor();
                accessor.setAccessible(true);
                v = accessor.invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                v = "?";
            }
            b.append(i == 0 ? "" : ", ").append(parts[i].getName()).append('=').append(value(v));
        }
        return b.append(']').toString();
    }

    /** A value in one short phrase: numbers to 4 significant digits, arrays by length and range. */
    public static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof double[] a) {
            return a.length <= LIST_UP_TO ? Arrays.stream(a).mapToObj(Describe::number).collect(Collectors.joining(", ", "[", "]"))
                    : a.length + " values in " + range(Arrays.stream(a).min().orElse(Double.NaN), Arrays.stream(a).max().orElse(Double.NaN));
        }
        if (v instanceof int[] a) {
            return a.length <= LIST_UP_TO ? Arrays.toString(a)
                    : a.length + " values in [" + Arrays.stream(a).min().orElse(0) + ", " + Arrays.stream(a).max().orElse(0) + "]";
        }
        if (v instanceof long[] a) {
            return a.length <= LIST_UP_TO ? Arrays.toString(a) : a.length + " values";
        }
        if (v instanceof double[][] a) {
            return a.length + "×" + (a.length == 0 ? 0 : a[0].length) + " matrix";
        }
        if (v instanceof INDArray a) {
            return "INDArray " + Arrays.stream(a.shape()).mapToObj(Long::toString).collect(Collectors.joining("×"));
        }
        if (v instanceof Object[] a) {
            return a.length <= LIST_UP_TO ? Arrays.stream(a).map(Describe::value).collect(Collectors.joining(", ", "[", "]"))
                    : a.length + " " + a.getClass().getComponentType().getSimpleName() + " values";
        }
        if (v.getClass().isArray()) {
            return java.lang.reflect.Array.getLength(v) + " " + v.getClass().getComponentType().getSimpleName() + " values";
        }
        return String.valueOf(v);
    }

    /** {@code x} with 4 significant digits. */
    public static String number(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return Double.toString(x);
        }
        double ax = Math.abs(x);
        return ax >= 1e-3 && ax < 1e6 ? String.format(Locale.ROOT, "%.4g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "")
                : String.format(Locale.ROOT, "%.3e", x);
    }

    private static String range(double lo, double hi) {
        return "[" + number(lo) + ", " + number(hi) + "]";
    }
}
