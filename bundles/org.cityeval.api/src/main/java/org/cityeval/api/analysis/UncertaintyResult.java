package org.cityeval.api.analysis;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the Monte Carlo found. Field names are the JSON output's.
 *
 * @param models       the models (several when the choice of model is itself uncertain)
 * @param replications replications run
 * @param seed         the seed
 * @param choices      the uncertain choices, in words
 * @param cities       per city: nominal rank, median rank and the 5–95% band, best nominal rank first
 * @param sensitivity  Sobol indices per choice, of the mean absolute rank shift from the nominal ranking
 * @param cityRanks    per city (adcode), Sobol indices per choice of that city's rank; empty without Sobol
 * @param notes        how it was run (evaluations, threads, seconds)
 */
@ProviderType
public record UncertaintyResult(List<String> models, int replications, long seed, List<String> choices,
        List<RankBand> cities, List<Sensitivity> sensitivity, Map<String, List<Sensitivity>> cityRanks,
        List<String> notes) {

    /**
     * @param adcode  city
     * @param name    name
     * @param nominal rank with the model's own choices
     * @param median  median rank over the replications
     * @param p5      5th percentile rank
     * @param p95     95th percentile rank
     */
    @ProviderType
    public record RankBand(String adcode, String name, int nominal, double median, double p5, double p95) {
    }

    /**
     * @param choice the uncertain choice
     * @param first  first-order index S_i
     * @param total  total index S_Ti
     */
    @ProviderType
    public record Sensitivity(String choice, double first, double total) {
    }
}
