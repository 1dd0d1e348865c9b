package org.cityeval.api.result;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A city with a node's score, as listed in top-N tables.
 */
@ProviderType
public record RankedCity(String adcode, String name, double score) {
}
