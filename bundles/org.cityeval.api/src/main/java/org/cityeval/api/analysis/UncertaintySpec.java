package org.cityeval.api.analysis;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The uncertain choices of a Monte Carlo uncertainty and sensitivity analysis. Each choice left empty is
 * not varied.
 *
 * @param replications   Monte Carlo replications N (Sobol indices cost N × (k + 2) evaluations for k choices)
 * @param seed           random seed: the same seed gives the same result, whatever the thread count
 * @param threads        worker threads (0: one per core)
 * @param weightNoise    per tree level, the relative noise on each weight (0.25: uniform within ±25%)
 * @param normalisations alternative normalisations of the leaves: {@code min-max}, {@code rank},
 *                       {@code z-score}, {@code goalposts}, {@code distance-to-target}
 * @param aggregations   alternative aggregations: {@code arithmetic}, {@code geometric}, {@code harmonic}
 * @param winsorisation  alternative numbers of points winsorised at most per indicator (e.g. 1..5), or empty
 * @param sobol          whether to estimate Sobol first-order and total indices (Saltelli sampling, Jansen)
 */
@ProviderType
public record UncertaintySpec(int replications, long seed, int threads, Map<Integer, Double> weightNoise,
        List<String> normalisations, List<String> aggregations, List<Integer> winsorisation, boolean sobol) {
    public UncertaintySpec {
        weightNoise = weightNoise == null ? Map.of() : Map.copyOf(weightNoise);
        normalisations = normalisations == null ? List.of() : List.copyOf(normalisations);
        aggregations = aggregations == null ? List.of() : List.copyOf(aggregations);
        winsorisation = winsorisation == null ? List.of() : List.copyOf(winsorisation);
    }
}
