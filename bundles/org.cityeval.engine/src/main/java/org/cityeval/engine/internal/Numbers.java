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
     * <p>
     * Bit for bit {@link #roundExact}, without its decimal arithmetic wherever the value is not near a half at
     * {@code decimals} (every score of every city is rounded, so the decimal arithmetic was most of a panel's
     * allocation). Why the fast path is exact: let t be the value of the double's decimal representation × 10^d.
     * The double itself is within half an ulp of that decimal, and {@code value * 10^d} adds one more rounding, so
     * {@code scaled} is within |scaled| × 2^-52 of t — under 2.3e-4 for |scaled| &lt; 1e12; {@link #roundExact}'s
     * first step (half even at d + 6 decimals) moves t by at most 5e-7. So where {@code scaled}'s fraction is at
     * least 1e-3 away from one half, both round to the same integer k (near a whole number both take that whole
     * number), and k / 10^d — two exact doubles (k &lt; 2^52, 10^d ≤ 10^22), one correctly rounded division — is
     * the double {@code BigDecimal.doubleValue()} gives for k × 10^-d (it computes that same division). Near a
     * half, for d outside 0–22, or |scaled| ≥ 1e12, the decimal arithmetic itself. NumbersTest compares the two
     * over millions of values.
     */
    public static double round(double value, int decimals) {
        if (decimals >= 0 && decimals < TENS.length) {
            double scale = TENS[decimals];
            double scaled = value * scale;
            if (Math.abs(scaled) < FAST_LIMIT) { // false for NaN and infinities
                double floor = Math.floor(scaled);
                double fraction = scaled - floor;
                if (Math.abs(fraction - 0.5) >= HALF_MARGIN) {
                    double k = fraction < 0.5 ? floor : floor + 1;
                    return k / scale + 0.0; // −0.0 comes back as 0.0, as from the decimal arithmetic
                }
            }
        }
        return roundExact(value, decimals);
    }

    private static final double[] TENS = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    private static final double FAST_LIMIT = 1e12;
    private static final double HALF_MARGIN = 1e-3;

    /** {@link #round} through decimal arithmetic: the definition, used near a half and in the tests. */
    static double roundExact(double value, int decimals) {
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
