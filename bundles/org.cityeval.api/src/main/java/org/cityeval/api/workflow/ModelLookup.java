package org.cityeval.api.workflow;

import org.cityeval.api.service.LoadedModel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds loaded models by id, with the one message for a model that is not loaded (a node of a model:
 * {@link org.cityeval.api.model.EvaluationModel#node}). Example:
 * {@code lookup.model("guomai-psdf-2024").model().root()}.
 */
@ProviderType
public interface ModelLookup {
    /** @throws WorkflowException {@link WorkflowException.Kind#NOT_FOUND}: {@code unknown model 'x'; loaded: a, b} */
    LoadedModel model(String id);
}
