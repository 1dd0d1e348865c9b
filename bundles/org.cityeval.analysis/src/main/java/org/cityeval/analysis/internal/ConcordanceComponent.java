package org.cityeval.analysis.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.analysis.Concordance.DomainCorrelation;
import org.cityeval.api.analysis.Concordance.Mover;
import org.cityeval.api.analysis.Concordance.Movers;
import org.cityeval.api.analysis.Concordance.NodeLabel;
import org.cityeval.api.analysis.Concordance.Reason;
import org.cityeval.api.analysis.Concordance.PairConcordance;
import org.cityeval.api.analysis.Concordance.Statistic;
import org.cityeval.api.analysis.Concordance.TierTable;
import org.cityeval.api.analysis.ConcordanceAnalysis;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.TierCount;
import org.osgi.service.component.annotations.Component;

/**
 * Compares the rankings (and tiers, and domain scores) of several models city by city.
 * <p>
 * Every pairwise figure is computed on the cities <em>that pair</em> ranks, with each model's ranks re-ranked
 * among them (competition ranking on the model's own ranks, ties kept), so that a third model covering few
 * cities does not shrink the comparison of two others; each pair carries its n. Only the all-model views, the
 * rank table and Kendall's W, are on the cities every model ranks. Rank-biased overlap reads each model's own
 * top k of its full ranking, so that a city one model ranks and the other does not counts as disagreement. The
 * notes of the result say all of this.
 */
@Component(service = ConcordanceAnalysis.class)
public class ConcordanceComponent implements ConcordanceAnalysis {

    /** The key of the root's score in {@link CityResult#scores()}. */
    static final String TOTAL = "total";

    /** Nodes named in a mover's explanation, per model. */
    static final int EXPLAINING_NODES = 2;

    /** U+2212, the minus sign the reports print. */
    private static final char MINUS = '\u2212';

    @Override
    public Concordance compare(List<EvaluationResult> results, Map<String, Map<String, String>> crosswalk,
            int topK) {
        return compare(results, crosswalk, topK, Map.of());
    }

    @Override
    public Concordance compare(List<EvaluationResult> results, Map<String, Map<String, String>> crosswalk, int topK,
            List<Concordance.Failed> failed, Map<String, Map<String, NodeLabel>> trees) {
        return compare(results, crosswalk, topK, trees == null ? Map.of() : trees).withFailed(failed);
    }

    private Concordance compare(List<EvaluationResult> results, Map<String, Map<String, String>> crosswalk,
            int topK, Map<String, Map<String, NodeLabel>> trees) {
        Objects.requireNonNull(results, "results");
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results to compare");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must not be negative, not " + topK);
        }
        List<String> notes = new ArrayList<>();
        List<Ranking> models = rankings(results, notes);
        int m = models.size();

        List<String> modelIds = new ArrayList<>();
        Map<String, Integer> coverage = new LinkedHashMap<>();
        for (Ranking r : models) {
            modelIds.add(r.id);
            coverage.put(r.id, r.ranked.size());
        }

        // Common cities, in the first model's order
        List<String> common = new ArrayList<>();
        for (CityResult c : models.get(0).ranked) {
            boolean everywhere = true;
            for (Ranking r : models) {
                everywhere &= r.rank.containsKey(c.adcode());
            }
            if (everywhere) {
                common.add(c.adcode());
            }
        }
        int n = common.size();
        int[][] rerank = new int[m][];
        for (int j = 0; j < m; j++) {
            rerank[j] = rerank(models.get(j), common);
        }
        Map<String, List<Integer>> ranks = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String adcode = common.get(i);
            List<Integer> row = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                row.add(rerank[j][i]);
            }
            ranks.put(adcode, List.copyOf(row));
            names.put(adcode, name(models, adcode));
        }
        notes.add(n + " cities are ranked by every model (coverage: " + coverageText(coverage) + ")");
        List<Pair> pairList = pairs(models);
        if (m >= 2) {
            notes.add("pairwise: every pair of models is compared on the cities both rank (n per pair: "
                    + pairCounts(pairList) + "), each model's ranks re-ranked among those cities: competition "
                    + "ranking on the model's own ranks, ties kept (1, 2, 2, 4); Spearman, Kendall, RBO's depth, "
                    + "the tier tables, the movers and the domain correlations of a pair use these ranks (the "
                    + "correlations are the same on the original ranks, the re-ranking being monotone)");
        }
        notes.add("the rank table" + (m >= 3 ? " and Kendall's W" : "") + ": ranks are re-ranked among the " + n
                + " common cities (on the " + n + " cities common to all " + m + " results), in the same way");
        if (m < 2) {
            notes.add("only one result: there is nothing to compare it with");
        }

        // Pairwise rank correlations and RBO, each on the pair's own common cities
        List<PairConcordance> pairs = new ArrayList<>();
        for (Pair p : pairList) {
            int depth = Math.min(topK, p.n());
            double[] x = toDouble(p.ra);
            double[] y = toDouble(p.rb);
            Double rbo = depth == 0 ? null
                    : RankStatistics.rbo(p.a.top(depth), p.b.top(depth), RankStatistics.RBO_PERSISTENCE);
            pairs.add(new PairConcordance(p.a.id, p.b.id, RankStatistics.spearman(x, y),
                    RankStatistics.kendallTauB(x, y), rbo, depth, p.n()));
        }
        if (m >= 2) {
            notes.add("Spearman's rho: Pearson correlation of average ranks (tied cities share the mean of their "
                    + "ranks); p two-sided from t = rho*sqrt((n-2)/(1-rho^2)) on n-2 df (p = 0 when |rho| = 1), "
                    + "as R's cor.test(method = \"spearman\", exact = FALSE)");
            notes.add("Kendall's tau-b: ties in either ranking handled (Knight's O(n log n) algorithm); p two-sided "
                    + "from the normal approximation with the tie-corrected variance of S, as R's "
                    + "cor.test(method = \"kendall\", exact = FALSE) without continuity correction");
            notes.add("RBO: rank-biased overlap with persistence p = " + RankStatistics.RBO_PERSISTENCE
                    + ", the extrapolated RBO_ext of Webber, Moffat & Zobel (2010, eq. 32), at depth k = min(topK, "
                    + "the pair's common cities), topK = " + topK + "; it reads each model's own top k of its full "
                    + "ranking, not only the common cities, so a city that one model ranks and the other does not "
                    + "counts as not overlapping; tied cities are taken in the order the result lists them");
        }

        // Kendall's W
        Statistic kendallW = null;
        if (m >= 3) {
            double[][] all = new double[m][];
            for (int j = 0; j < m; j++) {
                all[j] = toDouble(rerank[j]);
            }
            kendallW = RankStatistics.kendallW(all);
            notes.add("Kendall's W across the " + m + " models on the " + n + " cities common to all, corrected for ties: "
                    + "W = 12S/(m^2(n^3-n) - m*sum(T)); p is the upper tail of chi-square with n-1 df at "
                    + "m(n-1)W (a large-sample approximation)");
        } else if (m == 2) {
            notes.add("Kendall's W needs at least three models: not computed");
        }

        List<TierTable> tiers = tierTables(models, pairList, notes);
        List<Movers> movers = movers(models, pairList, topK, trees, notes);
        List<DomainCorrelation> domains = crosswalk(models, crosswalk == null ? Map.of() : crosswalk, notes);

        Map<String, Double> weightCoverage = weightCoverage(models, notes);
        return new Concordance(List.copyOf(modelIds), unmodifiable(coverage), List.copyOf(common),
                unmodifiable(ranks), unmodifiable(names), List.copyOf(pairs), kendallW, List.copyOf(tiers),
                List.copyOf(movers), List.copyOf(domains), List.copyOf(notes), List.of(), weightCoverage,
                cityCoverage(models));
    }

    /** Per model, per city (adcode) the share of the model's weight that city's data back; empty when not known. */
    static Map<String, Map<String, Double>> cityCoverage(List<Ranking> models) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Ranking r : models) {
            Map<String, Double> cities = new LinkedHashMap<>();
            for (CityResult c : r.result.cities()) {
                if (c.coverage() != null) {
                    cities.putIfAbsent(c.adcode(), c.coverage());
                }
            }
            out.put(r.id, Collections.unmodifiableMap(cities));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Per model the share of its weight the data back, with a note listing them and a warning for every model
     * below its coverage threshold: a conclusion that involves it rests on little of its method.
     */
    static Map<String, Double> weightCoverage(List<Ranking> models, List<String> notes) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> shown = new ArrayList<>();
        for (Ranking r : models) {
            Double c = r.result.model().coverage();
            out.put(r.id, c);
            shown.add(r.id + " " + (c == null ? "as published" : percent(c)));
        }
        if (out.values().stream().anyMatch(java.util.Objects::nonNull)) {
            notes.add("weight coverage (share of each model's weight the data back): " + String.join(", ", shown));
        }
        for (Ranking r : models) {
            if (r.result.model().belowThreshold()) {
                notes.add("warning: " + r.id + " rests on data backing " + percent(r.result.model().coverage())
                        + " of its weight, below the " + percent(r.result.model().coverageThreshold())
                        + " threshold: every figure involving it compares a small part of its method");
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String percent(double share) {
        return java.math.BigDecimal.valueOf(share * 100).setScale(1, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "%";
    }

    // ------------------------------------------------------------------------------------- the rankings

    /** One result with its ranked cities in rank order. */
    static final class Ranking {
        final String id;
        final EvaluationResult result;
        /** ranked cities by rank; ties in the order the result lists them */
        final List<CityResult> ranked = new ArrayList<>();
        /** every city of the result, ranked or not, by adcode */
        final Map<String, CityResult> cities = new HashMap<>();
        /** original rank of each ranked city */
        final Map<String, Integer> rank = new HashMap<>();

        Ranking(String id, EvaluationResult result, List<String> notes) {
            this.id = id;
            this.result = result;
            List<String> duplicates = new ArrayList<>();
            for (CityResult c : result.cities()) {
                if (c == null || c.adcode() == null) {
                    continue;
                }
                if (cities.putIfAbsent(c.adcode(), c) != null) {
                    duplicates.add(c.adcode());
                    continue;
                }
                if (c.rank() != null) {
                    ranked.add(c);
                    rank.put(c.adcode(), c.rank());
                }
            }
            ranked.sort(Comparator.comparingInt(CityResult::rank)); // stable: ties keep the listing order
            if (!duplicates.isEmpty()) {
                notes.add(id + " lists " + duplicates.size() + " cities twice (" + String.join(", ", duplicates)
                        + "): the first entry of each is used");
            }
        }

        /** The adcodes of the first k ranked cities. */
        List<String> top(int k) {
            List<String> top = new ArrayList<>(k);
            for (int i = 0; i < k && i < ranked.size(); i++) {
                top.add(ranked.get(i).adcode());
            }
            return top;
        }

        NodeRates rates(List<String> common, Map<String, NodeLabel> tree) {
            return new NodeRates(this, common, tree);
        }
    }

    /** Two models and the cities both rank, in the first model's order, re-ranked among them. */
    static final class Pair {
        final Ranking a;
        final Ranking b;
        final List<String> common;
        final int[] ra;
        final int[] rb;

        Pair(Ranking a, Ranking b) {
            this.a = a;
            this.b = b;
            List<String> both = new ArrayList<>();
            for (CityResult c : a.ranked) {
                if (b.rank.containsKey(c.adcode())) {
                    both.add(c.adcode());
                }
            }
            this.common = List.copyOf(both);
            this.ra = rerank(a, common);
            this.rb = rerank(b, common);
        }

        int n() {
            return common.size();
        }
    }

    /** Every pair (a before b in the results' order). */
    static List<Pair> pairs(List<Ranking> models) {
        List<Pair> out = new ArrayList<>();
        for (int a = 0; a < models.size(); a++) {
            for (int b = a + 1; b < models.size(); b++) {
                out.add(new Pair(models.get(a), models.get(b)));
            }
        }
        return out;
    }

    private static String pairCounts(List<Pair> pairs) {
        List<String> parts = new ArrayList<>();
        for (Pair p : pairs) {
            parts.add(p.a.id + " × " + p.b.id + " " + p.n());
        }
        return String.join(", ", parts);
    }

    private static List<Ranking> rankings(List<EvaluationResult> results, List<String> notes) {
        List<Ranking> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            EvaluationResult r = Objects.requireNonNull(results.get(i), "result " + (i + 1));
            String id = r.model() == null || r.model().id() == null ? "model" + (i + 1) : r.model().id();
            if (!ids.add(id)) {
                String base = id;
                int k = 2;
                while (!ids.add(base + "#" + k)) {
                    k++;
                }
                id = base + "#" + k;
                notes.add("two results carry the model id " + base + ": the later one is called " + id);
            }
            out.add(new Ranking(id, r, notes));
        }
        return out;
    }

    /** Competition ranks (1, 2, 2, 4) of the common cities by the model's own ranks. */
    static int[] rerank(Ranking model, List<String> common) {
        int n = common.size();
        int[] original = new int[n];
        for (int i = 0; i < n; i++) {
            original[i] = model.rank.get(common.get(i));
        }
        int[] sorted = original.clone();
        Arrays.sort(sorted);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = 1 + lowerBound(sorted, original[i]); // 1 + cities ranked strictly better
        }
        return out;
    }

    private static int lowerBound(int[] sorted, int value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String name(List<Ranking> models, String adcode) {
        for (Ranking r : models) {
            CityResult c = r.cities.get(adcode);
            if (c != null && c.name() != null && !c.name().isBlank()) {
                return c.name();
            }
        }
        return adcode;
    }

    // ------------------------------------------------------------------------------------------- tiers

    private static List<TierTable> tierTables(List<Ranking> models, List<Pair> pairs, List<String> notes) {
        List<TierTable> out = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (Ranking r : models) {
            if (!hasTiers(r)) {
                without.add(r.id);
            }
        }
        for (Pair p : pairs) {
            if (hasTiers(p.a) && hasTiers(p.b)) {
                out.add(tierTable(p.a, p.b, p.common));
            }
        }
        if (!without.isEmpty() && models.size() >= 2) {
            notes.add("no tier tables for " + String.join(", ", without) + ": no tiers assigned");
        }
        if (!out.isEmpty()) {
            notes.add("tier tables count the cities both models of the pair rank; Cohen's kappa and linearly weighted kappa "
                    + "(weights 1 - |i-j|/(k-1)) need the same number of tiers on both sides and match tiers by "
                    + "position, best with best");
        }
        return out;
    }

    private static boolean hasTiers(Ranking r) {
        if (r.result.tiers() == null || r.result.tiers().isEmpty()) {
            return false;
        }
        for (CityResult c : r.result.cities()) {
            if (c != null && c.tier() != null) {
                return true;
            }
        }
        return false;
    }

    static TierTable tierTable(Ranking a, Ranking b, List<String> common) {
        List<String> rows = tierIds(a.result.tiers());
        List<String> columns = tierIds(b.result.tiers());
        int[][] counts = new int[rows.size()][columns.size()];
        int untiered = 0;
        Set<String> unknown = new LinkedHashSet<>();
        int unknownCities = 0;
        int counted = 0;
        for (String adcode : common) {
            String ta = a.cities.get(adcode).tier();
            String tb = b.cities.get(adcode).tier();
            if (ta == null || tb == null) {
                untiered++;
                continue;
            }
            int i = rows.indexOf(ta);
            int j = columns.indexOf(tb);
            if (i < 0 || j < 0) {
                if (i < 0) {
                    unknown.add(a.id + ":" + ta);
                }
                if (j < 0) {
                    unknown.add(b.id + ":" + tb);
                }
                unknownCities++;
                continue;
            }
            counts[i][j]++;
            counted++;
        }
        StringBuilder note = new StringBuilder();
        Double kappa = null;
        Double weighted = null;
        if (rows.size() == columns.size()) {
            kappa = finite(RankStatistics.cohenKappa(counts));
            weighted = finite(RankStatistics.weightedKappa(counts));
            note.append(rows.equals(columns)
                    ? "both models use the same " + rows.size() + " tiers; matched by position (best with best)"
                    : "tiers matched by position, best with best: " + pairing(rows, columns));
            if (kappa == null) {
                note.append("; kappa undefined (no cities, or no room for chance disagreement)");
            }
        } else {
            note.append("kappa not computed: ").append(a.id).append(" has ").append(rows.size())
                    .append(" tiers, ").append(b.id).append(" ").append(columns.size())
                    .append(" (kappa needs the same categories on both sides)");
        }
        note.append("; ").append(counted).append(" of the ").append(common.size())
                .append(" cities both rank counted");
        if (untiered > 0) {
            note.append("; ").append(untiered).append(untiered == 1 ? " city" : " cities")
                    .append(" left out: no tier under ").append(a.id).append(" or ").append(b.id);
        }
        if (unknownCities > 0) {
            note.append("; ").append(unknownCities).append(unknownCities == 1 ? " city" : " cities")
                    .append(" left out: tier not among the result's tiers (").append(String.join(", ", unknown))
                    .append(")");
        }
        return new TierTable(a.id, b.id, List.copyOf(rows), List.copyOf(columns), counts, kappa, weighted,
                note.toString());
    }

    private static List<String> tierIds(List<TierCount> tiers) {
        List<String> ids = new ArrayList<>();
        for (TierCount t : tiers) {
            ids.add(t.id());
        }
        return ids;
    }

    private static String pairing(List<String> rows, List<String> columns) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            pairs.add(rows.get(i) + " = " + columns.get(i));
        }
        return String.join(", ", pairs);
    }

    // ------------------------------------------------------------------------------------------ movers

    private static List<Movers> movers(List<Ranking> models, List<Pair> pairs, int topK,
            Map<String, Map<String, NodeLabel>> trees, List<String> notes) {
        List<Movers> out = new ArrayList<>();
        if (models.size() < 2 || topK == 0) {
            return out;
        }
        for (Pair p : pairs) {
            int n = p.n();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            int[] ra = p.ra;
            int[] rb = p.rb;
            // largest |shift| first; then better under a; then the pair's order
            Arrays.sort(order, Comparator.comparingInt((Integer i) -> -Math.abs(ra[i] - rb[i]))
                    .thenComparingInt(i -> ra[i]).thenComparingInt(i -> i));
            NodeRates ratesA = null;
            NodeRates ratesB = null;
            List<Mover> cities = new ArrayList<>();
            for (int k = 0; k < n && cities.size() < topK; k++) {
                int i = order[k];
                if (ra[i] == rb[i]) {
                    break; // no shift: not a mover, and nothing after it moves either
                }
                if (ratesA == null) {
                    ratesA = p.a.rates(p.common, trees.get(p.a.id));
                    ratesB = p.b.rates(p.common, trees.get(p.b.id));
                }
                String adcode = p.common.get(i);
                List<Reason> reasons = new ArrayList<>();
                List<String> explanation = List.of(ratesA.explain(adcode, reasons), ratesB.explain(adcode, reasons));
                cities.add(new Mover(adcode, name(models, adcode), ra[i], rb[i], ra[i] - rb[i], explanation,
                        trees.isEmpty() ? List.of() : reasons));
            }
            out.add(new Movers(p.a.id, p.b.id, List.copyOf(cities), n));
        }
        notes.add("movers: per pair, up to " + topK + " of the cities both rank with the largest |rankA - rankB| "
                + "(re-ranked among them; "
                + "cities that do not move are left out); shift = rankA - rankB, positive when b ranks the city "
                + "better. Each is explained, per model, by the " + EXPLAINING_NODES + " nodes (other than the "
                + "total) where the city's score rate (score / the node's best score among all the model's cities) "
                + "is furthest from the mean rate over the pair's common cities, in sample standard deviations (z). "
                + "A result does "
                + "not carry its tree, so every node it scores is a candidate: domains, sub-domains and indicators"
                + (trees.isEmpty() ? "" : ". Where the model's tree is known the nodes are named by their labels "
                + "(a leaf bound to catalogue variables with the variables' labels), and a parent and its child are "
                + "never two reasons: a node with a single scored child (its only child, or the only one with data) "
                + "is collapsed into that child (the deepest node of the chain carries the difference and names it), and of a node and any of its ancestors or "
                + "descendants only the one furthest from the mean is named"));
        return out;
    }

    /** Per model: each node's rate mean and standard deviation over a pair's common cities. */
    static final class NodeRates {
        private final Ranking model;
        /** node id → {max, mean, sd}, in the order the nodes first appear */
        private final Map<String, double[]> nodes = new LinkedHashMap<>();
        private final boolean anyScores;
        /** the model's tree (node → parent and labels), empty when not known */
        private final Map<String, NodeLabel> tree;

        NodeRates(Ranking model, List<String> common) {
            this(model, common, null);
        }

        NodeRates(Ranking model, List<String> common, Map<String, NodeLabel> tree) {
            this.model = model;
            this.tree = tree == null ? Map.of() : tree;
            Map<String, Double> max = new LinkedHashMap<>();
            for (CityResult c : model.result.cities()) {
                if (c == null || c.scores() == null) {
                    continue;
                }
                for (Map.Entry<String, Double> e : c.scores().entrySet()) {
                    if (TOTAL.equals(e.getKey()) || e.getValue() == null || !Double.isFinite(e.getValue())) {
                        continue;
                    }
                    max.merge(e.getKey(), e.getValue(), Math::max);
                }
            }
            anyScores = !max.isEmpty();
            for (Map.Entry<String, Double> e : max.entrySet()) {
                String node = e.getKey();
                double top = e.getValue();
                double sum = 0;
                double sumSq = 0;
                int count = 0;
                for (String adcode : common) {
                    Double score = score(adcode, node);
                    if (score != null) {
                        double rate = rate(score, top);
                        sum += rate;
                        sumSq += rate * rate;
                        count++;
                    }
                }
                if (count < 2) {
                    continue;
                }
                double mean = sum / count;
                double sd = Math.sqrt(Math.max(0, (sumSq - count * mean * mean) / (count - 1)));
                if (sd > 1e-12 * Math.max(1, Math.abs(mean))) {
                    nodes.put(node, new double[] {top, mean, sd});
                }
            }
        }

        /**
         * The score rate: score / the node's best score. A z-score is unchanged by dividing by a positive
         * constant, so the rate only makes the numbers readable; a node whose best score is not positive
         * (a z-scored scale) keeps its scores.
         */
        private static double rate(double score, double top) {
            return top > 0 ? score / top : score;
        }

        private Double score(String adcode, String node) {
            CityResult c = model.cities.get(adcode);
            if (c == null || c.scores() == null) {
                return null;
            }
            Double v = c.scores().get(node);
            return v == null || !Double.isFinite(v) ? null : v;
        }

        /** e.g. {@code guomai-psdf-2024: integrated_innovation +1.9 sd, digital_support −1.2 sd} */
        String explain(String adcode) {
            return explain(adcode, new ArrayList<>());
        }

        /**
         * The line naming the nodes where the city stands out most, e.g. {@code guomai-psdf-2024: 融合创新
         * (integrated innovation) +1.9 sd, 数字支撑 (digital support) −1.2 sd} (ids when the tree is not known);
         * adds the named nodes to {@code reasons}.
         */
        String explain(String adcode, List<Reason> reasons) {
            if (!anyScores) {
                return model.id + ": no scores published";
            }
            List<Map.Entry<String, Double>> z = new ArrayList<>();
            for (Map.Entry<String, double[]> e : nodes.entrySet()) {
                Double score = score(adcode, e.getKey());
                if (score != null) {
                    double[] s = e.getValue();
                    z.add(Map.entry(e.getKey(), (rate(score, s[0]) - s[1]) / s[2]));
                }
            }
            if (z.isEmpty()) {
                return model.id + ": no node scores for this city";
            }
            Map<String, List<String>> collapsed = new HashMap<>();
            if (!tree.isEmpty()) {
                z = collapseChains(z, collapsed);
            }
            // most extreme first; ties keep the node order (List.sort is stable)
            z.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())));
            List<String> parts = new ArrayList<>();
            List<String> named = new ArrayList<>();
            for (int i = 0; named.size() < EXPLAINING_NODES && i < z.size(); i++) {
                String node = z.get(i).getKey();
                if (related(node, named)) {
                    continue; // a parent and its child are one reason, not two
                }
                named.add(node);
                double value = z.get(i).getValue();
                NodeLabel label = tree.get(node);
                parts.add((label == null ? node : words(label)) + " " + signed(value) + " sd");
                reasons.add(new Reason(model.id, node, label == null ? null : label.zh(),
                        label == null ? null : label.en(), round1(value), collapsed.getOrDefault(node, List.of())));
            }
            return model.id + ": " + String.join(", ", parts);
        }

        /**
         * Drops every node that has a single child with a score (its only child in the tree, or the only one the
         * data back): the two carry the same difference, and the deepest node of such a chain names it (the
         * dropped ancestors, nearest first, go to {@code collapsed}).
         */
        private List<Map.Entry<String, Double>> collapseChains(List<Map.Entry<String, Double>> z,
                Map<String, List<String>> collapsed) {
            Set<String> scored = new HashSet<>();
            z.forEach(e -> scored.add(e.getKey()));
            // per parent: its children that have a score here (a child without data adds nothing to it)
            Map<String, Integer> scoredChildren = new HashMap<>();
            for (String node : scored) {
                String up = parent(node);
                if (up != null) {
                    scoredChildren.merge(up, 1, Integer::sum);
                }
            }
            Set<String> dropped = new HashSet<>();
            for (String node : scored) {
                String up = parent(node);
                if (up != null && scored.contains(up) && scoredChildren.get(up) == 1) {
                    dropped.add(up);
                }
            }
            List<Map.Entry<String, Double>> kept = new ArrayList<>();
            for (Map.Entry<String, Double> e : z) {
                if (dropped.contains(e.getKey())) {
                    continue;
                }
                kept.add(e);
                List<String> chain = new ArrayList<>();
                for (String up = parent(e.getKey()); up != null && dropped.contains(up); up = parent(up)) {
                    chain.add(up);
                }
                if (!chain.isEmpty()) {
                    collapsed.put(e.getKey(), List.copyOf(chain));
                }
            }
            return kept;
        }

        private String parent(String node) {
            NodeLabel l = tree.get(node);
            return l == null ? null : l.parent();
        }

        /** Whether {@code node} is an ancestor or a descendant of one already named. */
        private boolean related(String node, List<String> named) {
            for (String other : named) {
                if (ancestor(node, other) || ancestor(other, node)) {
                    return true;
                }
            }
            return false;
        }

        private boolean ancestor(String candidate, String of) {
            Set<String> seen = new HashSet<>();
            for (String up = parent(of); up != null && seen.add(up); up = parent(up)) {
                if (up.equals(candidate)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** 数字基础 (digital foundation), or the Chinese label alone when there is no English one. */
    static String words(NodeLabel label) {
        String zh = label.zh() == null || label.zh().isBlank() ? null : label.zh();
        String en = label.en() == null || label.en().isBlank() ? null : label.en();
        if (zh == null) {
            return en == null ? "?" : en;
        }
        return en == null || en.equals(zh) ? zh : zh + " (" + en + ")";
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** +1.9 or −1.2 (one decimal, with the minus sign the reports print). */
    static String signed(double z) {
        String digits = String.format(Locale.ROOT, "%.1f", Math.abs(z));
        boolean negative = z < 0 && !digits.equals("0.0");
        return (negative ? MINUS : '+') + digits;
    }

    // --------------------------------------------------------------------------------------- crosswalk

    private static List<DomainCorrelation> crosswalk(List<Ranking> models, Map<String, Map<String, String>> crosswalk,
            List<String> notes) {
        List<DomainCorrelation> out = new ArrayList<>();
        if (crosswalk.isEmpty()) {
            return out;
        }
        Map<String, Ranking> byId = new LinkedHashMap<>();
        for (Ranking r : models) {
            byId.put(r.id, r);
        }
        for (Map.Entry<String, Map<String, String>> domain : ordered(crosswalk).entrySet()) {
            Map<String, String> declared = domain.getValue() == null ? Map.of() : domain.getValue();
            for (String model : new TreeMap<>(declared).keySet()) {
                if (!byId.containsKey(model)) {
                    notes.add("crosswalk '" + domain.getKey() + "': model " + model + " is not among the results");
                }
            }
            Map<String, String> nodes = new LinkedHashMap<>();
            List<Ranking> used = new ArrayList<>();
            for (Ranking r : models) {
                String node = declared.get(r.id);
                if (node == null) {
                    continue;
                }
                boolean scored = false;
                for (CityResult c : r.ranked) {
                    Map<String, Double> s = c.scores();
                    scored |= s != null && s.get(node) != null && Double.isFinite(s.get(node));
                }
                if (!scored) {
                    notes.add("crosswalk '" + domain.getKey() + "': " + r.id + " has no scores for node " + node
                            + " among its ranked cities" + (hasNodeScores(r) ? "" : " (no scores published)")
                            + ": left out");
                    continue;
                }
                nodes.put(r.id, node);
                used.add(r);
            }
            List<PairConcordance> pairs = new ArrayList<>();
            for (int a = 0; a < used.size(); a++) {
                for (int b = a + 1; b < used.size(); b++) {
                    Pair pair = new Pair(used.get(a), used.get(b));
                    pairs.add(domainPair(pair.a, nodes.get(pair.a.id), pair.b, nodes.get(pair.b.id), pair.common));
                }
            }
            out.add(new DomainCorrelation(domain.getKey(), unmodifiable(nodes), List.copyOf(pairs)));
        }
        notes.add("crosswalk: per domain and pair, Spearman's rho (and Kendall's tau-b) of the named nodes' scores "
                + "over the cities both models rank that have both scores");
        return out;
    }

    /**
     * The crosswalk in its own order when it has one (a LinkedHashMap read from a file, a SortedMap), else
     * sorted by domain name: {@code Map.of} and {@code HashMap} iterate in no stable order, and the output
     * should not change from run to run.
     */
    static <V> Map<String, V> ordered(Map<String, V> map) {
        return map instanceof LinkedHashMap || map instanceof SortedMap ? map : new TreeMap<>(map);
    }

    private static boolean hasNodeScores(Ranking r) {
        for (CityResult c : r.result.cities()) {
            if (c != null && c.scores() != null) {
                for (String key : c.scores().keySet()) {
                    if (!TOTAL.equals(key)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static PairConcordance domainPair(Ranking a, String nodeA, Ranking b, String nodeB, List<String> common) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (String adcode : common) {
            Map<String, Double> sa = a.cities.get(adcode).scores();
            Map<String, Double> sb = b.cities.get(adcode).scores();
            Double x = sa == null ? null : sa.get(nodeA);
            Double y = sb == null ? null : sb.get(nodeB);
            if (x != null && y != null && Double.isFinite(x) && Double.isFinite(y)) {
                xs.add(x);
                ys.add(y);
            }
        }
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        return new PairConcordance(a.id, b.id, RankStatistics.spearman(x, y), RankStatistics.kendallTauB(x, y),
                null, 0);
    }

    // ----------------------------------------------------------------------------------------- helpers

    private static double[] toDouble(int[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String coverageText(Map<String, Integer> coverage) {
        List<String> parts = new ArrayList<>();
        coverage.forEach((id, count) -> parts.add(id + " " + count));
        return String.join(", ", parts);
    }

    private static <K, V> Map<K, V> unmodifiable(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
