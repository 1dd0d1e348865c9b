package org.cityeval.api.spi;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** Service property names shared by all rule services. */
@ProviderType
public final class Rules {
    /** Service property: the rule's name, as descriptors write it. */
    public static final String NAME = "cityeval.rule";

    /**
     * Service property (since 1.3): the parameter names the rule accepts, a {@code String[]} (or one String). A
     * descriptor giving the rule any other parameter does not load, and {@code cityeval validate} reports it at its
     * JSON path with this list. A rule that accepts none declares one empty string; a rule without the property is
     * not checked (validation warns). Example:
     *
     * <pre>
     * &#64;Component(property = { Rules.NAME + "=min-max", Rules.PARAMETERS + "=min", Rules.PARAMETERS + "=max" })
     * &#64;Component(property = { Rules.NAME + "=direct-points", Rules.PARAMETERS + "=" })
     * </pre>
     */
    public static final String PARAMETERS = "cityeval.rule.parameters";

    private Rules() {
    }

    /**
     * Reads a {@link #PARAMETERS} property value as a service registration or a DS component description gives
     * it; blank entries are left out.
     *
     * @param property the property's value: a {@code String}, {@code String[]} or collection, or {@code null}
     * @return the accepted parameter names (empty: none), or empty when the rule does not declare them
     */
    public static Optional<Set<String>> parameters(Object property) {
        if (property == null) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        if (property instanceof Object[] array) {
            for (Object o : array) {
                add(names, o);
            }
        } else if (property instanceof Collection<?> c) {
            for (Object o : c) {
                add(names, o);
            }
        } else {
            add(names, property);
        }
        return Optional.of(Set.copyOf(names));
    }

    private static void add(Set<String> names, Object o) {
        if (o != null && !String.valueOf(o).isBlank()) {
            names.add(String.valueOf(o).trim());
        }
    }
}
