package org.cityeval.engine.internal;

import java.util.Map;

import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.Rules;
import org.osgi.service.component.annotations.Component;

/**
 * {@code weighted-sum}: the parent's points are the sum of its children's points. Because each child's
 * points are its score rate times its weight, this is the weighted sum Σ w_j · rate_j of the reports
 * ({@code D_f = Σ_j D_jf} in Guomai's notation).
 */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + WeightedSumAggregation.NAME, Rules.PARAMETERS + "=" })
public class WeightedSumAggregation implements AggregationRule, BatchAggregation {
    public static final String NAME = "weighted-sum";

    @Override
    public double aggregate(double[] childPoints, double[] childWeights, double weight, Map<String, Object> parameters) {
        return sum(childPoints, childWeights, childPoints.length, weight);
    }

    private static double sum(double[] points, double[] weights, int n, double weight) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += points[k];
        }
        return sum;
    }

    /** Units with every child scored are summed child by child over all units at once (the same additions). */
    @Override
    public void aggregate(double[][] childPoints, double[] childWeights, double weight, boolean renormalise, int units,
            double[] out) {
        boolean complete = true;
        for (double[] c : childPoints) {
            for (int u = 0; u < units && complete; u++) {
                complete = c[u] == c[u];
            }
        }
        if (!complete) {
            BatchAggregation.perUnit(WeightedSumAggregation::sum, false, childPoints, childWeights, weight,
                    renormalise, units, out);
            return;
        }
        java.util.Arrays.fill(out, 0, units, 0);
        for (double[] c : childPoints) {
            for (int u = 0; u < units; u++) {
                out[u] += c[u];
            }
        }
    }
}
