package org.cityeval.engine.internal;

import java.util.Arrays;
import java.util.Map;

import org.cityeval.api.model.Direction;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/**
 * {@code z-score}: standardisation, as the OECD/JRC <i>Handbook on Constructing Composite Indicators</i>
 * (2008) calls it, rescaled so that it fits a points model. Over the cities with a value,
 * <pre>
 * z = (x − mean) / sd            for a positive indicator
 * z = (mean − x) / sd            for a {@link Direction#NEGATIVE negative} one (lower is better)
 * score = centre + scale × z     a score out of 100, clamped into [0, 100]
 * points = score / 100 × weight
 * </pre>
 * where sd is the sample standard deviation (divisor n − 1). With the defaults ({@code centre} 50,
 * {@code scale} 10) a city at the mean scores half the weight, one standard deviation above the mean 60%
 * of it, and values more than 5 standard deviations from the mean are clamped to 0 or the full weight. (In
 * general the clamp applies below z = −centre/scale and above z = (100 − centre)/scale.) A rule cannot
 * warn, so this clamp is silent; with the defaults it needs an extreme outlier (with n cities no z exceeds
 * (n − 1)/√n, so fewer than 27 cities are never clamped). Missing values stay missing.
 * <p>
 * Unlike min-max, the points depend on the spread of the column, not its range: one outlier does not
 * squeeze the other cities together.
 * <p>
 * Parameters (optional numbers): {@code scale}, the score points per standard deviation (above 0; default
 * 10), and {@code centre}, the score of a city at the mean (0 to 100; default 50). The column needs at
 * least two distinct values.
 * <p>
 * Descriptor examples:
 *
 * <pre>
 * "scoring": "z-score"
 * "scoring": {"rule": "z-score", "parameters": {"scale": 15, "centre": 50}}
 * </pre>
 */
// the parameters it reads, declared so that validation finds a misspelt one before evaluation
@Component(property = { Rules.NAME + "=" + ZScoreScoring.NAME, Rules.PARAMETERS + "=" + ZScoreScoring.SCALE, Rules.PARAMETERS + "=" + ZScoreScoring.CENTRE })
public class ZScoreScoring implements ScoringRule {
    public static final String NAME = "z-score";
    static final String SCALE = "scale";
    static final String CENTRE = "centre";
    static final double DEFAULT_SCALE = 10;
    static final double DEFAULT_CENTRE = 50;
    /** The affine map gives a score out of this many, which then becomes a share of the leaf's weight. */
    static final double OUT_OF = 100;

    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        String context = NAME + " on " + indicator.id();
        RuleParameters.allowOnly(parameters, context, SCALE, CENTRE);
        Double givenScale = RuleParameters.number(parameters, SCALE, context);
        Double givenCentre = RuleParameters.number(parameters, CENTRE, context);
        double scale = givenScale != null ? givenScale : DEFAULT_SCALE;
        double centre = givenCentre != null ? givenCentre : DEFAULT_CENTRE;
        if (!(scale > 0)) {
            throw new IllegalArgumentException(context + ": parameter 'scale' must be above 0, not "
                    + Numbers.plain(scale) + "; for an indicator where lower is better, set its direction to negative");
        }
        if (!(centre >= 0 && centre <= OUT_OF)) {
            throw new IllegalArgumentException(context + ": parameter 'centre' must be between 0 and 100 (the score "
                    + "out of 100 of a city at the mean), not " + Numbers.plain(centre));
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int values = 0;
        for (double x : raw) {
            if (!Double.isNaN(x)) {
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
                values++;
            }
        }
        double[] out = new double[raw.length];
        Arrays.fill(out, Double.NaN);
        if (values == 0) {
            return out;
        }
        if (values == 1) {
            throw new IllegalArgumentException(context + " needs at least two values to estimate a standard "
                    + "deviation (only one city has a value); use another scoring rule");
        }
        if (!(min < max)) {
            throw new IllegalArgumentException(context + " needs at least two distinct values (every city with a "
                    + "value has " + Numbers.plain(min) + "), as a constant column has no standard deviation; use "
                    + "another scoring rule");
        }
        double mean = sum / values;
        double squares = 0;
        for (double x : raw) {
            if (!Double.isNaN(x)) {
                squares += (x - mean) * (x - mean);
            }
        }
        double sd = Math.sqrt(squares / (values - 1));
        boolean negative = indicator.direction() == Direction.NEGATIVE;
        double w = indicator.weight().value();
        for (int i = 0; i < raw.length; i++) {
            double x = raw[i];
            if (!Double.isNaN(x)) {
                double z = negative ? (mean - x) / sd : (x - mean) / sd;
                double score = Math.max(0, Math.min(OUT_OF, centre + scale * z));
                out[i] = score / OUT_OF * w;
            }
        }
        return out;
    }
}
