package org.cityeval.api.model;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tiers and the rule that assigns them.
 *
 * @param rule       tier rule name (e.g. {@code score-bands}, {@code rank-shares})
 * @param tiers      tiers from best to worst
 * @param parameters rule parameters
 */
@ProviderType
public record TierScheme(String rule, List<Tier> tiers, Map<String, Object> parameters) {
    public TierScheme {
        tiers = List.copyOf(tiers);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
