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
     * half the two steps are redone on integers where that is exact (below); otherwise, and for d outside 0–22 or
     * |scaled| ≥ 1e12, the decimal arithmetic itself. NumbersTest compares the two over a million values.
     */
    public static double round(double value, int decimals) {
        if (decimals >= 0 && decimals < TENS.length) {
            double scale = TENS[decimals];
            double scaled = value * scale;
            if (Math.abs(scaled) < FAST_LIMIT) { // false for NaN and infinities
                double floor = floor(scaled);
                double fraction = scaled - floor;
                if (Math.abs(fraction - 0.5) >= HALF_MARGIN) {
                    double k = fraction < 0.5 ? floor : floor + 1;
                    return k / scale + 0.0; // −0.0 comes back as 0.0, as from the decimal arithmetic
                }
                // Near a half: usually a short decimal such as 3.45 at one decimal. Redo both steps of the decimal
                // arithmetic on integers: at d + 6 decimals, |scaled6| < 2^49 is within 2^49 × 2^-52 = 0.125 of
                // t × 10^6, so where its fraction is at least 0.25 from a half the nearest integer is the half-even
                // step's result e (an exact long); then half up at d on e ÷ 10^6 in integer arithmetic.
                if (decimals + 6 < TENS.length) {
                    double scaled6 = value * TENS[decimals + 6];
                    if (Math.abs(scaled6) < SHORT_LIMIT) {
                        double floor6 = floor(scaled6);
                        double fraction6 = scaled6 - floor6;
                        if (Math.abs(fraction6 - 0.5) >= 0.25) {
                            long e = (long) (fraction6 < 0.5 ? floor6 : floor6 + 1);
                            long k = (Math.abs(e) + 500_000) / 1_000_000;
                            return (e < 0 ? -k : k) / scale + 0.0;
                        }
                    }
                }
            }
        }
        return roundExact(value, decimals);
    }

    /**
     * {@link Math#floor} of |x| &lt; 2^62 through a long (exact there), which the JIT does not always turn into one
     * instruction as it does the cast (a profile found Math.floor's software fallback in the fast path). −0.0 gives
     * 0.0, which the callers treat alike.
     */
    private static double floor(double x) {
        long f = (long) x; // towards zero
        return f > x ? f - 1 : f;
    }

    private static final double[] TENS = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    private static final double FAST_LIMIT = 1e12;
    private static final double HALF_MARGIN = 1e-3;
    private static final double SHORT_LIMIT = 0x1p49;

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
