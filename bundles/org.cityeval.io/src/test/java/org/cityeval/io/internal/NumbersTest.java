package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void percentagesAreExact() {
        // x / 100 in doubles is off by one bit for these; the decimal shift is not
        assertEquals(0.007, Numbers.parse("0.7%"));
        assertEquals(0.011, Numbers.parse("1.1%"));
        assertEquals(0.026, Numbers.parse("2.6 %"));
        assertEquals(0.857, Numbers.parse("85.7%"));
        assertEquals(12.345, Numbers.parse("1,234.5%"));
        assertEquals(-0.015, Numbers.parse("－１．５％"));
        assertEquals(0.015, Numbers.parse("1.5e0%"));
        assertThrows(NumberFormatException.class, () -> Numbers.parse("1e999%"));
    }

    @Test
    void spreadsheetNumbersRoundTrip() {
        for (double d : new double[] {0, 1, -1, 2022, 330100, 0.1, 0.857, 85.7, 41610.9, 1e-7, 123456789.125, 1e15,
                1.5e300, -2.5e-300, Double.MIN_VALUE, Double.MAX_VALUE}) {
            String text = Numbers.text(d);
            assertEquals(d, Numbers.parse(text), text);
        }
        assertEquals("2022", Numbers.text(2022.0));
        assertEquals("85.7", Numbers.text(85.7));
        assertEquals("0.0000001", Numbers.text(1e-7));
        assertEquals("1000000000000000", Numbers.text(1e15));
    }

    @Test
    void years() {
        assertEquals(2022, Numbers.year("2022"));
        assertEquals(2022, Numbers.year("２０２２"));
        assertEquals(2022, Numbers.year("2022.00"));
        assertEquals(1900, Numbers.year("1900"));
        assertEquals(2100, Numbers.year("2100"));
        assertNull(Numbers.year(""));
        for (String bad : List.of("1899", "2101", "22", "02022", "2022.5", "+2022", "2,022", "2022年", "abc", ".0",
                "2022.")) {
            assertThrows(NumberFormatException.class, () -> Numbers.year(bad), bad);
        }
    }
}
