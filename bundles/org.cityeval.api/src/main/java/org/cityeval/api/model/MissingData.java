package org.cityeval.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What to do when a city lacks some of a model's data. Chosen per model (descriptor) and per run (an
 * option that overrides it); results always report the choice and what it changed.
 *
 * @param method      {@code none}: a node with a missing child has no score (the default);
 *                    {@code renormalise}: a node's score is its weight × the weighted mean score rate of the
 *                    children that have data (COINr's behaviour); {@code mean}, {@code median},
 *                    {@code group-mean}: a missing leaf value is imputed from the other cities (group-mean
 *                    within the city's {@code groupBy} group)
 * @param groupBy     grouping rule for {@code group-mean}: {@code province} or {@code region}
 * @param minCoverage a city whose data back less than this share (0..1) of the model's weight is dropped
 *                    before ranking, or {@code null} for no threshold
 */
@ProviderType
public record MissingData(String method, String groupBy, Double minCoverage) {
    /** The default: no imputation, no renormalisation, no threshold. */
    public static final MissingData NONE = new MissingData("none", null, null);

    /** What {@link #parse} accepts, for messages. */
    public static final String METHODS = "none, renormalise, mean, median or group-mean[:province|region]";

    /**
     * A run's choice as people write it (the CLI's {@code --missing}, the web API's {@code "missing"}):
     * {@code none}, {@code renormalise}, {@code mean}, {@code median}, {@code group-mean} (by province) or
     * {@code group-mean:province|region}.
     *
     * @param method      as written, or {@code null} for {@code none}
     * @param minCoverage the threshold, or {@code null}
     * @throws IllegalArgumentException for another method; the message lists what is accepted
     */
    public static MissingData parse(String method, Double minCoverage) {
        String m = method == null ? "none" : method.trim();
        String groupBy = null;
        if (m.startsWith("group-mean:")) {
            groupBy = m.substring("group-mean:".length()).trim();
            m = "group-mean";
        } else if (m.equals("group-mean")) {
            groupBy = "province";
        }
        if (!java.util.List.of("none", "renormalise", "mean", "median", "group-mean").contains(m)
                || groupBy != null && !java.util.List.of("province", "region").contains(groupBy)) {
            throw new IllegalArgumentException("not one of " + METHODS);
        }
        return new MissingData(m, groupBy, minCoverage);
    }
}
