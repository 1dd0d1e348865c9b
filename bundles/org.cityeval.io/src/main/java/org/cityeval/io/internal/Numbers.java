package org.cityeval.io.internal;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Parses the numbers people type into spreadsheets. A hand-written scanner rather than a regular
 * expression: it runs once per cell, and {@link Double#parseDouble} alone would also take "NaN",
 * "Infinity", hex floats and a trailing 'd' or 'f'.
 * <p>
 * A value means the same double however it was written: {@code 85.7%} is the double nearest to 0.857
 * (not 85.7 / 100, which can differ in the last bit), so a CSV that prints a percentage and a spreadsheet
 * that stores 0.857 import to identical values; {@link #text(double)} writes a spreadsheet's number back
 * as text that parses to exactly that double.
 */
final class Numbers {
    /** Years accepted in a {@code year} column. */
    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2100;

    private Numbers() {
    }

    /**
     * @param cell the cell, already stripped
     * @return the value, or {@code null} when the cell means "no data"
     * @throws NumberFormatException when the cell is neither a number nor a missing-value marker
     */
    static Double parse(String cell) {
        // full-width digits, minus, dot, percent and comma (１２３．５％) become ASCII
        String s = nfkc(cell).replace('\u2212', '-');
        if (s.isEmpty() || !digit(s.charAt(0)) && missing(s)) {
            return null;
        }
        boolean percent = s.endsWith("%");
        if (percent) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        String plain = plain(s);
        // a percentage is scaled in decimal, then rounded once: exact, unlike dividing the double by 100.
        // scaleByPowerOfTen only changes the scale; movePointLeft would also set a negative scale to 0, which
        // for "1e100000000%" multiplies out a hundred-million-digit number (a fuzzer found it hanging).
        double value = percent ? new BigDecimal(plain).scaleByPowerOfTen(-2).doubleValue() : Double.parseDouble(plain);
        if (Double.isInfinite(value)) {
            throw new NumberFormatException("out of range");
        }
        return value;
    }

    /**
     * Parses a year: an integer from {@value #MIN_YEAR} to {@value #MAX_YEAR}, full-width digits allowed, and
     * a zero fraction ({@code 2020.0}, as pandas writes a float column) tolerated.
     *
     * @param cell the cell, already stripped
     * @return the year, or {@code null} when the cell is empty
     * @throws NumberFormatException when the cell is not such a year
     */
    static Integer year(String cell) {
        String s = nfkc(cell);
        if (s.isEmpty()) {
            return null;
        }
        int n = s.length();
        int dot = s.indexOf('.');
        int end = dot < 0 ? n : dot;
        if (dot == n - 1) {
            throw new NumberFormatException(s);
        }
        for (int i = dot + 1; dot >= 0 && i < n; i++) {
            if (s.charAt(i) != '0') {
                throw new NumberFormatException(s);
            }
        }
        if (end == 0 || end > 4) {
            throw new NumberFormatException(s);
        }
        int year = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!digit(c)) {
                throw new NumberFormatException(s);
            }
            year = year * 10 + (c - '0');
        }
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new NumberFormatException(s);
        }
        return year;
    }

    /**
     * A number stored in a spreadsheet, as text that {@link #parse} reads back to exactly {@code value}:
     * integers without a fraction ({@code 2020}, {@code 330100}), others in plain decimal notation
     * ({@code 85.7}, {@code 0.001}).
     */
    static String text(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        // Double.toString's digits, which round-trip, without its exponent or a trailing zero ("1.0E-7")
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** NFKC (full-width digits and letters to ASCII) only when needed: pure ASCII is returned as is. */
    static String nfkc(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return Normalizer.normalize(s, Normalizer.Form.NFKC).strip();
            }
        }
        return s;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Markers for "no data" seen in statistical yearbooks and spreadsheet exports. */
    private static boolean missing(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "", "-", "--", "\u2014", "\u2014\u2014", "\u2013", "n/a", "na", "#n/a", "null":
                return true;
            default:
                return false;
        }
    }

    /**
     * Checks {@code [+-]digits[.digits][e[+-]digits]} with optional thousands commas in the integer part
     * (only in groups of three, so "1,2" is refused rather than read as 12) and returns it without commas.
     */
    private static String plain(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        int group = 0; // digits since the last comma, or since the start
        boolean commas = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                group++;
            } else if (c == ',') {
                if (group == 0 || group > 3 || commas && group != 3) {
                    throw new NumberFormatException(s);
                }
                commas = true;
                group = 0;
            } else {
                break;
            }
        }
        if (commas && group != 3) {
            throw new NumberFormatException(s);
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            for (; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                digits++;
            }
        }
        if (digits == 0) {
            throw new NumberFormatException(s);
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            for (; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                exp++;
            }
            if (exp == 0) {
                throw new NumberFormatException(s);
            }
        }
        if (i != n) {
            throw new NumberFormatException(s);
        }
        return commas ? s.replace(",", "") : s;
    }
}
