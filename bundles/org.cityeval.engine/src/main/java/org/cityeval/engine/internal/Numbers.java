package org.cityeval.engine.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Rounding the way reports print numbers, and reading numeric rule parameters. */
public final class Numbers {
    private Numbers() {
    }

    /**
     * Rounds half up at {@code decimals}, going through the shortest decimal representation of the
     * double so that 85.69999999999999 (a float sum of 26.2 + 25.2 + 17.2 + 17.1) prints as 85.7.
     */
    public static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        BigDecimal exact = BigDecimal.valueOf(value).setScale(decimals + 6, RoundingMode.HALF_EVEN);
        return exact.setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /** Formats at a fixed number of decimals, e.g. {@code format(73, 1)} is {@code 73.0}. */
    public static String format(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "";
        }
        return BigDecimal.valueOf(round(value, decimals)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** Formats without trailing zeros, e.g. {@code 80} or {@code 72.5}. */
    public static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** @return the numeric parameter, or {@code fallback} when absent */
    public static double parameter(Map<String, Object> parameters, String name, double fallback) {
        Object v = parameters.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a number, not '" + v + "'");
    }
}
