package org.cityeval.engine.internal;

import java.util.Map;

import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.Rules;
import org.osgi.service.component.annotations.Component;

/**
 * {@code genmean}: the weighted generalised (power) mean of the children's score rates with exponent {@code p},
 * times the parent's weight (COINr's {@code a_genmean}):
 * <pre>
 * rate_j = points_j / w_j
 * points = weight × ( Σ_j w_j rate_j^p / Σ_j w_j )^(1/p)
 * </pre>
 * p = 1 is the weighted sum, p = −1 the harmonic mean, p → 0 the geometric mean (p = 0 itself is refused, as
 * COINr does: use {@code geometric}); a larger p compensates more (p → ∞: the best child), a smaller one less.
 * A negative p needs every child to score above 0. Children of weight 0 do not count.
 * <p>
 * Example: children of weights 10 and 30 scoring 2.5 and 24 points (rates 0.25 and 0.8) under a parent of
 * 40 points, p = 2: 40 × √((10 × 0.0625 + 30 × 0.64) / 40) = 40 × √0.4956 ≈ 28.16 points (the weighted sum
 * gives 26.5).
 * <p>
 * Parameters: {@code p} (required, a number other than 0). Descriptor example:
 *
 * <pre>
 * "aggregation": { "rule": "genmean", "parameters": { "p": 2 } }
 * </pre>
 */
@Component(property = { Rules.NAME + "=" + GeneralisedMeanAggregation.NAME, Rules.PARAMETERS + "=" + GeneralisedMeanAggregation.P })
public class GeneralisedMeanAggregation implements AggregationRule, BatchAggregation {
    public static final String NAME = "genmean";
    public static final String P = "p";

    @Override
    public double aggregate(double[] childPoints, double[] childWeights, double weight, Map<String, Object> parameters) {
        double p = p(parameters);
        if (p < 0) {
            AggregationRates.requirePositive(NAME + " (p < 0)", childPoints, childWeights);
        }
        return kernel(childPoints, childWeights, childPoints.length, weight, p);
    }

    /** @return the exponent p, checked */
    static double p(Map<String, Object> parameters) {
        String context = NAME + " aggregation";
        RuleParameters.allowOnly(parameters, context, P);
        double p = RuleParameters.requiredNumber(parameters, P, context,
                " (the exponent of the mean, e.g. 2; 1 is the weighted sum, -1 the harmonic mean)");
        if (p == 0) {
            throw new IllegalArgumentException(context + ": p = 0 is an infinite exponent; in the limit the "
                    + "generalised mean is the geometric mean: use the rule 'geometric'");
        }
        return p;
    }

    /** The rule's arithmetic on the first n children, for the scalar and the batch form alike. */
    static double kernel(double[] points, double[] weights, int n, double weight, double p) {
        double total = AggregationRates.totalWeight(weights, n);
        if (total <= 0) {
            return 0;
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            if (weights[k] > 0) {
                sum += weights[k] * Math.pow(AggregationRates.rate(points, weights, k), p);
            }
        }
        return weight * Math.pow(sum / total, 1 / p);
    }

    @Override
    public BatchAggregation bind(Map<String, Object> parameters) {
        double p = p(parameters);
        return (childPoints, childWeights, weight, renormalise, units, out) -> BatchAggregation.perUnit(
                (pts, ws, n, w) -> kernel(pts, ws, n, w, p), p < 0, childPoints, childWeights, weight, renormalise,
                units, out);
    }

    @Override
    public void aggregate(double[][] childPoints, double[] childWeights, double weight, boolean renormalise,
            int units, double[] out) {
        throw new IllegalStateException(NAME + ": the batch form needs its parameter p: call bind(parameters)");
    }
}
