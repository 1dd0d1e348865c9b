package org.cityeval.engine.internal;

import java.util.Map;

import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.Rules;
import org.osgi.service.component.annotations.Component;

/**
 * {@code geometric}: the weighted geometric mean of the children's score rates, times the parent's weight:
 * <pre>
 * rate_j = points_j / w_j
 * points = weight × Π_j rate_j ^ (w_j / Σ_k w_k)
 * </pre>
 * Unlike {@code weighted-sum} it is only partly compensatory: a poor score in one child is not fully
 * made up by a good score in another, so balanced profiles score higher (OECD/JRC <i>Handbook on
 * Constructing Composite Indicators</i>, 2008; COINr's {@code a_gmean}). For equal rates it equals
 * the weighted sum.
 * <p>
 * Every child must score above 0 (a zero would zero the parent whatever the others score): a child
 * scoring 0 or less is an error. Leaves scored by {@code min-max} or {@code rank} give the worst city 0,
 * so under a geometric parent they need a lower bound below the data (e.g. {@code min-max} with
 * {@code min}, or {@code goalposts}) or a normalisation such as {@code z-score}. Children of weight 0 do
 * not count.
 * <p>
 * Example: children of weights 10 and 30 scoring 0.625 and 30 points (rates 1/16 and 1) under a parent
 * of 40 points: 40 × (1/16)^¼ × 1^¾ = 40 × ½ = 20 points, where the weighted sum gives 30.625.
 * <p>
 * Parameters: none. Descriptor example:
 *
 * <pre>
 * "aggregation": "geometric"
 * "aggregation": {"rule": "geometric"}
 * </pre>
 */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + GeometricAggregation.NAME, Rules.PARAMETERS + "=" })
public class GeometricAggregation implements AggregationRule, BatchAggregation {
    public static final String NAME = "geometric";

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
        double product = 1;
        for (int k = 0; k < n; k++) {
            if (weights[k] > 0) {
                product *= Math.pow(AggregationRates.rate(points, weights, k), weights[k] / total);
            }
        }
        return weight * product;
    }

    @Override
    public void aggregate(double[][] childPoints, double[] childWeights, double weight, boolean renormalise,
            int units, double[] out) {
        BatchAggregation.perUnit(GeometricAggregation::kernel, true, childPoints, childWeights, weight, renormalise, units,
                out);
    }
}
