package org.cityeval.api.model;

import java.util.Locale;

/** Whether a higher raw value is better ({@link #POSITIVE}) or worse ({@link #NEGATIVE}). */
public enum Direction {
    POSITIVE, NEGATIVE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
