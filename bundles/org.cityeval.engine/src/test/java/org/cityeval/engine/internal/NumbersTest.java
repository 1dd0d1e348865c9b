package org.cityeval.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void roundRemovesFloatNoise() {
        double noisy = 26.2 + 25.2 + 17.2 + 17.1;
        assertEquals(85.69999999999999, noisy, 0.0, "precondition");
        assertEquals(85.7, Numbers.round(noisy, 1));
        assertEquals(85.7, Numbers.round(noisy, 2));
        assertEquals(0.3, Numbers.round(0.1 + 0.2, 4));
    }

    @Test
    void roundIsHalfUpOnTheDecimalAsPrinted() {
        assertEquals(1.3, Numbers.round(1.25, 1), "half up, not half even");
        assertEquals(0.1, Numbers.round(0.05, 1));
        assertEquals(2.68, Numbers.round(2.675, 2), "2.675 is 2.67499999... in binary but is written 2.675");
        assertEquals(1.01, Numbers.round(1.005, 2));
        assertEquals(-1.3, Numbers.round(-1.25, 1), "away from zero for negatives");
        assertEquals(3.0, Numbers.round(2.5, 0));
    }

    @Test
    void roundAtDisplayPrecision() {
        assertEquals(85.0, Numbers.round(85.04, 1));
        assertEquals(85.1, Numbers.round(85.05, 1));
        assertEquals(59.992, Numbers.round(59.992, 3));
        assertEquals(60.0, Numbers.round(59.992, 1));
        assertEquals(80.0, Numbers.round(79.95, 1));
        assertEquals(79.9, Numbers.round(79.94, 1));
        assertEquals(12.0, Numbers.round(12, 0));
    }

    @Test
    void roundLeavesNonFiniteValuesAlone() {
        assertTrue(Double.isNaN(Numbers.round(Double.NaN, 1)));
        assertEquals(Double.POSITIVE_INFINITY, Numbers.round(Double.POSITIVE_INFINITY, 1));
        assertEquals(Double.NEGATIVE_INFINITY, Numbers.round(Double.NEGATIVE_INFINITY, 1));
    }

    @Test
    void roundNeverGivesNegativeZero() {
        assertEquals(0.0, Numbers.round(-0.04, 1));
        assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(Numbers.round(-0.04, 1)));
    }

    @Test
    void formatAtFixedDecimals() {
        assertEquals("73.0", Numbers.format(73, 1));
        assertEquals("85.7", Numbers.format(26.2 + 25.2 + 17.2 + 17.1, 1));
        assertEquals("85.0", Numbers.format(85.04, 1));
        assertEquals("1.30", Numbers.format(1.3, 2));
        assertEquals("3", Numbers.format(2.5, 0));
        assertEquals("0.000", Numbers.format(0, 3));
        assertEquals("", Numbers.format(Double.NaN, 1));
    }

    @Test
    void plainWithoutTrailingZeros() {
        assertEquals("80", Numbers.plain(80));
        assertEquals("72.5", Numbers.plain(72.5));
        assertEquals("100", Numbers.plain(100.0));
        assertEquals("0", Numbers.plain(0.0));
        assertEquals("0.05", Numbers.plain(0.05));
        assertEquals("-1", Numbers.plain(-1));
    }

    @Test
    void parameter() {
        Map<String, Object> p = Map.of("long", 3L, "int", 2, "double", 0.5, "text", "x");
        assertEquals(3.0, Numbers.parameter(p, "long", 9));
        assertEquals(2.0, Numbers.parameter(p, "int", 9));
        assertEquals(0.5, Numbers.parameter(p, "double", 9));
        assertEquals(9.0, Numbers.parameter(p, "absent", 9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Numbers.parameter(p, "text", 9));
        assertEquals("parameter 'text' must be a number, not 'x'", e.getMessage());
    }

    /** The fast path of {@link Numbers#round} must give the decimal arithmetic's double, bit for bit. */
    private static void same(double v, int d) {
        long expected = Double.doubleToRawLongBits(Numbers.roundExact(v, d));
        long actual = Double.doubleToRawLongBits(Numbers.round(v, d));
        if (expected != actual) {
            throw new AssertionError("round(" + v + ", " + d + "): exact " + Numbers.roundExact(v, d) + ", fast "
                    + Numbers.round(v, d));
        }
    }

    @Test
    void fastRoundIsTheDecimalArithmeticOnEdgeCases() {
        double[] special = { 0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
                0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.05, 0.15, 0.25, 0.35, -0.05, -0.15, 1.005, -1.005, 2.675, -2.675,
                1.0049999999999999, 1.0050000000000001, 85.69999999999999, 17.099999999999998, 99.995, 99.9949999,
                0.045, 0.0045, 0.00045, 123456.785, -123456.785, 1e-12, -1e-12, 1e-300, -1e-300, 7.4999999999,
                7.5000000001, 0.1 + 0.2, 1e9, -1e9, 999999999999.5, 99999999999.95, 1e11 + 0.5, 1e12, 1e15, 1e22,
                4503599627370495.5, 4503599627370497.0, 9007199254740993.0, 0.49999999999999994, 0.5000000000000001,
                2.0000005, 2.0000015, 2.00000049999, 1.23456785e-7, 5e-7, 5e-8, 4.9999995e-7 };
        for (int d = -2; d <= 24; d++) {
            for (double v : special) {
                same(v, d);
                same(Math.nextUp(v), d);
                same(Math.nextDown(v), d);
            }
        }
        assertEquals(1.01, Numbers.round(1.005, 2), "x.xx5 as written rounds up");
        assertEquals(-1.01, Numbers.round(-1.005, 2), "and away from zero");
        assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(Numbers.round(-1e-9, 3)), "no −0.0");
    }

    @Test
    void fastRoundIsTheDecimalArithmeticOnHalvesAtEveryPrecision() {
        // k + 5 × 10^-(d+1) as written, and its neighbouring doubles, for many k: the values nearest a half
        for (int d = 0; d <= 8; d++) {
            double tenth = Math.pow(10, -(d + 1));
            for (int k = -3000; k <= 3000; k++) {
                double half = Double.parseDouble(java.math.BigDecimal.valueOf(k).movePointLeft(d)
                        .add(java.math.BigDecimal.valueOf(5).movePointLeft(d + 1)).toPlainString());
                same(half, d);
                same(Math.nextUp(half), d);
                same(Math.nextDown(half), d);
                same(half + tenth * 1e-4, d);
                same(half - tenth * 1e-4, d);
                same(half + tenth * 1e-6, d);
                same(half - tenth * 1e-6, d);
            }
        }
    }

    @Test
    void fastRoundIsTheDecimalArithmeticOnSeededValues() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261205L);
        for (int i = 0; i < 300_000; i++) {
            int d = random.nextInt(0, 13);
            // uniform within a score's range, log-uniform over 1e-15..1e16 with either sign, short decimals
            // (data as printed: up to 4 decimals, and sums of them with float noise)
            double uniform = random.nextDouble(-1000, 1000);
            double wide = Math.copySign(Math.pow(10, random.nextDouble(-15, 16)), random.nextDouble() - 0.5);
            double shortDecimal = random.nextInt(-10_000_000, 10_000_000) / Math.pow(10, random.nextInt(0, 5));
            double noisy = shortDecimal + random.nextInt(0, 100_000) / 100.0 + random.nextInt(0, 1000) / 10.0;
            same(uniform, d);
            same(wide, d);
            same(shortDecimal, d);
            same(noisy, d);
            same(noisy / 3, d);
        }
    }
}
