package org.cityeval.weighting.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reading a weighting method's parameters as a descriptor's JSON delivers them ({@code Long},
 * {@code Double}, {@code String}, {@code Boolean}, {@code Map}, {@code List}), with messages an end user
 * can act on. Every message starts with the method's name, e.g. {@code ahp: ...}.
 */
final class Parameters {
    private Parameters() {
    }

    /** @return the parameters, an empty map for {@code null} */
    static Map<String, Object> of(Map<String, Object> parameters) {
        return parameters == null ? Map.of() : parameters;
    }

    /**
     * Rejects parameter names the method does not know, so that a typo ({@code "rating"} for
     * {@code "ratings"}) is not silently ignored.
     *
     * @throws IllegalArgumentException naming the unknown parameter and the known ones
     */
    static void allowOnly(Map<String, Object> parameters, String method, String... names) {
        List<String> known = Arrays.asList(names);
        for (String key : parameters.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(method + ": unknown parameter '" + key + "' (known: "
                        + (names.length == 0 ? "none" : String.join(", ", names)) + ")");
            }
        }
    }

    /**
     * @return the value under {@code name}
     * @throws IllegalArgumentException when it is absent
     */
    static Object required(Map<String, Object> parameters, String name, String method, String hint) {
        Object v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException(method + " needs the parameter '" + name + "'" + hint);
        }
        return v;
    }

    /**
     * @return the boolean under {@code name}, {@code fallback} when absent
     * @throws IllegalArgumentException when present but not {@code true} or {@code false}
     */
    static boolean flag(Map<String, Object> parameters, String name, boolean fallback, String method) {
        Object v = parameters.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(method + ": parameter '" + name + "' must be true or false, not "
                + describe(v));
    }

    /**
     * @param what how the message refers to the value, e.g. {@code fixed: points of gov.platform}
     * @return {@code v} as a double
     * @throws IllegalArgumentException when {@code v} is not a finite number
     */
    static double toNumber(Object v, String what) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(what + " must be a finite number, not " + d);
            }
            return d;
        }
        throw new IllegalArgumentException(what + " must be a number, not " + describe(v));
    }

    /** @return a short phrase for a parameter value of the wrong kind, e.g. {@code the text "abc"} */
    static String describe(Object v) {
        if (v instanceof String s) {
            return s.isEmpty() ? "an empty text" : "the text \"" + s + "\"";
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Number n) {
            return Format.plain(n.doubleValue());
        }
        return String.valueOf(v);
    }

    /**
     * Reads one value per child from a map (child id → value; every child named, no other key) or a list
     * in child order (one value per child).
     *
     * @param what how messages refer to the whole, e.g. {@code fixed: parameter 'points'}
     * @return the raw values in child order
     */
    static Object[] perChild(Object v, List<String> children, String what) {
        int m = children.size();
        Object[] out = new Object[m];
        if (v instanceof List<?> list) {
            if (list.size() != m) {
                throw new IllegalArgumentException(what + " has " + list.size() + " value"
                        + (list.size() == 1 ? "" : "s") + " but there are " + m + " children ("
                        + String.join(", ", children) + "); give one per child, in this order, or an object "
                        + "naming each child");
            }
            return list.toArray();
        }
        if (v instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!children.contains(String.valueOf(key))) {
                    throw new IllegalArgumentException(what + " names '" + key + "', which is not a child (children: "
                            + String.join(", ", children) + ")");
                }
            }
            StringBuilder missing = new StringBuilder();
            for (int j = 0; j < m; j++) {
                String c = children.get(j);
                if (!map.containsKey(c)) {
                    missing.append(missing.length() == 0 ? "" : ", ").append(c);
                } else {
                    out[j] = map.get(c);
                }
            }
            if (missing.length() > 0) {
                throw new IllegalArgumentException(what + " does not name " + missing + "; every child needs a value");
            }
            return out;
        }
        throw new IllegalArgumentException(what + " must be an object (child id → value) or a list in child order, "
                + "not " + describe(v));
    }
}
