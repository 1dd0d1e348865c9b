package org.cityeval.api.model;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A node of the indicator tree. The root (level 0) is the model's total; level 1 are the domains.
 * A node's score is in points between 0 and its weight.
 *
 * @param id          unique within the model; also the dataset column that supplies this node
 * @param name        the printed name
 * @param level       0 for the root, parent's level + 1 below
 * @param weight      weight in points, with provenance
 * @param direction   polarity of the raw value (leaves)
 * @param unit        unit of the raw value (leaves), may be {@code null}
 * @param scoring     leaf scoring rule (raw value to points); {@code null} on inner nodes
 * @param aggregation aggregation rule of an inner node; {@code null} on leaves
 * @param description what the indicator measures, may be {@code null}
 * @param children    the child indicators, empty for a leaf
 * @param binding     how a leaf is computed from catalogue variables, or {@code null}
 * @param treatment   outlier treatment of a leaf's raw values before scoring ({@code winsorise}, {@code log},
 *                    {@code box-cox}, {@code none}, with its parameters), or {@code null} for none (since 1.4)
 */
@ProviderType
public record Indicator(String id, LocalizedText name, int level, Weight weight, Direction direction, String unit,
        RuleRef scoring, RuleRef aggregation, String description, List<Indicator> children, Binding binding,
        RuleRef treatment) {
    public Indicator {
        children = children == null ? List.of() : List.copyOf(children);
    }

    public Indicator(String id, LocalizedText name, int level, Weight weight, Direction direction, String unit,
            RuleRef scoring, RuleRef aggregation, String description, List<Indicator> children, Binding binding) {
        this(id, name, level, weight, direction, unit, scoring, aggregation, description, children, binding, null);
    }

    /** An indicator without a binding. */
    public Indicator(String id, LocalizedText name, int level, Weight weight, Direction direction, String unit,
            RuleRef scoring, RuleRef aggregation, String description, List<Indicator> children) {
        this(id, name, level, weight, direction, unit, scoring, aggregation, description, children, null);
    }

    /** @return {@code true} when this node has no children */
    public boolean leaf() {
        return children.isEmpty();
    }
}
