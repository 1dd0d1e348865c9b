package org.cityeval.api.service;

import org.cityeval.api.model.EvaluationModel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A model as loaded from a bundle.
 *
 * @param model         the validated model
 * @param bundle        symbolic name of the contributing bundle
 * @param bundleVersion version of the contributing bundle
 * @param descriptor    entry path of the descriptor inside the bundle
 */
@ProviderType
public record LoadedModel(EvaluationModel model, String bundle, String bundleVersion, String descriptor) {
}
