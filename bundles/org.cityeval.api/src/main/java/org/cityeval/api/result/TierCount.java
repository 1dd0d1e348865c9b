package org.cityeval.api.result;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How many cities fell into a tier.
 *
 * @param id    tier id
 * @param name  tier name (Chinese where the report gives one)
 * @param count number of cities
 * @param rule  how the tier is defined, e.g. {@code [70, 80)} or {@code top 16%}
 */
@ProviderType
public record TierCount(String id, String name, int count, String rule) {
}
