package org.cityeval.api.workflow;

import java.io.IOException;

import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.data.BadInputException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Compares models: evaluates or reproduces them, reads the crosswalk, and asks the concordance analysis. A
 * model whose evaluation fails is listed in {@link Concordance#failed()} and the others are compared.
 */
@ProviderType
public interface ComparisonWorkflow {
    /**
     * @throws WorkflowException INVALID for fewer than two models or a malformed crosswalk; EVALUATION_FAILED when
     *                           fewer than two could be evaluated; UNAVAILABLE without the concordance analysis
     */
    Concordance compare(CompareRequest request) throws IOException, BadInputException;
}
