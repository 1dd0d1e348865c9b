package org.cityeval.api.workflow;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checking model descriptors as the runtime would load them, without deploying them: for {@code cityeval
 * validate}, {@code POST /api/validate}, and the Maven plugin's {@code cityeval:validate}.
 * Example: {@code validation.validate(new ValidateRequest(DataSource.parse("model.json"))).problems()}.
 */
@ProviderType
public interface ValidationWorkflow {
    /**
     * @return every problem and warning; a source that cannot be read at all is a {@link WorkflowException}
     * @throws WorkflowException {@link WorkflowException.Kind#NOT_FOUND} for a missing file or an unknown pack,
     *                           {@link WorkflowException.Kind#INVALID} for a source that is neither descriptor nor bundle
     */
    ValidationReport validate(ValidateRequest request) throws IOException;
}
