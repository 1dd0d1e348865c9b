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
}
