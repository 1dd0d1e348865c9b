package org.cityeval.http.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON in and out: compact, enums by their lower-case names, strict reading. */
final class ApiJson {
    /** Nesting deeper than this is refused (no request needs more than a few levels). */
    static final int MAX_DEPTH = 64;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            // the body is already bounded by cityeval.http.maxUpload, so a "csv" string may be that long
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(Integer.MAX_VALUE).build())
            .build())
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            // a request naming a key twice is refused, as the importers refuse it, not silently collapsed
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ApiJson() {
    }

    /**
     * @param what what the bytes are, for messages, e.g. {@code "request body"}
     * @throws HttpError 400 naming line and column when the bytes are not one JSON object
     */
    static ObjectNode object(byte[] bytes, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw HttpError.badRequest(what + " is not JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw HttpError.badRequest(what + " is not JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            throw HttpError.badRequest(what + " is empty; expected a JSON object");
        }
        if (!node.isObject()) {
            throw HttpError.badRequest(what + " is a JSON " + node.getNodeType().toString().toLowerCase()
                    + "; expected an object");
        }
        return (ObjectNode) node;
    }

    static byte[] write(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsBytes(value);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
