package org.cityeval.weighting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.WeightingMethod;
import org.osgi.service.component.annotations.Component;

/**
 * {@code expert-survey}: Guomai's expert scoring (国脉 PSDF 2024, "Weighting: expert scoring"). Each expert
 * i rates each child j from 1 (very unimportant) to 6 (very important); the weight of j is its share of
 * all ratings,
 *
 * <pre>
 * C_j = Σ_i C_ij / Σ_i Σ_j C_ij
 * </pre>
 *
 * The report prints C_j × 100 as points out of 100; this method returns the share and puts the points in
 * the notes. The data are not used.
 * <p>
 * Parameter {@code ratings} (required): the experts, as a list ({@code [[5, 6, 3], [4, 6, 2]]}, experts
 * numbered 1, 2, ... in messages) or an object expert name → ratings ({@code {"expert A": [5, 6, 3]}}).
 * Each expert's ratings are a list in child order or an object child id → rating naming every child. A
 * rating is a whole number from 1 to 6; anything else is an error naming the expert and the child.
 */
@Component(property = Rules.NAME + "=" + ExpertSurveyWeighting.NAME)
public class ExpertSurveyWeighting implements WeightingMethod {
    public static final String NAME = "expert-survey";
    static final String RATINGS = "ratings";
    static final int LOWEST = 1;
    static final int HIGHEST = 6;

    @Override
    public Result weights(double[][] data, List<String> children, Map<String, Object> parameters) {
        Map<String, Object> p = Parameters.of(parameters);
        Parameters.allowOnly(p, NAME, RATINGS);
        int m = Inputs.children(children, NAME);
        Object raw = Parameters.required(p, RATINGS, NAME, ": a list of experts, each rating every child from "
                + LOWEST + " to " + HIGHEST);

        List<String> experts = new ArrayList<>();
        List<Object> answers = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                experts.add("expert " + (i + 1));
                answers.add(list.get(i));
            }
        } else if (raw instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                experts.add("expert '" + e.getKey() + "'");
                answers.add(e.getValue());
            }
        } else {
            throw new IllegalArgumentException(NAME + ": parameter '" + RATINGS + "' must be a list of experts "
                    + "(or an object expert name → ratings), not " + Parameters.describe(raw));
        }
        if (experts.isEmpty()) {
            throw new IllegalArgumentException(NAME + ": parameter '" + RATINGS + "' has no experts");
        }

        long[] sums = new long[m];
        long total = 0;
        for (int i = 0; i < experts.size(); i++) {
            String what = NAME + ": " + experts.get(i);
            Object[] row = Parameters.perChild(answers.get(i), children, what);
            for (int j = 0; j < m; j++) {
                int rating = rating(row[j], what + ", child '" + children.get(j) + "'");
                sums[j] += rating;
                total += rating;
            }
        }

        double[] w = new double[m];
        double[] points = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = (double) sums[j] / total;
            points[j] = 100.0 * sums[j] / total;
        }
        int n = experts.size();
        List<String> notes = new ArrayList<>();
        notes.add(NAME + ": " + n + " expert" + (n == 1 ? "" : "s") + " rated " + m + " children from " + LOWEST
                + " to " + HIGHEST + "; rating sums " + sums(children, sums) + " of " + total);
        notes.add(NAME + ": points out of 100 (C_j = Σ_i C_ij / Σ_i Σ_j C_ij × 100): "
                + Format.perChild(children, points, 2));
        return new Result(w, notes);
    }

    private static String sums(List<String> children, long[] sums) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < sums.length; j++) {
            s.append(j == 0 ? "" : ", ").append(children.get(j)).append(' ').append(sums[j]);
        }
        return s.toString();
    }

    /** @return the rating as a whole number from 1 to 6 */
    private static int rating(Object v, String what) {
        String rule = " must be a whole number from " + LOWEST + " (very unimportant) to " + HIGHEST
                + " (very important)";
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(what + ": the rating" + rule + ", not " + Parameters.describe(v));
        }
        double d = n.doubleValue();
        if (!(d >= LOWEST && d <= HIGHEST) || d != Math.rint(d)) {
            throw new IllegalArgumentException(what + ": the rating " + Parameters.describe(v) + " is not allowed; "
                    + "a rating" + rule);
        }
        return (int) d;
    }
}
