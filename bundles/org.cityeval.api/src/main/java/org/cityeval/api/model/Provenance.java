package org.cityeval.api.model;

import java.util.Locale;

import org.osgi.annotation.versioning.ProviderType;

/** Where a weight comes from. Results say when {@link #ASSUMED} weights were used. */
@ProviderType
public enum Provenance {
    /** Printed in the report. */
    PUBLISHED,
    /** Computed from printed figures (e.g. a parent's points minus its published children). */
    DERIVED,
    /** Reasoned from indirect evidence in the report (e.g. a fragment of text). */
    INFERRED,
    /** Not known; a default chosen by the model author (usually an equal share), overridable. */
    ASSUMED;

    /** @return the lower-case name used in descriptors and JSON output */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
