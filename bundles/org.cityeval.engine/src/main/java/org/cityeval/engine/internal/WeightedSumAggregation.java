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
@Component(property = Rules.NAME + "=" + WeightedSumAggregation.NAME)
public class WeightedSumAggregation implements AggregationRule {
    public static final String NAME = "weighted-sum";

    @Override
    public double aggregate(double[] childPoints, double[] childWeights, double weight, Map<String, Object> parameters) {
        double sum = 0;
        for (double p : childPoints) {
            sum += p;
        }
        return sum;
    }
}
