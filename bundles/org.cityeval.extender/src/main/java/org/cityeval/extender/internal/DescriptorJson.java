package org.cityeval.extender.internal;

import static org.cityeval.extender.internal.DescriptorParser.MAX_BYTES;
import static org.cityeval.extender.internal.DescriptorParser.MAX_JSON_DEPTH;
import static org.cityeval.extender.internal.DescriptorParser.MAX_NUMBER_CHARS;
import static org.cityeval.extender.internal.DescriptorParser.MAX_STRING;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The first stage of reading a descriptor (or a weight configuration): bytes to a JSON tree, within the read
 * limits of {@link DescriptorParser}. Strict UTF-8, duplicate keys refused, and every syntax error or crossed
 * limit reported at the JSON path the parser had reached, with line and column. The later stages (shape,
 * weights, rules, overrides) are {@link DescriptorParser}'s; reference cycles are {@link ReferenceCycles}'.
 */
final class DescriptorJson {
    private DescriptorJson() {
    }

    /** The one JSON reader of descriptors and weight configuration files, with the limits. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_JSON_DEPTH)
                .maxStringLength(MAX_STRING)
                .maxNameLength(MAX_STRING)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxDocumentLength(MAX_BYTES)
                .build());
    }


    /**
     * Reads a descriptor (or a weight configuration) from a stream, stopping after {@link DescriptorParser#MAX_BYTES} + 1
     * bytes: a file over the limit is refused without being read into memory.
     *
     * @param what names the input in the message, e.g. {@code descriptor}
     */
    static byte[] readBounded(InputStream in, String what) throws IOException, DescriptorException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new DescriptorException("$", what + " is larger than the limit of " + MAX_BYTES + " bytes");
        }
        return bytes;
    }

    /**
     * Parses JSON within the limits. A syntax error or a limit crossed is reported at the JSON path the
     * parser had reached, with line and column.
     */
    static JsonNode read(byte[] json) throws DescriptorException {
        // parsed as text so that columns count characters, as an editor shows them, not UTF-8 bytes
        try (JsonParser parser = MAPPER.createParser(utf8(json))) {
            try {
                JsonNode root = MAPPER.readTree(parser);
                if (root != null && parser.nextToken() != null) {
                    throw new DescriptorException("$", "invalid JSON at line " + parser.currentLocation().getLineNr()
                            + ", column " + parser.currentLocation().getColumnNr() + ": content after the end of the object");
                }
                return root;
            } catch (JsonProcessingException e) {
                // the parser's own position: a limit crossed carries none in the exception
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                String where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
                String path = path(parser.getParsingContext());
                if (e instanceof StreamConstraintsException) {
                    throw new DescriptorException(path, limitCrossed(e.getOriginalMessage()) + where);
                }
                throw new DescriptorException(path, "invalid JSON" + where + ": " + syntax(e.getOriginalMessage()));
            }
        } catch (IOException e) {
            throw new DescriptorException("$", "cannot read: " + e.getMessage());
        }
    }

    /** Strict UTF-8: a malformed byte is an error, not a silent replacement character. A BOM is skipped. */
    private static String utf8(byte[] bytes) throws DescriptorException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new DescriptorException("$", "not UTF-8: malformed byte sequence at byte offset " + in.position());
        }
        decoder.flush(out);
        out.flip();
        if (out.hasRemaining() && out.get(0) == '\uFEFF') {
            out.get();
        }
        return out.toString();
    }

    /**
     * The JSON path of a parser position, e.g. {@code $.tree[1].weight.value}. The web API's
     * {@code ApiJson.path} is the same function, kept there too: see the note there.
     */
    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
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

    /** Jackson's syntax message, except where it would advise a parser setting instead of the fix. */
    private static String syntax(String jackson) {
        java.util.regex.Matcher m = Pattern.compile("Non-standard token '([^']*)'.*").matcher(String.valueOf(jackson));
        if (m.matches()) {
            return "'" + m.group(1) + "' is not a JSON number; numbers in a descriptor are finite";
        }
        return jackson;
    }

    /** Jackson's message for a crossed read limit, in the descriptor's terms. */
    private static String limitCrossed(String jackson) {
        String m = jackson == null ? "" : jackson;
        if (m.contains("nesting depth")) {
            return "JSON nested deeper than " + MAX_JSON_DEPTH + " levels";
        }
        if (m.startsWith("String value length")) {
            return "a string longer than " + MAX_STRING + " characters";
        }
        if (m.startsWith("Name length")) {
            return "a field name longer than " + MAX_STRING + " characters";
        }
        if (m.startsWith("Number value length")) {
            return "a number longer than " + MAX_NUMBER_CHARS + " characters";
        }
        if (m.startsWith("Document length")) {
            return "descriptor is larger than the limit of " + MAX_BYTES + " bytes";
        }
        return "over a read limit: " + m;
    }
}
