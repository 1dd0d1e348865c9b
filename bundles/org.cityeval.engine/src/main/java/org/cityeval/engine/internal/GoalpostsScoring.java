package org.cityeval.engine.internal;

import java.util.Map;

import org.cityeval.api.model.Direction;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/**
 * {@code goalposts}: linear scaling between two fixed goalposts, as in the UN Human Development Index.
 * The rate is (x − lower) / (upper − lower) for a positive indicator and (upper − x) / (upper − lower)
 * for a {@link Direction#NEGATIVE negative} one, clamped into [0, 1]; points = rate × weight. So a
 * positive indicator scores nothing at or below {@code lower} and the full weight at or above
 * {@code upper}; a negative one the other way round. Missing values stay missing.
 * <p>
 * Parameters (required numbers): {@code lower} and {@code upper}, with lower &lt; upper whatever the
 * direction.
 * <p>
 * Descriptor example (5G base stations per 10,000 people: none scores 0, 30 or more scores full marks):
 *
 * <pre>
 * "scoring": {"rule": "goalposts", "parameters": {"lower": 0, "upper": 30}}
 * </pre>
 */
// the parameters it reads, declared so that validation finds a misspelt one before evaluation
@Component(property = { Rules.NAME + "=" + GoalpostsScoring.NAME, Rules.PARAMETERS + "=" + GoalpostsScoring.LOWER, Rules.PARAMETERS + "=" + GoalpostsScoring.UPPER })
public class GoalpostsScoring implements ScoringRule {
    public static final String NAME = "goalposts";
    static final String LOWER = "lower";
    static final String UPPER = "upper";

    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        String context = NAME + " on " + indicator.id();
        RuleParameters.allowOnly(parameters, context, LOWER, UPPER);
        String hint = " (a number; give 'lower' and 'upper' with lower < upper)";
        double lower = RuleParameters.requiredNumber(parameters, LOWER, context, hint);
        double upper = RuleParameters.requiredNumber(parameters, UPPER, context, hint);
        if (!(lower < upper)) {
            throw new IllegalArgumentException(context + ": parameter 'lower' (" + Numbers.plain(lower)
                    + ") must be below 'upper' (" + Numbers.plain(upper) + "); for an indicator where lower "
                    + "is better, set its direction to negative");
        }
        boolean negative = indicator.direction() == Direction.NEGATIVE;
        double w = indicator.weight().value();
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double x = raw[i];
            if (Double.isNaN(x)) {
                out[i] = Double.NaN;
            } else {
                double rate = negative ? (upper - x) / (upper - lower) : (x - lower) / (upper - lower);
                out[i] = MinMaxScoring.clamp(rate) * w;
            }
        }
        return out;
    }
}
