package org.cityeval.weighting.internal;

import java.util.List;
import java.util.Map;

import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.WeightingMethod;
import org.osgi.service.component.annotations.Component;

/**
 * {@code fixed}: weights given as points, e.g. a report's published points out of 100, and normalised to
 * add up to 1: w_j = points_j / Σ_k points_k. The data are not used.
 * <p>
 * Parameter {@code points} (required): an object naming every child ({@code {"gov": 30, "infra": 20,
 * "econ": 50}}) or a list in child order ({@code [30, 20, 50]}). No child may be left out, no point may be
 * negative, and not all may be 0. A child with 0 points weighs 0.
 */
@Component(property = Rules.NAME + "=" + FixedWeighting.NAME)
public class FixedWeighting implements WeightingMethod {
    public static final String NAME = "fixed";
    static final String POINTS = "points";

    @Override
    public Result weights(double[][] data, List<String> children, Map<String, Object> parameters) {
        Map<String, Object> p = Parameters.of(parameters);
        Parameters.allowOnly(p, NAME, POINTS);
        int m = Inputs.children(children, NAME);
        Object raw = Parameters.required(p, POINTS, NAME,
                ": an object child id → points, or a list of points in child order");
        String what = NAME + ": parameter '" + POINTS + "'";
        Object[] values = Parameters.perChild(raw, children, what);
        double[] points = new double[m];
        double total = 0;
        for (int j = 0; j < m; j++) {
            points[j] = Parameters.toNumber(values[j], what + " for '" + children.get(j) + "'");
            if (points[j] < 0) {
                throw new IllegalArgumentException(what + " for '" + children.get(j) + "' is negative ("
                        + Format.plain(points[j]) + "); points are 0 or more");
            }
            total += points[j];
        }
        if (total <= 0) {
            throw new IllegalArgumentException(what + " are all 0; at least one child needs points");
        }
        double[] w = Inputs.normalise(points);
        StringBuilder given = new StringBuilder();
        for (int j = 0; j < m; j++) {
            given.append(j == 0 ? "" : ", ").append(children.get(j)).append(' ').append(Format.plain(points[j]));
        }
        return new Result(w, List.of(NAME + ": points " + given + " (total " + Format.plain(total)
                + ") normalised to weights " + Format.perChild(children, w, 4)));
    }
}
