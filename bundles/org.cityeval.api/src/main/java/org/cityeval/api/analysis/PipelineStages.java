package org.cityeval.api.analysis;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The intermediate datasets of one evaluation, taken from the engine's pipeline as it ran (never recomputed), so
 * that a result can be audited and reproduced: per stage, per node of the model's tree, one value per unit (null
 * where the stage has none).
 * <p>
 * Stages, in pipeline order: {@code raw} (leaf values as bound from the data or catalogue variables, after the
 * missing-data policy's coverage threshold), {@code imputed} (after the missing-data policy's imputation),
 * {@code scored} (the points each supplied node receives from its scoring rule) and {@code aggregated} (every
 * node's points after aggregation; the evaluation's scores). A treatment step, when the engine has one, adds its
 * stage between {@code imputed} and {@code scored}.
 *
 * @param model  the model's id
 * @param units  the evaluated units, in the data's order (the order of each stage's value lists)
 * @param nodes  the model's nodes in tree order (pre-order)
 * @param stages the stages in pipeline order
 * @since 1.6
 */
@ProviderType
public record PipelineStages(String model, List<Unit> units, List<Node> nodes, List<Stage> stages) {
    public PipelineStages {
        units = List.copyOf(units);
        nodes = List.copyOf(nodes);
        stages = List.copyOf(stages);
    }

    /** The stage of that name, or null. */
    public Stage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** An evaluated unit: its code (an adcode, or a free unit's code), name and province (null for free units). */
    @ProviderType
    public record Unit(String adcode, String name, String province) {
    }

    /**
     * A node of the model's tree.
     *
     * @param direction {@code positive} or {@code negative} (leaves), null for inner nodes without one
     */
    @ProviderType
    public record Node(String id, String parent, int level, boolean leaf, String direction) {
    }

    /**
     * One stage.
     *
     * @param values node id → one value per unit (null: none); a node the stage does not give is absent
     */
    @ProviderType
    public record Stage(String name, String description, Map<String, List<Double>> values) {
    }
}
