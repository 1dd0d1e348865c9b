package org.cityeval.api.result;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Statistics of one node's scores over the evaluated cities, as reports print them per domain.
 *
 * @param count     cities with a score at this node
 * @param mean      mean score
 * @param rate      score rate: mean divided by the node's points
 * @param aboveMean cities scoring above the mean
 * @param top10     the ten best cities (more when ties straddle tenth place)
 * @param spread    best minus worst
 * @param max       best score
 * @param min       worst score
 */
@ProviderType
public record NodeStatistics(int count, double mean, double rate, int aboveMean, List<RankedCity> top10,
        double spread, double max, double min) {
}
