package org.cityeval.engine.internal;

import java.util.Arrays;
import java.util.Map;

import org.cityeval.api.model.Direction;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/**
 * {@code min-max}: linear scaling between a minimum and a maximum,
 * points = weight × (x − min) / (max − min) for a positive indicator and weight × (max − x) / (max − min)
 * for a {@link Direction#NEGATIVE negative} one (lower is better), so the best city scores the full weight
 * and the worst 0. The rate is clamped into [0, 1], which matters only when a bound is given. Missing
 * values stay missing.
 * <p>
 * Parameters (optional numbers): {@code min} and {@code max} fix the bounds, e.g. to compare editions on
 * the same scale; a bound not given is the observed minimum or maximum over the cities with a value. The
 * bounds must satisfy min &lt; max, so without given bounds the column needs at least two distinct values.
 * <p>
 * Descriptor examples:
 *
 * <pre>
 * "scoring": "min-max"
 * "scoring": {"rule": "min-max", "parameters": {"min": 0, "max": 100}}
 * </pre>
 */
// the parameters it reads, declared so that validation finds a misspelt one before evaluation
@Component(property = { Rules.NAME + "=" + MinMaxScoring.NAME, Rules.PARAMETERS + "=" + MinMaxScoring.MIN, Rules.PARAMETERS + "=" + MinMaxScoring.MAX })
public class MinMaxScoring implements ScoringRule {
    public static final String NAME = "min-max";
    static final String MIN = "min";
    static final String MAX = "max";

    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        String context = NAME + " on " + indicator.id();
        RuleParameters.allowOnly(parameters, context, MIN, MAX);
        Double givenMin = RuleParameters.number(parameters, MIN, context);
        Double givenMax = RuleParameters.number(parameters, MAX, context);
        if (givenMin != null && givenMax != null && !(givenMin < givenMax)) {
            throw new IllegalArgumentException(context + ": parameter 'min' (" + Numbers.plain(givenMin)
                    + ") must be below 'max' (" + Numbers.plain(givenMax) + ")");
        }
        double observedMin = Double.POSITIVE_INFINITY;
        double observedMax = Double.NEGATIVE_INFINITY;
        int values = 0;
        for (double x : raw) {
            if (!Double.isNaN(x)) {
                observedMin = Math.min(observedMin, x);
                observedMax = Math.max(observedMax, x);
                values++;
            }
        }
        double[] out = new double[raw.length];
        Arrays.fill(out, Double.NaN);
        if (values == 0) {
            return out;
        }
        double min = givenMin != null ? givenMin : observedMin;
        double max = givenMax != null ? givenMax : observedMax;
        if (givenMin == null && givenMax == null && !(observedMin < observedMax)) {
            throw new IllegalArgumentException(context + " needs at least two distinct values (every city with "
                    + "a value has " + Numbers.plain(observedMin) + "); give the parameters 'min' and 'max' "
                    + "or use another scoring rule");
        }
        if (!(min < max)) {
            throw new IllegalArgumentException(context + ": the minimum " + Numbers.plain(min)
                    + (givenMin != null ? " (given)" : " (observed)") + " is not below the maximum "
                    + Numbers.plain(max) + (givenMax != null ? " (given)" : " (observed)"));
        }
        boolean negative = indicator.direction() == Direction.NEGATIVE;
        double w = indicator.weight().value();
        for (int i = 0; i < raw.length; i++) {
            double x = raw[i];
            if (!Double.isNaN(x)) {
                double rate = negative ? (max - x) / (max - min) : (x - min) / (max - min);
                out[i] = clamp(rate) * w;
            }
        }
        return out;
    }

    /** @return the rate clamped into [0, 1] */
    static double clamp(double rate) {
        return Math.max(0, Math.min(1, rate));
    }
}
