package org.cityeval.api.analysis;

import java.util.List;
import java.util.function.IntConsumer;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Monte Carlo uncertainty and variance-based sensitivity analysis of a model's ranking over its own
 * choices (weights, normalisation, aggregation, winsorisation) and, given several models, over the choice
 * of model itself.
 */
@ProviderType
public interface UncertaintyAnalysis {

    /**
     * @param models   one model, or several when the model itself is an uncertain choice
     * @param data     the dataset (leaf values)
     * @param spec     the uncertain choices
     * @param progress told the number of evaluations done so far, now and then; may be {@code null}
     */
    UncertaintyResult run(List<EvaluationModel> models, CityDataset data, UncertaintySpec spec, IntConsumer progress)
            throws BadInputException;
}
