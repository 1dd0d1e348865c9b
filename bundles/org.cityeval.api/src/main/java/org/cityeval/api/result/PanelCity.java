package org.cityeval.api.result;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One city's series over a panel's years ({@link PanelResult#years}): one entry per year, {@code null} where the
 * city has no value that year.
 *
 * @param adcode   the city's code
 * @param name     the city's name
 * @param province its province
 * @param totals   total score per year
 * @param ranks    rank per year (within the year)
 * @param tiers    tier per year
 * @param nodes    per node id, its score per year
 * @param cagr     compound annual growth rate of the total from its first to its last year with data
 *                 ({@code (last/first)^(1/(yearLast−yearFirst)) − 1}); null with fewer than two such years or
 *                 a first total that is not positive
 * @param slope    Theil–Sen slope of the total per year (the median of the pairwise slopes over the years with
 *                 data), robust to an outlying year; null with fewer than two years with data
 */
@ProviderType
public record PanelCity(String adcode, String name, String province, List<Double> totals, List<Integer> ranks,
        List<String> tiers, Map<String, List<Double>> nodes, Double cagr, Double slope) {
    public PanelCity {
        totals = Collections.unmodifiableList(new java.util.ArrayList<>(totals));
        ranks = Collections.unmodifiableList(new java.util.ArrayList<>(ranks));
        tiers = Collections.unmodifiableList(new java.util.ArrayList<>(tiers));
        nodes = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
    }
}
