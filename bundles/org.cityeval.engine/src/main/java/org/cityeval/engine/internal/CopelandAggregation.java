package org.cityeval.engine.internal;

import java.util.Map;

import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.Rules;
import org.osgi.service.component.annotations.Component;

/**
 * {@code copeland}: Copeland outranking over all units at once (COINr's {@code a_copeland}). For each pair of
 * units a and b, with the children's weights normalised to sum 1 (v_j) and their score rates r_j = points_j /
 * w_j:
 * <pre>
 * o(a, b) = Σ_j v_j [r_aj &gt; r_bj] + ½ Σ_j v_j [r_aj = r_bj]      (children both have scores; o(b, a) = 1 − o(a, b))
 * C(a)    = #{b : o(a, b) &gt; ½} − #{b : o(a, b) &lt; ½}               (−(m − 1) … m − 1 over m units)
 * points  = weight × (C(a) + m − 1) / (2 (m − 1))                   (the Copeland score rescaled to 0 … weight)
 * </pre>
 * A unit's score depends on the others, so the rule cannot run unit by unit: {@code evaluate}, compare and the
 * uncertainty analysis call its batch form for the node. A unit with no scored child has no score and takes
 * no part; one with some children unscored takes part on the pairs it can be compared on (as COINr) when the
 * missing-data policy is {@code renormalise}, else it has no score either. {@link #copeland} gives COINr's raw
 * scores.
 * <p>
 * Example: three units with two children of equal weight, rates (0.9, 0.1), (0.5, 0.5), (0.2, 0.8): every pair
 * splits one child each, o = ½ throughout, C = 0 for all, so each scores half the parent's weight. Make the
 * second child weigh 3: the second unit beats the first (o = ¾) and loses to the third, C = (−2, 0, 2)… points
 * (0, weight/2, weight).
 * <p>
 * Parameters: none. Descriptor example:
 *
 * <pre>
 * "aggregation": "copeland"
 * </pre>
 */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + CopelandAggregation.NAME, Rules.PARAMETERS + "=" })
public class CopelandAggregation implements AggregationRule, BatchAggregation {
    public static final String NAME = "copeland";

    @Override
    public double aggregate(double[] childPoints, double[] childWeights, double weight, Map<String, Object> parameters) {
        throw new IllegalArgumentException(NAME + " aggregation compares all units at once and cannot score one "
                + "unit alone");
    }

    @Override
    public boolean needsAllUnits() {
        return true;
    }

    @Override
    public BatchAggregation bind(Map<String, Object> parameters) {
        AggregationRates.noParameters(NAME, parameters);
        return this;
    }

    @Override
    public void aggregate(double[][] childPoints, double[] childWeights, double weight, boolean renormalise,
            int units, double[] out) {
        int m = childPoints.length;
        int[] taking = new int[units];
        int count = 0;
        for (int u = 0; u < units; u++) {
            int scored = 0;
            for (int k = 0; k < m; k++) {
                scored += Double.isNaN(childPoints[k][u]) ? 0 : 1;
            }
            out[u] = Double.NaN;
            if (scored == m || (scored > 0 && renormalise)) {
                taking[count++] = u;
            }
        }
        double[][] x = new double[count][m];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < m; k++) {
                double v = childPoints[k][taking[i]];
                x[i][k] = childWeights[k] > 0 ? v / childWeights[k] : v;
            }
        }
        double[] c = copeland(x, childWeights);
        for (int i = 0; i < count; i++) {
            out[taking[i]] = count == 1 ? weight / 2 : weight * (c[i] + count - 1) / (2.0 * (count - 1));
        }
    }

    /**
     * COINr's {@code a_copeland(X, w)}: its outranking matrix ({@code outrankMatrix}) with the weights normalised
     * to sum 1, the upper triangle computed and the lower one as 1 − upper, then the row sums of its signs about ½.
     *
     * @param x       the units' values, {@code x[unit][indicator]}, NaN: missing (left out of that pair)
     * @param weights the indicators' weights
     * @return the Copeland score of each unit
     */
    static double[] copeland(double[][] x, double[] weights) {
        int n = x.length;
        int m = weights.length;
        double total = 0;
        for (double w : weights) {
            if (!Double.isNaN(w)) {
                total += w;
            }
        }
        double[] w = new double[m];
        for (int k = 0; k < m; k++) {
            w[k] = weights[k] / total;
        }
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double above = 0;
                double equal = 0;
                for (int k = 0; k < m; k++) {
                    double a = x[i][k];
                    double b = x[j][k];
                    if (a > b) {
                        above += w[k];
                    } else if (a == b) {
                        equal += w[k];
                    }
                }
                double o = above + equal / 2;
                score[i] += sign(o);
                score[j] += sign(1 - o);
            }
        }
        return score;
    }

    private static int sign(double o) {
        return o > 0.5 ? 1 : o < 0.5 ? -1 : 0;
    }
}
