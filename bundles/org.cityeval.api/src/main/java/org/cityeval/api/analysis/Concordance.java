package org.cityeval.api.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cityeval.api.service.EvaluationFailure;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How far several rankings of the same cities agree. Field names are the JSON output's.
 *
 * <p>
 * Every pairwise figure (rank correlations, RBO, tier tables, movers, domain correlations) is computed on the
 * cities <em>that pair</em> ranks, so a third source that covers few cities does not shrink the comparison of
 * the other two; its {@code n} says how many. Only the all-model views ({@code common}, {@code ranks},
 * {@code kendallW}) are on the cities common to all.
 *
 * @param models     the models (or published results) compared, in order
 * @param coverage   per model: cities it ranks
 * @param common     adcodes of the cities every model ranks (the all-common view)
 * @param ranks      per city common to all (adcode): its rank under each model among those cities, in model order
 * @param names      per city common to all (adcode): its name
 * @param pairs      every pair of models, each on the cities both rank
 * @param kendallW   Kendall's coefficient of concordance W across all models (tie-corrected), with its
 *                   chi-square p-value, on the cities common to all; {@code null} with fewer than three models
 * @param tiers      tier cross-tables of every pair whose models both assign tiers, on the cities both rank
 * @param movers     per pair, the cities whose rank moves most (among the cities both rank), with what explains it
 * @param crosswalk  domain-level correlations along a declared crosswalk, or empty
 * @param notes      what the numbers rest on (e.g. ranks re-ranked among the common cities)
 * @param failed     models that were to be compared but could not be evaluated (a rule threw, or the run
 *                   passed its limits), with why; the comparison covers the others
 * @param weightCoverage per model: the share (0..1) of its weight the data back (its result's
 *                   {@code model.coverage}), {@code null} for a published ranking, which has no such figure
 * @param cityCoverage per model: per city (adcode) the share of the model's weight that city's data back; empty
 *                   for a published ranking
 */
@ProviderType
public record Concordance(List<String> models, Map<String, Integer> coverage, List<String> common,
        Map<String, List<Integer>> ranks, Map<String, String> names, List<PairConcordance> pairs, Statistic kendallW,
        List<TierTable> tiers, List<Movers> movers, List<DomainCorrelation> crosswalk, List<String> notes,
        List<Failed> failed, Map<String, Double> weightCoverage, Map<String, Map<String, Double>> cityCoverage) {

    /** Without weight coverage figures. */
    public Concordance(List<String> models, Map<String, Integer> coverage, List<String> common,
            Map<String, List<Integer>> ranks, Map<String, String> names, List<PairConcordance> pairs,
            Statistic kendallW, List<TierTable> tiers, List<Movers> movers, List<DomainCorrelation> crosswalk,
            List<String> notes, List<Failed> failed) {
        this(models, coverage, common, ranks, names, pairs, kendallW, tiers, movers, crosswalk, notes, failed, Map.of(),
                Map.of());
    }

    /** Nothing failed. */
    public Concordance(List<String> models, Map<String, Integer> coverage, List<String> common,
            Map<String, List<Integer>> ranks, Map<String, String> names, List<PairConcordance> pairs,
            Statistic kendallW, List<TierTable> tiers, List<Movers> movers, List<DomainCorrelation> crosswalk,
            List<String> notes) {
        this(models, coverage, common, ranks, names, pairs, kendallW, tiers, movers, crosswalk, notes, List.of());
    }

    public Concordance {
        failed = failed == null ? List.of() : List.copyOf(failed);
        weightCoverage = weightCoverage == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weightCoverage));
        cityCoverage = cityCoverage == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cityCoverage));
    }

    /** This comparison, with the models that failed. */
    public Concordance withFailed(List<Failed> failures) {
        return new Concordance(models, coverage, common, ranks, names, pairs, kendallW, tiers, movers, crosswalk, notes,
                failures, weightCoverage, cityCoverage);
    }

    /**
     * A model left out of the comparison because its evaluation failed.
     *
     * @param model   its id
     * @param kind    why: error, timeout, allocation_limit, out_of_memory, quarantined, interrupted
     * @param rule    the rule that threw or was running ({@code scoring 'spin'}), or {@code null}
     * @param bundle  the bundle providing that rule, or {@code null}
     * @param message what happened
     */
    @ProviderType
    public record Failed(String model, String kind, String rule, String bundle, String message) {
        /** From the evaluator's exception. */
        public static Failed of(EvaluationFailure f) {
            return new Failed(f.model(), f.kind().name().toLowerCase(Locale.ROOT), f.rule(), f.bundle(), f.getMessage());
        }
    }

    /**
     * A statistic with its test.
     *
     * @param value the statistic
     * @param p     two-sided p-value, or {@code null} where no test applies
     * @param n     number of cities
     */
    @ProviderType
    public record Statistic(double value, Double p, int n) {
    }

    /**
     * @param a        first model
     * @param b        second model
     * @param spearman Spearman's ρ (average ranks for ties), p from the t distribution with n − 2 df
     * @param kendall  Kendall's τ-b (ties handled), p from the normal approximation with tie-corrected variance
     * @param rbo      rank-biased overlap of the top {@code rboDepth} cities (persistence p given), or null
     * @param rboDepth k
     * @param n        the cities both rank, on which the pair's statistics are computed (since 1.4)
     */
    @ProviderType
    public record PairConcordance(String a, String b, Statistic spearman, Statistic kendall, Double rbo, int rboDepth,
            int n) {
        /** Without {@code n}: taken from Spearman's statistic (0 without one). */
        public PairConcordance(String a, String b, Statistic spearman, Statistic kendall, Double rbo, int rboDepth) {
            this(a, b, spearman, kendall, rbo, rboDepth, spearman == null ? 0 : spearman.n());
        }
    }

    /**
     * @param a              first model
     * @param b              second model
     * @param rowsTiers      tiers of a, best first
     * @param columnTiers    tiers of b, best first
     * @param counts         counts[i][j]: cities in a's tier i and b's tier j
     * @param kappa          Cohen's κ (nominal agreement; needs the same tier count on both sides), or null
     * @param weightedKappa  linearly weighted κ for ordered tiers, or null
     * @param note           how tiers were matched (by position when the labels differ)
     */
    @ProviderType
    public record TierTable(String a, String b, List<String> rowsTiers, List<String> columnTiers, int[][] counts,
            Double kappa, Double weightedKappa, String note) {
    }

    /**
     * @param a      first model
     * @param b      second model
     * @param cities the largest shifts, largest first
     * @param n      the cities both rank, among which the ranks are counted (since 1.4; 0 when unknown)
     */
    @ProviderType
    public record Movers(String a, String b, List<Mover> cities, int n) {
        /** Without {@code n} (0: unknown). */
        public Movers(String a, String b, List<Mover> cities) {
            this(a, b, cities, 0);
        }
    }

    /**
     * @param adcode      city
     * @param name        name
     * @param rankA       rank under a (among the cities a and b both rank)
     * @param rankB       rank under b
     * @param shift       rankA − rankB (positive: b ranks it better)
     * @param explanation the nodes where the city stands out most, under each model, in words (one line per
     *                    model: labels when the models' trees were given, else node ids)
     * @param reasons     the same nodes as data, each with its id and labels (since 1.5; empty when the trees
     *                    were not given)
     */
    @ProviderType
    public record Mover(String adcode, String name, int rankA, int rankB, int shift, List<String> explanation,
            List<Reason> reasons) {
        public Mover {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }

        /** Without reasons (before 1.5). */
        public Mover(String adcode, String name, int rankA, int rankB, int shift, List<String> explanation) {
            this(adcode, name, rankA, rankB, shift, explanation, List.of());
        }
    }

    /**
     * One node that explains a mover (since 1.5).
     *
     * @param model     the model whose node it is
     * @param node      the node id
     * @param zh        its Chinese label (for a leaf bound to catalogue variables: the indicator's name with the
     *                  variables' labels)
     * @param en        its English label, or {@code null}
     * @param z         how far the city's score rate at the node is from the mean, in standard deviations
     * @param collapsed ids of the ancestors that carry the same difference and so are not named apart (a chain
     *                  of single children), nearest first; empty when none
     */
    @ProviderType
    public record Reason(String model, String node, String zh, String en, double z, List<String> collapsed) {
        public Reason {
            collapsed = collapsed == null ? List.of() : List.copyOf(collapsed);
        }
    }

    /**
     * What the analysis needs to know of one node of a model's tree to name it (since 1.5).
     *
     * @param parent the parent's id, {@code null} for a level-1 node
     * @param zh     Chinese label
     * @param en     English label, or {@code null}
     */
    @ProviderType
    public record NodeLabel(String parent, String zh, String en) {
    }

    /**
     * @param domain  the crosswalk's name for the pair of domains (e.g. digital foundation)
     * @param nodes   per model, the node id standing for it
     * @param pairs   pairwise Spearman ρ of the domain scores
     */
    @ProviderType
    public record DomainCorrelation(String domain, Map<String, String> nodes, List<PairConcordance> pairs) {
    }
}
