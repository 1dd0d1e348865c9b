package org.cityeval.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.Binding;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.spi.AggregationRule;

/**
 * A model's own pipeline — {@code evaluate}'s preparation, missing-data policy, scoring rules, aggregation rules
 * and precision — compiled for the thousands of runs of the uncertainty analysis.
 * <p>
 * Built by the same code as {@code evaluate}: {@link Preparation}, {@link EvaluationEngine#applyMissingData} and
 * {@link EvaluationEngine#supplied} (the leaves' scoring rules with their parameters, called once per set of
 * leaf values, i.e. once per discrete choice of the analysis). A run is then only the aggregation, bottom-up over
 * the model's tree with each node's own rule: through its {@link BatchAggregation} form over all units at once
 * where the rule has one (every built-in rule), else unit by unit through {@link AggregationRule#aggregate} with
 * {@code evaluate}'s handling of missing children (slower; {@link #unbatched} names such rules). With the
 * model's weights and its scoring, a run's totals are {@code evaluate}'s, bit for bit; ranked after rounding to
 * the model's precision ({@link Ranking}) they are its ranks.
 */
public final class ModelPipeline {
    public final EvaluationModel model;
    public final MissingData missing;
    /** The data prepared under the missing-data policy: the units are {@code prep.records}. */
    public final Preparation prep;
    public final int units;
    public final int precision;
    public final int nodes;
    /** Aggregation rules without a batch form, called unit by unit. */
    public final List<String> unbatched;
    private final EvaluationEngine engine;
    private final CityDataset data;
    private final EvaluationEngine.Tree tree;
    private final int[] post;
    private final double[] weight;
    private final AggregationRule[] rule;
    private final BatchAggregation[] batch;
    private final Map<String, Object>[] parameters;
    private final boolean renormalise;

    @SuppressWarnings("unchecked")
    private ModelPipeline(EvaluationModel model, CityDataset data, MissingData missing, Preparation prep,
            EvaluationEngine engine, RuleLookup rules) throws BadInputException {
        this.model = model;
        this.data = data;
        this.missing = missing;
        this.prep = prep;
        this.engine = engine;
        this.tree = prep.tree;
        this.units = prep.records.size();
        this.precision = model.scale().precision();
        this.nodes = tree.size();
        this.post = tree.postOrder.stream().mapToInt(Integer::intValue).toArray();
        this.weight = new double[nodes];
        this.rule = new AggregationRule[nodes];
        this.batch = new BatchAggregation[nodes];
        this.parameters = new Map[nodes];
        this.renormalise = missing.kind() == MissingData.Method.RENORMALISE;
        Set<String> slow = new LinkedHashSet<>();
        for (int node = 0; node < nodes; node++) {
            Indicator ind = tree.nodes.get(node);
            weight[node] = ind.weight().value();
            if (tree.children[node].length > 0) {
                AggregationRule r = rules.aggregation(ind.aggregation().rule());
                if (r == null) {
                    throw new BadInputException(model.id(), ind.id(),
                            "aggregation rule '" + ind.aggregation().rule() + "' is not available in this runtime");
                }
                rule[node] = r;
                parameters[node] = ind.aggregation().parameters();
                if (r instanceof BatchAggregation b) {
                    try {
                        batch[node] = b.bind(parameters[node]);
                    } catch (IllegalArgumentException e) {
                        throw new BadInputException(model.id(), ind.id(), e.getMessage());
                    }
                } else {
                    slow.add(ind.aggregation().rule());
                }
            }
        }
        this.unbatched = List.copyOf(slow);
    }

    /** A copy of {@code base} with every inner node aggregated by one rule (see {@link #withAggregation}). */
    @SuppressWarnings("unchecked")
    private ModelPipeline(ModelPipeline base, String name, AggregationRule r, Map<String, Object> params)
            throws BadInputException {
        this.model = base.model;
        this.data = base.data;
        this.missing = base.missing;
        this.prep = base.prep;
        this.engine = base.engine;
        this.tree = base.tree;
        this.units = base.units;
        this.precision = base.precision;
        this.nodes = base.nodes;
        this.post = base.post;
        this.weight = base.weight;
        this.renormalise = base.renormalise;
        this.rule = new AggregationRule[nodes];
        this.batch = new BatchAggregation[nodes];
        this.parameters = new Map[nodes];
        Set<String> slow = new LinkedHashSet<>();
        for (int node = 0; node < nodes; node++) {
            if (tree.children[node].length > 0) {
                rule[node] = r;
                parameters[node] = params;
                if (r instanceof BatchAggregation b) {
                    try {
                        batch[node] = b.bind(params);
                    } catch (IllegalArgumentException e) {
                        throw new BadInputException(model.id(), tree.nodes.get(node).id(), e.getMessage());
                    }
                } else {
                    slow.add(name);
                }
            }
        }
        this.unbatched = List.copyOf(slow);
    }

    /**
     * The same pipeline (preparation, scoring, weights, missing-data policy, precision) with every inner node
     * aggregated by {@code rule} with {@code parameters} instead of its own rule: the uncertainty analysis's
     * alternative aggregations that are engine rules ({@code genmean}, {@code copeland}), run by this one
     * {@link #totals}.
     *
     * @param name the rule's name, for messages
     */
    public ModelPipeline withAggregation(String name, AggregationRule rule, Map<String, Object> parameters)
            throws BadInputException {
        return new ModelPipeline(this, name, rule, parameters);
    }

    /**
     * Prepares the data as {@code evaluate} does with these options (year, missing-data policy).
     *
     * @param rules the rules {@code evaluate} uses
     */
    public static ModelPipeline of(EvaluationModel model, CityDataset data, EvaluationOptions options,
            RuleLookup rules) throws BadInputException {
        EvaluationEngine engine = new EvaluationEngine(rules);
        MissingData missing = EvaluationEngine.missingData(model, options);
        Preparation prep = Preparation.of(model, data, options == null ? null : options.year());
        engine.applyMissingData(model, prep, missing);
        OutlierTreatment.apply(model, prep, options == null ? null : options.treatment(), prep.warnings);
        return new ModelPipeline(model, data, missing, prep, engine, rules);
    }

    /** @return whether the data give {@code node}'s values and its scoring rule turns them into points */
    public boolean scoredLeaf(int node) {
        Indicator ind = tree.nodes.get(node);
        return ind.leaf() && ind.level() > 0 && prep.given(node);
    }

    /** @return whether the data give the node's values (a leaf's raw values, an inner node's points) */
    public boolean given(int node) {
        return prep.given(node);
    }

    /** @return the node's tree level (the root is 0) */
    public int level(int node) {
        return tree.nodes.get(node).level();
    }

    /** @return the node's weight in the model */
    public double weight(int node) {
        return weight[node];
    }

    /** @return the node's id */
    public String id(int node) {
        return tree.nodes.get(node).id();
    }

    /** @return the node's parent (−1 for the root) */
    public int parent(int node) {
        return node == 0 ? -1 : tree.parent[node];
    }

    /** @return the node's children */
    public int[] children(int node) {
        return tree.children[node];
    }

    /** @return whether higher raw values of a scored leaf are worse (its binding's direction, else its own) */
    public boolean negative(int node) {
        Indicator ind = tree.nodes.get(node);
        Direction d = ind.direction();
        Binding b = ind.binding();
        if (prep.bound[node] && b != null && b.direction() != null) {
            d = b.direction();
        }
        return d == Direction.NEGATIVE;
    }

    /**
     * The points of every node the data give, from these values: the leaves through their scoring rules,
     * exactly {@code evaluate}'s scoring step.
     *
     * @param values per node, raw values (the prepared ones or treated copies), null where not given
     */
    public double[][] points(double[][] values) throws BadInputException {
        return engine.supplied(model, data, prep, values, null);
    }

    /**
     * One run's totals, {@code evaluate}'s aggregation: bottom-up, each node with its own rule; a node with every
     * child scored is aggregated, one with some scored takes its given points where the data give it, else (missing
     * data {@code renormalise}) the renormalised aggregate of the scored children, else has no score.
     *
     * @param points     per node, the points the data give (from {@link #points}), null where not given
     * @param nodeWeight the run's weights per node, or null for the model's; given points are scaled by
     *                   the run's weight ÷ the model's
     * @param score      scratch [nodes][≥ units]: every node's points
     * @param out        receives the total per unit (NaN: no total)
     */
    public void totals(double[][] points, double[] nodeWeight, double[][] score, double[] out) {
        int n = units;
        double[] w = nodeWeight == null ? weight : nodeWeight;
        for (int node : post) {
            double[] dst = score[node];
            double[] given = points[node];
            double scale = nodeWeight == null ? 1 : w[node] / weight[node];
            int[] kids = tree.children[node];
            if (kids.length == 0) {
                if (given == null) {
                    Arrays.fill(dst, 0, n, Double.NaN);
                } else if (nodeWeight == null) {
                    System.arraycopy(given, 0, dst, 0, n);
                } else {
                    for (int u = 0; u < n; u++) {
                        dst[u] = given[u] * scale;
                    }
                }
                continue;
            }
            double[][] kidPoints = new double[kids.length][];
            double[] kidWeights = new double[kids.length];
            for (int k = 0; k < kids.length; k++) {
                kidPoints[k] = score[kids[k]];
                kidWeights[k] = w[kids[k]];
            }
            if (batch[node] != null) {
                batch[node].aggregate(kidPoints, kidWeights, w[node], renormalise, n, dst);
            } else {
                perUnit(node, kidPoints, kidWeights, w[node], n, dst);
            }
            if (given != null) {
                for (int u = 0; u < n; u++) {
                    double g = given[u];
                    if (g == g && (dst[u] != dst[u] || anyMissing(kidPoints, u))) {
                        dst[u] = g * scale;
                    }
                }
            }
        }
        System.arraycopy(score[0], 0, out, 0, n);
    }

    private static boolean anyMissing(double[][] kidPoints, int u) {
        for (double[] k : kidPoints) {
            if (k[u] != k[u]) {
                return true;
            }
        }
        return false;
    }

    /** A plug-in rule without a batch form: {@code evaluate}'s per-city calls; a unit it rejects has no score. */
    private void perUnit(int node, double[][] kidPoints, double[] kidWeights, double nodeWeight, int n, double[] dst) {
        int m = kidPoints.length;
        double[] all = new double[m];
        for (int u = 0; u < n; u++) {
            List<Integer> present = new ArrayList<>(m);
            for (int k = 0; k < m; k++) {
                all[k] = kidPoints[k][u];
                if (all[k] == all[k]) {
                    present.add(k);
                }
            }
            double v = Double.NaN;
            try {
                if (present.size() == m) {
                    v = rule[node].aggregate(all.clone(), kidWeights.clone(), nodeWeight, parameters[node]);
                } else if (renormalise && !present.isEmpty()) {
                    double[] p = new double[present.size()];
                    double[] pw = new double[present.size()];
                    double wsum = 0;
                    for (int i = 0; i < p.length; i++) {
                        p[i] = all[present.get(i)];
                        pw[i] = kidWeights[present.get(i)];
                        wsum += pw[i];
                    }
                    v = wsum <= 0 ? Double.NaN
                            : rule[node].aggregate(p, pw, wsum, parameters[node]) * nodeWeight / wsum;
                }
            } catch (IllegalArgumentException e) {
                v = Double.NaN;
            }
            dst[u] = v;
        }
    }

    /** @return the nominal totals: the model's scoring of the prepared values, its weights */
    public double[] nominalTotals() throws BadInputException {
        double[] out = new double[units];
        totals(points(prep.raw), null, new double[nodes][units], out);
        return out;
    }
}
