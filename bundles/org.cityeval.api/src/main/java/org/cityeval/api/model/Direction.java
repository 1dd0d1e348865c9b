package org.cityeval.api.model;

import java.util.Locale;

import org.osgi.annotation.versioning.ProviderType;

/** Whether a higher raw value is better ({@link #POSITIVE}) or worse ({@link #NEGATIVE}). */
@ProviderType
public enum Direction {
    POSITIVE, NEGATIVE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
