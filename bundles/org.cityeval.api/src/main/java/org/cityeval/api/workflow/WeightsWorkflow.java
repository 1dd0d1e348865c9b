package org.cityeval.api.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import org.cityeval.api.analysis.DerivedWeights;
import org.cityeval.api.data.BadInputException;
import org.osgi.annotation.versioning.ProviderType;

/** Derived weights, and writing them as a model's weight configuration ({@code conf/models/ID.json}). */
@ProviderType
public interface WeightsWorkflow {
    /** @return the weighting methods' names; @throws WorkflowException UNAVAILABLE without any */
    Set<String> methods();

    /**
     * @throws WorkflowException INVALID for an unknown method or a node without children; UNAVAILABLE without
     *                           weighting methods
     * @throws BadInputException when the method refuses its parameters or data (naming model and node)
     */
    DerivedWeights derive(WeightsRequest request) throws IOException, BadInputException;

    /**
     * Writes the weights, provenance {@code derived}, into the distribution's {@code conf/models/ID.json}
     * (atomically, keeping its other entries).
     *
     * @param note what the entries say, e.g. {@code entropy weights from pack:china-cities}
     * @return the file written
     * @throws WorkflowException INVALID when a weight is not assumed or inferred; UNAVAILABLE without a
     *                           distribution folder
     */
    Path writeConfiguration(DerivedWeights weights, String note) throws IOException;

    /**
     * Saves what-if weights (node id to relative weight, as {@link EvaluateRequest#weights(java.util.Map)} takes
     * them) as the named weight configuration of a model, provenance {@code assumed}, in the distribution's
     * {@code conf/weights/ID.json} (atomically, keeping the model's other configurations).
     *
     * @return the file written
     * @throws WorkflowException INVALID for an unknown model, node or name, or a weight that is not a finite
     *                           number ≥ 0; UNAVAILABLE without a distribution folder
     * @since 1.2
     */
    default Path saveConfiguration(String model, String name, java.util.Map<String, Double> weights)
            throws IOException {
        throw WorkflowException.unavailable("named weight configurations are");
    }

    /**
     * @return the model's named weight configurations, name to weights (node id to relative weight), by name
     * @since 1.2
     */
    default java.util.SortedMap<String, java.util.Map<String, Double>> configurations(String model)
            throws IOException {
        return new java.util.TreeMap<>();
    }
}
