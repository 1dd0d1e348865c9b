package org.cityeval.api.service;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What is loaded and what failed, in one snapshot.
 *
 * @param models   loaded models, by id
 * @param failures descriptors that did not load
 */
@ProviderType
public record CatalogOverview(List<ModelOverview> models, List<ModelLoadError> failures) {
}
