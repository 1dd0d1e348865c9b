package org.cityeval.api.analysis;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One unit's profile in an evaluation: its rank overall and among its province's cities, its rank "of N" at every
 * node, and its strengths and weaknesses — the indicators where it ranks best and worst, by COINr's
 * {@code get_str_weak} rule on the raw data (ranks of the direction-adjusted values, ties sharing the best rank,
 * missing values left out, indicators where the unit ranks last dropped, then the {@code topN} best and the
 * {@code bottomN} worst).
 *
 * @param provinceRank   rank of the unit's total among the ranked cities of its province; null without a province
 *                       or rank
 * @param provinceRanked how many of the province's cities are ranked
 * @param nodes          per node in tree order: its points and rank of N
 * @since 1.6
 */
@ProviderType
public record CityProfile(String model, String adcode, String name, String province, Double score, Integer rank,
        int ranked, Integer provinceRank, int provinceRanked, List<NodeRank> nodes, List<IndicatorRank> strengths,
        List<IndicatorRank> weaknesses) {
    public CityProfile {
        nodes = List.copyOf(nodes);
        strengths = List.copyOf(strengths);
        weaknesses = List.copyOf(weaknesses);
    }

    /**
     * The unit at a node: its points (unrounded, as the engine aggregated them) and competition rank among the
     * {@code of} units that have points there (ties share the best rank; the total's rank is evaluate's, of the
     * total at the model's precision); null score and rank where it has none.
     */
    @ProviderType
    public record NodeRank(String id, String name, String parent, int level, Double score, Integer rank, int of) {
    }

    /**
     * An indicator in a strengths or weaknesses list.
     *
     * @param group the indicator's parent node (COINr's report level 2)
     * @param rank  the unit's rank on the direction-adjusted raw values, among the {@code of} units with a value
     * @param value the raw value
     */
    @ProviderType
    public record IndicatorRank(String id, String name, String group, String unit, int rank, int of, double value) {
    }
}
