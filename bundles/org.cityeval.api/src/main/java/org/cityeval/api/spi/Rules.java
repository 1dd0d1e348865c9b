package org.cityeval.api.spi;

/** Service property names shared by all rule services. */
public final class Rules {
    /** Service property: the rule's name, as descriptors write it. */
    public static final String NAME = "cityeval.rule";

    private Rules() {
    }
}
