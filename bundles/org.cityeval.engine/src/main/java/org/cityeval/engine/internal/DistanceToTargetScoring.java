package org.cityeval.engine.internal;

import java.util.Arrays;
import java.util.Map;

import org.cityeval.api.model.Direction;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/**
 * {@code distance-to-target}: how far each city has come towards a policy target, like COINr's
 * {@code n_dist2targ}. For a positive indicator
 * <pre>
 * rate = (x − lower) / (target − lower)
 * </pre>
 * and for a {@link Direction#NEGATIVE negative} one (lower is better)
 * <pre>
 * rate = (upper − x) / (upper − target)
 * </pre>
 * clamped into [0, 1]; points = rate × weight. So a city that reaches the target scores the full weight
 * (exceeding it earns nothing more), and the city at {@code lower} ({@code upper}) scores 0. When the
 * bound is the observed one and every city reaches the target, every city scores the full weight. Missing
 * values stay missing.
 * <p>
 * Parameters (numbers): {@code target} (required); for a positive indicator {@code lower}, the value that
 * scores 0 (below the target; default the lowest observed value); for a negative one {@code upper}, the
 * value that scores 0 (above the target; default the highest observed value). A bound of the other
 * direction is an error, since it would be ignored.
 * <p>
 * Descriptor examples (a share of green buildings with the target 70%; PM2.5 with the WHO interim target 35
 * μg/m³, the indicator's direction being negative):
 *
 * <pre>
 * "scoring": {"rule": "distance-to-target", "parameters": {"target": 70}}
 * "scoring": {"rule": "distance-to-target", "parameters": {"target": 35, "upper": 75}}
 * </pre>
 */
// the parameters it reads, declared so that validation finds a misspelt one before evaluation
@Component(property = { Rules.NAME + "=" + DistanceToTargetScoring.NAME, Rules.PARAMETERS + "=" + DistanceToTargetScoring.TARGET, Rules.PARAMETERS + "=" + DistanceToTargetScoring.LOWER, Rules.PARAMETERS + "=" + DistanceToTargetScoring.UPPER })
public class DistanceToTargetScoring implements ScoringRule {
    public static final String NAME = "distance-to-target";
    static final String TARGET = "target";
    static final String LOWER = "lower";
    static final String UPPER = "upper";

    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        String context = NAME + " on " + indicator.id();
        RuleParameters.allowOnly(parameters, context, TARGET, LOWER, UPPER);
        double target = RuleParameters.requiredNumber(parameters, TARGET, context,
                " (a number: the value at which a city scores the full weight)");
        Double givenLower = RuleParameters.number(parameters, LOWER, context);
        Double givenUpper = RuleParameters.number(parameters, UPPER, context);
        boolean negative = indicator.direction() == Direction.NEGATIVE;
        if (!negative && givenUpper != null) {
            throw new IllegalArgumentException(context + ": parameter 'upper' is for an indicator where lower is "
                    + "better (direction negative); this one is positive, so give 'lower', the value that scores 0");
        }
        if (negative && givenLower != null) {
            throw new IllegalArgumentException(context + ": parameter 'lower' is for an indicator where higher is "
                    + "better; this one's direction is negative, so give 'upper', the value that scores 0");
        }
        if (givenLower != null && !(givenLower < target)) {
            throw new IllegalArgumentException(context + ": parameter 'lower' (" + Numbers.plain(givenLower)
                    + ") must be below 'target' (" + Numbers.plain(target) + "); for an indicator where lower is "
                    + "better, set its direction to negative");
        }
        if (givenUpper != null && !(givenUpper > target)) {
            throw new IllegalArgumentException(context + ": parameter 'upper' (" + Numbers.plain(givenUpper)
                    + ") must be above 'target' (" + Numbers.plain(target) + "); for an indicator where higher is "
                    + "better, set its direction to positive");
        }
        double observedMin = Double.POSITIVE_INFINITY;
        double observedMax = Double.NEGATIVE_INFINITY;
        for (double x : raw) {
            if (!Double.isNaN(x)) {
                observedMin = Math.min(observedMin, x);
                observedMax = Math.max(observedMax, x);
            }
        }
        double[] out = new double[raw.length];
        Arrays.fill(out, Double.NaN);
        double w = indicator.weight().value();
        double bound = negative ? (givenUpper != null ? givenUpper : observedMax)
                : (givenLower != null ? givenLower : observedMin);
        // an observed bound at or beyond the target: every city reaches the target
        boolean allReach = negative ? !(bound > target) : !(bound < target);
        for (int i = 0; i < raw.length; i++) {
            double x = raw[i];
            if (!Double.isNaN(x)) {
                double rate = allReach ? 1
                        : negative ? (bound - x) / (bound - target) : (x - bound) / (target - bound);
                out[i] = MinMaxScoring.clamp(rate) * w;
            }
        }
        return out;
    }
}
