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
 */
@ProviderType
public record ModelSummary(String id, String title, String institution, String edition, int year, double scaleMax,
        int precision, int basisLevel, List<String> assumedWeights, Integer dataYear, String missing) {

    /** A summary for data without years, with no missing-data treatment. */
    public ModelSummary(String id, String title, String institution, String edition, int year, double scaleMax,
            int precision, int basisLevel, List<String> assumedWeights) {
        this(id, title, institution, edition, year, scaleMax, precision, basisLevel, assumedWeights, null, "none");
    }
}
