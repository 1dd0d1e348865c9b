package org.cityeval.cli.internal;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** JSON output: indented, UTF-8 Chinese as is, enums by their lower-case names. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .build();

    private Json() {
    }

    static String write(Object value) throws IOException {
        return MAPPER.writeValueAsString(value) + "\n";
    }
}
