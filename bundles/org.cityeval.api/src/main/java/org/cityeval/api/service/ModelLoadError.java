package org.cityeval.api.service;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A descriptor that could not be loaded. Other models are unaffected.
 *
 * @param bundle     symbolic name of the contributing bundle
 * @param descriptor entry path of the descriptor inside the bundle
 * @param jsonPath   where in the descriptor, e.g. {@code $.tree[1].children[0].weight}; {@code $} for the whole file
 * @param reason     what is wrong
 */
@ProviderType
public record ModelLoadError(String bundle, String descriptor, String jsonPath, String reason) {
    /** @return {@code bundle/descriptor at path: reason} */
    public String message() {
        return bundle + "/" + descriptor + " at " + jsonPath + ": " + reason;
    }
}
