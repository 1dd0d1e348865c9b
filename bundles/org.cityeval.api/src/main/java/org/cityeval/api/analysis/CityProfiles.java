package org.cityeval.api.analysis;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.EvaluationOptions;

import org.osgi.annotation.versioning.ProviderType;

/**
 * City profiles and intermediate datasets, from one run of the evaluation engine (the same run {@code evaluate}
 * makes: scores and ranks agree with it).
 *
 * @since 1.6
 */
@ProviderType
public interface CityProfiles {
    /** COINr's default number of strengths and of weaknesses. */
    int DEFAULT_N = 5;

    /**
     * The profile of one unit.
     *
     * @param city    the unit's adcode, code or name (a unique prefix of a name without 市 is enough)
     * @param topN    how many strengths (at most)
     * @param bottomN how many weaknesses (at most)
     * @throws BadInputException bad data or model, or a unit not in the evaluation (naming close candidates)
     */
    CityProfile profile(EvaluationModel model, CityDataset data, EvaluationOptions options, String city, int topN,
            int bottomN) throws BadInputException;

    /** Every stage of the pipeline for this evaluation. */
    PipelineStages stages(EvaluationModel model, CityDataset data, EvaluationOptions options)
            throws BadInputException;

    /**
     * Leave-one-out: each indicator ({@code level} = {@code indicator}) or each level-1 domain ({@code domain})
     * removed in turn, re-evaluated with the model's own pipeline.
     *
     * @throws BadInputException bad data or model, or an unknown level
     */
    LeaveOneOut leaveOneOut(EvaluationModel model, CityDataset data, EvaluationOptions options, String level)
            throws BadInputException;
}
