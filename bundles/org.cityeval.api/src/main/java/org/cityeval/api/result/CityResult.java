package org.cityeval.api.result;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One city's result.
 *
 * @param adcode   the city's adcode
 * @param name     the city's name
 * @param province the city's province
 * @param score    the total, rounded to the model's display precision; {@code null} if not computable
 * @param rank     rank by the rounded total, ties share a rank (1, 2, 2, 4); {@code null} if unranked
 * @param tier     tier id, or {@code null}
 * @param scores   score of every node that has one, keyed by node id (the root under {@code total})
 * @param coverage share (0..1) of the model's weight backed by this city's own data (before any imputation),
 *                 or {@code null} where not known (a published ranking)
 */
@ProviderType
public record CityResult(String adcode, String name, String province, Double score, Integer rank, String tier,
        Map<String, Double> scores, Double coverage) {

    /** A city result without a coverage figure. */
    public CityResult(String adcode, String name, String province, Double score, Integer rank, String tier,
            Map<String, Double> scores) {
        this(adcode, name, province, score, rank, tier, scores, null);
    }
}
