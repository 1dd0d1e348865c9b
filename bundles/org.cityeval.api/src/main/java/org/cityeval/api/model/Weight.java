package org.cityeval.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An indicator's weight in the model's points (the children's weights add up to the parent's).
 *
 * @param value      the weight in points
 * @param provenance where the value comes from
 * @param note       a short explanation or citation, may be {@code null}
 */
@ProviderType
public record Weight(double value, Provenance provenance, String note) {
}
