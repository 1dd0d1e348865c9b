package org.cityeval.api.result;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How far a dataset backs a model.
 *
 * @param model        model id
 * @param cities       cities in the data (for the year evaluated)
 * @param year         the year looked at, or {@code null}
 * @param weightBacked share (0..1) of the model's total weight whose leaves have data for at least one city
 * @param leaves       every leaf, in tree order
 */
@ProviderType
public record Coverage(String model, int cities, Integer year, double weightBacked, List<LeafCoverage> leaves) {
    /**
     * @param id       leaf id
     * @param source   where its value comes from: the indicator's own column, the binding's formula, or
     *                 {@code null} when nothing backs it
     * @param weight   the leaf's weight in points
     * @param cities   cities with a value
     * @param missing  catalogue variables the binding needs that the data lack
     */
    @ProviderType
    public record LeafCoverage(String id, String source, double weight, int cities, List<String> missing) {
    }
}
