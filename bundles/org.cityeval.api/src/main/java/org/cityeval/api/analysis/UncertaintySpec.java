package org.cityeval.api.analysis;

import java.util.List;
import java.util.Map;

import org.cityeval.api.model.MissingData;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The uncertain choices of a Monte Carlo uncertainty and sensitivity analysis. A choice left empty is not
 * varied and is the model's own ({@link NormalisationChoice#MODEL}, {@link AggregationChoice#MODEL}); a list of
 * one fixes that choice in every run; a list of several varies it, and {@code MODEL} may be one of them.
 * <p>
 * Example: {@code new UncertaintySpec(1000, 1, 0, Map.of(2, 0.25), List.of(NormalisationChoice.MODEL,
 * NormalisationChoice.RANK), List.of(), List.of(), true, null)}.
 *
 * @param replications   Monte Carlo replications N (Sobol indices cost N × (k + 2) evaluations for k choices)
 * @param seed           random seed: the same seed gives the same result, whatever the thread count
 * @param threads        worker threads (0: one per core)
 * @param weightNoise    per tree level, the relative noise on each weight (0.25: uniform within ±25%)
 * @param normalisations alternative normalisations of the leaves
 * @param aggregations   alternative aggregations
 * @param winsorisation  alternative numbers of points winsorised at most per indicator (e.g. 1..5), or empty
 * @param sobol          whether to estimate Sobol first-order and total indices (Saltelli sampling, Jansen)
 * @param missing        the run's missing-data policy, as {@code evaluate}'s option: {@code null} for each
 *                       model's own; it makes the nominal ranking
 * @param imputations    alternative missing-data policies (COINr's imputation as an uncertain input: e.g.
 *                       {@code renormalise}, {@code mean}, {@code median}, {@code group-mean:province},
 *                       {@code group-median:region}), one input of the design like the others; empty: every run
 *                       uses {@code missing}. @since 1.6
 * @param aggregationAlternatives further alternative aggregations with their parameters
 *                       ({@code genmean:0.5}, {@code copeland}), varied together with {@code aggregations} (those
 *                       first; {@code genmean} needs its exponent, so it comes only here): the CLI and the web
 *                       API put every alternative here. @since 1.6
 */
@ProviderType
public record UncertaintySpec(int replications, long seed, int threads, Map<Integer, Double> weightNoise,
        List<NormalisationChoice> normalisations, List<AggregationChoice> aggregations, List<Integer> winsorisation,
        boolean sobol, MissingData missing, List<MissingData> imputations,
        List<AggregationAlternative> aggregationAlternatives) {
    public UncertaintySpec {
        weightNoise = weightNoise == null ? Map.of() : Map.copyOf(weightNoise);
        normalisations = normalisations == null ? List.of() : List.copyOf(normalisations);
        aggregations = aggregations == null ? List.of() : List.copyOf(aggregations);
        winsorisation = winsorisation == null ? List.of() : List.copyOf(winsorisation);
        imputations = imputations == null ? List.of() : java.util.Collections.unmodifiableList(
                new java.util.ArrayList<>(imputations));
        aggregationAlternatives = aggregationAlternatives == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(aggregationAlternatives));
    }

    /** The shape before imputation alternatives: none, and no parameterised aggregations. */
    public UncertaintySpec(int replications, long seed, int threads, Map<Integer, Double> weightNoise,
            List<NormalisationChoice> normalisations, List<AggregationChoice> aggregations,
            List<Integer> winsorisation, boolean sobol, MissingData missing) {
        this(replications, seed, threads, weightNoise, normalisations, aggregations, winsorisation, sobol, missing,
                List.of(), List.of());
    }

    /**
     * The shape before typed choices (1.2): the names are parsed with {@link NormalisationChoice#parse} and
     * {@link AggregationChoice#parse}; each model's own missing-data policy.
     *
     * @throws IllegalArgumentException for a name that is not a choice; the message lists the valid ones
     */
    public UncertaintySpec(int replications, long seed, int threads, Map<Integer, Double> weightNoise,
            List<String> normalisations, List<String> aggregations, List<Integer> winsorisation, boolean sobol) {
        this(replications, seed, threads, weightNoise,
                normalisations == null ? null : normalisations.stream().map(NormalisationChoice::parse).toList(),
                aggregations == null ? null : aggregations.stream().map(AggregationChoice::parse).toList(),
                winsorisation, sobol, null);
    }
}
