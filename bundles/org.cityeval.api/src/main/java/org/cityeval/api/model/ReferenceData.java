package org.cityeval.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Published results a model bundle ships, so that the report's figures can be recomputed.
 *
 * @param path   entry path inside the model bundle
 * @param source citation of the report's table
 * @param note   what the data determine and what they cannot, may be {@code null}
 */
@ProviderType
public record ReferenceData(String path, String source, String note) {
}
