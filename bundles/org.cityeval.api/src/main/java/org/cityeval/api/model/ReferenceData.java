package org.cityeval.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Published results a model bundle ships, so that the report's figures can be recomputed.
 *
 * @param path   entry path inside the model bundle
 * @param source citation of the report's table
 * @param note   what the data determine and what they cannot, may be {@code null}; English where the descriptor
 *               gives it
 * @param noteText the note in Chinese and English as the descriptor gives it (a plain string is English); derived
 *               from {@code note} when {@code null} (since 1.4)
 */
@ProviderType
public record ReferenceData(String path, String source, String note, LocalizedText noteText) {
    public ReferenceData {
        noteText = noteText != null ? noteText : note == null ? null : new LocalizedText(null, note);
    }

    /** A reference table whose note is in one language, English (the canonical constructor before 1.4). */
    public ReferenceData(String path, String source, String note) {
        this(path, source, note, null);
    }
}
