package org.cityeval.api.service;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A descriptor that could not be loaded. Other models are unaffected.
 * <p>
 * When the descriptor had loaded before in the same bundle (the bundle was updated, or restarted, and the new
 * attempt failed), the model keeps being served from the last good descriptor: {@link #servingModel()} and
 * {@link #servingVersion()} say which model and from which bundle version. Otherwise both are {@code null}.
 *
 * @param bundle         symbolic name of the contributing bundle
 * @param descriptor     entry path of the descriptor inside the bundle
 * @param jsonPath       where in the descriptor, e.g. {@code $.tree[1].children[0].weight}; {@code $} for the
 *                       whole file
 * @param reason         what is wrong
 * @param servingModel   id of the model still served from the last good version of this descriptor, or
 *                       {@code null} when nothing serves in its place (since 1.4)
 * @param servingVersion bundle version the still-served descriptor was read from, or {@code null} (since 1.4)
 */
@ProviderType
public record ModelLoadError(String bundle, String descriptor, String jsonPath, String reason, String servingModel,
        String servingVersion) {
    /** A descriptor that failed with nothing serving in its place. */
    public ModelLoadError(String bundle, String descriptor, String jsonPath, String reason) {
        this(bundle, descriptor, jsonPath, reason, null, null);
    }

    /** @return true when this is a failed update (or reload) and the last good version still serves the model */
    public boolean failedUpdate() {
        return servingVersion != null;
    }

    /**
     * @return {@code bundle/descriptor at path: reason}, and for a failed update
     *         {@code ; model ID still served from version V}
     */
    public String message() {
        String m = bundle + "/" + descriptor + " at " + jsonPath + ": " + reason;
        return failedUpdate() ? m + "; model " + servingModel + " still served from version " + servingVersion : m;
    }
}
