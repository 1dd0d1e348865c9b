package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.cityeval.api.data.BadInputException;
import org.junit.jupiter.api.Test;

/** Issue 12: a city that cannot be resolved names the real cause, where it is. */
class CityCausesTest {
    private final CsvDatasetImporter importer = new CsvDatasetImporter();
    private final FakeCityRegistry cities = new FakeCityRegistry();

    private String fail(byte[] bytes) {
        return assertThrows(BadInputException.class,
                () -> importer.read("data.csv", new ByteArrayInputStream(bytes), cities)).getMessage();
    }

    @Test
    void aProvinceInTraditionalCharactersIsNamedAsSuch() {
        assertEquals("data.csv:2:2: province '江蘇省' is written in traditional characters: write it as '江苏省' "
                + "(simplified, as the city registry has it) or leave the province out",
                fail("city,province,a\nTaizhou,江蘇省,1\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aWrongProvinceIsAMismatchPointingAtTheProvinceColumn() {
        assertEquals("data.csv:2:2: province mismatch: city 'Taizhou' is 泰州市 (江苏省, 321200) or 台州市 (浙江省, "
                + "331000), not in '广东省'; correct the province or leave it out",
                fail("city,province,a\nTaizhou,广东省,1\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBig5FileGetsAHintToReSaveIt() {
        String message = fail("city,a\n杭州市,1\n".getBytes(Charset.forName("Big5")));
        assertTrue(message.startsWith("data.csv:2:1: unknown city"), message);
        assertTrue(message.endsWith(", 杭州市: the file looks Big5-encoded; re-save it as UTF-8 or GBK)"), message);
    }

    @Test
    void anUnknownNameInPlainCharactersGetsNoEncodingHint() {
        assertEquals("data.csv:2:1: unknown city '纽约'", fail("city,a\n纽约,1\n".getBytes(StandardCharsets.UTF_8)));
    }
}
