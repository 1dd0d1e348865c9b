package org.cityeval.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.analysis.Concordance.DomainCorrelation;
import org.cityeval.api.analysis.Concordance.Mover;
import org.cityeval.api.analysis.Concordance.Movers;
import org.cityeval.api.analysis.Concordance.PairConcordance;
import org.cityeval.api.analysis.Concordance.TierTable;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.ModelSummary;
import org.cityeval.api.result.TierCount;
import org.junit.jupiter.api.Test;

/**
 * Three hand-built results over twelve cities c01..c12 (plus c13, which only b ranks):
 * <ul>
 * <li>a ranks all twelve with a tie (c02 = c03 = 2), three tiers A1..A3, node scores d1, d2, d3;</li>
 * <li>b ranks c13 third, leaves c12 unranked, ties c10 = c09 = 11, has three tiers B1..B3 with c09 untiered,
 * node scores e1, e2 (c07: total only);</li>
 * <li>c is a published ranking without scores, tiers "top" (first five) and "rest".</li>
 * </ul>
 * Expected values were computed by hand and checked with exact fractions in Python (not committed).
 */
class ConcordanceComponentTest {

    private static final List<String> COMMON = List.of("c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08",
            "c09", "c10", "c11");

    // re-ranked among the common cities, in COMMON order
    private static final double[] RA = {1, 2, 2, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final double[] RB = {2, 1, 3, 5, 4, 6, 9, 8, 10, 10, 7};
    private static final double[] RC = {1, 3, 2, 4, 6, 5, 7, 9, 8, 10, 11};

    // the pair a–c on its own common cities: c01..c12 (b leaves c12 unranked, so only a–c has it), in a's order
    private static final double[] RA_AC = {1, 2, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final double[] RC_AC = {1, 4, 3, 5, 7, 6, 8, 10, 9, 11, 12, 2};

    private final ConcordanceComponent analysis = new ConcordanceComponent();

    @Test
    void commonCitiesAndReRanking() {
        Concordance c = analysis.compare(List.of(a(), b(), c()), Map.of(), 3);
        assertEquals(List.of("a", "b", "c"), c.models());
        assertEquals(Map.of("a", 12, "b", 12, "c", 12), c.coverage());
        // c12 is unranked under b, c13 ranked by b only; ordered by a's ranks (c02, c03 tie: a's order)
        assertEquals(COMMON, c.common());
        assertEquals(List.of(1, 2, 1), c.ranks().get("c01"));
        assertEquals(List.of(2, 1, 3), c.ranks().get("c02"));
        assertEquals(List.of(2, 3, 2), c.ranks().get("c03")); // b: 4 originally, 3 without c13
        assertEquals(List.of(10, 10, 10), c.ranks().get("c10")); // b: 11 = 11 kept as a tie
        assertEquals(List.of(9, 10, 8), c.ranks().get("c09"));
        assertEquals(List.of(11, 7, 11), c.ranks().get("c11"));
        for (int i = 0; i < COMMON.size(); i++) {
            List<Integer> r = c.ranks().get(COMMON.get(i));
            assertEquals(List.of((int) RA[i], (int) RB[i], (int) RC[i]), r);
        }
        assertEquals("City c11", c.names().get("c11"));
        assertEquals(List.copyOf(c.ranks().keySet()), COMMON);
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("re-ranked among the 11 common cities")));
    }

    @Test
    void pairsOnTheCommonRanks() {
        Concordance c = analysis.compare(List.of(a(), b(), c()), Map.of(), 3);
        assertEquals(3, c.pairs().size());
        PairConcordance ab = c.pairs().get(0);
        assertEquals("a", ab.a());
        assertEquals("b", ab.b());
        // by hand (average ranks, exact fractions): ρ = 0.8721461187, τ_b = 0.7222222222
        assertEquals(0.8721461187214612, ab.spearman().value(), 1e-12);
        assertEquals(0.7222222222222222, ab.kendall().value(), 1e-12);
        assertEquals(11, ab.spearman().n());
        assertEquals(11, ab.kendall().n());
        // a–c on the twelve cities both rank (c12: a's 12th, c's 2nd), not on the eleven common to all three:
        // before pairwise statistics this was ρ = 0.9795, τ_b = 0.9175 on n = 11, hiding c12
        assertEquals(0.598950130429286, c.pairs().get(1).spearman().value(), 1e-12);
        assertEquals(12, c.pairs().get(1).spearman().n());
        assertEquals(0.8200476856407694, c.pairs().get(2).spearman().value(), 1e-12);
        assertEquals(0.6238794669049377, c.pairs().get(2).kendall().value(), 1e-12);
        assertEquals(List.of(11, 12, 11), c.pairs().stream().map(PairConcordance::n).toList());
        // and against commons-math, on each pair's own cities
        double[][][] r = {{RA, RB}, {RA_AC, RC_AC}, {RB, RC}};
        for (int k = 0; k < 3; k++) {
            PairConcordance p = c.pairs().get(k);
            double[] x = r[k][0];
            double[] y = r[k][1];
            assertEquals(x.length, p.n());
            assertEquals(x.length, p.kendall().n());
            assertEquals(new SpearmansCorrelation().correlation(x, y), p.spearman().value(), 1e-12);
            assertEquals(new KendallsCorrelation().correlation(x, y), p.kendall().value(), 1e-12);
            assertEquals(RankStatistics.spearman(x, y), p.spearman());
            assertEquals(RankStatistics.kendallTauB(x, y), p.kendall());
        }
    }

    @Test
    void eachModelsCoverageIsGivenAndAModelBelowItsThresholdIsWarnedAbout() {
        // a: its data back 6.2% of its weight (threshold 50%), each city 6.2% but c01 with none; c: published
        EvaluationResult full = a();
        ModelSummary m = full.model();
        ModelSummary low = new ModelSummary(m.id(), m.title(), m.institution(), m.edition(), m.year(), m.scaleMax(),
                m.precision(), m.basisLevel(), m.assumedWeights(), null, "renormalise", 0.0617, List.of("x"), 0.5,
                "tiers withheld: …");
        List<CityResult> cities = new ArrayList<>();
        for (CityResult c : full.cities()) {
            cities.add(new CityResult(c.adcode(), c.name(), c.province(), c.score(), c.rank(), c.tier(), c.scores(),
                    c.adcode().equals("c01") ? 0.0 : 0.0617));
        }
        EvaluationResult a = new EvaluationResult(low, cities, full.tiers(), full.groups(), full.statistics(),
                full.checks(), full.warnings());
        Concordance r = analysis.compare(List.of(a, c()), Map.of(), 3);

        Map<String, Double> weight = new LinkedHashMap<>();
        weight.put("a", 0.0617);
        weight.put("c", null);
        assertEquals(weight, r.weightCoverage());
        assertEquals(0.0617, r.cityCoverage().get("a").get("c02"));
        assertEquals(0.0, r.cityCoverage().get("a").get("c01"));
        assertEquals(Map.of(), r.cityCoverage().get("c"));
        assertTrue(r.notes().contains("weight coverage (share of each model's weight the data back): a 6.2%, c as published"),
                r.notes().toString());
        assertTrue(r.notes().contains("warning: a rests on data backing 6.2% of its weight, below the 50% threshold: "
                + "every figure involving it compares a small part of its method"), r.notes().toString());
        // a failure list keeps the coverage
        assertEquals(weight, r.withFailed(List.of()).weightCoverage());
    }

    @Test
    void aThirdSourceDoesNotShrinkAPair() {
        // the figures of a pair are the same alone and beside a third result that ranks only four cities
        EvaluationResult few = result("few", List.of(
                new CityResult("c01", "City c01", "P", null, 1, null, Map.of()),
                new CityResult("c05", "City c05", "P", null, 2, null, Map.of()),
                new CityResult("c09", "City c09", "P", null, 3, null, Map.of()),
                new CityResult("c12", "City c12", "P", null, 4, null, Map.of())), List.of());
        Concordance alone = analysis.compare(List.of(a(), b()), Map.of(), 3);
        Concordance three = analysis.compare(List.of(a(), b(), few), Map.of(), 3);
        assertEquals(alone.pairs().get(0), three.pairs().get(0));
        assertEquals(alone.movers().get(0), three.movers().get(0));
        assertArrayEquals(alone.tiers().get(0).counts(), three.tiers().get(0).counts());
        assertEquals(alone.tiers().get(0).kappa(), three.tiers().get(0).kappa());
        assertEquals(alone.tiers().get(0).note(), three.tiers().get(0).note());
        assertEquals(11, three.pairs().get(0).n());
        assertEquals(4, three.pairs().get(1).n()); // a × few: c01, c05, c09, c12
        assertEquals(3, three.pairs().get(2).n()); // b × few: c12 is unranked under b
        // only the all-common view shrinks: c01, c05, c09
        assertEquals(List.of("c01", "c05", "c09"), three.common());
        assertEquals(3, three.kendallW().n());
        assertTrue(three.notes().stream().anyMatch(n -> n.contains("on the 3 cities common to all 3 results")),
                three.notes().toString());
    }

    @Test
    void rboReadsTheFullRankings() {
        Concordance c = analysis.compare(List.of(a(), b(), c()), Map.of(), 3);
        // top 3: a = c01 c02 c03; b = c02 c01 c13; c = c01 c12 c03 (c12, c13 are not common cities)
        // a–b: X = 0, 2, 2: (1/9)(.81 + 2/3·.729) + 2/3·.729 = 0.144 + 0.486 = 0.630
        // a–c: X = 1, 1, 2: (1/9)(.9 + .5·.81 + 2/3·.729) + .486 = 0.199 + 0.486 = 0.685
        // b–c: X = 0, 1, 1: (1/9)(.5·.81 + 1/3·.729) + 1/3·.729 = 0.072 + 0.243 = 0.315
        assertEquals(0.630, c.pairs().get(0).rbo(), 1e-12);
        assertEquals(0.685, c.pairs().get(1).rbo(), 1e-12);
        assertEquals(0.315, c.pairs().get(2).rbo(), 1e-12);
        assertEquals(3, c.pairs().get(0).rboDepth());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("not only the common cities")));
        // depth capped by the number of common cities
        assertEquals(11, analysis.compare(List.of(a(), b()), Map.of(), 50).pairs().get(0).rboDepth());
    }

    @Test
    void kendallsW() {
        Concordance c = analysis.compare(List.of(a(), b(), c()), Map.of(), 3);
        // average ranks (a: 2, 2 → 2.5, 2.5; b: 10, 10 → 10.5, 10.5) summed over the models:
        // R_i = 4, 6.5, 7.5, 13, 15, 17, 23, 25, 27.5, 30.5, 29, mean 3·12/2 = 18;
        // S = 196 + 132.25 + 110.25 + 25 + 9 + 1 + 25 + 49 + 90.25 + 156.25 + 121 = 915, T = 6 + 6 = 12,
        // W = 12·915/(9·1320 − 3·12) = 10980/11844 = 305/329 = 0.9270516717; χ² = 3·10·W = 27.81155 on 10 df
        assertEquals(305.0 / 329, c.kendallW().value(), 1e-12);
        assertEquals(11, c.kendallW().n());
        double chi2 = 3 * 10 * 305.0 / 329;
        assertEquals(1 - new ChiSquaredDistribution(10).cumulativeProbability(chi2), c.kendallW().p(), 1e-12);
        assertEquals(0.00193497493, c.kendallW().p(), 1e-10);
        assertNull(analysis.compare(List.of(a(), b()), Map.of(), 3).kendallW());
    }

    @Test
    void tierTablesAndKappa() {
        Concordance c = analysis.compare(List.of(a(), b(), c()), Map.of(), 3);
        assertEquals(3, c.tiers().size());
        TierTable ab = c.tiers().get(0);
        assertEquals(List.of("A1", "A2", "A3"), ab.rowsTiers());
        assertEquals(List.of("B1", "B2", "B3"), ab.columnTiers());
        // c09 has no tier under b: left out
        assertArrayEquals(new int[][] {{3, 0, 0}, {0, 3, 1}, {0, 1, 2}}, ab.counts());
        // p_o = 8/10, p_e = (9 + 16 + 9)/100 = .34: κ = .46/.66; weights 1, ½, 0: p_o(w) = .9, p_e(w) = .58
        assertEquals(0.46 / 0.66, ab.kappa(), 1e-12);
        assertEquals(0.32 / 0.42, ab.weightedKappa(), 1e-12);
        assertTrue(ab.note().contains("matched by position"), ab.note());
        assertTrue(ab.note().contains("A1 = B1"), ab.note());
        assertTrue(ab.note().contains("1 city left out: no tier under a or b"), ab.note());

        TierTable ac = c.tiers().get(1);
        assertEquals(List.of("top", "rest"), ac.columnTiers());
        // on the twelve cities a and c both rank: c12 is a's A3 and c's top
        assertArrayEquals(new int[][] {{3, 0}, {1, 3}, {1, 4}}, ac.counts());
        assertNull(ac.kappa());
        assertNull(ac.weightedKappa());
        assertTrue(ac.note().contains("kappa not computed: a has 3 tiers, c 2"), ac.note());

        TierTable bc = c.tiers().get(2);
        assertArrayEquals(new int[][] {{3, 0}, {1, 3}, {0, 3}}, bc.counts());
    }

    @Test
    void moversAndTheirExplanations() {
        Concordance c = analysis.compare(List.of(a(), b(), c()), Map.of(), 3);
        assertEquals(3, c.movers().size());
        Movers ab = c.movers().get(0);
        assertEquals("a", ab.a());
        assertEquals("b", ab.b());
        List<Mover> m = ab.cities();
        assertEquals(3, m.size());
        // shifts a − b: c11 +4, c07 −2, then |1| ties broken by a's rank: c01
        assertEquals(new Mover("c11", "City c11", 11, 7, 4, List.of("a: d3 +1.8 sd, d2 \u22121.8 sd",
                "b: e2 +0.9 sd, e1 +0.2 sd")), m.get(0));
        assertEquals(new Mover("c07", "City c07", 7, 9, -2, List.of("a: d1 \u22120.3 sd, d2 \u22120.3 sd",
                "b: no node scores for this city")), m.get(1));
        assertEquals(new Mover("c01", "City c01", 1, 2, -1, List.of("a: d1 +1.4 sd, d2 +1.4 sd",
                "b: e2 +1.1 sd, e1 +1.0 sd")), m.get(2));

        Movers ac = c.movers().get(1);
        // among the twelve cities a and c both rank: c12 moves from a's 12th to c's 2nd
        assertEquals(List.of("c12", "c02", "c05"), ac.cities().stream().map(Mover::adcode).toList());
        // rates over the twelve: d2 (10/28) z = -2.132, d3 (10/29) z = -2.065, d1 (40/40) z = +1.485
        assertEquals(new Mover("c12", "City c12", 12, 2, 10, List.of("a: d2 \u22122.1 sd, d3 \u22122.1 sd",
                "c: no scores published")), ac.cities().get(0));
        assertEquals(12, ac.n());
        assertEquals(11, ab.n());
        assertEquals("c: no scores published", ac.cities().get(0).explanation().get(1));
    }

    @Test
    void zScoresBehindTheExplanation() {
        // c11 under a, node d3: rates d3/29 over the common cities (c12's 10 is not common but the max is 29
        // anyway); z = (29/29 − mean)/sd = +1.8257; d2: (15/28 − mean)/sd = −1.7734 (c12 is not common)
        double[] d3 = {25, 24, 26, 22, 20, 19, 21, 18, 17, 16, 29};
        double[] d2 = {28, 27, 25, 24, 26, 22, 21, 20, 18, 19, 15};
        assertEquals(1.8257, z(d3, 10, 29), 1e-4);
        assertEquals(-1.7734, z(d2, 10, 28), 1e-4);
        assertEquals("+1.8", ConcordanceComponent.signed(1.8257));
        assertEquals("\u22121.8", ConcordanceComponent.signed(-1.7734));
        assertEquals("+0.0", ConcordanceComponent.signed(-0.04));
    }

    private static double z(double[] v, int i, double max) {
        double mean = 0;
        for (double x : v) {
            mean += x / max;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x / max - mean) * (x / max - mean);
        }
        return (v[i] / max - mean) / Math.sqrt(ss / (v.length - 1));
    }

    @Test
    void crosswalk() {
        // Map.of has no stable order: domains come sorted by name
        Map<String, Map<String, String>> crosswalk = Map.of(
                "economy", Map.of("a", "d2", "b", "e2", "zz", "q"),
                "digital", Map.of("a", "d1", "b", "e1", "c", "x"));
        Concordance c = analysis.compare(List.of(a(), b(), c()), crosswalk, 3);
        assertEquals(2, c.crosswalk().size());
        DomainCorrelation digital = c.crosswalk().get(0);
        assertEquals("digital", digital.domain());
        assertEquals(Map.of("a", "d1", "b", "e1"), digital.nodes());
        assertEquals(1, digital.pairs().size());
        // ten common cities have both scores (b's c07 has only a total): ρ = 0.7090909091, τ_b = 5/9
        PairConcordance p = digital.pairs().get(0);
        assertEquals(0.7090909090909091, p.spearman().value(), 1e-12);
        assertEquals(10, p.spearman().n());
        assertEquals(5.0 / 9, p.kendall().value(), 1e-12);
        assertNull(p.rbo());
        DomainCorrelation economy = c.crosswalk().get(1);
        assertEquals("economy", economy.domain());
        assertEquals(0.6242424242424243, economy.pairs().get(0).spearman().value(), 1e-12);
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("model zz is not among the results")), c.notes()
                .toString());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("c has no scores for node x")
                && n.contains("no scores published")), c.notes().toString());
    }

    @Test
    void crosswalkKeepsTheOrderOfAnOrderedMap() {
        Map<String, Map<String, String>> crosswalk = new LinkedHashMap<>();
        crosswalk.put("economy", Map.of("a", "d2", "b", "e2"));
        crosswalk.put("digital", Map.of("a", "d1", "b", "e1"));
        Concordance c = analysis.compare(List.of(a(), b(), c()), crosswalk, 3);
        assertEquals(List.of("economy", "digital"), c.crosswalk().stream().map(DomainCorrelation::domain).toList());
        // nodes in model order, whatever the order of the declaration
        assertEquals(List.of("a", "b"), List.copyOf(c.crosswalk().get(0).nodes().keySet()));
    }

    @Test
    void edgeCases() {
        Concordance none = analysis.compare(List.of(a(), b()), null, 0);
        assertNull(none.pairs().get(0).rbo());
        assertEquals(0, none.pairs().get(0).rboDepth());
        assertTrue(none.movers().isEmpty());
        assertTrue(none.crosswalk().isEmpty());

        Concordance twice = analysis.compare(List.of(a(), a()), Map.of(), 3);
        assertEquals(List.of("a", "a#2"), twice.models());
        assertEquals(1.0, twice.pairs().get(0).spearman().value(), 1e-12);
        assertEquals(0.0, twice.pairs().get(0).spearman().p());
        assertEquals(1.0, twice.pairs().get(0).rbo(), 1e-12);
        assertTrue(twice.movers().get(0).cities().isEmpty());
        assertEquals(1.0, twice.tiers().get(0).kappa(), 1e-12);

        Concordance one = analysis.compare(List.of(c()), Map.of(), 3);
        assertTrue(one.pairs().isEmpty());
        assertNull(one.kendallW());
        assertEquals(12, one.common().size());

        assertThrows(IllegalArgumentException.class, () -> analysis.compare(List.of(), Map.of(), 3));
        assertThrows(IllegalArgumentException.class, () -> analysis.compare(List.of(a()), Map.of(), -1));
    }

    // --------------------------------------------------------------------------------------- the data

    /** a: ranks 1, 2, 2, 4..12; tiers A1 (3), A2 (4), A3 (5); scores d1, d2, d3. */
    static EvaluationResult a() {
        double[][] s = {{38, 28, 25}, {36, 27, 24}, {37, 25, 26}, {33, 24, 22}, {30, 26, 20}, {31, 22, 19},
            {28, 21, 21}, {26, 20, 18}, {25, 18, 17}, {24, 19, 16}, {20, 15, 29}, {40, 10, 10}};
        int[] rank = {1, 2, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        List<CityResult> cities = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String tier = i < 3 ? "A1" : i < 7 ? "A2" : "A3";
            cities.add(city(id(i + 1), rank[i], tier, "d1", s[i][0], "d2", s[i][1], "d3", s[i][2]));
        }
        return result("a", cities, List.of(tier("A1", 3), tier("A2", 4), tier("A3", 5)));
    }

    /** b: c13 third, c12 unranked, c10 = c09 = 11; c09 untiered; c07 without node scores. */
    static EvaluationResult b() {
        List<CityResult> cities = new ArrayList<>();
        cities.add(city("c02", 1, "B1", "e1", 48, "e2", 41));
        cities.add(city("c01", 2, "B1", "e1", 45, "e2", 40));
        cities.add(city("c13", 3, "B1", "e1", 46, "e2", 37));
        cities.add(city("c03", 4, "B1", "e1", 44, "e2", 38));
        cities.add(city("c05", 5, "B2", "e1", 42, "e2", 36));
        cities.add(city("c04", 6, "B2", "e1", 40, "e2", 35));
        cities.add(city("c06", 7, "B2", "e1", 39, "e2", 33));
        cities.add(city("c11", 8, "B2", "e1", 41, "e2", 39));
        cities.add(city("c08", 9, "B3", "e1", 36, "e2", 30));
        cities.add(city("c07", 10, "B3"));
        cities.add(city("c10", 11, "B3", "e1", 34, "e2", 27));
        cities.add(city("c09", 11, null, "e1", 33, "e2", 28));
        cities.add(new CityResult("c12", "City c12", "P", null, null, null, Map.of()));
        return result("b", cities, List.of(tier("B1", 4), tier("B2", 4), tier("B3", 3)));
    }

    /** c: a published ranking without scores; tiers top (first five) and rest. */
    static EvaluationResult c() {
        List<String> order = List.of("c01", "c12", "c03", "c02", "c04", "c06", "c05", "c07", "c09", "c08", "c10",
                "c11");
        List<CityResult> cities = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            cities.add(new CityResult(order.get(i), "City " + order.get(i), "P", null, i + 1, i < 5 ? "top" : "rest",
                    Map.of()));
        }
        return result("c", cities, List.of(tier("top", 5), tier("rest", 7)));
    }

    private static String id(int i) {
        return String.format("c%02d", i);
    }

    private static CityResult city(String adcode, int rank, String tier, Object... scores) {
        Map<String, Double> map = new LinkedHashMap<>();
        double total = 0;
        for (int i = 0; i < scores.length; i += 2) {
            double v = ((Number) scores[i + 1]).doubleValue();
            map.put((String) scores[i], v);
            total += v;
        }
        map.put("total", total);
        return new CityResult(adcode, "City " + adcode, "P", total, rank, tier, map);
    }

    private static TierCount tier(String id, int count) {
        return new TierCount(id, id, count, "");
    }

    private static EvaluationResult result(String id, List<CityResult> cities, List<TierCount> tiers) {
        ModelSummary model = new ModelSummary(id, id, "institution", "edition", 2024, 100, 1, 3, List.of());
        return new EvaluationResult(model, cities, tiers, Map.of(), Map.of(), List.of(), List.of());
    }
}
