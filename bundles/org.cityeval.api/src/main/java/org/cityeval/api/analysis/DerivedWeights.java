package org.cityeval.api.analysis;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A node's children's weights as a weighting method derives them, beside their current weights. Field
 * names are the JSON output's ({@code cityeval weights --format json}, {@code POST /api/weights}).
 *
 * @param model   model id
 * @param node    the parent's id
 * @param method  the weighting method
 * @param weights one row per child, in tree order
 * @param notes   what the method found on the way (e.g. AHP's consistency ratio)
 */
@ProviderType
public record DerivedWeights(String model, String node, String method, List<Row> weights, List<String> notes) {
    public DerivedWeights {
        weights = List.copyOf(weights);
        notes = List.copyOf(notes);
    }

    /**
     * @param id         child id
     * @param name       child name
     * @param current    its current weight in points
     * @param provenance the current weight's provenance
     * @param derived    the derived relative weight (the children's add up to 1)
     * @param points     the derived weight in the parent's points
     */
    @ProviderType
    public record Row(String id, String name, double current, String provenance, double derived, double points) {
    }
}
