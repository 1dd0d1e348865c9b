package org.cityeval.io.internal;

import java.util.Locale;

/**
 * Parses the numbers people type into spreadsheets. A hand-written scanner rather than a regular
 * expression: it runs once per cell, and {@link Double#parseDouble} alone would also take "NaN",
 * "Infinity", hex floats and a trailing 'd' or 'f'.
 */
final class Numbers {
    private Numbers() {
    }

    /**
     * @param cell the cell, already stripped
     * @return the value, or {@code null} when the cell means "no data"
     * @throws NumberFormatException when the cell is neither a number nor a missing-value marker
     */
    static Double parse(String cell) {
        // full-width digits, minus, dot, percent and comma (１２３．５％) become ASCII
        String s = CsvDatasetImporter.nfkc(cell).replace('\u2212', '-');
        if (missing(s)) {
            return null;
        }
        boolean percent = s.endsWith("%");
        if (percent) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        double value = Double.parseDouble(plain(s));
        if (Double.isInfinite(value)) {
            throw new NumberFormatException("out of range");
        }
        return percent ? value / 100 : value;
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
