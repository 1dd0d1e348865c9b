package org.cityeval.weighting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.WeightingMethod;
import org.osgi.service.component.annotations.Component;

/**
 * {@code optimised}: COINr's {@code get_opt_weights} with {@code optype = "balance"}: the weights under which
 * each child's Pearson correlation with the parent comes as close as possible to a target share, equal by
 * default (COINr's {@code itarg = "equal"}), so that no child dominates the parent. Over the n units with a
 * value for every child, the parent is the weighted mean of the children (the {@code weighted-sum}
 * aggregation, which {@code cityeval weights} checks), and for a weight vector w the objective is
 *
 * <pre>
 * p_i  = Σ_j w_j x_ij / Σ_j w_j          the parent
 * c_j  = cor(x_·j, p)                     Pearson
 * f(w) = log( Σ_j (t_j − c_j / Σ_k c_k)² / m )   t = targets / Σ targets
 * </pre>
 *
 * minimised with the Nelder–Mead search of R's {@code stats::optim} ({@link NelderMead}), started from the
 * targets, with COINr's defaults {@code reltol = 0.1} and {@code maxit = 500}; the result is normalised to
 * sum 1. Parameters (all optional): {@code targets} (one positive number per child, a list in child order or
 * an object naming each child; COINr's numeric {@code itarg}), {@code reltol} (the search's relative
 * tolerance; smaller searches longer and balances more exactly) and {@code maxit} (the most objective
 * evaluations). Needs at least 3 complete units and no constant child. The search is unconstrained, like
 * COINr's: a weight can come out negative when the targets cannot be met with positive ones, and the notes
 * warn of it.
 */
@Component(property = Rules.NAME + "=" + OptimisedWeighting.NAME)
public class OptimisedWeighting implements WeightingMethod {
    public static final String NAME = "optimised";
    static final double RELTOL = 0.1;
    static final int MAXIT = 500;

    @Override
    public Result weights(double[][] data, List<String> children, Map<String, Object> parameters) {
        Map<String, Object> p = Parameters.of(parameters);
        Parameters.allowOnly(p, NAME, "targets", "reltol", "maxit");
        int m = Inputs.children(children, NAME);
        double[] targets = new double[m];
        if (p.containsKey("targets")) {
            Object[] raw = Parameters.perChild(p.get("targets"), children, NAME + ": parameter 'targets'");
            for (int j = 0; j < m; j++) {
                targets[j] = Parameters.toNumber(raw[j], NAME + ": target of " + children.get(j));
                if (!(targets[j] > 0)) {
                    throw new IllegalArgumentException(NAME + ": the target of " + children.get(j) + " is "
                            + Format.plain(targets[j]) + "; targets are positive shares of the correlation");
                }
            }
        } else {
            java.util.Arrays.fill(targets, 1);
        }
        double reltol = p.containsKey("reltol") ? Parameters.toNumber(p.get("reltol"), NAME + ": reltol") : RELTOL;
        if (!(reltol > 0)) {
            throw new IllegalArgumentException(NAME + ": reltol must be a positive number, not " + Format.plain(reltol));
        }
        double maxit = p.containsKey("maxit") ? Parameters.toNumber(p.get("maxit"), NAME + ": maxit") : MAXIT;
        if (maxit < 1 || maxit != Math.rint(maxit) || maxit > 1_000_000) {
            throw new IllegalArgumentException(NAME + ": maxit must be a whole number from 1 to 1000000, not "
                    + Format.plain(maxit));
        }
        Inputs.Complete c = Inputs.complete(data, m, NAME, 3);
        for (int j = 0; j < m; j++) {
            Inputs.notConstant(c, j, children, NAME, "so it has no correlation with the parent");
        }
        List<String> notes = new ArrayList<>();
        if (m == 1) {
            notes.add(NAME + " " + c.describe() + ": one child, weight 1");
            return new Result(new double[] {1}, notes);
        }
        double[] t = Inputs.normalise(targets);
        double[][] columns = new double[m][];
        for (int j = 0; j < m; j++) {
            columns[j] = Inputs.column(c.rows(), j);
        }
        NelderMead.Result r = NelderMead.minimise(w -> objective(columns, w, t), t, reltol, (int) maxit);
        double[] w = Inputs.normalise(r.point());
        double[] corr = correlations(columns, w);
        double sum = 0;
        for (double v : corr) {
            sum += v;
        }
        double[] shares = new double[m];
        for (int j = 0; j < m; j++) {
            shares[j] = corr[j] / sum;
        }
        notes.add(NAME + " " + c.describe() + ": Nelder-Mead (R's optim) from the targets "
                + Format.perChild(children, t, 4) + ", reltol " + Format.plain(reltol) + ", "
                + r.evaluations() + " evaluations" + (r.converged() ? "" : " (stopped before the tolerance was met)")
                + "; objective log(mean squared gap) " + Format.fixed(r.value(), 4));
        notes.add(NAME + ": correlations with the parent " + Format.perChild(children, corr, 4)
                + "; shares of their sum " + Format.perChild(children, shares, 4));
        if (!r.converged()) {
            notes.add(NAME + ": warning: the search stopped after " + r.evaluations() + " evaluations (maxit "
                    + (int) maxit + ") before meeting its tolerance; raise maxit");
        }
        for (int j = 0; j < m; j++) {
            if (w[j] < 0) {
                notes.add(NAME + ": warning: '" + children.get(j) + "' gets a negative weight ("
                        + Format.fixed(w[j], 4) + "): the targets cannot be met with positive weights");
            }
        }
        return new Result(w, notes);
    }

    /** COINr's balance objective; +∞ (the search's "big") where a correlation is undefined. */
    static double objective(double[][] columns, double[] weights, double[] targets) {
        double[] corr = correlations(columns, weights);
        double sum = 0;
        for (double v : corr) {
            sum += v;
        }
        double ss = 0;
        for (int j = 0; j < corr.length; j++) {
            double d = targets[j] - corr[j] / sum;
            ss += d * d;
        }
        return Math.log(ss / corr.length);
    }

    /** Each column's Pearson correlation with the weighted mean of the columns (NaN where undefined). */
    static double[] correlations(double[][] columns, double[] weights) {
        int m = columns.length;
        int n = columns[0].length;
        double wsum = 0;
        for (double v : weights) {
            wsum += v;
        }
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = weights[j] / wsum;
        }
        double wtotal = 0;
        for (double v : w) {
            wtotal += v;
        }
        double[] parent = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += columns[j][i] * w[j];
            }
            parent[i] = s / wtotal;
        }
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            out[j] = pearson(columns[j], parent);
        }
        return out;
    }

    static double pearson(double[] x, double[] y) {
        double mx = Inputs.mean(x);
        double my = Inputs.mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
