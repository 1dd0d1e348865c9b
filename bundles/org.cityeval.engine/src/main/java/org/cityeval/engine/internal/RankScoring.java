package org.cityeval.engine.internal;

import java.util.Arrays;
import java.util.Map;

import org.cityeval.api.model.Direction;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/**
 * {@code rank}: percentile-rank normalisation, COINr's {@code n_prank} with {@code ties.method = "average"}
 * (COINr defaults to {@code "min"}; its {@code n_rank} is the unscaled rank), scaled onto the leaf's points. Each city
 * with a value gets its rank among the n cities with a value, 1 for the worst to n for the best (the
 * highest value for a positive indicator, the lowest for a {@link Direction#NEGATIVE negative} one); tied
 * values share the average of their ranks (R's {@code rank()} default). Then
 * <pre>
 * points = (rank − 1) / (n − 1) × weight
 * </pre>
 * so the best city scores the full weight and the worst 0; a lone value scores the full weight. Only the
 * order of the values counts, so outliers and skew do not matter, but neither do the distances between
 * cities. Missing values stay missing and are not ranked.
 * <p>
 * Example: values 20, 40, 40, 60 rank 1, 2.5, 2.5, 4 and score 0, ½, ½ and all of the weight.
 * <p>
 * Parameters: none.
 * <p>
 * Descriptor example:
 *
 * <pre>
 * "scoring": "rank"
 * </pre>
 */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + RankScoring.NAME, Rules.PARAMETERS + "=" })
public class RankScoring implements ScoringRule {
    public static final String NAME = "rank";

    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        RuleParameters.allowOnly(parameters, NAME + " on " + indicator.id());
        double[] ranks = averageRanks(raw, indicator.direction() == Direction.NEGATIVE);
        int n = 0;
        for (double x : raw) {
            n += Double.isNaN(x) ? 0 : 1;
        }
        double w = indicator.weight().value();
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (Double.isNaN(ranks[i])) {
                out[i] = Double.NaN;
            } else {
                out[i] = n == 1 ? w : (ranks[i] - 1) / (n - 1) * w;
            }
        }
        return out;
    }

    /**
     * @param descending {@code true} to give rank 1 to the highest value
     * @return the rank of each value among the values that are not NaN (1 for the lowest, or the highest when
     *         {@code descending}), ties sharing the average of their ranks; NaN where the value is NaN
     */
    static double[] averageRanks(double[] values, boolean descending) {
        Integer[] order = new Integer[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                order[n++] = i;
            }
        }
        Integer[] present = Arrays.copyOf(order, n);
        Arrays.sort(present, (a, b) -> descending ? Double.compare(values[b], values[a])
                : Double.compare(values[a], values[b]));
        double[] ranks = new double[values.length];
        Arrays.fill(ranks, Double.NaN);
        for (int start = 0; start < n;) {
            int end = start;
            // == rather than Double.compare, so that -0.0 and 0.0 tie
            while (end + 1 < n && values[present[end + 1]] == values[present[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[present[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }
}
