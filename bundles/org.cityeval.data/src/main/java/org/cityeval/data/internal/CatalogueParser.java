package org.cityeval.data.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.cityeval.api.data.Variable;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.LocalizedText;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads the two JSON files of a data pack, strictly: a field not in the format, a missing or mistyped
 * field, a duplicate key or id, a polarity other than {@code positive}/{@code negative} or bounds other than
 * {@code nonnegative}/{@code share}/{@code null} make the whole file fail with the JSON path of the first
 * problem.
 * <p>
 * Variable catalogue ({@code catalogue.json}): an array of
 * {@code {"id", "name": {"zh", "en"}, "unit", "polarity", "description", "source", "sameAs": [...], "bounds"}};
 * {@code sameAs} (default empty) and {@code bounds} (default {@code null}) may be left out.
 * <p>
 * Pack list ({@code packs.json}): an array of {@code {"name", "file", "description"}}.
 */
final class CatalogueParser {
    /** Largest JSON file read. */
    static final int MAX_BYTES = 4 << 20;
    static final Set<String> BOUNDS = Set.of("nonnegative", "share");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> VARIABLE_FIELDS =
            Set.of("id", "name", "unit", "polarity", "description", "source", "sameAs", "bounds");
    private static final Set<String> NAME_FIELDS = Set.of("zh", "en");
    private static final Set<String> PACK_FIELDS = Set.of("name", "file", "description");

    private CatalogueParser() {
    }

    /** An entry of a pack list. */
    record PackEntry(String name, String file, String description) {
    }

    /** A problem in a data-pack file, at a JSON path. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String jsonPath, String reason) {
            super(jsonPath + ": " + reason);
        }
    }

    static List<Variable> parseCatalogue(byte[] json) throws FormatException {
        JsonNode root = readArray(json);
        List<Variable> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            String at = "$[" + i + "]";
            JsonNode n = object(root.get(i), at);
            onlyFields(n, VARIABLE_FIELDS, at);
            String id = text(n, "id", at, true);
            if (!id.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new FormatException(at + ".id", "'" + id + "' is not an identifier (letters, digits, _)");
            }
            if (!ids.add(id)) {
                throw new FormatException(at + ".id", "duplicate variable id '" + id + "'");
            }
            JsonNode name = object(n.get("name"), at + ".name");
            onlyFields(name, NAME_FIELDS, at + ".name");
            String zh = text(name, "zh", at + ".name", false);
            String en = text(name, "en", at + ".name", false);
            if (zh == null && en == null) {
                throw new FormatException(at + ".name", "needs 'zh' or 'en'");
            }
            String unit = text(n, "unit", at, true);
            String polarityText = text(n, "polarity", at, true);
            Direction polarity = switch (polarityText) {
                case "positive" -> Direction.POSITIVE;
                case "negative" -> Direction.NEGATIVE;
                default -> throw new FormatException(at + ".polarity",
                        "'" + polarityText + "' is not 'positive' or 'negative'");
            };
            String description = text(n, "description", at, true);
            String source = text(n, "source", at, true);
            List<String> sameAs = new ArrayList<>();
            JsonNode same = n.get("sameAs");
            if (same != null && !same.isNull()) {
                if (!same.isArray()) {
                    throw new FormatException(at + ".sameAs", "must be an array of variable ids");
                }
                for (int j = 0; j < same.size(); j++) {
                    JsonNode s = same.get(j);
                    if (!s.isTextual() || s.asText().isBlank()) {
                        throw new FormatException(at + ".sameAs[" + j + "]", "must be a variable id");
                    }
                    if (s.asText().equals(id)) {
                        throw new FormatException(at + ".sameAs[" + j + "]", "a variable cannot be sameAs itself");
                    }
                    sameAs.add(s.asText());
                }
            }
            String bounds = null;
            JsonNode b = n.get("bounds");
            if (b != null && !b.isNull()) {
                if (!b.isTextual() || !BOUNDS.contains(b.asText())) {
                    throw new FormatException(at + ".bounds", b + " is not \"nonnegative\", \"share\" or null");
                }
                bounds = b.asText();
            }
            out.add(new Variable(id, new LocalizedText(zh, en), unit, polarity, description, source, sameAs, bounds));
        }
        return out;
    }

    static List<PackEntry> parsePacks(byte[] json) throws FormatException {
        JsonNode root = readArray(json);
        List<PackEntry> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            String at = "$[" + i + "]";
            JsonNode n = object(root.get(i), at);
            onlyFields(n, PACK_FIELDS, at);
            String name = text(n, "name", at, true);
            if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
                throw new FormatException(at + ".name", "'" + name + "' is not a pack name (a-z, 0-9, . _ -)");
            }
            if (!names.add(name)) {
                throw new FormatException(at + ".name", "duplicate pack name '" + name + "'");
            }
            String file = text(n, "file", at, true);
            String description = text(n, "description", at, true);
            out.add(new PackEntry(name, file, description));
        }
        return out;
    }

    private static JsonNode readArray(byte[] json) throws FormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FormatException("$", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new FormatException("$", "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new FormatException("$", "must be a JSON array");
        }
        return root;
    }

    private static JsonNode object(JsonNode n, String at) throws FormatException {
        if (n == null || !n.isObject()) {
            throw new FormatException(at, "must be an object");
        }
        return n;
    }

    private static void onlyFields(JsonNode n, Set<String> allowed, String at) throws FormatException {
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new FormatException(at + "." + f, "unknown field (allowed: " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode n, String field, String at, boolean required) throws FormatException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new FormatException(at + "." + field, "is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new FormatException(at + "." + field, "must be a non-empty string");
        }
        return v.asText();
    }
}
