package org.cityeval.engine.internal;

import java.util.Map;

import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.Rules;
import org.osgi.service.component.annotations.Component;

/**
 * {@code harmonic}: the weighted harmonic mean of the children's score rates, times the parent's weight:
 * <pre>
 * rate_j = points_j / w_j
 * points = weight × Σ_j w_j / Σ_j (w_j / rate_j)
 * </pre>
 * The least compensatory of the three means (harmonic ≤ geometric ≤ arithmetic, i.e. weighted-sum): a
 * poor child pulls the parent down the most (COINr's {@code a_hmean}). For equal rates it equals the
 * weighted sum.
 * <p>
 * Every child must score above 0: a child scoring 0 or less is an error, as for {@code geometric}.
 * Children of weight 0 do not count.
 * <p>
 * Example: children of weights 10 and 30 scoring 0.625 and 30 points (rates 1/16 and 1) under a parent
 * of 40 points: 40 × 40 / (10 × 16 + 30 × 1) = 40 × 40/190 ≈ 8.42 points.
 * <p>
 * Parameters: none. Descriptor example:
 *
 * <pre>
 * "aggregation": "harmonic"
 * </pre>
 */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + HarmonicAggregation.NAME, Rules.PARAMETERS + "=" })
public class HarmonicAggregation implements AggregationRule, BatchAggregation {
    public static final String NAME = "harmonic";

    @Override
    public double aggregate(double[] childPoints, double[] childWeights, double weight, Map<String, Object> parameters) {
        AggregationRates.noParameters(NAME, parameters);
        AggregationRates.requirePositive(NAME, childPoints, childWeights);
        return kernel(childPoints, childWeights, childPoints.length, weight);
    }

    /** The rule's arithmetic on the first n children, for the scalar and the batch form alike. */
    private static double kernel(double[] points, double[] weights, int n, double weight) {
        double total = AggregationRates.totalWeight(weights, n);
        if (total <= 0) {
            return 0;
        }
        double reciprocals = 0;
        for (int k = 0; k < n; k++) {
            if (weights[k] > 0) {
                reciprocals += weights[k] / AggregationRates.rate(points, weights, k);
            }
        }
        return weight * total / reciprocals;
    }

    @Override
    public void aggregate(double[][] childPoints, double[] childWeights, double weight, boolean renormalise,
            int units, double[] out) {
        BatchAggregation.perUnit(HarmonicAggregation::kernel, true, childPoints, childWeights, weight, renormalise, units,
                out);
    }
}
