package org.linearitylab.display;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Number formatting of table columns shown in notebooks: {@code digits} significant digits, plain between 1e-3 and
 * 1e5 ({@code 0.01422}), scientific outside ({@code 1.354E-7}). The one-line text of a result ({@code toString()})
 * is {@link org.linearitylab.core.Describe#number}'s instead (4 digits, {@code 1.354e-07}): a different, fixed form
 * that the core layer needs without Tablesaw's formatters; neither calls the other because their outputs differ.
 */
public final class Formatting {
    private Formatting() {
    }

    /**
     * Shows every double column of {@code table} with {@code digits} significant digits (scientific notation
     * below 1e-3 or above 1e5); returns the same table (its print formatters are set, the data are unchanged).
     */
    public static Table significant(Table table, int digits) {
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("digits must be in [1, 17], got " + digits);
        }
        for (Column<?> c : table.columns()) {
            if (c instanceof DoubleColumn dc) {
                dc.setPrintFormatter(new NumberColumnFormatter(new SignificantFormat(digits)));
            }
        }
        return table;
    }

    /** A NumberFormat that prints doubles with a fixed number of significant digits. */
    private static final class SignificantFormat extends java.text.NumberFormat {
        private final DecimalFormat plain;
        private final DecimalFormat scientific;
        private final int digits;

        SignificantFormat(int digits) {
            this.digits = digits;
            DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
            this.scientific = new DecimalFormat("0." + "0".repeat(Math.max(0, digits - 1)) + "E0", symbols);
            this.plain = new DecimalFormat("0.#################", symbols);
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, java.text.FieldPosition pos) {
            double a = Math.abs(number);
            if (number == 0 || !Double.isFinite(number)) {
                return toAppendTo.append(number == 0 ? "0" : String.valueOf(number));
            }
            if (a < 1e-3 || a >= 1e5) {
                return scientific.format(number, toAppendTo, pos);
            }
            java.math.BigDecimal rounded = new java.math.BigDecimal(number).round(new java.math.MathContext(digits));
            return plain.format(rounded.doubleValue(), toAppendTo, pos);
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, java.text.FieldPosition pos) {
            return toAppendTo.append(number);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition parsePosition) {
            return plain.parse(source, parsePosition);
        }
    }
}
