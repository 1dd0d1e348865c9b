package org.cityeval.api.result;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Which model produced a result and what it rested on.
 *
 * @param id               model id
 * @param title            report title (Chinese)
 * @param institution      institution (Chinese)
 * @param edition          edition
 * @param year             year
 * @param scaleMax         the total's maximum
 * @param precision        display precision of the total
 * @param basisLevel       deepest tree level supplied by the data: scores were aggregated upward from it
 * @param assumedWeights   ids of nodes whose assumed weights entered this result (empty when none did)
 * @param dataYear         the year of the records evaluated, or {@code null} for data without years
 * @param missing          the missing-data treatment applied, in words (e.g. {@code renormalise})
 * @param coverage         share (0..1) of the model's weight backed by data for at least one city, or {@code null}
 *                         where not known (a published ranking)
 * @param uncovered        ids of the leaves no city has data for
 * @param coverageThreshold the share below which tiers are withheld, or {@code null} where not known
 * @param tiersWithheld    why tiers and group tiers were withheld, in words, or {@code null} when they were assigned
 */
@ProviderType
public record ModelSummary(String id, String title, String institution, String edition, int year, double scaleMax,
        int precision, int basisLevel, List<String> assumedWeights, Integer dataYear, String missing,
        Double coverage, List<String> uncovered, Double coverageThreshold, String tiersWithheld) {

    /** A summary without coverage figures. */
    public ModelSummary(String id, String title, String institution, String edition, int year, double scaleMax,
            int precision, int basisLevel, List<String> assumedWeights, Integer dataYear, String missing) {
        this(id, title, institution, edition, year, scaleMax, precision, basisLevel, assumedWeights, dataYear, missing,
                null, List.of(), null, null);
    }

    /** @return true when the data back less of the model's weight than the threshold (tiers withheld) */
    public boolean belowThreshold() {
        return coverage != null && coverageThreshold != null && coverage < coverageThreshold;
    }

    /** A summary for data without years, with no missing-data treatment. */
    public ModelSummary(String id, String title, String institution, String edition, int year, double scaleMax,
            int precision, int basisLevel, List<String> assumedWeights) {
        this(id, title, institution, edition, year, scaleMax, precision, basisLevel, assumedWeights, null, "none");
    }
}
