package org.cityeval.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What to do when a city lacks some of a model's data. Chosen per model (descriptor) and per run (an
 * option that overrides it); results always report the choice and what it changed.
 *
 * @param method      {@code none}: a node with a missing child has no score (the default);
 *                    {@code renormalise}: a node's score is its weight × the weighted mean score rate of the
 *                    children that have data (COINr's behaviour); {@code mean}, {@code median},
 *                    {@code group-mean}, {@code group-median}: a missing leaf value is imputed from the other
 *                    cities (the group methods: the mean or median of the cities in the city's {@code groupBy}
 *                    group, else of all cities)
 * @param groupBy     grouping rule for {@code group-mean} and {@code group-median}: the name of any registered
 *                    grouping rule ({@code province}, the default; {@code region}, {@code provincial-capital}, a
 *                    plug-in's); the runtime checks that it is registered
 * @param minCoverage a city whose data back less than this share (0..1) of the model's weight is dropped
 *                    before ranking, or {@code null} for no threshold
 */
@ProviderType
public record MissingData(String method, String groupBy, Double minCoverage) {
    /** The default: no imputation, no renormalisation, no threshold. */
    public static final MissingData NONE = new MissingData("none", null, null);

    /** What {@link #parse} accepts, for messages. */
    public static final String METHODS = "none, renormalise, mean, median, group-mean[:RULE] or "
            + "group-median[:RULE] (RULE a grouping rule: province, the default, region, provincial-capital or a "
            + "plug-in's)";

    /**
     * The methods, typed: compare {@link MissingData#kind()} with these rather than {@link #method()} with a
     * string. {@link #label()} is the name written in descriptors, options and results.
     *
     * @since 1.3
     */
    public enum Method {
        NONE("none"), RENORMALISE("renormalise"), MEAN("mean"), MEDIAN("median"), GROUP_MEAN("group-mean"),
        /** The median of the cities in the city's group (COINr's {@code i_median_grp}). @since 1.4 */
        GROUP_MEDIAN("group-median");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /**
         * @return the name as written: {@code none}, {@code renormalise}, {@code mean}, {@code median},
         *         {@code group-mean}, {@code group-median}
         */
        public String label() {
            return label;
        }

        /** @return whether a missing leaf value is filled in from other cities */
        public boolean imputes() {
            return this == MEAN || this == MEDIAN || this == GROUP_MEAN || this == GROUP_MEDIAN;
        }

        /** @return whether the value is taken within the city's group ({@link MissingData#groupBy()}) @since 1.4 */
        public boolean grouped() {
            return this == GROUP_MEAN || this == GROUP_MEDIAN;
        }

        /**
         * @param label a method's name as written
         * @return the method, or empty for a name that is none
         */
        public static java.util.Optional<Method> of(String label) {
            for (Method m : values()) {
                if (m.label.equals(label)) {
                    return java.util.Optional.of(m);
                }
            }
            return java.util.Optional.empty();
        }

        /** @return every method's name, in declaration order, for messages */
        public static java.util.List<String> labels() {
            return java.util.Arrays.stream(values()).map(Method::label).toList();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * @throws IllegalArgumentException when {@code method} is not one of {@link Method#labels()} (a descriptor's
     *                                  or a run's choice is parsed and checked before it gets here)
     */
    public MissingData {
        if (method == null || Method.of(method).isEmpty()) {
            throw new IllegalArgumentException("missing-data method '" + method + "' is not one of " + METHODS);
        }
    }

    /** The typed form of a treatment: {@code MissingData.of(Method.GROUP_MEAN, "region", 0.5)}. @since 1.3 */
    public static MissingData of(Method method, String groupBy, Double minCoverage) {
        return new MissingData(method.label(), groupBy, minCoverage);
    }

    /** @return the method, typed @since 1.3 */
    public Method kind() {
        return Method.of(method).orElseThrow();
    }

    /**
     * A run's choice as people write it (the CLI's {@code --missing}, the web API's {@code "missing"}):
     * {@code none}, {@code renormalise}, {@code mean}, {@code median}, {@code group-mean} or {@code group-median}
     * (by province), or {@code group-mean:RULE} / {@code group-median:RULE} with the name of a grouping rule
     * ({@code region}, {@code provincial-capital}, a plug-in's: whether it is registered is checked where the
     * rules are known, when the policy is applied).
     *
     * @param method      as written, or {@code null} for {@code none}
     * @param minCoverage the threshold, or {@code null}
     * @throws IllegalArgumentException for another method; the message lists what is accepted
     */
    public static MissingData parse(String method, Double minCoverage) {
        String m = method == null ? "none" : method.trim();
        String groupBy = null;
        int colon = m.indexOf(':');
        if (colon >= 0) {
            groupBy = m.substring(colon + 1).trim();
            m = m.substring(0, colon).trim();
            if (groupBy.isEmpty() || !groupBy.matches("[A-Za-z0-9_.\\-]+")) {
                throw new IllegalArgumentException("not one of " + METHODS + " (after ':' the name of a grouping "
                        + "rule, e.g. group-median:region)");
            }
        }
        java.util.Optional<Method> kind = Method.of(m);
        if (kind.isEmpty() || groupBy != null && !kind.get().grouped()) {
            throw new IllegalArgumentException("not one of " + METHODS);
        }
        if (groupBy == null && kind.get().grouped()) {
            groupBy = "province";
        }
        return new MissingData(m, groupBy, minCoverage);
    }

    /**
     * @return the choice as {@link #parse} reads it: {@code mean}, {@code group-median:region}
     * @since 1.4
     */
    public String spelling() {
        return kind().grouped() ? method + ":" + (groupBy == null ? "province" : groupBy) : method;
    }
}
