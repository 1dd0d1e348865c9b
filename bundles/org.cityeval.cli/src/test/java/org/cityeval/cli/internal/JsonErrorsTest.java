package org.cityeval.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

/** A JSON file's error says where and what, never Jackson's settings or source descriptions. */
class JsonErrorsTest {
    private static String error(String json) {
        Exception e = assertThrows(Exception.class, () -> Json.MAPPER.readValue(json.getBytes(StandardCharsets.UTF_8),
                new TypeReference<Map<String, Object>>() {
                }));
        return JsonErrors.describe(e);
    }

    @Test
    void whereAndWhatOnly() {
        assertEquals("line 1, column 29: Unexpected end-of-input: expected close marker for Array",
                error("{\"matrix\": [[1, 2], [0.5, 1]"));
        assertEquals("Number value length (1200) exceeds the maximum allowed (1000)", // a limit crossed has no location
                error("{\"matrix\": " + "1".repeat(1200) + "}"));
        assertEquals("line 1, column 15: Non-standard token 'NaN'", error("{\"matrix\": NaN}"));
    }
}
