package org.cityeval.engine.internal;

import java.util.Map;

/**
 * What the mean-type aggregations ({@code geometric}, {@code harmonic}, {@code topsis}) share: they work
 * on the children's score rates (points ÷ weight) with the children's weights normalised to sum 1.
 * Children of weight 0 do not count.
 */
final class AggregationRates {
    private AggregationRates() {
    }

    /** @return the sum of the positive weights */
    static double totalWeight(double[] childWeights) {
        return totalWeight(childWeights, childWeights.length);
    }

    /** @return the sum of the positive weights among the first {@code n} */
    static double totalWeight(double[] childWeights, int n) {
        double total = 0;
        for (int k = 0; k < n; k++) {
            double w = childWeights[k];
            if (w > 0) {
                total += w;
            }
        }
        return total;
    }

    /** @return child {@code k}'s score rate, points ÷ weight */
    static double rate(double[] childPoints, double[] childWeights, int k) {
        return childPoints[k] / childWeights[k];
    }

    private static String plain(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? String.valueOf(v) : Numbers.plain(v);
    }

    /** Rejects parameters: these rules have none. */
    static void noParameters(String rule, Map<String, Object> parameters) {
        RuleParameters.allowOnly(parameters, rule + " aggregation");
    }

    /**
     * @throws IllegalArgumentException when a counting child scores 0 or less, which a mean of this kind
     *                                  cannot take (a logarithm or a reciprocal of 0)
     */
    static void requirePositive(String rule, double[] childPoints, double[] childWeights) {
        for (int k = 0; k < childPoints.length; k++) {
            if (childWeights[k] > 0 && !(childPoints[k] > 0)) {
                throw new IllegalArgumentException(rule + " aggregation needs positive scores, but a child scores 0 "
                        + "or less (child " + (k + 1) + " of " + childPoints.length + ": " + plain(childPoints[k])
                        + " of " + Numbers.plain(childWeights[k]) + " points); shift the normalisation so that no "
                        + "city scores 0 (e.g. min-max or goalposts with a lower bound below the lowest value, or "
                        + "z-score) or use weighted-sum");
            }
        }
    }
}
