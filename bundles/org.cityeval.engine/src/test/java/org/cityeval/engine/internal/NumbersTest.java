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
}
