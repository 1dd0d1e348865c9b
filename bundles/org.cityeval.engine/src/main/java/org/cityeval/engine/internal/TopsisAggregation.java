package org.cityeval.engine.internal;

import java.util.Map;

import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.Rules;
import org.osgi.service.component.annotations.Component;

/**
 * {@code topsis}: TOPSIS (technique for order of preference by similarity to the ideal solution) with fixed
 * ideal points. In the space of the children's score rates r_j = points_j / w_j, weighted by the children's
 * weights normalised to sum 1 (v_j = w_j / Σ_k w_k), a city is compared with the ideal point (every rate 1)
 * and the anti-ideal point (every rate 0):
 * <pre>
 * d+ = √( Σ_j v_j² (1 − r_j)² )     distance to the ideal
 * d− = √( Σ_j v_j² r_j² )           distance to the anti-ideal
 * C  = d− / (d+ + d−)                closeness, 0 (anti-ideal) to 1 (ideal)
 * points = weight × C
 * </pre>
 * Rates are clamped into [0, 1] first, since a rate beyond a bound of the scale is no closer to it.
 * <p>
 * Classical TOPSIS takes the ideal and anti-ideal points from the data (the best and worst city per
 * criterion), which needs all cities at once; an aggregation rule sees one city at a time. Fixing the ideal
 * points at the bounds of the normalised scale makes the method unit-by-unit, so a city's score does not
 * depend on the other cities. For equal rates C equals the rate, so then it agrees with the weighted sum.
 * Zero scores are allowed. Children of weight 0 do not count.
 * <p>
 * Example: children of weights 30 and 10 (v = ¾, ¼) scoring 24 and 4 points (rates 0.8 and 0.4) under a
 * parent of 40 points: d+ = √(9/16 × 0.04 + 1/16 × 0.36) = √0.045 ≈ 0.2121, d− = √(9/16 × 0.64 + 1/16 ×
 * 0.16) = √0.37 ≈ 0.6083, C ≈ 0.7414, points ≈ 29.66 (the weighted sum gives 28).
 * <p>
 * Parameters: none. Descriptor example:
 *
 * <pre>
 * "aggregation": "topsis"
 * </pre>
 */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + TopsisAggregation.NAME, Rules.PARAMETERS + "=" })
public class TopsisAggregation implements AggregationRule, BatchAggregation {
    public static final String NAME = "topsis";

    @Override
    public double aggregate(double[] childPoints, double[] childWeights, double weight, Map<String, Object> parameters) {
        AggregationRates.noParameters(NAME, parameters);
        return kernel(childPoints, childWeights, childPoints.length, weight);
    }

    /** The rule's arithmetic on the first n children, for the scalar and the batch form alike. */
    private static double kernel(double[] points, double[] weights, int n, double weight) {
        double total = AggregationRates.totalWeight(weights, n);
        if (total <= 0) {
            return 0;
        }
        double toIdeal = 0;
        double toAntiIdeal = 0;
        for (int k = 0; k < n; k++) {
            if (weights[k] > 0) {
                double v = weights[k] / total;
                double r = MinMaxScoring.clamp(AggregationRates.rate(points, weights, k));
                toIdeal += v * v * (1 - r) * (1 - r);
                toAntiIdeal += v * v * r * r;
            }
        }
        double dPlus = Math.sqrt(toIdeal);
        double dMinus = Math.sqrt(toAntiIdeal);
        return weight * dMinus / (dPlus + dMinus);
    }

    @Override
    public void aggregate(double[][] childPoints, double[] childWeights, double weight, boolean renormalise,
            int units, double[] out) {
        BatchAggregation.perUnit(TopsisAggregation::kernel, false, childPoints, childWeights, weight, renormalise, units,
                out);
    }
}
