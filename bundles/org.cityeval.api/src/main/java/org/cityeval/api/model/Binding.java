package org.cityeval.api.model;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How a leaf indicator is computed from shared catalogue variables, when the data carry variables
 * rather than the indicator itself. Bindings are documented proxies: the note says why the variable can
 * stand in for the indicator.
 *
 * @param formula   {@code value} (one variable), {@code ratio} (first ÷ second), {@code per-capita} (first ÷
 *                  second, the second a population), {@code log} (natural log of one variable), {@code sum}
 * @param variables catalogue variable ids, in the formula's order
 * @param scoring   how the computed value becomes points ({@code min-max} onto the leaf's points when
 *                  {@code null}): a variable is raw data, unlike the points a report prints
 * @param direction whether more of the computed value is better, or {@code null} for the leaf's direction
 * @param note      why this is an honest proxy, or {@code null}
 * @param treatment outlier treatment of the computed value before scoring, or {@code null} for the leaf's own
 *                  (see {@link Indicator#treatment()}; since 1.4)
 */
@ProviderType
public record Binding(String formula, List<String> variables, RuleRef scoring, Direction direction, String note,
        RuleRef treatment) {
    public Binding {
        variables = List.copyOf(variables);
    }

    public Binding(String formula, List<String> variables, RuleRef scoring, Direction direction, String note) {
        this(formula, variables, scoring, direction, note, null);
    }
}
