package org.cityeval.api.spi;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Combines children's points into the parent's points.
 * <p>
 * Example: the built-in {@code weighted-sum} returns the sum of the children's points, which is the
 * weighted sum of their score rates with the children's weights.
 */
@ConsumerType
public interface AggregationRule {

    /**
     * @param childPoints  the children's points (none is NaN)
     * @param childWeights the children's weights in points
     * @param weight       the parent's weight in points
     * @param parameters   the descriptor's parameters for the parent
     * @return the parent's points
     */
    double aggregate(double[] childPoints, double[] childWeights, double weight, Map<String, Object> parameters);
}
