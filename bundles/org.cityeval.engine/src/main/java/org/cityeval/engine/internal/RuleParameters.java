package org.cityeval.engine.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reading rule parameters as a descriptor's JSON delivers them ({@code Long}, {@code Double},
 * {@code String}, {@code Boolean}, {@code Map}, {@code List}), with messages an end user can act on.
 * Every message starts with a context such as {@code min-max on gov.platform}, so that it names the rule
 * and the indicator (or tier scheme) it is about.
 */
final class RuleParameters {
    private RuleParameters() {
    }

    /**
     * Rejects parameter names the rule does not know, so that a typo ({@code "tie"} for {@code "ties"})
     * does not silently fall back to a default.
     *
     * @throws IllegalArgumentException naming the unknown parameter and the known ones
     */
    static void allowOnly(Map<String, Object> parameters, String context, String... names) {
        List<String> known = Arrays.asList(names);
        for (String key : parameters.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(context + ": unknown parameter '" + key + "' (known: "
                        + (names.length == 0 ? "none" : String.join(", ", names)) + ")");
            }
        }
    }

    /**
     * @return the finite number under {@code name}, or {@code null} when absent
     * @throws IllegalArgumentException when present but not a finite number
     */
    static Double number(Map<String, Object> parameters, String name, String context) {
        Object v = parameters.get(name);
        if (v == null) {
            return null;
        }
        return toNumber(v, context + ": parameter '" + name + "'");
    }

    /**
     * @return the finite number under {@code name}
     * @throws IllegalArgumentException when absent or not a finite number
     */
    static double requiredNumber(Map<String, Object> parameters, String name, String context, String hint) {
        Double d = number(parameters, name, context);
        if (d == null) {
            throw new IllegalArgumentException(context + " needs the parameter '" + name + "'" + hint);
        }
        return d;
    }

    /**
     * @param what how the message refers to the value, e.g. {@code min-max on x: parameter 'min'}
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

    /**
     * @return the text under {@code name} if it is one of {@code allowed}, {@code fallback} when absent
     * @throws IllegalArgumentException listing the allowed values otherwise
     */
    static String choice(Map<String, Object> parameters, String name, String fallback, String context,
            String... allowed) {
        Object v = parameters.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s && Arrays.asList(allowed).contains(s)) {
            return s;
        }
        throw new IllegalArgumentException(context + ": parameter '" + name + "' must be one of "
                + String.join(", ", allowed) + " (default " + fallback + "), not " + describe(v));
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
            return n.toString();
        }
        return String.valueOf(v);
    }
}
