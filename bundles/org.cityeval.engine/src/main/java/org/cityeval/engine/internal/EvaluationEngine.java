package org.cityeval.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.Binding;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.model.GroupScheme;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.TierScheme;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.GroupResult;
import org.cityeval.api.result.ModelSummary;
import org.cityeval.api.result.NodeStatistics;
import org.cityeval.api.result.RankedCity;
import org.cityeval.api.result.ReferenceCheck;
import org.cityeval.api.result.TierCount;
import org.cityeval.api.result.TreatedValue;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;

/**
 * Evaluates a model on a dataset. Pure logic: rules come from a {@link RuleLookup}, so this class is
 * unit-tested without a framework and used by the Evaluator component inside one.
 * <p>
 * Scores are points: a node scores between 0 and its weight. Leaves supplied by the data are scored
 * with their scoring rule; inner nodes supplied by the data are taken as points. Going up the tree, a
 * node whose children all have scores is aggregated from them; otherwise its supplied score is used.
 * Where the data supply a node and all its children, the supplied figure is checked against the
 * aggregate at the display precision (this is how a report's printed totals are verified).
 */
public final class EvaluationEngine {
    /** Dataset column that, when present, holds printed ranks to check. */
    public static final String PRINTED_RANK = "rank";
    /** Dataset text column that, when present with ranks only, holds printed tiers. */
    public static final String PRINTED_TIER = "tier";
    /** Scale kind whose supplied values are rates of their node rather than points. */
    static final String INDEX = "index";
    private static final int TOP = 10;
    private static final int MAX_LISTED = 5;

    private final RuleLookup rules;

    public EvaluationEngine(RuleLookup rules) {
        this.rules = rules;
    }

    public EvaluationResult evaluate(EvaluationModel model, CityDataset data) throws BadInputException {
        return evaluate(model, data, EvaluationOptions.DEFAULTS);
    }

    public EvaluationResult evaluate(EvaluationModel model, CityDataset data, EvaluationOptions options)
            throws BadInputException {
        return evaluate(model, data, options, null, null);
    }

    /** A panel year (see {@link #evaluate(EvaluationModel, CityDataset, EvaluationOptions, PanelEvaluation.Stacked, StageCapture)}). */
    EvaluationResult evaluate(EvaluationModel model, CityDataset data, EvaluationOptions options,
            PanelEvaluation.Stacked panel) throws BadInputException {
        return evaluate(model, data, options, panel, null);
    }

    /** One year, keeping the pipeline's intermediate datasets. */
    EvaluationResult evaluate(EvaluationModel model, CityDataset data, EvaluationOptions options,
            StageCapture capture) throws BadInputException {
        return evaluate(model, data, options, null, capture);
    }

    /**
     * @param panel   with panel normalisation: every panel year's prepared values, so that the leaves' scoring
     *                rules see them all (see {@link PanelEvaluation}); null to score the year on its own values
     * @param capture receives the pipeline's intermediate datasets as they are made (null: none kept)
     */
    EvaluationResult evaluate(EvaluationModel model, CityDataset data, EvaluationOptions options,
            PanelEvaluation.Stacked panel, StageCapture capture) throws BadInputException {
        return evaluate(model, data, options, panel, capture, null, null);
    }

    /**
     * @param columns    the data's columns read once for all the years of a panel, or null
     * @param panelYear  for a panel's year, receives the node scores per city, and the result has neither node
     *                   statistics nor per-city node score maps (the panel keeps neither: it builds its series from
     *                   these arrays); null for a complete result
     */
    EvaluationResult evaluate(EvaluationModel model, CityDataset data, EvaluationOptions options,
            PanelEvaluation.Stacked panel, StageCapture capture, Preparation.Columns columns, PanelYear panelYear)
            throws BadInputException {
        boolean statistics = panelYear == null;
        MissingData missing = missingData(model, options);
        Preparation prep = Preparation.of(model, data, options.year(), columns);
        Tree tree = prep.tree;
        int precision = model.scale().precision();
        List<String> warnings = new ArrayList<>(prep.warnings);
        boolean anyGiven = false;
        for (int node = 0; node < tree.size(); node++) {
            anyGiven |= prep.given(node);
        }
        if (!anyGiven && data.valueColumns().contains(PRINTED_RANK) && !prep.records.isEmpty()) {
            return PublishedRanking.of(model, data, rules, warnings);
        }
        if (!anyGiven) {
            throw new BadInputException(data.source(), "1",
                    "no column names an indicator of " + model.id() + " or a variable its bindings use (expected an "
                            + "'adcode' or 'city' column and columns such as " + String.join(", ", tree.sampleIds(6)) + ")");
        }
        if (prep.records.isEmpty()) {
            throw new BadInputException(data.source(), null, "no city rows");
        }
        Coverage modelCoverage = coverage(model, prep); // the preparation as it is now: what coverage() prepares
        double weightBacked = modelCoverage.weightBacked();
        if (weightBacked < 1 - 1e-9) {
            prep.warnings.add("the data back " + Numbers.plain(Numbers.round(weightBacked * 100, 1))
                    + "% of the model's weight: the other indicators have no data for any city (see 'cityeval coverage')");
        }
        List<String> uncovered = new ArrayList<>();
        for (Coverage.LeafCoverage leaf : modelCoverage.leaves()) {
            if (leaf.cities() == 0) {
                uncovered.add(leaf.id());
            }
        }
        double threshold = options.effectiveCoverageThreshold();
        boolean hasTiers = model.tiers() != null || model.groups().stream().anyMatch(g -> g.tiers() != null);
        String withheld = hasTiers && weightBacked < threshold - 1e-12
                ? "tiers withheld: the data back " + Numbers.plain(Numbers.round(weightBacked * 100, 1))
                        + "% of the model's weight, below the " + Numbers.plain(Numbers.round(threshold * 100, 1))
                        + "% threshold"
                : null;
        // per city, before imputation fills gaps (the threshold of the missing-data policy may drop records: then
        // looked up by record, else by position)
        List<CityRecord> recordsBefore = prep.records;
        double[] backedShare = prep.backedShare();
        applyMissingData(model, prep, missing, capture == null ? null : () -> capture.raw = copy(prep.raw));
        if (capture != null) {
            capture.imputed = copy(prep.raw);
        }
        List<TreatedValue> treated = OutlierTreatment.apply(model, prep, options.treatment(), prep.warnings);
        if (capture != null) {
            capture.treated = treated.isEmpty() ? null : copy(prep.raw);
        }
        warnings.clear();
        warnings.addAll(prep.warnings);
        List<CityRecord> records = prep.records;
        int n = records.size();
        boolean renormalise = missing.kind() == MissingData.Method.RENORMALISE;

        // Given values, scored: leaves through their scoring rule (a bound leaf through its binding's),
        // inner nodes as points
        double[][] supplied = panel == null ? supplied(model, data, prep, prep.raw, warnings, options.clamp())
                : supplied(model, data, prep, prep.raw, warnings, options.clamp(), panel,
                        panel.offset(prep.year, prep.records.size()));
        if (capture != null) {
            capture.scored = copy(supplied);
        }
        int basisLevel = 0;
        for (int node = 0; node < tree.size(); node++) {
            if (prep.given(node)) {
                basisLevel = Math.max(basisLevel, tree.nodes.get(node).level());
            }
        }
        if (renormalise) {
            warnings.add("missing data: renormalise — a node whose children lack data for a city scores its weight "
                    + "× the weighted mean score rate of the children that have data");
        }

        // Bottom-up aggregation, checking supplied figures against aggregates
        double[][] score = new double[tree.size()][n];
        Map<String, CheckTally> checks = new LinkedHashMap<>();
        for (int node : tree.postOrder) {
            Indicator ind = tree.nodes.get(node);
            int[] kids = tree.children[node];
            double[] out = score[node];
            Arrays.fill(out, Double.NaN);
            AggregationRule agg = null;
            if (kids.length > 0) {
                agg = rules.aggregation(ind.aggregation().rule());
                if (agg == null) {
                    throw new BadInputException(model.id(), ind.id(),
                            "aggregation rule '" + ind.aggregation().rule() + "' is not available in this runtime");
                }
            }
            double[] kidWeights = new double[kids.length];
            for (int k = 0; k < kids.length; k++) {
                kidWeights[k] = tree.nodes.get(kids[k]).weight().value();
            }
            // a rule comparing units (copeland) aggregates the node over all units at once
            double[] together = null;
            if (agg instanceof BatchAggregation b && b.needsAllUnits()) {
                double[][] kidScores = new double[kids.length][];
                for (int k = 0; k < kids.length; k++) {
                    kidScores[k] = score[kids[k]];
                }
                together = new double[n];
                try {
                    b.bind(ind.aggregation().parameters()).aggregate(kidScores, kidWeights, ind.weight().value(),
                            renormalise, n, together);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(model.id(), ind.id(), ind.aggregation().rule() + ": " + e.getMessage());
                }
            }
            double[] kidPoints = new double[kids.length]; // refilled for each city (a rule keeps no reference)
            for (int c = 0; c < n; c++) {
                double aggregated = Double.NaN;
                double given = supplied[node] == null ? Double.NaN : supplied[node][c];
                if (kids.length > 0) {
                    int present = 0;
                    for (int k = 0; k < kids.length; k++) {
                        kidPoints[k] = score[kids[k]][c];
                        present += Double.isNaN(kidPoints[k]) ? 0 : 1;
                    }
                    try {
                        if (together != null) {
                            aggregated = present == kids.length || (renormalise && present > 0 && Double.isNaN(given))
                                    ? together[c] : Double.NaN;
                        } else if (present == kids.length) {
                            aggregated = agg.aggregate(kidPoints, kidWeights, ind.weight().value(),
                                    ind.aggregation().parameters());
                        } else if (renormalise && present > 0 && Double.isNaN(given)) {
                            aggregated = renormalised(agg, ind, kidPoints, kidWeights, present);
                        }
                    } catch (IllegalArgumentException e) {
                        // a rule that cannot aggregate these scores (a geometric mean of a zero) names node and city
                        throw new BadInputException(model.id(), ind.id(), records.get(c).city().name() + ": "
                                + ind.aggregation().rule() + ": " + e.getMessage());
                    }
                }
                if (!Double.isNaN(aggregated) && !Double.isNaN(given)) {
                    CheckTally t = checks.computeIfAbsent(ind.id(), CheckTally::new);
                    t.compare(records.get(c).city(), Numbers.round(given, precision),
                            Numbers.round(aggregated, precision), precision);
                }
                out[c] = Double.isNaN(aggregated) ? given : aggregated;
            }
        }

        if (capture != null) {
            capture.tree = tree;
            capture.records = records;
            capture.aggregated = copy(score);
        }
        // Totals at display precision, ranks with ties sharing a rank
        double[] total = score[0];
        double[] shown = new double[n];
        for (int c = 0; c < n; c++) {
            shown[c] = Numbers.round(total[c], precision);
        }
        int[] rank = competitionRanks(shown);
        List<String> unscored = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (Double.isNaN(total[c])) {
                unscored.add(records.get(c).city().name() + " (row " + records.get(c).row() + ")");
            }
        }
        if (!unscored.isEmpty()) {
            warnings.add(unscored.size() + " cities have no total because a node on the way up has no data, "
                    + "and are not ranked" + (missing.kind() == MissingData.Method.NONE
                            ? " (missing data 'renormalise' scores them from the indicators that have data)" : "")
                    + ": " + list(unscored));
        }
        checkPrintedRanks(data, records, rank, checks);

        // Tiers of cities
        String[] tier = new String[n];
        List<TierCount> tierCounts = List.of();
        if (withheld != null) {
            warnings.add(0, withheld);
        } else if (model.tiers() != null) {
            TierRule rule = tierRule(model, model.tiers());
            TierRule.Assignment a = assign(model, rule, shown, model.tiers(), "tiers");
            warnings.addAll(a.notes());
            for (int c = 0; c < n; c++) {
                tier[c] = a.tiers().get(c);
            }
            tierCounts = tierCounts(model.tiers(), rule, tier);
        }

        // Order: by rank, ties and unranked keep the data's order (reports print ties in their own order)
        Integer[] order = new Integer[n];
        for (int c = 0; c < n; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer c) -> rank[c] == 0 ? Integer.MAX_VALUE : rank[c]));

        Map<CityRecord, Double> backedByRecord = null;
        if (records != recordsBefore) {
            backedByRecord = new java.util.IdentityHashMap<>();
            for (int c = 0; c < backedShare.length; c++) {
                backedByRecord.put(recordsBefore.get(c), backedShare[c]);
            }
        }
        List<CityResult> cities = new ArrayList<>(n);
        for (int c : order) {
            City city = records.get(c).city();
            Map<String, Double> nodeScores = panelYear != null ? Map.of()
                    : new LinkedHashMap<>(tree.size() * 4 / 3 + 1); // sized: never rehashed
            for (int node = 0; panelYear == null && node < tree.size(); node++) {
                if (!Double.isNaN(score[node][c])) {
                    nodeScores.put(tree.nodes.get(node).id(), clean(score[node][c], precision));
                }
            }
            cities.add(new CityResult(city.adcode(), city.name(), city.province(),
                    Double.isNaN(shown[c]) ? null : shown[c], rank[c] == 0 ? null : rank[c], tier[c], nodeScores,
                    Numbers.round(backedByRecord == null ? backedShare[c]
                            : backedByRecord.getOrDefault(records.get(c), 0.0), 4)));
        }

        Map<String, List<GroupResult>> groups = new LinkedHashMap<>();
        for (GroupScheme g : model.groups()) {
            List<GroupResult> gs = groups(model, g, records, total, order, precision, warnings, withheld == null);
            groups.put(g.kind(), gs);
        }

        if (panelYear != null) {
            panelYear.tree = tree;
            panelYear.score = score;
            panelYear.order = order;
            panelYear.precision = precision;
        }
        Map<String, NodeStatistics> nodeStatistics = new LinkedHashMap<>();
        for (int node = 0; statistics && node < tree.size(); node++) {
            NodeStatistics s = statistics(tree.nodes.get(node), score[node], records, order, precision);
            if (s != null) {
                nodeStatistics.put(tree.nodes.get(node).id(), s);
            }
        }

        List<String> assumed = assumedWeightsUsed(tree, score);
        if (!assumed.isEmpty()) {
            warnings.add(0, "assumed weights entered this result (" + assumed.size() + " indicators: "
                    + list(assumed) + "); see 'cityeval tree " + model.id() + "' for their provenance");
        }

        List<ReferenceCheck> checkList = new ArrayList<>();
        for (CheckTally t : checks.values()) {
            checkList.add(t.result());
            if (t.compared != t.matched) {
                warnings.add("supplied '" + t.what + "' disagrees with the computed value for "
                        + (t.compared - t.matched) + " of " + t.compared + " cities: " + list(t.mismatches));
            }
        }

        ModelSummary summary = new ModelSummary(model.id(), model.title().preferred(),
                model.institution().preferred(), model.edition(), model.year(), model.scale().max(), precision,
                basisLevel, assumed, prep.year, describe(missing), Numbers.round(weightBacked, 4), List.copyOf(uncovered), threshold,
                withheld);
        return new EvaluationResult(summary, cities, tierCounts, groups, nodeStatistics, checkList, warnings, treated);
    }


    private TierRule tierRule(EvaluationModel model, TierScheme scheme) throws BadInputException {
        TierRule rule = rules.tier(scheme.rule());
        if (rule == null) {
            throw new BadInputException(model.id(), "tiers", "tier rule '" + scheme.rule() + "' is not available");
        }
        return rule;
    }

    /** The model's missing-data policy for a run: the run's choice, else the model's default. */
    public static MissingData missingData(EvaluationModel model, EvaluationOptions options) {
        return options != null && options.missing() != null ? options.missing() : model.missing();
    }

    /** Applies the missing-data policy to prepared data: the coverage threshold, then imputation. */
    public void applyMissingData(EvaluationModel model, Preparation prep, MissingData missing)
            throws BadInputException {
        applyMissingData(model, prep, missing, null);
    }

    /** As {@link #applyMissingData(EvaluationModel, Preparation, MissingData)}, calling back between the steps. */
    void applyMissingData(EvaluationModel model, Preparation prep, MissingData missing, Runnable afterThreshold)
            throws BadInputException {
        prep.applyThreshold(missing);
        if (afterThreshold != null) {
            afterThreshold.run();
        }
        if (missing.kind().grouped()) {
            String name = missing.groupBy() == null ? "province" : missing.groupBy();
            GroupingRule groups = rules.grouping(name);
            if (groups == null) {
                java.util.Set<String> known = new java.util.TreeSet<>(rules.groupings());
                throw new BadInputException(model.id(), "missing.groupBy", "grouping rule '" + name
                        + "' is not available" + (known.isEmpty() ? "" : "; available: " + String.join(", ", known)));
            }
            prep.impute(missing, groups);
        } else {
            prep.impute(missing, null);
        }
    }

    /**
     * The given values in points, per node: leaves through their scoring rule with its parameters (a bound leaf
     * through its binding's), inner nodes as points (an index model's rates × the node's weight). The one
     * scoring step of {@code evaluate} and of the uncertainty analysis, which calls it once per winsorisation
     * choice with the treated values.
     *
     * @param values   per node, the prepared raw values ({@link Preparation#raw}, or treated copies of them)
     * @param warnings receives points outside a node's range, or null
     * @return per node the points, null where the data do not give the node
     */
    public double[][] supplied(EvaluationModel model, CityDataset data, Preparation prep, double[][] values,
            List<String> warnings) throws BadInputException {
        return supplied(model, data, prep, values, warnings, false);
    }

    /**
     * @param clamp with {@code warnings}: clamp points given out of a node's range into it (with a warning) rather
     *              than refuse them
     * @throws BadInputException for points given in a column (an inner node's, or a leaf scored
     *                           {@value DirectPointsScoring#NAME}) outside 0 to the node's points at the model's
     *                           precision, when {@code warnings} is given and {@code clamp} is not; as
     *                           {@code file:row:column}
     */
    public double[][] supplied(EvaluationModel model, CityDataset data, Preparation prep, double[][] values,
            List<String> warnings, boolean clamp) throws BadInputException {
        return supplied(model, data, prep, values, warnings, clamp, null, 0);
    }

    /**
     * @param panel with panel normalisation, per node the raw values of every year of a panel (this year's among
     *              them, from {@code offset}); a leaf's scoring rule scores them all at once and this year's slice
     *              is kept, so a rule that uses the column's range uses the panel's. Null: this year's only.
     */
    double[][] supplied(EvaluationModel model, CityDataset data, Preparation prep, double[][] values,
            List<String> warnings, boolean clamp, PanelEvaluation.Stacked panel, int offset) throws BadInputException {
        double[][] panelValues = panel == null ? null : panel.values();
        Tree tree = prep.tree;
        int n = prep.records.size();
        int precision = model.scale().precision();
        double[][] supplied = new double[tree.size()][];
        for (int node = 0; node < tree.size(); node++) {
            if (!prep.given(node)) {
                continue;
            }
            Indicator ind = tree.nodes.get(node);
            double[] raw = values[node];
            if (ind.leaf() && ind.level() > 0) {
                Indicator scoredAs = ind;
                RuleRef scoring = ind.scoring();
                if (prep.bound[node]) {
                    Binding b = ind.binding();
                    scoring = b.scoring() != null ? b.scoring() : new RuleRef(MinMaxScoring.NAME, Map.of());
                    Direction d = b.direction() != null ? b.direction() : ind.direction();
                    scoredAs = new Indicator(ind.id(), ind.name(), ind.level(), ind.weight(), d, ind.unit(), scoring,
                            null, ind.description(), ind.children(), b);
                }
                ScoringRule rule = rules.scoring(scoring.rule());
                if (rule == null) {
                    throw new BadInputException(model.id(), ind.id(),
                            "scoring rule '" + scoring.rule() + "' is not available in this runtime");
                }
                try {
                    if (panelValues != null && panelValues[node] != null) {
                        // every panel year scores the same stacked values: once per panel (see Stacked.scored)
                        double[] all = panel.scored()[node];
                        if (all == null) {
                            all = rule.score(panelValues[node].clone(), scoredAs, scoring.parameters());
                            panel.scored()[node] = all;
                        }
                        raw = Arrays.copyOfRange(all, offset, offset + n);
                    } else {
                        raw = rule.score(raw, scoredAs, scoring.parameters());
                    }
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(data.source(), ind.id(), e.getMessage());
                }
            } else if (INDEX.equals(model.scale().kind())) {
                // an index model's data give a node's score as a rate of the node (0.80), not in points
                double w = ind.weight().value();
                raw = raw.clone();
                for (int c = 0; c < n; c++) {
                    raw[c] *= w;
                }
            }
            if (warnings != null) {
                boolean points = !prep.bound[node] && (!ind.leaf() || ind.level() == 0
                        || DirectPointsScoring.NAME.equals(ind.scoring() == null ? null : ind.scoring().rule()));
                raw = checkRange(data, ind, raw, prep.records, precision, warnings, points, clamp);
            }
            supplied[node] = raw;
        }
        return supplied;
    }

    /**
     * The node's score from the children that have data, as if their weights were the node's whole weight:
     * weight × (aggregate of the present children on their own weights) ÷ (their weights). For the weighted
     * sum this is the weight times the weighted mean score rate of the present children (COINr's
     * renormalisation).
     */
    private static double renormalised(AggregationRule agg, Indicator ind, double[] kidPoints, double[] kidWeights,
            int present) {
        double[] p = new double[present];
        double[] w = new double[present];
        double wsum = 0;
        for (int k = 0, i = 0; k < kidPoints.length; k++) {
            if (!Double.isNaN(kidPoints[k])) {
                p[i] = kidPoints[k];
                w[i] = kidWeights[k];
                wsum += w[i++];
            }
        }
        if (wsum <= 0) {
            return Double.NaN;
        }
        return agg.aggregate(p, w, wsum, ind.aggregation().parameters()) * ind.weight().value() / wsum;
    }

    /** Which leaves the data back, for how many cities, and the share of the model's weight that makes. */
    public Coverage coverage(EvaluationModel model, CityDataset data, Integer year) {
        Preparation prep;
        try {
            prep = Preparation.of(model, data, year);
        } catch (BadInputException e) {
            return new Coverage(model.id(), 0, year, 0, List.of());
        }
        return coverage(model, prep);
    }

    /** {@link #coverage(EvaluationModel, CityDataset, Integer)} of a fresh preparation (before missing data). */
    private static Coverage coverage(EvaluationModel model, Preparation prep) {
        Tree tree = prep.tree;
        List<Coverage.LeafCoverage> leaves = new ArrayList<>();
        double backed = 0;
        for (int node = 1; node < tree.size(); node++) {
            Indicator ind = tree.nodes.get(node);
            if (!ind.leaf()) {
                continue;
            }
            // a leaf is backed by its own column, its binding, or a given ancestor
            int source = node;
            while (source >= 0 && !prep.given(source)) {
                source = source == 0 ? -1 : tree.parent[source];
            }
            int cities = 0;
            String from = null;
            if (source >= 0) {
                for (double v : prep.raw[source]) {
                    cities += Double.isNaN(v) ? 0 : 1;
                }
                from = source == node ? prep.via[node]
                        : "column of " + tree.nodes.get(source).id() + " (level " + tree.nodes.get(source).level() + ")";
            }
            if (cities > 0) {
                backed += ind.weight().value();
            }
            leaves.add(new Coverage.LeafCoverage(ind.id(), from, ind.weight().value(), cities,
                    prep.missingVariables.get(node)));
        }
        return new Coverage(model.id(), prep.records.size(), prep.year, clean(backed / model.root().weight().value(), 4),
                leaves);
    }

    /** A tier rule that rejects its scheme is the model's problem, reported as such. */
    private static TierRule.Assignment assign(EvaluationModel model, TierRule rule, double[] values, TierScheme scheme,
            String where) throws BadInputException {
        try {
            return rule.assign(values, scheme);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(model.id(), where, e.getMessage());
        }
    }

    /** Competition ranking ("1224"), the one tie rule: see {@link Ranking}. 0 = unranked. */
    static int[] competitionRanks(double[] values) {
        return Ranking.competition(values);
    }

    private static void checkPrintedRanks(CityDataset data, List<CityRecord> records, int[] rank,
            Map<String, CheckTally> checks) {
        if (!data.valueColumns().contains(PRINTED_RANK)) {
            return;
        }
        CheckTally t = new CheckTally(PRINTED_RANK);
        for (int c = 0; c < records.size(); c++) {
            Double printed = records.get(c).values().get(PRINTED_RANK);
            if (printed != null && rank[c] != 0) {
                t.compare(records.get(c).city(), printed, rank[c], 0);
            }
        }
        checks.put(PRINTED_RANK, t);
    }

    private static List<TierCount> tierCounts(TierScheme scheme, TierRule rule, String[] tier) {
        List<TierCount> out = new ArrayList<>();
        for (int i = 0; i < scheme.tiers().size(); i++) {
            String id = scheme.tiers().get(i).id();
            int count = 0;
            for (String t : tier) {
                if (id.equals(t)) {
                    count++;
                }
            }
            String name = scheme.tiers().get(i).name() == null ? id : scheme.tiers().get(i).name().preferred();
            out.add(new TierCount(id, name, count, rule.describe(scheme, i)));
        }
        return out;
    }

    private List<GroupResult> groups(EvaluationModel model, GroupScheme scheme, List<CityRecord> records,
            double[] total, Integer[] order, int precision, List<String> warnings, boolean withTiers) throws BadInputException {
        GroupingRule membership = rules.grouping(scheme.membership());
        if (membership == null) {
            throw new BadInputException(model.id(), "groups." + scheme.kind(),
                    "grouping rule '" + scheme.membership() + "' is not available");
        }
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int c : order) {
            if (Double.isNaN(total[c])) {
                continue;
            }
            for (String g : membership.groupsOf(records.get(c).city())) {
                members.computeIfAbsent(g, k -> new ArrayList<>()).add(c);
            }
        }
        List<String> names = new ArrayList<>(members.keySet());
        double[] mean = new double[names.size()];
        for (int g = 0; g < names.size(); g++) {
            double sum = 0;
            for (int c : members.get(names.get(g))) {
                sum += total[c];
            }
            mean[g] = sum / members.get(names.get(g)).size();
        }
        // Group means are compared two decimals finer than the cities' totals
        double[] shownMean = new double[mean.length];
        for (int g = 0; g < mean.length; g++) {
            shownMean[g] = Numbers.round(mean[g], precision + 2);
        }
        int[] rank = competitionRanks(shownMean);
        String[] tier = new String[mean.length];
        if (scheme.tiers() != null && withTiers) {
            TierRule rule = tierRule(model, scheme.tiers());
            TierRule.Assignment a = assign(model, rule, shownMean, scheme.tiers(), "groups." + scheme.kind() + ".tiers");
            for (String note : a.notes()) {
                warnings.add(scheme.kind() + ": " + note);
            }
            for (int g = 0; g < mean.length; g++) {
                tier[g] = a.tiers().get(g);
            }
        }
        Integer[] byRank = new Integer[mean.length];
        for (int g = 0; g < mean.length; g++) {
            byRank[g] = g;
        }
        Arrays.sort(byRank, Comparator.comparingInt(g -> rank[g]));
        List<GroupResult> out = new ArrayList<>();
        for (int g : byRank) {
            List<String> adcodes = new ArrayList<>();
            for (int c : members.get(names.get(g))) {
                adcodes.add(records.get(c).city().adcode());
            }
            out.add(new GroupResult(names.get(g), shownMean[g], adcodes.size(), rank[g], tier[g], adcodes));
        }
        return out;
    }

    private static NodeStatistics statistics(Indicator ind, double[] values, List<CityRecord> records,
            Integer[] order, int precision) {
        int count = 0;
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                count++;
                sum += v;
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        if (count == 0) {
            return null;
        }
        double mean = sum / count;
        // compared at the precision the mean is reported at, so float noise in the mean (17.0, 17.1, 17.2
        // average to 17.099999999999998) cannot count a city equal to the mean as above it
        double shownMean = clean(mean, precision + 2);
        int above = 0;
        for (double v : values) {
            if (!Double.isNaN(v) && clean(v, precision + 2) > shownMean) {
                above++;
            }
        }
        // Best first; ties keep the overall order. Ties at tenth place are all listed: the cities whose shown value
        // is at least the tenth highest (all of them when there are no more than ten), stably sorted best first.
        // Only those few are sorted; the tenth highest value is found in one pass.
        double[] shown = new double[values.length]; // rounded once, not on every comparison of the sort
        double[] best = new double[TOP]; // the highest shown values so far, highest first
        int kept = 0;
        for (int c = 0; c < values.length; c++) {
            if (Double.isNaN(values[c])) {
                continue;
            }
            double v = Numbers.round(values[c], precision);
            shown[c] = v;
            if (kept < TOP || v > best[TOP - 1]) {
                int at = Math.min(kept, TOP - 1);
                while (at > 0 && best[at - 1] < v) {
                    best[at] = best[at - 1];
                    at--;
                }
                best[at] = v;
                kept = Math.min(kept + 1, TOP);
            }
        }
        boolean all = count <= TOP;
        double cutoff = best[TOP - 1];
        List<Integer> sorted = new ArrayList<>();
        for (int c : order) {
            if (!Double.isNaN(values[c]) && (all || shown[c] >= cutoff)) {
                sorted.add(c);
            }
        }
        sorted.sort(Comparator.comparingDouble((Integer c) -> -shown[c]));
        List<RankedCity> top = new ArrayList<>(sorted.size());
        for (int c : sorted) {
            City city = records.get(c).city();
            top.add(new RankedCity(city.adcode(), city.name(), clean(values[c], precision)));
        }
        double weight = ind.weight().value();
        return new NodeStatistics(count, clean(mean, precision + 2), clean(mean / weight, 4), above, top,
                clean(max - min, precision), clean(max, precision), clean(min, precision));
    }

    /**
     * Points outside 0 to the node's weight, compared at the model's precision (so a 2.667 printed for a node of
     * 2.6666666666666665 points is in range). Points the data give in a column are bad input (or clamped, when
     * asked); points a scoring rule computed are a warning.
     *
     * @return the points, clamped where asked
     */
    private static double[] checkRange(CityDataset data, Indicator ind, double[] points, List<CityRecord> records,
            int precision, List<String> warnings, boolean given, boolean clamp) throws BadInputException {
        double w = ind.weight().value();
        double top = Numbers.round(w, precision);
        List<String> outside = new ArrayList<>(); // the first few, as the warning lists them
        int outsideCount = 0;
        double[] out = points;
        for (int c = 0; c < points.length; c++) {
            double p = points[c];
            if (Double.isNaN(p)) {
                continue;
            }
            boolean finite = Double.isFinite(p);
            double shown = Numbers.round(p, precision);
            if (finite && shown >= 0 && shown <= top) {
                continue;
            }
            CityRecord r = records.get(c);
            // 1.7E308 rather than its 309 digits; formatted only for the cities the message names
            String value = given && !clamp || outsideCount < MAX_LISTED
                    ? finite && Math.abs(p) < 1e9 ? Numbers.plain(Numbers.round(p, precision + 2)) : Double.toString(p)
                    : null;
            if (given && !clamp) {
                throw new BadInputException(data.file(r, ind.id()), data.position(r, ind.id()), r.city().name() + ": '"
                        + ind.id() + "' is " + value + (finite ? ", outside its 0–" : ", not a finite number of its 0–")
                        + Numbers.plain(Numbers.round(w, precision + 2)) + " points; correct the value, or run with "
                        + "--clamp (web API: \"clamp\": true) to clamp such values into the range");
            }
            if (given) {
                if (out == points) {
                    out = points.clone();
                }
                out[c] = !finite && p > 0 || p > w ? w : p < 0 || !finite ? 0 : p;
            }
            if (outsideCount++ < MAX_LISTED) {
                outside.add(r.city().name() + " " + value + " (row " + r.row() + ")");
            }
        }
        if (outsideCount > 0) {
            warnings.add("'" + ind.id() + "' scores outside its 0–" + Numbers.plain(Numbers.round(w, precision + 2))
                    + " points for " + outsideCount + " cities" + (given ? ", clamped into it as asked (--clamp)" : "")
                    + ": " + list(outside, outsideCount));
        }
        return out;
    }

    /** Nodes whose assumed weight entered the result: those with a score in at least one city. */
    private static List<String> assumedWeightsUsed(Tree tree, double[][] score) {
        List<String> out = new ArrayList<>();
        for (int node = 1; node < tree.size(); node++) {
            Indicator ind = tree.nodes.get(node);
            if (ind.weight().provenance() == Provenance.ASSUMED && hasAny(score[node])) {
                out.add(ind.id());
            }
        }
        return out;
    }

    private static boolean hasAny(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** Removes binary floating-point noise below the display precision (85.69999999999999 to 85.7). */
    static double clean(double value, int precision) {
        return Numbers.round(value, precision + 4);
    }

    static String describe(MissingData m) {
        StringBuilder sb = new StringBuilder(m.method());
        if (m.kind().grouped()) {
            sb.append(" by ").append(m.groupBy() == null ? "province" : m.groupBy());
        }
        if (m.minCoverage() != null) {
            sb.append(", cities backed below ").append(Numbers.plain(Numbers.round(m.minCoverage() * 100, 6)))
                    .append("% dropped");
        }
        return sb.toString();
    }

    static String list(List<String> items) {
        return list(items, items.size());
    }

    /** {@link #list(List)} of {@code count} items of which only the first (up to {@value #MAX_LISTED}) are given. */
    static String list(List<String> first, int count) {
        if (count <= MAX_LISTED) {
            return String.join(", ", first);
        }
        return String.join(", ", first.subList(0, MAX_LISTED)) + " and " + (count - MAX_LISTED) + " more";
    }

    /** The tree flattened into arrays: pre-order node list (root first), child indices, post-order. */
    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] == null ? null : m[i].clone();
        }
        return out;
    }

    /**
     * A panel year's node scores: {@code score[node][order[p]]} is the score of the city at position {@code p} of the
     * result's cities, which {@code evaluate} would have put in that city's map, cleaned to the precision.
     */
    static final class PanelYear {
        Tree tree;
        double[][] score;
        Integer[] order;
        int precision;

        /** @return the node's score of the city at position {@code p}, as the city's score map would hold it */
        Double score(int node, int p) {
            double v = score[node][order[p]];
            return Double.isNaN(v) ? null : clean(v, precision);
        }
    }

    /** The pipeline's intermediate datasets of one evaluation, per node (null: the stage has none), per city. */
    static final class StageCapture {
        Tree tree;
        List<CityRecord> records;
        double[][] raw;
        double[][] imputed;
        /** the imputed values after outlier treatment, or null when the run treated nothing */
        double[][] treated;
        double[][] scored;
        double[][] aggregated;
    }

    static final class Tree {
        final List<Indicator> nodes = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        int[][] children;
        int[] parent;
        final List<Integer> postOrder = new ArrayList<>();

        Tree(Indicator root) {
            List<List<Integer>> kids = new ArrayList<>();
            add(root, kids);
            children = new int[kids.size()][];
            parent = new int[kids.size()];
            for (int i = 0; i < kids.size(); i++) {
                children[i] = kids.get(i).stream().mapToInt(Integer::intValue).toArray();
                for (int k : children[i]) {
                    parent[k] = i;
                }
            }
            post(0);
        }

        private int add(Indicator ind, List<List<Integer>> kids) {
            int me = nodes.size();
            nodes.add(ind);
            index.put(ind.id(), me);
            kids.add(new ArrayList<>());
            for (Indicator child : ind.children()) {
                int c = add(child, kids);
                kids.get(me).add(c);
            }
            return me;
        }

        private void post(int node) {
            for (int c : children[node]) {
                post(c);
            }
            postOrder.add(node);
        }

        int size() {
            return nodes.size();
        }

        List<String> sampleIds(int max) {
            Set<String> ids = new LinkedHashSet<>();
            for (Indicator ind : nodes) {
                if (ids.size() < max) {
                    ids.add(ind.id());
                }
            }
            return new ArrayList<>(ids);
        }
    }

    private static final class CheckTally {
        final String what;
        int compared;
        int matched;
        final List<String> mismatches = new ArrayList<>();

        CheckTally(String what) {
            this.what = what;
        }

        void compare(City city, double given, double computed, int precision) {
            compared++;
            if (given == computed) {
                matched++;
            } else {
                mismatches.add(city.name() + ": given " + Numbers.format(given, precision) + ", computed "
                        + Numbers.format(computed, precision));
            }
        }

        ReferenceCheck result() {
            return new ReferenceCheck(what, compared, matched, mismatches);
        }
    }
}
