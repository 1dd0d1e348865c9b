package org.cityeval.engine.internal.uncertainty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.cityeval.api.analysis.UncertaintyAnalysis;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.UncertaintyResult.RankBand;
import org.cityeval.api.analysis.UncertaintyResult.Sensitivity;
import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.analysis.AggregationAlternative;
import org.cityeval.api.analysis.AggregationChoice;
import org.cityeval.api.analysis.NormalisationChoice;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.engine.internal.BuiltInRules;
import org.cityeval.engine.internal.CopelandAggregation;
import org.cityeval.engine.internal.GeneralisedMeanAggregation;
import org.cityeval.engine.internal.EvaluationEngine;
import org.cityeval.engine.internal.Isolation;
import org.cityeval.engine.internal.ModelPipeline;
import org.cityeval.engine.internal.Ranking;
import org.cityeval.engine.internal.RuleLookup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Monte Carlo uncertainty and Sobol sensitivity analysis of a ranking (the JRC/COINr method).
 * <p>
 * <b>Uncertain inputs</b>, each one input of the design, in this order, each present only when the spec
 * varies it (a list of one value fixes that choice for every run instead): {@code winsorisation} (COINr's
 * Treat() with the limit drawn from the list, see {@link Treatment}), {@code normalisation} of every leaf
 * ({@link Normalisation}), {@code weights level L} for each level with noise (every weight of the level × a
 * factor uniform in [1 − noise, 1 + noise], the factors drawn from the input's value, siblings renormalised by
 * the means), {@code aggregation} at every node ({@link Aggregation}), and, with several models, {@code model}.
 * A discrete choice among n alternatives takes alternative ⌊u n⌋ for the input u.
 * <p>
 * <b>Outputs</b> of a run: the mean absolute rank change against the nominal ranking, and every unit's rank
 * (competition ranks, best first: the engine's one tie rule, {@link Ranking}). The nominal ranking is
 * {@code evaluate}'s for the (first) model, computed by the engine itself: the model's own scoring and aggregation
 * rules, weights, missing-data policy (the spec's, else the model's) and precision. The default choice of
 * normalisation and aggregation, {@code model}, runs that same pipeline ({@link OwnModel}, {@link ModelPipeline});
 * COINr's alternatives run on {@link CompiledModel}. Several models are compared on the units every one of them
 * ranks.
 * <p>
 * <b>Result</b>: per unit the nominal rank, the median and the 5th and 95th percentiles (R's type 7) of its
 * rank over the random sample (the 2N runs of A and B with Sobol, as COINr's get_sensitivity, or the N runs
 * without), the Sobol indices of the mean absolute rank change per input, and per unit the Sobol indices of
 * its rank.
 */
@Component(service = UncertaintyAnalysis.class)
public class UncertaintyComponent implements UncertaintyAnalysis {
    /** The source that messages about the spec name. */
    static final String SPEC = "uncertainty spec";
    /** COINr's Treat() falls back to log_CT for a column that winsorisation cannot fix. */
    static final boolean LOG_FALLBACK = true;

    enum Kind {
        WINSORISATION, NORMALISATION, WEIGHTS, AGGREGATION, IMPUTATION, MODEL
    }

    /** One uncertain input of the design. */
    record Input(Kind kind, String name, String words, int options, int[] slots, Normalisation[] normalisations,
            Aggregation[] aggregations, int level, double noise) {
        int pick(double u) {
            return Math.min(options - 1, (int) (u * options));
        }
    }

    /**
     * The choices of a run that no input varies, and the inputs.
     *
     * @param aggregationIndex the fixed aggregation's index among the alternatives ({@link OwnModel#byAggregation})
     * @param imputation       the fixed imputation variant
     * @param variants         imputation variants per model: model m, variant v is compiled model m × variants + v
     */
    record Plan(List<Input> inputs, int slot, Normalisation normalisation, Aggregation aggregation,
            int aggregationIndex, int imputation, int variants) {
    }

    /** Prefix of the framework properties that limit an analysis ({@code cityeval.uncertainty.timeout}, ...). */
    static final String LIMITS = "cityeval.uncertainty";

    private final Isolation isolation;
    /** The rules {@code evaluate} uses: the Evaluator component's in a framework. */
    private final RuleLookup rules;

    /** Outside a framework (unit tests): default limits, the built-in rules. */
    public UncertaintyComponent() {
        this(BuiltInRules.INSTANCE);
    }

    /** Outside a framework (unit tests): default limits, these rules. */
    public UncertaintyComponent(RuleLookup rules) {
        this(name -> null, rules);
    }

    /**
     * The limits, from framework properties {@code cityeval.uncertainty.timeout} (default 10 min),
     * {@code .parallelism} (analyses at once, default 1: each one already uses every core) and
     * {@code .maxAllocation} (default none).
     */
    @Activate
    public UncertaintyComponent(BundleContext context, @Reference Evaluator evaluator) {
        // the Evaluator component of this bundle is the rule registry evaluate uses (plug-in rules included)
        this(context::getProperty, evaluator instanceof RuleLookup r ? r : BuiltInRules.INSTANCE);
    }

    private UncertaintyComponent(Function<String, String> properties, RuleLookup rules) {
        this.rules = rules;
        this.isolation = new Isolation(Isolation.Limits.from(properties, LIMITS, Duration.ofMinutes(10), 1, 0),
                className -> null, "cityeval-uncertainty");
    }

    /** Runs the analysis under the limits: on its own thread, at most so many at once, within the time limit. */
    @Override
    public UncertaintyResult run(List<EvaluationModel> models, CityDataset data, UncertaintySpec spec,
            IntConsumer progress) throws BadInputException {
        String name = models == null || models.isEmpty() ? "uncertainty" : "uncertainty of "
                + String.join(", ", models.stream().map(EvaluationModel::id).toList());
        return isolation.run(name, null, () -> analyse(models, data, spec, progress));
    }

    private UncertaintyResult analyse(List<EvaluationModel> models, CityDataset data, UncertaintySpec spec,
            IntConsumer progress) throws BadInputException {
        long t0 = System.nanoTime();
        if (models == null || models.isEmpty()) {
            throw new BadInputException(SPEC, "models", "no model to analyse");
        }
        if (spec == null) {
            throw new BadInputException(SPEC, null, "no spec");
        }
        if (spec.replications() < 2) {
            throw new BadInputException(SPEC, "replications", "need at least 2 replications, not "
                    + spec.replications());
        }
        if (spec.threads() < 0) {
            throw new BadInputException(SPEC, "threads", "threads must be 0 (one per core) or more, not "
                    + spec.threads());
        }
        List<String> notes = new ArrayList<>();

        // ---------------------------------------------------------------- choices
        List<Integer> limits = spec.winsorisation();
        for (Integer w : limits) {
            if (w == null || w < 0) {
                throw new BadInputException(SPEC, "winsorisation", "a winsorisation limit is a number of points, 0 "
                        + "or more, not " + w);
            }
        }
        LinkedHashSet<Integer> distinct = new LinkedHashSet<>();
        distinct.add(0);
        distinct.addAll(limits);
        int[] winmaxes = distinct.stream().mapToInt(Integer::intValue).toArray();
        Map<Integer, Integer> slotOf = new HashMap<>();
        for (int s = 0; s < winmaxes.length; s++) {
            slotOf.put(winmaxes[s], s);
        }
        List<Normalisation> norms = new ArrayList<>();
        for (NormalisationChoice c : spec.normalisations()) {
            if (c == null) {
                throw new BadInputException(SPEC, "normalisations", "no normalisation given: use one of "
                        + NormalisationChoice.valid());
            }
            norms.add(Normalisation.of(c));
        }
        List<AggregationAlternative> alternatives = new ArrayList<>();
        for (AggregationChoice c : spec.aggregations()) {
            if (c == null) {
                throw new BadInputException(SPEC, "aggregations", "no aggregation given: use one of "
                        + AggregationAlternative.SPELLINGS);
            }
            if (c.parameterised()) {
                throw new BadInputException(SPEC, "aggregations", "genmean needs its exponent p: give it as an "
                        + "aggregation alternative genmean:P, e.g. genmean:0.5");
            }
            alternatives.add(AggregationAlternative.of(c));
        }
        for (AggregationAlternative a : spec.aggregationAlternatives()) {
            if (a == null) {
                throw new BadInputException(SPEC, "aggregations", "no aggregation given: use one of "
                        + AggregationAlternative.SPELLINGS);
            }
            alternatives.add(a);
        }
        List<Aggregation> aggs = new ArrayList<>();
        for (AggregationAlternative a : alternatives) {
            aggs.add(Aggregation.of(a.choice()));
        }
        List<org.cityeval.api.model.MissingData> imputations = new ArrayList<>();
        for (org.cityeval.api.model.MissingData m : spec.imputations()) {
            if (m == null) {
                throw new BadInputException(SPEC, "imputations", "no missing-data policy given: use one of "
                        + org.cityeval.api.model.MissingData.METHODS);
            }
            imputations.add(m);
        }
        List<Normalisation> allNorms = norms.isEmpty() ? List.of(Normalisation.MODEL) : norms;
        List<Aggregation> allAggs = aggs.isEmpty() ? List.of(Aggregation.MODEL) : aggs;
        if (allNorms.contains(Normalisation.Z_SCORE) && allAggs.stream().anyMatch(Aggregation::needsPositive)) {
            throw new BadInputException(SPEC, "normalisations", "z-scores are negative for half the units, so they "
                    + "cannot go into a geometric or harmonic mean: vary z-score with arithmetic means only");
        }
        if (allNorms.contains(Normalisation.Z_SCORE) && allAggs.stream().anyMatch(Aggregation::ruleBased)) {
            throw new BadInputException(SPEC, "normalisations", "z-scores are not points of an indicator's weight, "
                    + "so the model's own aggregation, genmean and copeland cannot take them: vary z-score with "
                    + "arithmetic means only");
        }
        TreeMap<Integer, Double> noise = new TreeMap<>(Comparator.reverseOrder());
        for (Map.Entry<Integer, Double> e : spec.weightNoise().entrySet()) {
            Integer level = e.getKey();
            Double f = e.getValue();
            if (level == null || level < 1) {
                throw new BadInputException(SPEC, "weightNoise", "weight noise applies to a tree level 1 or deeper "
                        + "(the root's weight has no siblings), not level " + level);
            }
            if (f == null || !(f >= 0 && f < 1)) {
                throw new BadInputException(SPEC, "weightNoise." + level, "the relative noise must be at least 0 and "
                        + "below 1 (0.25: ±25%), not " + f);
            }
            if (f > 0) {
                noise.put(level, f);
            }
        }

        // ---------------------------------------------------------------- models and units
        List<CompiledModel> all = new ArrayList<>();
        List<Map<String, Integer>> evaluated = new ArrayList<>();
        EvaluationOptions nominalOptions = new EvaluationOptions(spec.missing(), null, null);
        // the runs' missing-data policies: the spec's (or each model's) alone, else the imputation alternatives
        List<EvaluationOptions> variantOptions = new ArrayList<>();
        if (imputations.isEmpty()) {
            variantOptions.add(nominalOptions);
        } else {
            for (org.cityeval.api.model.MissingData m : imputations) {
                variantOptions.add(new EvaluationOptions(m, null, null));
            }
        }
        int variants = variantOptions.size();
        EvaluationEngine engine = new EvaluationEngine(rules);
        Map<String, Integer> nominalRanks = null;
        for (EvaluationModel m : models) {
            for (int v = 0; v < variants; v++) {
                EvaluationOptions options = variantOptions.get(v);
                String variant = imputations.isEmpty() ? m.id() : m.id() + " (missing data " + imputations.get(v)
                        .spelling() + ")";
                // the nominal ranking is evaluate's, computed by the engine itself
                EvaluationResult result;
                try {
                    result = engine.evaluate(m, data, options);
                } catch (BadInputException e) {
                    if (imputations.isEmpty()) {
                        throw e;
                    }
                    throw new BadInputException(SPEC, "imputations[" + v + "]", "'" + imputations.get(v).spelling()
                            + "': " + e.getMessage());
                }
                if (nominalRanks == null) {
                    EvaluationResult nominal = imputations.isEmpty() ? result : engine.evaluate(m, data, nominalOptions);
                    nominalRanks = new LinkedHashMap<>();
                    for (CityResult c : nominal.cities()) {
                        if (c.rank() != null && c.rank() > 0) {
                            nominalRanks.putIfAbsent(c.adcode(), c.rank());
                        }
                    }
                }
                Double coverage = result.model().coverage();
                if (coverage != null) {
                    String share = java.math.BigDecimal.valueOf(coverage * 100).setScale(1, java.math.RoundingMode.HALF_UP)
                            .stripTrailingZeros().toPlainString() + "%";
                    notes.add(variant + ": weight coverage " + share + " (share of the model's weight the data back)");
                    if (result.model().belowThreshold()) {
                        notes.add("warning: " + variant + " rests on data backing " + share + " of its weight, below the "
                                + java.math.BigDecimal.valueOf(result.model().coverageThreshold() * 100).stripTrailingZeros()
                                        .toPlainString()
                                + "% threshold: its rank bands describe a small part of its method");
                    }
                }
                ModelPipeline pipeline = ModelPipeline.of(m, data, options, rules);
                CompiledModel cm = CompiledModel.of(m, data, pipeline.prep, winmaxes, LOG_FALLBACK);
                cm.own = new OwnModel(pipeline, winmaxes, allNorms, allAggs, LOG_FALLBACK);
                cm.own.byAggregation = byAggregation(pipeline, alternatives);
                Map<String, Integer> ranks = new LinkedHashMap<>();
                for (CityResult c : result.cities()) {
                    if (c.rank() != null && c.rank() > 0) {
                        ranks.putIfAbsent(c.adcode(), c.rank());
                    }
                }
                // the compiled form must reproduce evaluate: its nominal totals ranked by the one tie rule
                int[] compiledRanks = Ranking.competition(Ranking.rounded(pipeline.nominalTotals(), pipeline.precision));
                List<String> differ = new ArrayList<>();
                for (int u = 0; u < cm.units; u++) {
                    Integer r = ranks.get(cm.adcodes[u]);
                    if ((r == null ? 0 : r) != compiledRanks[u]) {
                        differ.add(cm.names[u]);
                    }
                }
                if (!differ.isEmpty()) {
                    notes.add(variant + ": the compiled pipeline ranks " + differ.size() + " units differently from "
                            + "evaluate (" + String.join(", ", differ.subList(0, Math.min(5, differ.size())))
                            + "); the nominal ranks are evaluate's");
                }
                if (!pipeline.unbatched.isEmpty() && allAggs.contains(Aggregation.MODEL)) {
                    notes.add(m.id() + ": aggregation rule" + (pipeline.unbatched.size() > 1 ? "s " : " ")
                            + String.join(", ", pipeline.unbatched) + " ha" + (pipeline.unbatched.size() > 1 ? "ve" : "s")
                            + " no batch form: called unit by unit in every run (slower)");
                }
                all.add(cm);
                evaluated.add(ranks);
            }
        }
        for (int level : noise.keySet()) {
            if (all.stream().noneMatch(cm -> level <= cm.maxLevel() && cm.levelNodes[level].length > 0)) {
                throw new BadInputException(SPEC, "weightNoise." + level, "no model has indicators with data at level "
                        + level + " (the deepest is level " + all.stream().mapToInt(CompiledModel::maxLevel).max()
                                .orElse(0) + ")");
            }
        }
        List<CompiledModel> compiled = commonUnits(all, evaluated, nominalRanks, notes);
        CompiledModel first = compiled.get(0);
        int units = first.units;

        // ---------------------------------------------------------------- the design
        List<Input> inputs = new ArrayList<>();
        int fixedSlot = 0;
        if (limits.size() == 1) {
            fixedSlot = slotOf.get(limits.get(0));
            notes.add("winsorisation fixed at " + limits.get(0) + " points in every run");
        } else if (limits.size() > 1) {
            int[] slots = limits.stream().mapToInt(slotOf::get).toArray();
            inputs.add(new Input(Kind.WINSORISATION, "winsorisation", "at most " + orList(limits) + " points per "
                    + "indicator, COINr's Treat(): while |skewness| ≥ 2 and kurtosis ≥ 3.5, the most extreme value on "
                    + "the side of the skew becomes the next value inward" + (LOG_FALLBACK ? "; an indicator still "
                            + "failing after the limit is log-transformed instead (log_CT, COINr's default)" : ""),
                    slots.length, slots, null, null, 0, 0));
        }
        Normalisation fixedNorm = Normalisation.MODEL;
        if (norms.size() == 1) {
            fixedNorm = norms.get(0);
            notes.add("normalisation fixed: " + fixedNorm.words + " in every run");
        } else if (norms.size() > 1) {
            inputs.add(new Input(Kind.NORMALISATION, "normalisation", orList(norms.stream().map(n -> n.words).toList())
                    + ", for every indicator", norms.size(), null, norms.toArray(Normalisation[]::new), null, 0, 0));
        }
        for (Map.Entry<Integer, Double> e : noise.entrySet()) {
            double f = e.getValue();
            inputs.add(new Input(Kind.WEIGHTS, "weights level " + e.getKey(), String.format(Locale.ROOT,
                    "every weight at level %d × a factor uniform in [%s, %s], siblings renormalised", e.getKey(),
                    plain(1 - f), plain(1 + f)), 0, null, null, null, e.getKey(), f));
        }
        Aggregation fixedAgg = Aggregation.MODEL;
        if (aggs.size() == 1) {
            fixedAgg = aggs.get(0);
            notes.add("aggregation fixed: " + words(alternatives.get(0)) + " in every run");
        } else if (aggs.size() > 1) {
            inputs.add(new Input(Kind.AGGREGATION, "aggregation", orList(alternatives.stream()
                    .map(UncertaintyComponent::words).toList()) + " at every node, over the children with data",
                    aggs.size(), null, null, aggs.toArray(Aggregation[]::new), 0, 0));
        }
        if (imputations.size() == 1) {
            notes.add("imputation fixed: missing data " + imputations.get(0).spelling() + " in every run (the nominal "
                    + "ranking keeps " + describeMissing(spec, models.get(0)) + ")");
        } else if (imputations.size() > 1) {
            inputs.add(new Input(Kind.IMPUTATION, "imputation", "missing data " + orList(imputations.stream()
                    .map(org.cityeval.api.model.MissingData::spelling).toList()) + ", applied as evaluate applies it "
                    + "before the run", imputations.size(), null, null, null, 0, 0));
        }
        if (models.size() > 1) {
            inputs.add(new Input(Kind.MODEL, "model", "one of " + models.stream().map(EvaluationModel::id)
                    .collect(Collectors.joining(", ")), models.size(), null, null, null, 0, 0));
        }
        if (fixedNorm == Normalisation.Z_SCORE && fixedAgg.needsPositive()) {
            throw new BadInputException(SPEC, "normalisations", "z-scores cannot go into a " + fixedAgg.words);
        }
        if (inputs.isEmpty()) {
            throw new BadInputException(SPEC, null, "nothing is uncertain: give alternative winsorisation limits, "
                    + "normalisations, aggregations or imputations, weight noise, or several models");
        }
        Plan plan = new Plan(List.copyOf(inputs), fixedSlot, fixedNorm, fixedAgg, 0, 0, variants);

        // ---------------------------------------------------------------- nominal
        // evaluate's ranks; with several models re-ranked among the common units (competition on the ranks)
        double[] negatedRank = new double[units];
        for (int u = 0; u < units; u++) {
            negatedRank[u] = -nominalRanks.get(first.adcodes[u]);
        }
        int[] nominal = Ranking.competition(negatedRank);
        double[] nominalRank = new double[units];
        for (int u = 0; u < units; u++) {
            nominalRank[u] = nominal[u];
        }

        // ---------------------------------------------------------------- runs
        int k = inputs.size();
        int outputs = 1 + units;
        int n = spec.replications();
        CompiledModel[] cms = compiled.toArray(CompiledModel[]::new);
        Sobol.Runs runs;
        try {
            runs = spec.sobol()
                    ? Sobol.saltelli(k, outputs, n, spec.seed(), spec.threads(), () -> new Worker(plan, cms, nominalRank),
                            progress)
                    : Sobol.monteCarlo(k, outputs, n, spec.seed(), spec.threads(),
                            () -> new Worker(plan, cms, nominalRank), progress);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(SPEC, "replications", e.getMessage());
        }

        // ---------------------------------------------------------------- summary
        int sample = spec.sobol() ? 2 * n : n;
        int[] histogram = new int[units + 1]; // ranks are whole numbers 1..units: quantiles from counts
        List<RankBand> bands = new ArrayList<>();
        Integer[] order = new Integer[units];
        for (int u = 0; u < units; u++) {
            order[u] = u;
        }
        Arrays.sort(order, Comparator.comparingInt(u -> nominal[u] == 0 ? Integer.MAX_VALUE : nominal[u]));
        for (int u : order) {
            Arrays.fill(histogram, 0);
            int c = 0;
            for (int r = 0; r < sample; r++) {
                double v = runs.output(r, 1 + u);
                if (!Double.isNaN(v)) {
                    histogram[(int) v]++;
                    c++;
                }
            }
            bands.add(new RankBand(first.adcodes[u], first.names[u], nominal[u], Ranks.quantile(histogram, c, 0.5),
                    Ranks.quantile(histogram, c, 0.05), Ranks.quantile(histogram, c, 0.95)));
        }
        List<Sensitivity> sensitivity = List.of();
        Map<String, List<Sensitivity>> cityRanks = new LinkedHashMap<>();
        if (spec.sobol()) {
            Sobol.Indices ind = Sobol.jansen(runs);
            sensitivity = sensitivities(inputs, ind, 0);
            for (int u : order) {
                cityRanks.put(first.adcodes[u], sensitivities(inputs, ind, 1 + u));
            }
        }

        List<String> choices = new ArrayList<>();
        for (Input in : inputs) {
            choices.add(in.name() + ": " + in.words());
        }
        long t1 = System.nanoTime();
        List<String> head = new ArrayList<>();
        head.add(String.format(Locale.ROOT, spec.sobol()
                ? "runs: %d = N (d + 2) = %d × (%d + 2); Saltelli design, Jansen estimators"
                : "runs: %d = N = %d plain Monte Carlo replications of %d uncertain inputs", runs.runs(), n, k));
        head.add("threads: " + runs.threads());
        head.add(String.format(Locale.ROOT, "wall time: %.3f s (the runs %.3f s, %.1f µs per run per thread)",
                (t1 - t0) / 1e9, runs.nanos() / 1e9, runs.nanos() / 1e3 * runs.threads() / runs.runs()));
        head.add("units: " + units + (first.year != null ? ", year " + first.year : "") + "; leaves with data: "
                + compiled.stream().map(c -> c.id + " " + c.leaves).distinct().collect(Collectors.joining(", ")));
        head.add("nominal ranking: evaluate's, computed by the engine: " + first.id + "'s own scoring rules, "
                + "weights, aggregation rules, missing-data policy (" + describeMissing(spec, models.get(0))
                + ") and precision, competition ranks (1, 2, 2, 4) on totals rounded to the model's precision");
        head.add("'model' (the default for normalisation and aggregation) runs that same pipeline in every run: "
                + "the leaves' scoring rules once per winsorisation choice, the aggregation rules through their "
                + "batch form over all units at once (built-in rules), weights perturbed with siblings rescaled to "
                + "their parent's share; its totals are ranked rounded to the model's precision");
        if (allNorms.stream().anyMatch(nm -> nm != Normalisation.MODEL) || allAggs.stream().anyMatch(
                ag -> !ag.ruleBased())) {
            head.add("alternatives: min-max normalises onto [1, 100], not [0, 100], so that geometric and harmonic "
                    + "means never meet a zero (as COINr's sensitivity example does); under the model's own "
                    + "aggregation min-max and rank scores enter as score rates × the leaf's weight, and under "
                    + "arithmetic, geometric or harmonic means the model's own scores as 1 + 99 × their score rate; "
                    + "those means are taken over the children with data, weights renormalised over them "
                    + "(COINr's), and rank the unrounded index");
        }
        if (allAggs.contains(Aggregation.GENMEAN) || allAggs.contains(Aggregation.COPELAND)) {
            head.add("genmean and copeland: the engine's rules at every inner node of the model's own pipeline (its "
                    + "scoring, weights, missing-data policy and precision), as evaluate computes a model that names "
                    + "them; totals ranked rounded to the model's precision");
        }
        if (imputations.size() > 1) {
            head.add("imputation: each alternative policy prepares the data once, as evaluate does; a run uses the "
                    + "prepared data of the policy it draws, the nominal ranking keeps " + describeMissing(spec,
                            models.get(0)));
        }
        head.add("missing data: the policy is applied as evaluate applies it (coverage threshold, imputation) "
                + "before every run; the model's own aggregation follows it (none: a node missing a child has no "
                + "score; renormalise: the children with data)");
        head.add("output: the mean absolute rank change against the nominal ranking over the units; ranks are "
                + "competition ranks, best first");
        head.add(spec.sobol() ? "rank median and 5–95% band over the 2N = " + sample + " runs of the samples A and B "
                + "(as COINr's get_sensitivity)" : "rank median and 5–95% band over the " + sample + " runs");
        if (spec.sobol()) {
            head.add("Sobol indices of an output that never varies are reported as 0");
        }
        head.addAll(notes);
        for (CompiledModel c : all) {
            for (String w : c.warnings) {
                head.add(c.id + ": " + w);
            }
        }
        return new UncertaintyResult(models.stream().map(EvaluationModel::id).toList(), n, spec.seed(), choices, bands,
                sensitivity, cityRanks, head);
    }

    /** The models restricted to the units {@code evaluate} ranks for each of them, in the first model's order. */
    private static List<CompiledModel> commonUnits(List<CompiledModel> all, List<Map<String, Integer>> evaluated,
            Map<String, Integer> nominal, List<String> notes) throws BadInputException {
        List<Map<String, Integer>> rankedUnits = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            CompiledModel cm = all.get(i);
            Map<String, Integer> ranked = new LinkedHashMap<>();
            for (int u = 0; u < cm.units; u++) {
                if (evaluated.get(i).containsKey(cm.adcodes[u])) {
                    ranked.putIfAbsent(cm.adcodes[u], u);
                }
            }
            rankedUnits.add(ranked);
        }
        List<String> common = new ArrayList<>();
        for (String a : rankedUnits.get(0).keySet()) {
            if (nominal.containsKey(a) && rankedUnits.stream().allMatch(m -> m.containsKey(a))) {
                common.add(a);
            }
        }
        if (common.size() < 2) {
            throw new BadInputException(SPEC, null, "fewer than 2 units are ranked by "
                    + (all.size() > 1 ? "every model" : all.get(0).id));
        }
        List<CompiledModel> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            CompiledModel cm = all.get(i);
            Map<String, Integer> ranked = rankedUnits.get(i);
            int[] idx = common.stream().mapToInt(ranked::get).toArray();
            out.add(cm.subset(idx));
            if (cm.units > common.size()) {
                notes.add(cm.id + ": " + (cm.units - common.size()) + " of its " + cm.units + " units left out ("
                        + (all.size() > 1 ? "not ranked by every model" : "not ranked by evaluate") + ")");
            }
        }
        return out;
    }

    /** Per alternative aggregation, the pipeline that runs it: engine rules share the model's pipeline. */
    private ModelPipeline[] byAggregation(ModelPipeline pipeline, List<AggregationAlternative> alternatives)
            throws BadInputException {
        List<AggregationAlternative> alts = alternatives.isEmpty() ? List.of(AggregationAlternative.of(
                AggregationChoice.MODEL)) : alternatives;
        ModelPipeline[] out = new ModelPipeline[alts.size()];
        for (int i = 0; i < out.length; i++) {
            AggregationAlternative a = alts.get(i);
            out[i] = switch (a.choice()) {
                case MODEL -> pipeline;
                case GENERALISED_MEAN -> pipeline.withAggregation(GeneralisedMeanAggregation.NAME,
                        rule(GeneralisedMeanAggregation.NAME), Map.of(GeneralisedMeanAggregation.P, a.p()));
                case COPELAND -> pipeline.withAggregation(CopelandAggregation.NAME, rule(CopelandAggregation.NAME),
                        Map.of());
                default -> null; // COINr's means run on the compiled matrix
            };
        }
        return out;
    }

    /** The engine's rule of that name: the runtime's ({@code evaluate}'s), else the built-in one. */
    private AggregationRule rule(String name) {
        AggregationRule r = rules.aggregation(name);
        return r != null ? r : BuiltInRules.INSTANCE.aggregation(name);
    }

    private static String words(AggregationAlternative a) {
        return switch (a.choice()) {
            case GENERALISED_MEAN -> "generalised mean p = " + plain(a.p()) + " (the engine's genmean rule)";
            default -> Aggregation.of(a.choice()).words;
        };
    }

    private static String describeMissing(UncertaintySpec spec, EvaluationModel model) {
        org.cityeval.api.model.MissingData m = spec.missing() != null ? spec.missing() : model.missing();
        return m.method() + (m.minCoverage() != null ? ", minimum coverage " + plain(m.minCoverage()) : "")
                + (spec.missing() != null ? ", the run's" : ", the model's");
    }

    private static List<Sensitivity> sensitivities(List<Input> inputs, Sobol.Indices ind, int output) {
        List<Sensitivity> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            out.add(new Sensitivity(inputs.get(i).name(), round4(ind.first()[output][i]),
                    round4(ind.total()[output][i])));
        }
        return out;
    }

    private static double round4(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String orList(List<?> items) {
        List<String> s = items.stream().map(String::valueOf).toList();
        if (s.size() == 1) {
            return s.get(0);
        }
        return String.join(", ", s.subList(0, s.size() - 1)) + " or " + s.get(s.size() - 1);
    }

    /** One worker thread's model: decodes the inputs, evaluates, ranks; allocates nothing per run. */
    static final class Worker implements Sobol.Model {
        private final Plan plan;
        private final Input[] inputs;
        private final CompiledModel[] models;
        private final double[] nominal;
        private final double[] nodeWeight;
        private final double[][] inner;
        private final double[] s;
        private final double[] ws;
        private final double[] values;
        private final double[] sorted;
        /** the model's own pipeline: every node's points, the totals, the weight factors and weights */
        private final double[][] score;
        private final double[] totals;
        private final double[] factor;
        private final double[] ownWeight;
        private final boolean noisy;

        Worker(Plan plan, CompiledModel[] models, double[] nominal) {
            this.plan = plan;
            this.inputs = plan.inputs().toArray(Input[]::new);
            this.models = models;
            this.nominal = nominal;
            int nodes = 0;
            int inners = 0;
            for (CompiledModel m : models) {
                nodes = Math.max(nodes, m.nodes);
                inners = Math.max(inners, m.nodes - m.leaves);
            }
            int units = nominal.length;
            int ownNodes = 0;
            int ownUnits = 0;
            for (CompiledModel m : models) {
                ownNodes = Math.max(ownNodes, m.own.pipeline.nodes);
                ownUnits = Math.max(ownUnits, m.own.pipeline.units);
            }
            this.score = new double[ownNodes][ownUnits];
            this.totals = new double[ownUnits];
            this.factor = new double[ownNodes];
            this.ownWeight = new double[ownNodes];
            this.noisy = plan.inputs().stream().anyMatch(in -> in.kind() == Kind.WEIGHTS);
            this.nodeWeight = new double[nodes];
            this.inner = new double[inners][units];
            this.s = new double[units];
            this.ws = new double[units];
            this.values = new double[units];
            this.sorted = new double[units];
        }

        @Override
        public void evaluate(double[] x, double[] y) {
            int slot = plan.slot();
            Normalisation norm = plan.normalisation();
            Aggregation agg = plan.aggregation();
            int aggIndex = plan.aggregationIndex();
            int variant = plan.imputation();
            int model = 0;
            for (int i = 0; i < inputs.length; i++) {
                Input in = inputs[i];
                switch (in.kind()) {
                    case WINSORISATION -> slot = in.slots()[in.pick(x[i])];
                    case NORMALISATION -> norm = in.normalisations()[in.pick(x[i])];
                    case AGGREGATION -> {
                        aggIndex = in.pick(x[i]);
                        agg = in.aggregations()[aggIndex];
                    }
                    case IMPUTATION -> variant = in.pick(x[i]);
                    case MODEL -> model = in.pick(x[i]);
                    default -> {
                    }
                }
            }
            CompiledModel cm = models[model * plan.variants() + variant];
            if (agg.ruleBased()) {
                own(cm, x, slot, norm, cm.own.byAggregation[aggIndex]);
            } else {
                means(cm, x, slot, norm, agg);
            }
            Ranks.competition(values, cm.units, sorted, y, 1);
            double sum = 0;
            int count = 0;
            for (int u = 0; u < cm.units; u++) {
                double r = y[1 + u];
                if (r == r && nominal[u] > 0) {
                    sum += Math.abs(r - nominal[u]);
                    count++;
                }
            }
            y[0] = count == 0 ? Double.NaN : sum / count;
        }

        /**
         * The model's own aggregation rules, missing-data policy and precision ({@link ModelPipeline#totals}):
         * the values ranked are the totals rounded to the model's precision, as evaluate ranks them.
         */
        private void own(CompiledModel cm, double[] x, int slot, Normalisation norm, ModelPipeline p) {
            OwnModel om = cm.own;
            double[] w = null;
            if (noisy) {
                java.util.Arrays.fill(factor, 0, p.nodes, 1);
                for (int i = 0; i < inputs.length; i++) {
                    Input in = inputs[i];
                    if (in.kind() == Kind.WEIGHTS) {
                        om.perturb(factor, in.level(), in.noise(), Double.doubleToLongBits(x[i]));
                    }
                }
                om.weights(factor, ownWeight);
                w = ownWeight;
            }
            p.totals(om.points(slot, norm), w, score, totals);
            for (int u = 0; u < cm.units; u++) {
                values[u] = totals[cm.unitIndex[u]];
            }
            Ranking.rounded(values, cm.units, p.precision, values);
        }

        /** Weighted arithmetic, geometric or harmonic means over the children with data (COINr's). */
        private void means(CompiledModel cm, double[] x, int slot, Normalisation norm, Aggregation agg) {
            System.arraycopy(cm.weight, 0, nodeWeight, 0, cm.nodes);
            for (int i = 0; i < inputs.length; i++) {
                Input in = inputs[i];
                if (in.kind() == Kind.WEIGHTS) {
                    cm.perturb(nodeWeight, in.level(), in.noise(), Double.doubleToLongBits(x[i]));
                }
            }
            cm.index(cm.matrix(slot, norm, agg), nodeWeight, inner, s, ws, values);
        }
    }
}
