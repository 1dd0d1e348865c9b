package org.cityeval.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One tier of a tier scheme. Which fields apply depends on the rule: score bands use {@code min}
 * (inclusive) and {@code max} (exclusive); rank shares use {@code share} or {@code count}.
 *
 * @param id    identifier used in results (the report's own label where it has one)
 * @param name  printed name
 * @param min   lower bound, inclusive, or {@code null}
 * @param max   upper bound, exclusive, or {@code null}
 * @param share share of the ranked units (0..1), or {@code null}
 * @param count number of ranked units, or {@code null}
 */
@ProviderType
public record Tier(String id, LocalizedText name, Double min, Double max, Double share, Integer count) {
}
