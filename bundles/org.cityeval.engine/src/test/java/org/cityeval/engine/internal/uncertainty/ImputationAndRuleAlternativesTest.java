package org.cityeval.engine.internal.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.AggregationAlternative;
import org.cityeval.api.analysis.AggregationChoice;
import org.cityeval.api.analysis.NormalisationChoice;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.UncertaintyResult.RankBand;
import org.cityeval.api.analysis.UncertaintyResult.Sensitivity;
import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.engine.internal.EvaluationEngine;
import org.cityeval.engine.internal.RuleLookup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the imputation method as an uncertain input (its own Sobol indices), and the engine's {@code genmean}
 * and {@code copeland} rules as alternative aggregations, on COINr's ASEM example (63 raw values missing).
 * Fixed seeds; results compared across thread counts, never timed.
 */
class ImputationAndRuleAlternativesTest {
    static EvaluationModel asem;
    static CityDataset data;
    /** the built-in rules plus a plug-in grouping rule: each unit's GDP_group of the ASEM iData */
    static RuleLookup rules;

    @BeforeAll
    static void load() throws Exception {
        asem = Asem.model();
        data = Asem.data();
        rules = Asem.rulesWithGdpGroup();
    }

    static UncertaintySpec spec(int n, int threads, List<MissingData> imputations, List<String> aggregations,
            Map<Integer, Double> noise) {
        return new UncertaintySpec(n, 2024L, threads, noise, List.of(), List.of(), List.of(), true, null, imputations,
                aggregations.stream().map(AggregationAlternative::parse).toList());
    }

    static List<MissingData> policies(String... spellings) {
        List<MissingData> out = new ArrayList<>();
        for (String s : spellings) {
            out.add(MissingData.parse(s, null));
        }
        return out;
    }

    @Test
    void theImputationMethodIsAnUncertainInputWithItsOwnSobolIndices() throws Exception {
        UncertaintyComponent analysis = new UncertaintyComponent(rules);
        List<MissingData> imputations = policies("renormalise", "mean", "median", "group-mean:gdp-group",
                "group-median:gdp-group");
        UncertaintyResult one = analysis.run(List.of(asem), data, spec(300, 1, imputations, List.of(),
                Map.of(2, 0.25)), null);
        UncertaintyResult three = analysis.run(List.of(asem), data, spec(300, 3, imputations, List.of(),
                Map.of(2, 0.25)), null);

        assertEquals(List.of("weights level 2", "imputation"), one.sensitivity().stream().map(Sensitivity::choice)
                .toList());
        assertTrue(one.choices().get(1).startsWith("imputation: missing data renormalise, mean, median, "
                + "group-mean:gdp-group or group-median:gdp-group"), one.choices().get(1));
        Sensitivity imputation = one.sensitivity().get(1);
        assertTrue(imputation.total() > 0.01, "imputing 63 values moves ranks: " + imputation);
        assertTrue(Double.isFinite(imputation.first()), imputation.toString());
        // per unit too: some unit's rank depends on how its missing values are filled in
        assertTrue(one.cityRanks().values().stream().anyMatch(l -> l.get(1).total() > 0.1), one.cityRanks().toString());
        // deterministic: the same seed gives the same result whatever the threads
        assertEquals(one.sensitivity(), three.sensitivity());
        assertEquals(one.cities(), three.cities());
        assertEquals(one.cityRanks(), three.cityRanks());
        assertEquals(51, one.cities().size());
    }

    @Test
    void anImputationThatChangesNothingHasNoIndex() throws Exception {
        // the same policy twice: the input exists but cannot move a rank
        UncertaintyResult r = new UncertaintyComponent(rules).run(List.of(asem), data, spec(200, 2,
                policies("group-median:gdp-group", "group-median:gdp-group"), List.of(), Map.of(2, 0.25)), null);
        Sensitivity imputation = r.sensitivity().get(1);
        assertEquals("imputation", imputation.choice());
        // Jansen's total index of an input that never changes an output is exactly 0 (f(A) = f(A_B^i)); its
        // first-order estimate V − ½ E[(f(B) − f(A_B^i))²] is only 0 up to sampling error
        assertEquals(0, imputation.total(), 1e-12);
        assertTrue(Math.abs(imputation.first()) < 0.2, imputation.toString());
        assertTrue(r.sensitivity().get(0).total() > 0.5, r.sensitivity().toString());
    }

    @Test
    void genmeanAndCopelandAlternativesRunDeterministically() throws Exception {
        UncertaintyComponent analysis = new UncertaintyComponent(rules);
        List<String> alternatives = List.of("model", "genmean:0.5", "genmean:-1", "copeland");
        UncertaintyResult one = analysis.run(List.of(asem), data, spec(200, 1, List.of(), alternatives,
                Map.of(2, 0.25)), null);
        UncertaintyResult four = analysis.run(List.of(asem), data, spec(200, 4, List.of(), alternatives,
                Map.of(2, 0.25)), null);
        assertEquals(List.of("weights level 2", "aggregation"), one.sensitivity().stream().map(Sensitivity::choice)
                .toList());
        assertTrue(one.choices().get(1).contains("generalised mean p = 0.5 (the engine's genmean rule), "
                + "generalised mean p = -1 (the engine's genmean rule) or Copeland outranking (the engine's copeland "
                + "rule)"), one.choices().get(1));
        assertTrue(one.sensitivity().get(1).total() > 0.01, one.sensitivity().toString());
        assertEquals(one.sensitivity(), four.sensitivity());
        assertEquals(one.cities(), four.cities());
    }

    /**
     * One engine: a run under the alternative {@code copeland} (or {@code genmean:2}) ranks as {@code evaluate}
     * ranks the model with that rule at every inner node. Two identical imputation alternatives make every run the
     * same, so each unit's median rank is that ranking.
     */
    @Test
    void aRuleAlternativeRanksAsEvaluateWithThatRuleAtEveryNode() throws Exception {
        for (String alternative : List.of("copeland", "genmean:2")) {
            AggregationAlternative a = AggregationAlternative.parse(alternative);
            RuleRef rule = a.choice() == AggregationChoice.COPELAND ? new RuleRef("copeland", Map.of())
                    : new RuleRef("genmean", Map.of("p", a.p()));
            EvaluationModel withRule = withAggregation(asem, rule);
            EvaluationResult evaluated = new EvaluationEngine(rules).evaluate(withRule, data,
                    new EvaluationOptions(null, null, null));
            Map<String, Integer> ranks = new HashMap<>();
            for (CityResult c : evaluated.cities()) {
                ranks.put(c.adcode(), c.rank());
            }
            UncertaintyResult r = new UncertaintyComponent(rules).run(List.of(asem), data, new UncertaintySpec(20, 1, 1,
                    Map.of(), List.of(NormalisationChoice.MODEL), List.of(), List.of(), false, null,
                    policies("renormalise", "renormalise"), List.of(a)), null);
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("aggregation fixed: ")), r.notes().toString());
            int differ = 0;
            for (RankBand b : r.cities()) {
                assertEquals(b.p5(), b.p95(), 0, b.toString());
                differ += b.median() == ranks.get(b.adcode()) ? 0 : 1;
            }
            assertEquals(0, differ, alternative + ": runs rank as evaluate does with " + rule);
            assertEquals(51, r.cities().size());
        }
    }

    @Test
    void badAlternativesAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AggregationAlternative.parse("genmean"));
        assertTrue(e.getMessage().contains("genmean:P"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AggregationAlternative.parse("genmean:0"));
        assertTrue(e.getMessage().contains("geometric"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AggregationAlternative.parse("copeland:2"));
        assertTrue(e.getMessage().contains("takes no parameter"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AggregationAlternative.parse("median"));
        assertTrue(e.getMessage().contains("genmean:P"), e.getMessage());
        assertEquals("genmean:0.5", AggregationAlternative.parse("a_genmean:0.50").toString());

        BadInputException bad = assertThrows(BadInputException.class, () -> new UncertaintyComponent(rules).run(
                List.of(asem), data, spec(20, 1, policies("mean", "group-median:river-basin"), List.of(), Map.of()),
                null));
        assertTrue(bad.getMessage().contains("imputations[1]"), bad.getMessage());
        assertTrue(bad.getMessage().contains("grouping rule 'river-basin' is not available; available: gdp-group, "
                + "province, provincial-capital, region"), bad.getMessage());
        bad = assertThrows(BadInputException.class, () -> new UncertaintyComponent(rules).run(List.of(asem), data,
                new UncertaintySpec(20, 1, 1, Map.of(), List.of(NormalisationChoice.Z_SCORE), List.of(), List.of(),
                        false, null, List.of(), List.of(AggregationAlternative.parse("copeland"))), null));
        assertTrue(bad.getMessage().contains("z-scores"), bad.getMessage());
    }

    static EvaluationModel withAggregation(EvaluationModel m, RuleRef rule) {
        return new EvaluationModel(m.id(), m.title(), m.institution(), m.edition(), m.year(), m.scale(),
                withAggregation(m.root(), rule), m.tiers(), m.groups(), m.reference(), m.notes(), m.missing(),
                m.units());
    }

    static Indicator withAggregation(Indicator i, RuleRef rule) {
        List<Indicator> kids = i.children().stream().map(c -> withAggregation(c, rule)).toList();
        return new Indicator(i.id(), i.name(), i.level(), i.weight(), i.direction(), i.unit(), i.scoring(),
                kids.isEmpty() ? i.aggregation() : rule, i.description(), kids, i.binding(), i.treatment());
    }
}
