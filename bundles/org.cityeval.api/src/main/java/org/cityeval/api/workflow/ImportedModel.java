package org.cityeval.api.workflow;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.osgi.annotation.versioning.ProviderType;

/** A model and dataset read from a foreign format (COINr's iMeta/iData), validated as the extender would. */
@ProviderType
public interface ImportedModel {
    EvaluationModel model();

    CityDataset data();

    /** @return the model as a cityeval descriptor (JSON) */
    byte[] descriptor();
}
