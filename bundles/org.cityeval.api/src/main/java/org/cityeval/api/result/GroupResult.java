package org.cityeval.api.result;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A group's result (a province, a region, the provincial capitals).
 *
 * @param name    the group's name
 * @param mean    mean total of its evaluated cities; {@code null} when the data carry ranks but no scores
 * @param count   number of its evaluated cities
 * @param rank    rank of the group by mean within its grouping
 * @param tier    tier id on the mean, or {@code null} where the grouping has no tiers
 * @param members adcodes of its cities, best first
 */
@ProviderType
public record GroupResult(String name, Double mean, int count, int rank, String tier, List<String> members) {
}
