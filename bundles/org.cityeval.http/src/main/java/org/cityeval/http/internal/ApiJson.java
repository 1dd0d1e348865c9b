package org.cityeval.http.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            try {
                node = MAPPER.readTree(parser);
            } catch (JsonProcessingException e) {
                // a limit crossed carries no location: the parser's own is where it stopped
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                String where = at == null || at.getLineNr() < 1 ? ""
                        : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
                String path = path(parser.getParsingContext());
                throw HttpError.badRequest(what + " is not JSON" + where + (path.equals("$") ? "" : " (" + path + ")")
                        + ": " + reason(e));
            }
        } catch (IOException e) {
            throw HttpError.badRequest(what + " cannot be read as JSON");
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

    /**
     * Jackson's message in the API's terms: a read limit crossed says which limit and its value, never the
     * library setting behind it ({@code StreamReadConstraints.getMaxNumberLength()}); other messages lose the
     * parts meant for programmers (feature names, source descriptions).
     */
    static String reason(JsonProcessingException e) {
        String m = firstLine(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            String max = limitValue(m);
            if (m.contains("nesting depth")) {
                return "nested deeper than " + MAX_DEPTH + " levels";
            }
            if (m.startsWith("Number value length") || m.startsWith("Number length")) {
                return "a number longer than " + max + " characters";
            }
            if (m.startsWith("String value length") || m.startsWith("String length")) {
                return "a string longer than " + max + " characters";
            }
            if (m.startsWith("Name length")) {
                return "a field name longer than " + max + " characters";
            }
            if (m.startsWith("Document length") || m.startsWith("Token count")) {
                return "larger than this server reads (at most " + max + ")";
            }
            return "over a read limit";
        }
        for (String tail : new String[] {" (start marker at", ": enable `", " (from `", "; use `", " at [Source"}) {
            int cut = m.indexOf(tail);
            if (cut > 0) {
                m = m.substring(0, cut);
            }
        }
        return m.replaceAll("`[^`]*`", "").trim();
    }

    /** The number in Jackson's "... exceeds the maximum allowed (1000, from ...)", or "the limit". */
    private static String limitValue(String m) {
        java.util.regex.Matcher x = java.util.regex.Pattern.compile("maximum (?:allowed )?\\(?(\\d+)").matcher(m);
        return x.find() ? x.group(1) : "the limit";
    }

    /**
     * Where the parser is, as a JSON path ({@code $.rows[2].x}). The extender's {@code DescriptorJson.path} is the
     * same function; it is kept in both bundles on purpose: sharing 14 lines would make this bundle's build depend
     * on the extender's implementation bundle (a {@code -conditionalpackage} copy), and a change to either path
     * format changes messages that tests of that bundle state.
     */
    static String path(JsonStreamContext context) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add("." + c.getCurrentName());
            }
        }
        StringBuilder b = new StringBuilder("$");
        for (int i = parts.size() - 1; i >= 0; i--) {
            b.append(parts.get(i));
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
