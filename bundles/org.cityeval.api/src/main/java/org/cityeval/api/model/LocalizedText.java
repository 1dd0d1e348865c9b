package org.cityeval.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A name in Chinese and English. Either may be {@code null} where a report gives only one.
 *
 * @param zh the simplified-Chinese text, as the report prints it
 * @param en an English rendering
 */
@ProviderType
public record LocalizedText(String zh, String en) {
    /** @return the Chinese text if present, otherwise the English one */
    public String preferred() {
        return zh != null ? zh : en;
    }
}
