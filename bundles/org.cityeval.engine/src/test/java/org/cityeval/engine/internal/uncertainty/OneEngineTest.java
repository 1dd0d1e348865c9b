package org.cityeval.engine.internal.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.AggregationChoice;
import org.cityeval.api.analysis.NormalisationChoice;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.UncertaintyResult.RankBand;
import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Weight;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;
import org.cityeval.engine.internal.BuiltInRules;
import org.cityeval.engine.internal.EvaluationEngine;
import org.cityeval.engine.internal.RuleLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One engine: the uncertainty analysis's nominal ranking is {@code evaluate}'s, city by city, for every built-in
 * scoring rule and aggregation rule, under each missing-data policy, with ties (the one tie rule), and for a
 * plug-in aggregation rule without a batch form. The analysis also checks that its compiled form of the model's
 * pipeline reproduces evaluate's ranks, and says so in its notes when it does not: no such note may appear.
 */
class OneEngineTest {
    private static final String[] LEAVES = { "a", "b", "c", "d" };

    static Indicator leaf(String id, double w, Direction d, RuleRef scoring) {
        return new Indicator(id, new LocalizedText(null, id), 2, new Weight(w, Provenance.PUBLISHED, null), d, null,
                scoring, null, null, List.of());
    }

    /** total (100) → p1 (60: a 35, b 25), p2 (40: c 30, d 10, d negative); every inner node with {@code agg}. */
    static EvaluationModel model(RuleRef scoring, String agg, MissingData missing, int precision) {
        return model(scoring, new RuleRef(agg, Map.of()), missing, precision);
    }

    static EvaluationModel model(RuleRef scoring, RuleRef a, MissingData missing, int precision) {
        Indicator p1 = new Indicator("p1", new LocalizedText(null, "p1"), 1, new Weight(60, Provenance.PUBLISHED, null),
                Direction.POSITIVE, null, null, a, null, List.of(leaf("a", 35, Direction.POSITIVE, scoring),
                        leaf("b", 25, Direction.POSITIVE, scoring)));
        Indicator p2 = new Indicator("p2", new LocalizedText(null, "p2"), 1, new Weight(40, Provenance.PUBLISHED, null),
                Direction.POSITIVE, null, null, a, null, List.of(leaf("c", 30, Direction.POSITIVE, scoring),
                        leaf("d", 10, Direction.NEGATIVE, scoring)));
        Indicator root = new Indicator(EvaluationModel.ROOT_ID, new LocalizedText(null, "total"), 0,
                new Weight(100, Provenance.PUBLISHED, null), Direction.POSITIVE, null, null, a, null, List.of(p1, p2));
        return new EvaluationModel("one-engine", new LocalizedText(null, "one"), new LocalizedText(null, "test"), null,
                2024, new Scale("points", 100, precision), root, null, List.of(), null, List.of(), missing);
    }

    static City unit(String code) {
        return new City(code, "unit " + code, code, null, null, null, null, null, null, false, false, false);
    }

    /**
     * 14 units with values in [0, 100] from a fixed formula; U13 repeats U5 exactly (a tie whatever the rules);
     * with {@code gaps}, U3 lacks b and U8 lacks c and d.
     */
    static CityDataset data(java.util.function.DoubleUnaryOperator f, boolean gaps) {
        List<CityRecord> records = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            int base = i == 12 ? 4 : i;
            Map<String, Double> v = new HashMap<>();
            for (int j = 0; j < LEAVES.length; j++) {
                v.put(LEAVES[j], f.applyAsDouble((base * 37 + j * 23 + base * j * 7) % 101));
            }
            if (gaps && i == 2) {
                v.remove("b");
            }
            if (gaps && i == 7) {
                v.remove("c");
                v.remove("d");
            }
            records.add(new CityRecord(unit("U" + (i + 1)), i + 2, v, Map.of()));
        }
        return new CityDataset("one-engine.csv", List.of(LEAVES), records);
    }

    static CityDataset data(boolean gaps) {
        return data(x -> x, gaps);
    }

    /** Weight noise on level 1 so that something is uncertain; few runs: only the nominal ranking is checked. */
    static UncertaintySpec spec(MissingData missing) {
        return new UncertaintySpec(8, 3, 1, Map.of(1, 0.2), List.of(), List.of(), List.of(), false, missing);
    }

    /** Asserts the analysis's nominal ranks are evaluate's, unit by unit, and only evaluate's ranked units. */
    static void assertOneEngine(RuleLookup rules, EvaluationModel model, CityDataset data, MissingData missing)
            throws Exception {
        EvaluationResult evaluated = new EvaluationEngine(rules).evaluate(model, data,
                new EvaluationOptions(missing, null, null));
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (CityResult c : evaluated.cities()) {
            if (c.rank() != null && c.rank() > 0) {
                expected.put(c.adcode(), c.rank());
            }
        }
        UncertaintyResult r = new UncertaintyComponent(rules).run(List.of(model), data, spec(missing), null);
        Map<String, Integer> nominal = new LinkedHashMap<>();
        for (RankBand b : r.cities()) {
            nominal.put(b.adcode(), b.nominal());
        }
        assertEquals(new HashMap<>(expected), new HashMap<>(nominal), model.root().aggregation() + " " + r.notes());
        assertFalse(String.join("\n", r.notes()).contains("differently from evaluate"), String.join("\n", r.notes()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "weighted-sum", "geometric", "harmonic", "topsis", "copeland", "genmean 2",
            "genmean -0.5" })
    void everyBuiltInAggregationRule(String agg) throws Exception {
        // goalposts below and above the data: no leaf scores 0, so geometric and harmonic means can take them
        RuleRef goalposts = new RuleRef("goalposts", Map.of("lower", -10, "upper", 110));
        String[] parts = agg.split(" ");
        RuleRef a = parts.length == 1 ? new RuleRef(agg, Map.of())
                : new RuleRef(parts[0], Map.of("p", Double.parseDouble(parts[1])));
        for (MissingData missing : List.of(MissingData.NONE, new MissingData("renormalise", null, null),
                new MissingData("mean", null, null), new MissingData("median", null, 0.7))) {
            for (int precision : new int[] { 0, 2 }) {
                assertOneEngine(BuiltInRules.INSTANCE, model(goalposts, a, null, precision), data(true), missing);
            }
        }
    }

    @Test
    void everyBuiltInScoringRule() throws Exception {
        Map<String, RuleRef> rules = new LinkedHashMap<>();
        rules.put("min-max", new RuleRef("min-max", Map.of()));
        rules.put("min-max bounds", new RuleRef("min-max", Map.of("min", 0, "max", 100)));
        rules.put("goalposts", new RuleRef("goalposts", Map.of("lower", 10, "upper", 90)));
        rules.put("distance-to-target", new RuleRef("distance-to-target", Map.of("target", 70)));
        rules.put("z-score", new RuleRef("z-score", Map.of("scale", 15, "centre", 50)));
        rules.put("rank", new RuleRef("rank", Map.of()));
        for (Map.Entry<String, RuleRef> e : rules.entrySet()) {
            for (boolean gaps : new boolean[] { false, true }) {
                assertOneEngine(BuiltInRules.INSTANCE, model(e.getValue(), "weighted-sum", null, 1), data(gaps),
                        new MissingData("renormalise", null, null));
            }
        }
        // share takes shares 0..1, direct-points takes points, ordinal takes level codes
        assertOneEngine(BuiltInRules.INSTANCE, model(new RuleRef("share", Map.of()), "weighted-sum", null, 2),
                data(x -> x / 100, false), null);
        assertOneEngine(BuiltInRules.INSTANCE, model(new RuleRef("direct-points", Map.of()), "weighted-sum", null, 2),
                data(x -> x / 10, false), null);
        List<Map<String, Object>> levels = List.of(Map.of("value", 0, "share", 0), Map.of("value", 1, "share", 0.5),
                Map.of("value", 2, "share", 1));
        assertOneEngine(BuiltInRules.INSTANCE, model(new RuleRef("ordinal", Map.of("levels", levels)), "weighted-sum",
                null, 2), data(x -> Math.floor(x / 34), false), null);
    }

    @Test
    void tiesShareARankInBoth() throws Exception {
        // U13 repeats U5: evaluate gives them one rank and skips the next (1, 2, 2, 4); so does the analysis
        EvaluationModel m = model(new RuleRef("min-max", Map.of()), "weighted-sum", null, 2);
        UncertaintyResult r = new UncertaintyComponent().run(List.of(m), data(false), spec(null), null);
        Map<String, Integer> nominal = new HashMap<>();
        r.cities().forEach(b -> nominal.put(b.adcode(), b.nominal()));
        assertEquals(nominal.get("U5"), nominal.get("U13"));
        assertFalse(nominal.containsValue(nominal.get("U5") + 1), nominal.toString());
        assertOneEngine(BuiltInRules.INSTANCE, m, data(false), null);
    }

    /** A plug-in rule: the best child's score rate × the weight. It has no batch form. */
    static final class BestChild implements AggregationRule {
        @Override
        public double aggregate(double[] childPoints, double[] childWeights, double weight,
                Map<String, Object> parameters) {
            double best = 0;
            for (int k = 0; k < childPoints.length; k++) {
                best = Math.max(best, childPoints[k] / childWeights[k]);
            }
            return best * weight;
        }
    }

    static final class WithPlugIn implements RuleLookup {
        @Override
        public ScoringRule scoring(String name) {
            return BuiltInRules.INSTANCE.scoring(name);
        }

        @Override
        public AggregationRule aggregation(String name) {
            return "best-child".equals(name) ? new BestChild() : BuiltInRules.INSTANCE.aggregation(name);
        }

        @Override
        public TierRule tier(String name) {
            return BuiltInRules.INSTANCE.tier(name);
        }

        @Override
        public GroupingRule grouping(String name) {
            return BuiltInRules.INSTANCE.grouping(name);
        }
    }

    @Test
    void aPlugInRuleWithoutABatchFormWorksUnitByUnitAndTheNotesSaySo() throws Exception {
        EvaluationModel m = model(new RuleRef("min-max", Map.of()), "best-child", null, 2);
        for (MissingData missing : List.of(MissingData.NONE, new MissingData("renormalise", null, null))) {
            assertOneEngine(new WithPlugIn(), m, data(true), missing);
        }
        UncertaintyResult r = new UncertaintyComponent(new WithPlugIn()).run(List.of(m), data(false), spec(null), null);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("best-child has no batch form: called unit by unit")),
                String.join("\n", r.notes()));
    }

    @Test
    void theModelsOwnChoicesAreTheDefaultAndCanBeListedAmongTheAlternatives() throws Exception {
        EvaluationModel m = model(new RuleRef("goalposts", Map.of("lower", -10, "upper", 110)), "geometric", null, 2);
        UncertaintySpec spec = new UncertaintySpec(16, 3, 1, Map.of(1, 0.2, 2, 0.2), List.of(NormalisationChoice.MODEL,
                NormalisationChoice.MIN_MAX, NormalisationChoice.RANK), List.of(AggregationChoice.MODEL,
                        AggregationChoice.ARITHMETIC, AggregationChoice.GEOMETRIC), List.of(0, 1, 2), true, null);
        UncertaintyResult r = new UncertaintyComponent().run(List.of(m), data(true), spec, null);
        assertTrue(r.choices().contains("normalisation: the model's own scoring rules, min-max onto [1, 100] or rank "
                + "(1 = worst, ties take the lowest rank), for every indicator"), r.choices().toString());
        assertTrue(r.choices().stream().anyMatch(c -> c.startsWith("aggregation: the model's own aggregation rules, "
                + "weighted arithmetic mean or weighted geometric mean")), r.choices().toString());
        String notes = String.join("\n", r.notes());
        assertTrue(notes.contains("nominal ranking: evaluate's"), notes);
        assertFalse(notes.contains("not applied"), notes);
        for (RankBand b : r.cities()) {
            assertTrue(b.p5() >= 1 && b.p95() <= r.cities().size(), b.toString());
        }
    }
}
