package org.cityeval.api.spi;

import java.util.Objects;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A rule known by its declaration rather than a running service: what validation reads from a model bundle's
 * own DS component descriptions ({@code OSGI-INF/*.xml}) so that a descriptor naming the bundle's rule validates
 * before the bundle is deployed.
 * <p>
 * Example: {@code new RuleDeclaration(ScoringRule.class.getName(), "log-points", Set.of("base"))}.
 *
 * @param service    the rule's service interface, e.g. {@code org.cityeval.api.spi.ScoringRule}
 * @param name       its {@link Rules#NAME}
 * @param parameters what it declares as {@link Rules#PARAMETERS}, or {@code null} when it declares nothing
 *                   (since 1.3)
 */
@ProviderType
public record RuleDeclaration(String service, String name, Set<String> parameters) {
    public RuleDeclaration {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        parameters = parameters == null ? null : Set.copyOf(parameters);
    }
}
