package org.cityeval.engine.internal;

import java.util.Map;

/**
 * The compiled batch form of an aggregation rule: the same rule over every unit at once, for the thousands of
 * runs of the uncertainty analysis. The built-in rules implement it beside {@code AggregationRule} with the same
 * arithmetic in the same order (one kernel serves both), so a run with the model's own choices reproduces
 * {@code evaluate}'s totals bit for bit. A plug-in rule need not implement it: the analysis then calls its
 * {@code aggregate} unit by unit (slower, and the result's notes say so).
 * <p>
 * Internal, not exported: a plug-in cannot implement it, only the engine's own rules.
 */
public interface BatchAggregation {
    /**
     * For every unit {@code u < units}, from the children's points {@code childPoints[k][u]} (NaN: no score):
     * <ul>
     * <li>every child scored: the rule's aggregate with the weights given;</li>
     * <li>some scored and {@code renormalise}: the aggregate of the scored children on their own weights,
     * × {@code weight} ÷ their weights (missing data {@code renormalise}, exactly as {@code evaluate});</li>
     * <li>otherwise NaN, and NaN where the rule cannot aggregate the scores (a geometric mean of a zero).</li>
     * </ul>
     * The parameters were checked when the model was compiled.
     */
    void aggregate(double[][] childPoints, double[] childWeights, double weight, boolean renormalise, int units,
            double[] out);

    /**
     * The batch form with the node's parameters bound (a rule with parameters, such as {@code genmean}'s
     * {@code p}, reads them here once, as the batch call takes none).
     *
     * @param parameters the descriptor's parameters for the node (checked when the model was compiled)
     * @return the form to call for that node; by default this one
     */
    default BatchAggregation bind(Map<String, Object> parameters) {
        return this;
    }

    /**
     * Whether a unit's aggregate depends on the other units (an outranking method such as {@code copeland}):
     * such a rule cannot work unit by unit, so {@code evaluate} calls this batch form for the node, and its
     * {@code AggregationRule.aggregate} refuses to be called.
     */
    default boolean needsAllUnits() {
        return false;
    }

    /** A rule's arithmetic on the first {@code n} children, shared by its scalar and its batch form. */
    @FunctionalInterface
    interface Kernel {
        double apply(double[] points, double[] weights, int n, double weight);
    }

    /**
     * The batch form of a kernel, unit by unit without allocation per unit (the scalar path's arithmetic).
     *
     * @param positive whether the kernel needs positive points of the children of positive weight
     */
    static void perUnit(Kernel kernel, boolean positive, double[][] childPoints, double[] childWeights,
            double weight, boolean renormalise, int units, double[] out) {
        int m = childPoints.length;
        double[] p = new double[m];
        double[] w = new double[m];
        for (int u = 0; u < units; u++) {
            int n = 0;
            double wsum = 0;
            boolean ok = true;
            for (int k = 0; k < m; k++) {
                double v = childPoints[k][u];
                if (v == v) {
                    p[n] = v;
                    w[n] = childWeights[k];
                    wsum += w[n];
                    ok &= !positive || !(w[n] > 0) || v > 0;
                    n++;
                }
            }
            if (!ok || n == 0) {
                out[u] = Double.NaN;
            } else if (n == m) {
                out[u] = kernel.apply(p, w, n, weight);
            } else if (renormalise) {
                out[u] = wsum <= 0 ? Double.NaN : kernel.apply(p, w, n, wsum) * weight / wsum;
            } else {
                out[u] = Double.NaN;
            }
        }
    }
}
