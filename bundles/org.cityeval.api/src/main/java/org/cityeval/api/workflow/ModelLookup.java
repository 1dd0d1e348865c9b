package org.cityeval.api.workflow;

import java.util.Optional;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.service.LoadedModel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds loaded models and nodes by id, with the one message for a model that is not loaded. Example:
 * {@code lookup.model("guomai-psdf-2024").model().root()}.
 */
@ProviderType
public interface ModelLookup {
    /** @throws WorkflowException {@link WorkflowException.Kind#NOT_FOUND}: {@code unknown model 'x'; loaded: a, b} */
    LoadedModel model(String id);

    /** @return the node with this id anywhere in the model's tree */
    Optional<Indicator> node(EvaluationModel model, String id);
}
