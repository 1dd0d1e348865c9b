package org.cityeval.api.model;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A reference from a descriptor to a rule service by name, with the rule's parameters.
 *
 * @param rule       the rule name, matched against the {@code cityeval.rule} service property
 * @param parameters rule parameters as read from JSON (String, Number, Boolean, List, Map values)
 */
@ProviderType
public record RuleRef(String rule, Map<String, Object> parameters) {
    public RuleRef {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
