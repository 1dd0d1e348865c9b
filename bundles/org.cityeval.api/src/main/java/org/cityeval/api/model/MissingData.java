package org.cityeval.api.model;

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
public record MissingData(String method, String groupBy, Double minCoverage) {
    /** The default: no imputation, no renormalisation, no threshold. */
    public static final MissingData NONE = new MissingData("none", null, null);
}
