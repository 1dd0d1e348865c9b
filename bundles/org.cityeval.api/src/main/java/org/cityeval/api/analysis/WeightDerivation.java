package org.cityeval.api.analysis;

import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.EvaluationOptions;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Derives the weights of a node's children with a weighting method, beside their current weights; for data-driven methods, from the
 * children's score rates (points ÷ weight) of the cities that have them all, evaluated with the given
 * options (missing data renormalised unless the options say otherwise).
 * <p>
 * Example: {@code derivation.derive(model, "total", "entropy", Map.of(), data, EvaluationOptions.DEFAULTS)}.
 */
@ProviderType
public interface WeightDerivation {

    /**
     * @param node       the parent indicator's id
     * @param method     a weighting method's name ({@code cityeval.rule})
     * @param parameters the method's parameters
     * @param data       the data for data-driven methods, or {@code null}
     * @throws BadInputException naming the model and node when the node, method, parameters or data do not fit
     */
    DerivedWeights derive(EvaluationModel model, String node, String method, Map<String, Object> parameters,
            CityDataset data, EvaluationOptions options) throws BadInputException;
}
