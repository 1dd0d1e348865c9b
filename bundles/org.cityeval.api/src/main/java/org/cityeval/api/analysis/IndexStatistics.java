package org.cityeval.api.analysis;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.result.EvaluationResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Statistics of an index, for any model, on the model's own evaluation (since 1.6): per inner node, the
 * Pearson and Spearman correlations between its children, of each child with the node and with the index,
 * flags for near-collinear and negative pairs of children (COINr's {@code get_corr_flags} thresholds),
 * Cronbach's alpha of the children and a principal component analysis of the children.
 * <p>
 * The values analysed are each node's score rate: its score in the result ({@code CityResult.scores()}) over
 * its weight in points, so a leaf's value is its normalised indicator (direction applied) and an inner
 * node's its aggregate, on one scale. Correlations and Cronbach's alpha use the cities where both (all)
 * values exist pairwise, as COINr does; the PCA uses the cities with every child's value.
 * <p>
 * Example: {@code statistics.analyse(model, evaluator.evaluate(model, data, EvaluationOptions.DEFAULTS), null)}.
 */
@ProviderType
public interface IndexStatistics {
    /** Pearson correlation above which two children of a node are flagged as near-collinear (COINr's 0.9). */
    double COLLINEAR = 0.9;
    /** Pearson correlation below which two children of a node are flagged as negatively correlated (-0.4). */
    double NEGATIVE = -0.4;

    /**
     * @param model  the evaluated model
     * @param result its evaluation
     * @param node   the inner node to analyse, or {@code null} for every inner node (the root first, then
     *               depth first)
     * @throws IllegalArgumentException when the node is not in the model, or is a leaf
     */
    IndexStatisticsResult analyse(EvaluationModel model, EvaluationResult result, String node);

    /**
     * The same statistics on the evaluation's pipeline as it ran, unrounded: each node's value is its points in
     * the {@code aggregated} stage over its weight. Prefer this to
     * {@link #analyse(EvaluationModel, EvaluationResult, String)}, whose scores are rounded to the model's
     * precision + 4 decimals, which can tie values that differ (and so move Spearman's rho).
     * <p>
     * Example: {@code statistics.analyse(model, profiles.stages(model, data, EvaluationOptions.DEFAULTS), null)}.
     *
     * @param stages the evaluation's intermediate datasets ({@link CityProfiles#stages})
     * @throws IllegalArgumentException when the node is not in the model, or is a leaf, or the stages have no
     *                                  {@code aggregated} stage
     */
    IndexStatisticsResult analyse(EvaluationModel model, PipelineStages stages, String node);
}
