package org.cityeval.weighting.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.StringJoiner;

/** How the notes print numbers. */
final class Format {
    private Format() {
    }

    /** Half up at a fixed number of decimals, e.g. {@code fixed(0.16908, 3)} is {@code 0.169}. */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal d = new BigDecimal(Double.toString(value)).setScale(decimals, RoundingMode.HALF_UP);
        return d.signum() == 0 ? BigDecimal.ZERO.setScale(decimals).toPlainString() : d.toPlainString();
    }

    /** Without trailing zeros, e.g. {@code 3}, {@code 0.25}. */
    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** {@code a 0.250, b 0.750}: one value per child at a fixed number of decimals. */
    static String perChild(List<String> children, double[] values, int decimals) {
        StringJoiner s = new StringJoiner(", ");
        for (int j = 0; j < values.length; j++) {
            s.add(children.get(j) + " " + fixed(values[j], decimals));
        }
        return s.toString();
    }
}
