package org.cityeval.api.workflow;

import java.io.IOException;

import org.cityeval.api.analysis.IndexStatisticsResult;
import org.cityeval.api.data.BadInputException;
import org.osgi.annotation.versioning.ProviderType;

/** Statistics of a model's index (correlations, flags, Cronbach's alpha, PCA per node) on its evaluation. */
@ProviderType
public interface StatisticsWorkflow {
    /**
     * Evaluates the model on the data with the request's options (by default the model's own missing-data
     * treatment) and analyses the result.
     *
     * @throws WorkflowException UNAVAILABLE without the statistics (bundle org.cityeval.analysis) or, for a COINr
     *                           pair, the COINr format; NOT_FOUND for an unknown model; INVALID for a node that
     *                           is not an inner node of the model
     */
    IndexStatisticsResult run(StatisticsRequest request) throws IOException, BadInputException;
}
