package org.cityeval.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The scale of the total.
 *
 * @param kind      {@code points} (the tree sums to {@code max}) or {@code index} (0 to {@code max})
 * @param max       the root's weight
 * @param precision decimals the report prints; ranks and tiers are decided at this precision
 */
@ProviderType
public record Scale(String kind, double max, int precision) {
}
