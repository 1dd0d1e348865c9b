package org.cityeval.api.service;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.result.EvaluationResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Evaluates a model on a dataset: scores leaves with their scoring rules, aggregates up the tree from
 * the deepest level the data supply, ranks, assigns tiers, groups and statistics.
 * <p>
 * Each evaluation runs isolated from its caller: under a time limit, an allocation limit and a bound on how many
 * run at once. A rule that throws, runs on, or allocates without bound ends that evaluation with an
 * {@link EvaluationFailure} naming the model, the rule and its bundle; the runtime and other evaluations go on.
 * <p>
 * Example: {@code EvaluationResult r = evaluator.evaluate(model, dataset);}
 */
@ProviderType
public interface Evaluator {

    /**
     * @throws BadInputException when the data cannot be evaluated with this model (no column of the
     *                           model's tree, a rule the runtime does not have)
     * @throws EvaluationFailure   when a rule throws, or the run passes its time or allocation limit
     */
    default EvaluationResult evaluate(EvaluationModel model, CityDataset data) throws BadInputException {
        return evaluate(model, data, EvaluationOptions.DEFAULTS);
    }

    /**
     * With choices made for this run: the missing-data treatment and the year.
     *
     * @throws BadInputException as {@link #evaluate(EvaluationModel, CityDataset)}
     * @throws EvaluationFailure   when a rule throws, or the run passes its time or allocation limit
     */
    EvaluationResult evaluate(EvaluationModel model, CityDataset data, EvaluationOptions options)
            throws BadInputException;

    /**
     * Evaluates each of the panel's years as {@link #evaluate(EvaluationModel, CityDataset, EvaluationOptions)}
     * does (the options' year is ignored), after the panel's time-series imputation, with each leaf scored on its
     * year's values or, with panel normalisation, on every year's; then each city's series and trend.
     *
     * @throws BadInputException for a year the data do not hold, data without years, or as {@code evaluate}
     * @throws EvaluationFailure   as {@code evaluate}
     */
    default org.cityeval.api.result.PanelResult evaluatePanel(EvaluationModel model, CityDataset data,
            EvaluationOptions options, PanelOptions panel) throws BadInputException {
        throw new UnsupportedOperationException("panel evaluation is not available in this runtime");
    }

    /**
     * Which of the model's leaves the data can score (directly, or through their catalogue binding), for how
     * many cities, and what share of the model's weight that backs.
     */
    Coverage coverage(EvaluationModel model, CityDataset data, Integer year);
}
