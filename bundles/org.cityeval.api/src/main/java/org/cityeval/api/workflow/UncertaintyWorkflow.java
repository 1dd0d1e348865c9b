package org.cityeval.api.workflow;

import java.io.IOException;
import java.util.function.IntConsumer;

import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.data.BadInputException;
import org.osgi.annotation.versioning.ProviderType;

/** Monte Carlo uncertainty and Sobol sensitivity of the request's models on its data. */
@ProviderType
public interface UncertaintyWorkflow {
    /**
     * @param progress told the number of runs done, or {@code null}
     * @throws WorkflowException UNAVAILABLE without the uncertainty analysis (or the COINr format)
     */
    UncertaintyResult run(UncertaintyRequest request, IntConsumer progress) throws IOException, BadInputException;

    /** @return the model evaluations the request asks for: N, or N × (k + 2) with Sobol indices over k choices */
    long runs(UncertaintyRequest request);
}
