package org.cityeval.weighting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.WeightingMethod;
import org.osgi.service.component.annotations.Component;

/**
 * {@code entropy}: the entropy weight method (熵权法). Children whose values differ more between units carry
 * more information and weigh more. Over the n units with a value for every child (a unit with any missing
 * value is left out whole; the notes say how many):
 *
 * <pre>
 * p_ij = x_ij / Σ_i x_ij                        each column as proportions
 * e_j  = −(1 / ln n) Σ_i p_ij ln p_ij           entropy in [0, 1], with 0 ln 0 = 0
 * d_j  = 1 − e_j                                divergence
 * w_j  = d_j / Σ_k d_k
 * </pre>
 *
 * The values must be 0 or more (proportions of a negative value mean nothing): normalise the data first,
 * e.g. min-max, which also makes every value comparable. A column that is 0 in every unit has no
 * proportions and is an error; a column with the same positive value everywhere has e_j = 1 and weighs 0
 * (a divergence below 1e-12 counts as 0, so that rounding noise does not become a weight).
 * No parameters. Needs at least 2 complete units.
 */
@Component(property = Rules.NAME + "=" + EntropyWeighting.NAME)
public class EntropyWeighting implements WeightingMethod {
    public static final String NAME = "entropy";
    /** A divergence below this is rounding noise of an even column: e_j = 1, d_j = 0. */
    static final double ROUNDING = 1e-12;

    @Override
    public Result weights(double[][] data, List<String> children, Map<String, Object> parameters) {
        Parameters.allowOnly(Parameters.of(parameters), NAME);
        int m = Inputs.children(children, NAME);
        Inputs.Complete c = Inputs.complete(data, m, NAME, 2);
        double[][] x = c.rows();
        int n = c.n();

        double[] e = new double[m];
        double[] d = new double[m];
        double k = 1 / Math.log(n);
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if (x[i][j] < 0) {
                    throw new IllegalArgumentException(NAME + ": '" + children.get(j) + "' is negative ("
                            + Format.plain(x[i][j]) + ") in unit " + c.units()[i] + "; the entropy method needs "
                            + "values of 0 or more: normalise the data first (e.g. min-max)");
                }
                sum += x[i][j];
            }
            if (sum == 0) {
                throw new IllegalArgumentException(NAME + ": '" + children.get(j) + "' is 0 in every unit used, "
                        + "so it has no proportions; leave it out of this node or weight it another way");
            }
            double h = 0;
            for (int i = 0; i < n; i++) {
                double p = x[i][j] / sum;
                if (p > 0) {
                    h += p * Math.log(p);
                }
            }
            e[j] = -k * h;
            d[j] = 1 - e[j];
            if (d[j] < ROUNDING) {
                d[j] = 0; // an even column (e_j = 1) may come out a rounding error off
                e[j] = 1;
            }
        }

        List<String> notes = new ArrayList<>();
        notes.add(NAME + " " + c.describe() + ": entropy e_j " + Format.perChild(children, e, 4)
                + "; divergence d_j = 1 − e_j " + Format.perChild(children, d, 4));
        if (m == 1) {
            return new Result(new double[] {1}, notes);
        }
        double total = 0;
        for (double v : d) {
            total += v;
        }
        if (total <= 0) {
            throw new IllegalArgumentException(NAME + ": every child has the same proportions in every unit "
                    + "(all e_j = 1), so entropy cannot tell them apart; use equal weights");
        }
        for (int j = 0; j < m; j++) {
            if (d[j] == 0) {
                notes.add(NAME + ": '" + children.get(j) + "' has the same share in every unit (e = 1) and weighs 0");
            }
        }
        return new Result(Inputs.normalise(d), notes);
    }
}
