package org.cityeval.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A grouping of cities that the report states results for (provinces, regions, provincial capitals).
 *
 * @param kind       key of the group in results (e.g. {@code province}, {@code capital})
 * @param name       printed name of the grouping
 * @param membership grouping rule name that says which group(s) a city belongs to
 * @param tiers      tiers assigned on each group's mean, or {@code null} for mean and order only
 */
@ProviderType
public record GroupScheme(String kind, LocalizedText name, String membership, TierScheme tiers) {
}
