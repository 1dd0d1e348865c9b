package org.cityeval.http.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed access to a JSON request object, every complaint naming the JSON path ({@code $.models[1]: expected
 * a string}). A field set to {@code null} counts as absent.
 */
final class Fields {
    private final ObjectNode node;
    private final String path;

    private Fields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static Fields of(ObjectNode node) {
        return new Fields(node, "$");
    }

    ObjectNode node() {
        return node;
    }

    String path(String field) {
        return path + "." + field;
    }

    /** Refuses fields other than these (a misspelt option would otherwise be ignored silently). */
    Fields only(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw HttpError.badRequest(path(name) + ": unknown field; expected "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        return this;
    }

    static Set<String> names(Set<String> base, String... more) {
        Set<String> out = new LinkedHashSet<>(base);
        out.addAll(Arrays.asList(more));
        return out;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonNode get(String field) {
        return has(field) ? node.get(field) : null;
    }

    String text(String field) {
        String s = optText(field);
        if (s == null) {
            throw HttpError.badRequest(path(field) + ": required (a string)");
        }
        return s;
    }

    String optText(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw HttpError.badRequest(path(field) + ": expected a string");
        }
        return v.asText();
    }

    /** A non-empty array of strings. */
    List<String> texts(String field) {
        JsonNode v = get(field);
        if (v == null) {
            throw HttpError.badRequest(path(field) + ": required (an array of strings)");
        }
        if (!v.isArray() || v.isEmpty()) {
            throw HttpError.badRequest(path(field) + ": expected a non-empty array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw HttpError.badRequest(path(field) + "[" + i + "]: expected a string");
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    /** An array of strings, or an empty list when absent. */
    List<String> optTexts(String field) {
        return has(field) ? texts(field) : List.of();
    }

    Integer optInt(String field, int min, int max) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw HttpError.badRequest(path(field) + ": expected an integer from " + min + " to " + max);
        }
        return v.intValue();
    }

    Long optLong(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw HttpError.badRequest(path(field) + ": expected an integer");
        }
        return v.longValue();
    }

    Double optNumber(String field, double min, double max) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !(v.doubleValue() >= min && v.doubleValue() <= max)) {
            throw HttpError.badRequest(path(field) + ": expected a number from " + min + " to " + max);
        }
        return v.doubleValue();
    }

    boolean optBool(String field, boolean fallback) {
        JsonNode v = get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw HttpError.badRequest(path(field) + ": expected true or false");
        }
        return v.booleanValue();
    }

    ObjectNode optObject(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw HttpError.badRequest(path(field) + ": expected an object");
        }
        return (ObjectNode) v;
    }

    /** The nested object as fields with its own path. */
    Fields nested(String field) {
        ObjectNode o = optObject(field);
        return o == null ? null : new Fields(o, path(field));
    }
}
