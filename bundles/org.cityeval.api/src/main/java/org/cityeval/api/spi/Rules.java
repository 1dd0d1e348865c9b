package org.cityeval.api.spi;

import org.osgi.annotation.versioning.ProviderType;

/** Service property names shared by all rule services. */
@ProviderType
public final class Rules {
    /** Service property: the rule's name, as descriptors write it. */
    public static final String NAME = "cityeval.rule";

    private Rules() {
    }
}
