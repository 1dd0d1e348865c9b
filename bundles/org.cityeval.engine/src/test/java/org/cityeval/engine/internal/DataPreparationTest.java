package org.cityeval.engine.internal;

import static org.cityeval.engine.internal.Fixtures.MISSING;
import static org.cityeval.engine.internal.Fixtures.MODEL_ID;
import static org.cityeval.engine.internal.Fixtures.city;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Weight;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.result.Coverage.LeafCoverage;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.engine.internal.Fixtures.MapRuleLookup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the engine does to the data before and around scoring: year selection, bindings (formulas,
 * scoring and direction), missing-data treatments (renormalise, mean / median / group-mean imputation,
 * minimum coverage), the summary's record of them, and coverage. Every expected score is worked out by
 * hand in a comment next to it.
 */
class DataPreparationTest {
    static final double EPS = 1e-6;

    static final City BEIJING = city("110000", "北京市", "北京市", false); // region 华北
    static final City SHANGHAI = city("310000", "上海市", "上海市", false); // 华东
    static final City HANGZHOU = city("330100", "杭州市", "浙江省", true); // 华东
    static final City NINGBO = city("330200", "宁波市", "浙江省", false);
    static final City WENZHOU = city("330300", "温州市", "浙江省", false);
    static final City NANJING = city("320100", "南京市", "江苏省", true); // 华东
    static final City SUZHOU = city("320500", "苏州市", "江苏省", false);
    static final City LANZHOU = city("620100", "兰州市", "甘肃省", true); // 西北

    // ================================================================ helpers

    /** The built-in rules of {@link Fixtures} plus min-max scoring and region grouping. */
    static MapRuleLookup rules() {
        MapRuleLookup r = new MapRuleLookup();
        r.scoring.put(MinMaxScoring.NAME, new MinMaxScoring());
        r.grouping.put(RegionGrouping.NAME, new RegionGrouping());
        return r;
    }

    static EvaluationEngine engine() {
        return new EvaluationEngine(rules());
    }

    /** A node under construction; levels are assigned when the model is built. */
    static final class N {
        final String id;
        final double weight;
        final List<N> children;
        Direction direction = Direction.POSITIVE;
        RuleRef scoring = new RuleRef(DirectPointsScoring.NAME, Map.of());
        Binding binding;

        N(String id, double weight, N... children) {
            this.id = id;
            this.weight = weight;
            this.children = List.of(children);
        }

        N negative() {
            direction = Direction.NEGATIVE;
            return this;
        }

        N scoring(String rule, Map<String, Object> parameters) {
            scoring = new RuleRef(rule, parameters);
            return this;
        }

        N minMax() {
            return scoring(MinMaxScoring.NAME, Map.of());
        }

        N bound(Binding b) {
            binding = b;
            return this;
        }

        Indicator build(int level) {
            List<Indicator> kids = new ArrayList<>();
            for (N c : children) {
                kids.add(c.build(level + 1));
            }
            boolean leaf = kids.isEmpty();
            return new Indicator(id, new LocalizedText("指标" + id, id), level,
                    new Weight(weight, Provenance.PUBLISHED, null), direction, null, leaf ? scoring : null,
                    leaf ? null : new RuleRef(WeightedSumAggregation.NAME, Map.of()), null, kids,
                    leaf ? binding : null);
        }
    }

    static N leaf(String id, double weight) {
        return new N(id, weight);
    }

    static N inner(String id, double weight, N... children) {
        return new N(id, weight, children);
    }

    /** A binding scored by the default (min-max) in the leaf's direction. */
    static Binding binding(String formula, String... variables) {
        return new Binding(formula, List.of(variables), null, null, null);
    }

    /** A points model at precision 2 whose maximum is the sum of its level-1 weights. */
    static EvaluationModel model(MissingData missing, N... level1) {
        double max = 0;
        List<Indicator> kids = new ArrayList<>();
        for (N n : level1) {
            max += n.weight;
            kids.add(n.build(1));
        }
        Indicator root = new Indicator(EvaluationModel.ROOT_ID, new LocalizedText("总分", "Total"), 0,
                new Weight(max, Provenance.PUBLISHED, null), Direction.POSITIVE, null, null,
                new RuleRef(WeightedSumAggregation.NAME, Map.of()), null, kids);
        return new EvaluationModel(MODEL_ID, new LocalizedText("测试模型", "Test model"),
                new LocalizedText("测试机构", "Test institution"), "1st", 2024, new Scale("points", max, 2), root,
                null, List.of(), null, List.of(), missing);
    }

    static EvaluationModel model(N... level1) {
        return model(MissingData.NONE, level1);
    }

    /** Rows of a dataset, each with an optional year; {@link Fixtures#MISSING} leaves a value out. */
    static final class Rows {
        final List<String> columns;
        final List<CityRecord> records = new ArrayList<>();

        Rows(String... columns) {
            this.columns = List.of(columns);
        }

        Rows yearRow(City city, Integer year, double... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
            }
            Map<String, Double> m = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    m.put(columns.get(i), values[i]);
                }
            }
            records.add(new CityRecord(city, records.size() + 2, year, m, Map.of()));
            return this;
        }

        Rows row(City city, double... values) {
            return yearRow(city, null, values);
        }

        CityDataset build() {
            return new CityDataset("test.csv", columns, records);
        }
    }

    static EvaluationResult run(EvaluationModel m, CityDataset data, MissingData missing) throws BadInputException {
        return engine().evaluate(m, data, new EvaluationOptions(missing, null));
    }

    static CityResult result(EvaluationResult r, City c) {
        return r.cities().stream().filter(x -> x.adcode().equals(c.adcode())).findFirst()
                .orElseThrow(() -> new AssertionError("no city " + c.name()));
    }

    static boolean has(EvaluationResult r, City c) {
        return r.cities().stream().anyMatch(x -> x.adcode().equals(c.adcode()));
    }

    /** A node's points for a city, or null when it has none. */
    static Double points(EvaluationResult r, City c, String node) {
        return result(r, c).scores().get(node);
    }

    static void assertPoints(double expected, EvaluationResult r, City c, String node) {
        Double actual = points(r, c, node);
        if (actual == null) {
            throw new AssertionError(c.name() + " has no score for '" + node + "', expected " + expected);
        }
        assertEquals(expected, actual, EPS, c.name() + " " + node);
    }

    static void assertNoPoints(EvaluationResult r, City c, String node) {
        assertNull(points(r, c, node), c.name() + " should have no score for '" + node + "'");
    }

    static boolean warned(EvaluationResult r, String fragment) {
        return r.warnings().stream().anyMatch(w -> w.contains(fragment));
    }

    static void assertWarned(EvaluationResult r, String fragment) {
        assertTrue(warned(r, fragment), "no warning containing \"" + fragment + "\" in " + r.warnings());
    }

    static void assertRaw(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(actual[i]), "value " + i + " should be undefined, was " + actual[i]);
            } else {
                assertEquals(expected[i], actual[i], 1e-12, "value " + i);
            }
        }
    }

    static int node(Preparation p, String id) {
        return p.tree.index.get(id);
    }

    /** Weighted mean of the rates that are present (NaN = missing): COINr's aggregation with missing data. */
    static double weightedMeanOfPresent(double[] rates, double[] weights) {
        double sum = 0;
        double w = 0;
        for (int i = 0; i < rates.length; i++) {
            if (!Double.isNaN(rates[i])) {
                sum += weights[i] * rates[i];
                w += weights[i];
            }
        }
        return sum / w;
    }

    // ================================================================ years

    @Nested
    class Years {
        final EvaluationModel m = model(leaf("x", 100));

        CityDataset twoYears() {
            return new Rows("x")
                    .yearRow(BEIJING, 2022, 50).yearRow(SHANGHAI, 2022, 70)
                    .yearRow(BEIJING, 2023, 60).yearRow(SHANGHAI, 2023, 80).yearRow(HANGZHOU, 2023, 40)
                    .build();
        }

        @Test
        void theLatestYearByDefaultWithAWarningNamingTheRange() throws Exception {
            EvaluationResult r = engine().evaluate(m, twoYears(), new EvaluationOptions(null, null));
            assertEquals(2023, r.model().dataYear());
            assertEquals(3, r.cities().size());
            assertPoints(60, r, BEIJING, "total"); // the 2023 row, not 2022's 50
            assertPoints(80, r, SHANGHAI, "total");
            assertPoints(40, r, HANGZHOU, "total");
            assertWarned(r, "evaluated the 2023 records (the data hold 2 years, 2022–2023)");
        }

        @Test
        void theDefaultOptionsAreTheLatestYear() throws Exception {
            assertEquals(2023, engine().evaluate(m, twoYears()).model().dataYear());
        }

        @Test
        void anExplicitYear() throws Exception {
            EvaluationResult r = engine().evaluate(m, twoYears(), new EvaluationOptions(null, 2022));
            assertEquals(2022, r.model().dataYear());
            assertEquals(2, r.cities().size(), "杭州 has no 2022 row");
            assertFalse(has(r, HANGZHOU));
            assertPoints(50, r, BEIJING, "total");
            assertPoints(70, r, SHANGHAI, "total");
            assertEquals(1, result(r, SHANGHAI).rank());
            assertWarned(r, "evaluated the 2022 records (the data hold 2 years, 2022–2023)");
        }

        @Test
        void aYearTheDataLackIsBadInput() {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> engine().evaluate(m, twoYears(), new EvaluationOptions(null, 2021)));
            assertEquals("test.csv", e.source());
            assertTrue(e.reason().contains("2021"), e.reason());
            assertTrue(e.reason().contains("[2022, 2023]"), "the message lists the years there are: " + e.reason());
        }

        @Test
        void anyYearOfDataWithoutYearsIsBadInput() {
            CityDataset data = new Rows("x").row(BEIJING, 50).row(SHANGHAI, 70).build();
            BadInputException e = assertThrows(BadInputException.class,
                    () -> engine().evaluate(m, data, new EvaluationOptions(null, 2023)));
            assertTrue(e.reason().contains("2023"), e.reason());
            assertTrue(e.reason().contains("no year"), e.reason());
        }

        @Test
        void dataWithoutYearsHaveNoDataYear() throws Exception {
            CityDataset data = new Rows("x").row(BEIJING, 50).row(SHANGHAI, 70).build();
            EvaluationResult r = engine().evaluate(m, data, new EvaluationOptions(null, null));
            assertNull(r.model().dataYear());
            assertEquals(2, r.cities().size());
            assertFalse(warned(r, "evaluated the"), r.warnings().toString());
        }

        @Test
        void oneYearIsEvaluatedWithoutAWarning() throws Exception {
            CityDataset data = new Rows("x").yearRow(BEIJING, 2024, 50).yearRow(SHANGHAI, 2024, 70).build();
            EvaluationResult r = engine().evaluate(m, data, new EvaluationOptions(null, null));
            assertEquals(2024, r.model().dataYear());
            assertEquals(2, r.cities().size());
            assertFalse(warned(r, "evaluated the"), r.warnings().toString());
            assertEquals(2024, engine().evaluate(m, data, new EvaluationOptions(null, 2024)).model().dataYear());
        }
    }

    // ================================================================ bindings: formulas

    @Nested
    class Formulas {
        @Test
        void valueIsTheVariableScoredByMinMaxOntoTheLeafsPoints() throws Exception {
            EvaluationModel m = model(leaf("x", 10).bound(binding("value", "v")));
            CityDataset data = new Rows("v").row(BEIJING, 2).row(SHANGHAI, 4).row(HANGZHOU, 6).build();

            Preparation p = Preparation.of(m, data, null);
            int x = node(p, "x");
            assertRaw(new double[] {2, 4, 6}, p.raw[x]);
            assertEquals("v", p.via[x], "a value binding is described by its variable");
            assertTrue(p.bound[x]);

            EvaluationResult r = engine().evaluate(m, data);
            // min-max on 10 points, min 2, max 6: 10 × (v − 2) / 4
            assertPoints(0, r, BEIJING, "x"); // 10 × 0/4
            assertPoints(5, r, SHANGHAI, "x"); // 10 × 2/4
            assertPoints(10, r, HANGZHOU, "x"); // 10 × 4/4
            assertPoints(5, r, SHANGHAI, "total");
            assertEquals(1, r.model().basisLevel());
            assertFalse(warned(r, "ignored"), "a variable a binding uses is not an ignored column: " + r.warnings());
        }

        @Test
        void logIsTheNaturalLogAndUndefinedForNonPositiveValues() throws Exception {
            EvaluationModel m = model(leaf("x", 10).bound(binding("log", "v")));
            double e = Math.E;
            CityDataset data = new Rows("v")
                    .row(BEIJING, 1) // ln 1 = 0
                    .row(SHANGHAI, e) // ln e = 1
                    .row(HANGZHOU, e * e) // ln e² = 2
                    .row(NINGBO, 0) // undefined
                    .row(WENZHOU, -1) // undefined
                    .row(NANJING, MISSING) // missing, not undefined
                    .build();

            Preparation p = Preparation.of(m, data, null);
            int x = node(p, "x");
            assertRaw(new double[] {0, 1, 2, Double.NaN, Double.NaN, Double.NaN}, p.raw[x]);
            assertEquals("log(v)", p.via[x]);
            assertEquals(List.of("'x' = log(v) is undefined for 2 cities (a zero divisor or the log of a non-positive "
                    + "value); they have no value there"), p.warnings, "the missing value is not counted as undefined");

            EvaluationResult r = engine().evaluate(m, data);
            // min-max over 0, 1, 2 on 10 points: 10 × ln(v) / 2
            assertPoints(0, r, BEIJING, "x");
            assertPoints(5, r, SHANGHAI, "x");
            assertPoints(10, r, HANGZHOU, "x");
            assertNoPoints(r, NINGBO, "x");
            assertNoPoints(r, WENZHOU, "x");
            assertNoPoints(r, NANJING, "x");
            assertNull(result(r, NINGBO).rank());
            assertWarned(r, "'x' = log(v) is undefined for 2 cities");
        }

        @Test
        void ratioIsUndefinedForAZeroDivisor() throws Exception {
            EvaluationModel m = model(leaf("x", 10).bound(binding("ratio", "a", "b")));
            CityDataset data = new Rows("a", "b")
                    .row(BEIJING, 10, 5) // 2
                    .row(SHANGHAI, 20, 4) // 5
                    .row(HANGZHOU, 30, 0) // undefined
                    .row(NINGBO, MISSING, 2) // missing
                    .row(WENZHOU, 8, 1) // 8
                    .build();

            Preparation p = Preparation.of(m, data, null);
            int x = node(p, "x");
            assertRaw(new double[] {2, 5, Double.NaN, Double.NaN, 8}, p.raw[x]);
            assertEquals("ratio(a, b)", p.via[x]);
            assertEquals(1, p.warnings.size(), p.warnings.toString());
            assertTrue(p.warnings.get(0).startsWith("'x' = ratio(a, b) is undefined for 1 cities"), p.warnings.get(0));

            EvaluationResult r = engine().evaluate(m, data);
            // min-max over 2, 5, 8 on 10 points: 10 × (r − 2) / 6
            assertPoints(0, r, BEIJING, "x");
            assertPoints(5, r, SHANGHAI, "x"); // 10 × 3/6
            assertPoints(10, r, WENZHOU, "x");
            assertNoPoints(r, HANGZHOU, "x");
            assertNoPoints(r, NINGBO, "x");
            assertWarned(r, "2 cities have no total");
        }

        @Test
        void perCapitaDividesByThePopulation() throws Exception {
            EvaluationModel m = model(leaf("x", 10).bound(binding("per-capita", "gdp", "pop")));
            CityDataset data = new Rows("gdp", "pop")
                    .row(BEIJING, 100, 50) // 2
                    .row(SHANGHAI, 300, 100) // 3
                    .row(HANGZHOU, 500, 0) // undefined
                    .row(NINGBO, 240, 60) // 4
                    .build();

            Preparation p = Preparation.of(m, data, null);
            int x = node(p, "x");
            assertRaw(new double[] {2, 3, Double.NaN, 4}, p.raw[x]);
            assertEquals("per-capita(gdp, pop)", p.via[x]);
            assertTrue(p.warnings.get(0).startsWith("'x' = per-capita(gdp, pop) is undefined for 1 cities"),
                    p.warnings.toString());

            EvaluationResult r = engine().evaluate(m, data);
            // min-max over 2, 3, 4: 10 × (r − 2) / 2
            assertPoints(0, r, BEIJING, "x");
            assertPoints(5, r, SHANGHAI, "x");
            assertPoints(10, r, NINGBO, "x");
            assertNoPoints(r, HANGZHOU, "x");
        }

        @Test
        void sumAddsItsVariablesAndIsMissingWhenOneIs() throws Exception {
            EvaluationModel m = model(leaf("x", 10).bound(binding("sum", "a", "b", "c")));
            CityDataset data = new Rows("a", "b", "c")
                    .row(BEIJING, 1, 2, 3) // 6
                    .row(SHANGHAI, 4, 5, 6) // 15
                    .row(HANGZHOU, 1, MISSING, 1) // missing
                    .row(NINGBO, 3, 3, 4.5) // 10.5
                    .build();

            Preparation p = Preparation.of(m, data, null);
            int x = node(p, "x");
            assertRaw(new double[] {6, 15, Double.NaN, 10.5}, p.raw[x]);
            assertEquals("sum(a, b, c)", p.via[x]);
            assertEquals(List.of(), p.warnings, "a missing variable is not an undefined formula");

            EvaluationResult r = engine().evaluate(m, data);
            // min-max over 6, 10.5, 15: 10 × (s − 6) / 9
            assertPoints(0, r, BEIJING, "x");
            assertPoints(5, r, NINGBO, "x"); // 10 × 4.5/9
            assertPoints(10, r, SHANGHAI, "x");
            assertNoPoints(r, HANGZHOU, "x");
        }

        @Test
        void aBindingLackingAVariableGivesNothingAndNamesIt() throws Exception {
            EvaluationModel m = model(leaf("x", 10).bound(binding("ratio", "a", "b")), leaf("y", 10));
            CityDataset data = new Rows("a", "y").row(BEIJING, 1, 4).row(SHANGHAI, 2, 6).build();

            Preparation p = Preparation.of(m, data, null);
            int x = node(p, "x");
            assertFalse(p.given(x));
            assertFalse(p.bound[x]);
            assertNull(p.via[x]);
            assertEquals(List.of("b"), p.missingVariables.get(x));
        }

        @Test
        void theLeafsOwnColumnBeatsItsBinding() throws Exception {
            // x's own column holds points (direct-points); its binding would min-max v instead
            EvaluationModel m = model(leaf("x", 10).bound(binding("value", "v")));
            CityDataset data = new Rows("x", "v").row(BEIJING, 3, 100).row(SHANGHAI, 7, 200).build();

            Preparation p = Preparation.of(m, data, null);
            int x = node(p, "x");
            assertEquals("column", p.via[x]);
            assertFalse(p.bound[x]);
            assertRaw(new double[] {3, 7}, p.raw[x]);

            EvaluationResult r = engine().evaluate(m, data);
            assertPoints(3, r, BEIJING, "x"); // the column, not min-max of v (which would give 0)
            assertPoints(7, r, SHANGHAI, "x"); // not 10
            assertWarned(r, "ignored: v");
            assertEquals("column", engine().coverage(m, data, null).leaves().get(0).source());
        }
    }

    // ================================================================ bindings: scoring and direction

    @Nested
    class BindingScoring {
        final CityDataset data = new Rows("v").row(BEIJING, 2).row(SHANGHAI, 4).row(HANGZHOU, 6).build();

        EvaluationResult evaluate(N x) throws BadInputException {
            return engine().evaluate(model(x), data);
        }

        @Test
        void aNegativeBindingReversesMinMax() throws Exception {
            EvaluationResult r = evaluate(leaf("x", 10).bound(new Binding("value", List.of("v"), null,
                    Direction.NEGATIVE, "less is better")));
            // 10 × (6 − v) / (6 − 2)
            assertPoints(10, r, BEIJING, "x"); // 10 × 4/4
            assertPoints(5, r, SHANGHAI, "x"); // 10 × 2/4
            assertPoints(0, r, HANGZHOU, "x"); // 10 × 0/4
            assertEquals(1, result(r, BEIJING).rank());
        }

        @Test
        void withoutADirectionTheBindingTakesTheLeafs() throws Exception {
            EvaluationResult r = evaluate(leaf("x", 10).negative().bound(binding("value", "v")));
            assertPoints(10, r, BEIJING, "x");
            assertPoints(5, r, SHANGHAI, "x");
            assertPoints(0, r, HANGZHOU, "x");
        }

        @Test
        void theBindingsDirectionBeatsTheLeafs() throws Exception {
            EvaluationResult r = evaluate(leaf("x", 10).negative()
                    .bound(new Binding("value", List.of("v"), null, Direction.POSITIVE, null)));
            // 10 × (v − 2) / 4
            assertPoints(0, r, BEIJING, "x");
            assertPoints(5, r, SHANGHAI, "x");
            assertPoints(10, r, HANGZHOU, "x");
        }

        @Test
        void theBindingsScoringRuleAndParametersApply() throws Exception {
            // the leaf's own rule (direct-points) is not used for the bound value
            EvaluationResult r = evaluate(leaf("x", 10).bound(new Binding("value", List.of("v"),
                    new RuleRef(MinMaxScoring.NAME, Map.of("min", 0, "max", 10)), Direction.NEGATIVE, null)));
            // 10 × (10 − v) / (10 − 0)
            assertPoints(8, r, BEIJING, "x");
            assertPoints(6, r, SHANGHAI, "x");
            assertPoints(4, r, HANGZHOU, "x");
        }
    }

    // ================================================================ renormalise

    @Nested
    class Renormalise {
        static final MissingData RENORMALISE = new MissingData("renormalise", null, null);

        @Test
        void oneLevel() throws Exception {
            EvaluationModel m = model(leaf("a", 60), leaf("b", 40));
            CityDataset data = new Rows("a", "b")
                    .row(BEIJING, 30, 20)
                    .row(SHANGHAI, 45, MISSING)
                    .row(HANGZHOU, MISSING, 10)
                    .row(NINGBO, MISSING, MISSING)
                    .build();
            EvaluationResult r = run(m, data, RENORMALISE);

            assertPoints(50, r, BEIJING, "total"); // complete: 30 + 20
            assertPoints(75, r, SHANGHAI, "total"); // 100 × 45 / 60
            assertPoints(25, r, HANGZHOU, "total"); // 100 × 10 / 40
            assertNoPoints(r, NINGBO, "total"); // no child has data
            assertEquals(1, result(r, SHANGHAI).rank());
            assertEquals(2, result(r, BEIJING).rank());
            assertEquals(3, result(r, HANGZHOU).rank());
            assertNull(result(r, NINGBO).rank());
            assertEquals(75.0, result(r, SHANGHAI).score());
            assertWarned(r, "renormalise");
            assertEquals("renormalise", r.model().missing());

            // the same data without renormalising: only the complete city has a total
            EvaluationResult none = run(m, data, MissingData.NONE);
            assertPoints(50, none, BEIJING, "total");
            assertNoPoints(none, SHANGHAI, "total");
            assertNoPoints(none, HANGZHOU, "total");
            assertPoints(45, none, SHANGHAI, "a");
        }

        @Test
        void twoLevels() throws Exception {
            // a (60): a1 (40): a1x (20), a1y (20)
            //         a2 (20): a2x (20)
            // b (40)
            EvaluationModel m = model(
                    inner("a", 60, inner("a1", 40, leaf("a1x", 20), leaf("a1y", 20)), inner("a2", 20, leaf("a2x", 20))),
                    leaf("b", 40));
            CityDataset data = new Rows("a1x", "a1y", "a2x", "b")
                    .row(BEIJING, MISSING, MISSING, 15, 30)
                    .row(SHANGHAI, 10, MISSING, 10, MISSING)
                    .row(HANGZHOU, 20, 10, 5, 20)
                    .build();
            EvaluationResult r = run(m, data, RENORMALISE);

            // 北京: a1 has no child with data, so no score; its sibling a2 = 15
            //   a = 60 × 15 / 20 = 45; total = 45 + 30 = 75
            assertNoPoints(r, BEIJING, "a1");
            assertPoints(15, r, BEIJING, "a2");
            assertPoints(45, r, BEIJING, "a");
            assertPoints(75, r, BEIJING, "total");
            // 上海: a1 = 40 × 10 / 20 = 20; a = 20 + 10 = 30; b missing: total = 100 × 30 / 60 = 50
            assertPoints(20, r, SHANGHAI, "a1");
            assertPoints(30, r, SHANGHAI, "a");
            assertPoints(50, r, SHANGHAI, "total");
            // 杭州: complete: a1 = 30, a2 = 5, a = 35, total = 35 + 20 = 55
            assertPoints(55, r, HANGZHOU, "total");
            assertEquals(List.of(1, 2, 3), List.of(result(r, BEIJING).rank(), result(r, HANGZHOU).rank(),
                    result(r, SHANGHAI).rank()));
        }

        @Test
        void aGivenNodeIsNotRenormalised() throws Exception {
            // a (60): a1 (30), a2 (30); the data give a itself, so a2's absence does not rescale a1
            EvaluationModel m = model(inner("a", 60, leaf("a1", 30), leaf("a2", 30)), leaf("b", 40));
            CityDataset data = new Rows("a", "a1", "a2", "b").row(BEIJING, 50, 20, MISSING, 30).build();
            EvaluationResult r = run(m, data, RENORMALISE);
            assertPoints(50, r, BEIJING, "a"); // given, not 60 × 20 / 30 = 40
            assertPoints(80, r, BEIJING, "total");
        }

        /**
         * COINr (the JRC's composite indicator package) min-max normalises onto 0..100 and aggregates by a
         * weighted arithmetic mean that drops missing values and re-weights the rest. In a points model with
         * min-max leaves, renormalise gives the same totals.
         */
        @Test
        void coinrTinyIndex() throws Exception {
            EvaluationModel m = model(leaf("i1", 60).minMax(), leaf("i2", 40).minMax());
            City[] cities = {BEIJING, SHANGHAI, HANGZHOU, NINGBO};
            double[] i1 = {10, 20, 30, 40};
            double[] i2 = {100, MISSING, 300, 250};
            Rows rows = new Rows("i1", "i2");
            for (int c = 0; c < cities.length; c++) {
                rows.row(cities[c], i1[c], i2[c]);
            }
            EvaluationResult r = run(m, rows.build(), RENORMALISE);

            // rates: i1 (x − 10) / 30 = 0, 1/3, 2/3, 1; i2 (x − 100) / 200 = 0, –, 1, 0.75
            double[][] rates = {{0, 0}, {1.0 / 3, MISSING}, {2.0 / 3, 1}, {1, 0.75}};
            double[] weights = {60, 40};
            // totals: 0; 100 × 1/3 = 33.33…; 100 × (0.6 × 2/3 + 0.4 × 1) = 80; 100 × (0.6 + 0.4 × 0.75) = 90
            double[] expected = {0, 100.0 / 3, 80, 90};
            for (int c = 0; c < cities.length; c++) {
                double coinr = 100 * weightedMeanOfPresent(rates[c], weights);
                assertEquals(expected[c], coinr, 1e-12, "hand arithmetic for " + cities[c].name());
                assertPoints(coinr, r, cities[c], "total");
            }
            assertEquals(33.33, result(r, SHANGHAI).score(), "shown at the model's two decimals");
            assertEquals(List.of("宁波市", "杭州市", "上海市", "北京市"), r.cities().stream().map(CityResult::name).toList());
        }
    }

    // ================================================================ imputation

    @Nested
    class Imputation {
        @Test
        void meanFromTheOtherCitiesOfTheSameYearBeforeScoring() throws Exception {
            EvaluationModel m = model(leaf("x", 100).minMax());
            CityDataset data = new Rows("x")
                    .yearRow(BEIJING, 2022, 500).yearRow(HANGZHOU, 2022, 1000) // another year: not used
                    .yearRow(BEIJING, 2023, 10).yearRow(SHANGHAI, 2023, 30).yearRow(HANGZHOU, 2023, MISSING)
                    .build();
            EvaluationResult r = run(m, data, new MissingData("mean", null, null));

            // 2023 mean (10 + 30) / 2 = 20 is 杭州's raw value; min-max over 10, 20, 30: 100 × (x − 10) / 20
            assertPoints(0, r, BEIJING, "x");
            assertPoints(100, r, SHANGHAI, "x");
            assertPoints(50, r, HANGZHOU, "x");
            assertPoints(50, r, HANGZHOU, "total");
            assertWarned(r, "imputed missing leaf values by mean: x 1");
            assertEquals("mean", r.model().missing());

            assertNoPoints(run(m, data, MissingData.NONE), HANGZHOU, "total");
        }

        CityDataset fourValuesAndAGap() {
            // 0, 20, 60, 100 and one missing: mean 45, median (20 + 60) / 2 = 40
            return new Rows("x").row(BEIJING, 0).row(SHANGHAI, 20).row(HANGZHOU, 60).row(NINGBO, 100)
                    .row(WENZHOU, MISSING).build();
        }

        @Test
        void meanAndMedianOfAnEvenCount() throws Exception {
            // min-max over 0..100 on 100 points: points = raw value
            EvaluationModel m = model(leaf("x", 100).minMax());
            EvaluationResult mean = run(m, fourValuesAndAGap(), new MissingData("mean", null, null));
            assertPoints(45, mean, WENZHOU, "x"); // (0 + 20 + 60 + 100) / 4
            EvaluationResult median = run(m, fourValuesAndAGap(), new MissingData("median", null, null));
            assertPoints(40, median, WENZHOU, "x"); // (20 + 60) / 2
            assertPoints(60, median, HANGZHOU, "x"); // observed values are untouched
            assertWarned(median, "imputed missing leaf values by median: x 1");
            assertEquals("median", median.model().missing());
        }

        @Test
        void medianOfAnOddCount() throws Exception {
            EvaluationModel m = model(leaf("x", 100).minMax());
            CityDataset data = new Rows("x").row(BEIJING, 0).row(SHANGHAI, 10).row(HANGZHOU, 100)
                    .row(WENZHOU, MISSING).build();
            EvaluationResult r = run(m, data, new MissingData("median", null, null));
            assertPoints(10, r, WENZHOU, "x"); // the middle of 0, 10, 100 (the mean would be 36.67)
        }

        @Test
        void eachLeafIsImputedFromItsOwnValues() throws Exception {
            EvaluationModel m = model(leaf("x", 50), leaf("y", 50));
            CityDataset data = new Rows("x", "y")
                    .row(BEIJING, 10, MISSING)
                    .row(SHANGHAI, 20, 40)
                    .row(HANGZHOU, MISSING, 30)
                    .build();
            EvaluationResult r = run(m, data, new MissingData("mean", null, null));
            assertPoints(45, r, BEIJING, "total"); // 10 + y (40 + 30) / 2 = 35
            assertPoints(45, r, HANGZHOU, "total"); // x (10 + 20) / 2 = 15 + 30
            assertWarned(r, "imputed missing leaf values by mean: x 1, y 1");
        }

        @Test
        void onlyLeavesAreImputed() throws Exception {
            // g is an inner node the data give: a city lacking it is not imputed
            EvaluationModel m = model(leaf("a", 50), inner("g", 50, leaf("g1", 25), leaf("g2", 25)));
            CityDataset data = new Rows("a", "g").row(BEIJING, 10, 20).row(SHANGHAI, 20, 30).row(HANGZHOU, 30, MISSING)
                    .build();
            EvaluationResult r = run(m, data, new MissingData("mean", null, null));
            assertNoPoints(r, HANGZHOU, "g");
            assertNoPoints(r, HANGZHOU, "total");
            assertFalse(warned(r, "imputed"), r.warnings().toString());
        }

        @Test
        void groupMeanByProvinceFallsBackToTheOverallMean() throws Exception {
            EvaluationModel m = model(leaf("x", 100));
            CityDataset data = new Rows("x")
                    .row(HANGZHOU, 10).row(NINGBO, 30).row(WENZHOU, MISSING) // 浙江 mean 20
                    .row(NANJING, 90).row(SUZHOU, MISSING) // 江苏 mean 90
                    .row(LANZHOU, MISSING) // 甘肃 has no value: overall mean (10 + 30 + 90) / 3 = 43.33…
                    .build();
            EvaluationResult r = run(m, data, new MissingData("group-mean", "province", null));

            assertPoints(20, r, WENZHOU, "x");
            assertPoints(90, r, SUZHOU, "x");
            assertPoints(130.0 / 3, r, LANZHOU, "x");
            assertPoints(10, r, HANGZHOU, "x");
            assertWarned(r, "imputed missing leaf values by group-mean within province: x 3; "
                    + "1 values had no group value and took the overall mean");
            assertEquals("group-mean by province", r.model().missing());
        }

        @Test
        void groupMeanByRegion() throws Exception {
            EvaluationModel m = model(leaf("x", 100));
            CityDataset data = new Rows("x")
                    .row(HANGZHOU, 10).row(NANJING, 30).row(SHANGHAI, MISSING) // 华东 mean 20
                    .row(LANZHOU, 80) // 西北
                    .row(BEIJING, MISSING) // 华北 has no value: overall (10 + 30 + 80) / 3 = 40
                    .build();
            EvaluationResult r = run(m, data, new MissingData("group-mean", "region", null));

            assertPoints(20, r, SHANGHAI, "x");
            assertPoints(40, r, BEIJING, "x");
            assertWarned(r, "within region: x 2; 1 values had no group value and took the overall mean");
            assertEquals("group-mean by region", r.model().missing());
        }

        @Test
        void groupMeanWithoutAGroupingIsByProvince() throws Exception {
            EvaluationModel m = model(leaf("x", 100));
            CityDataset data = new Rows("x").row(HANGZHOU, 10).row(NINGBO, 30).row(WENZHOU, MISSING)
                    .row(NANJING, 90).build();
            EvaluationResult r = run(m, data, new MissingData("group-mean", null, null));
            assertPoints(20, r, WENZHOU, "x"); // 浙江 (10 + 30) / 2, not the overall 43.33
            assertEquals("group-mean by province", r.model().missing());
        }

        @Test
        void groupMeanWithoutAGroupingSaysProvinceInTheWarning() throws Exception {
            EvaluationModel m = model(leaf("x", 100));
            CityDataset data = new Rows("x").row(HANGZHOU, 10).row(NINGBO, 30).row(WENZHOU, MISSING)
                    .row(NANJING, 90).build();
            EvaluationResult r = run(m, data, new MissingData("group-mean", null, null));
            assertWarned(r, "imputed missing leaf values by group-mean within province: x 1");
        }

        @Test
        void anUnavailableGroupingIsBadInput() {
            EvaluationModel m = model(leaf("x", 100));
            CityDataset data = new Rows("x").row(HANGZHOU, 10).row(NINGBO, MISSING).build();
            BadInputException e = assertThrows(BadInputException.class,
                    () -> run(m, data, new MissingData("group-mean", "county", null)));
            assertTrue(e.getMessage().contains("'county'"), e.getMessage());
        }

        @Test
        void groupMedianByProvinceFallsBackToTheOverallMedian() throws Exception {
            EvaluationModel m = model(leaf("x", 100));
            CityDataset data = new Rows("x")
                    .row(HANGZHOU, 10).row(NINGBO, 30).row(WENZHOU, MISSING).row(SHANGHAI, 95) // 浙江 median 20, 上海 none missing
                    .row(NANJING, 90).row(SUZHOU, MISSING) // 江苏 median 90
                    .row(LANZHOU, MISSING) // 甘肃 has no value: overall median of 10, 30, 90, 95 = 60
                    .build();
            EvaluationResult r = run(m, data, MissingData.parse("group-median", null));

            assertPoints(20, r, WENZHOU, "x");
            assertPoints(90, r, SUZHOU, "x");
            assertPoints(60, r, LANZHOU, "x");
            assertWarned(r, "imputed missing leaf values by group-median within province: x 3; "
                    + "1 values had no group value and took the overall median");
            assertEquals("group-median by province", r.model().missing());
        }

        @Test
        void groupMedianIsNotTheGroupMean() throws Exception {
            // 浙江 10, 20, 90: median 20, mean 40
            City jiaxing = city("330400", "嘉兴市", "浙江省", false);
            EvaluationModel m = model(leaf("x", 100));
            CityDataset data = new Rows("x").row(HANGZHOU, 10).row(NINGBO, 20).row(jiaxing, 90).row(WENZHOU, MISSING)
                    .row(NANJING, 5).build();
            assertPoints(20, run(m, data, MissingData.of(MissingData.Method.GROUP_MEDIAN, "province", null)),
                    WENZHOU, "x");
            assertPoints(40, run(m, data, MissingData.of(MissingData.Method.GROUP_MEAN, "province", null)),
                    WENZHOU, "x");
        }

        @Test
        void imputationByACustomGroupingRule() throws Exception {
            // a plug-in grouping (any registered GroupingRule): coastal and inland cities
            MapRuleLookup rules = rules();
            Set<String> coastal = Set.of(HANGZHOU.adcode(), NINGBO.adcode(), WENZHOU.adcode(), SHANGHAI.adcode());
            rules.grouping.put("coast", city -> List.of(coastal.contains(city.adcode()) ? "coastal" : "inland"));
            EvaluationModel m = model(leaf("x", 100));
            CityDataset data = new Rows("x").row(HANGZHOU, 10).row(SHANGHAI, 40).row(NINGBO, 70).row(WENZHOU, MISSING)
                    .row(LANZHOU, 80).row(NANJING, 100).row(SUZHOU, MISSING).build();
            EvaluationEngine engine = new EvaluationEngine(rules);
            EvaluationResult med = engine.evaluate(m, data,
                    new EvaluationOptions(MissingData.parse("group-median:coast", null), null));
            assertPoints(40, med, WENZHOU, "x"); // coastal 10, 40, 70
            assertPoints(90, med, SUZHOU, "x"); // inland 80, 100
            assertWarned(med, "imputed missing leaf values by group-median within coast: x 2");
            assertEquals("group-median by coast", med.model().missing());
            EvaluationResult mean = engine.evaluate(m, data,
                    new EvaluationOptions(MissingData.parse("group-mean:coast", null), null));
            assertPoints(40, mean, WENZHOU, "x");
            assertPoints(90, mean, SUZHOU, "x");
        }

        @Test
        void anUnknownGroupingRuleListsTheKnownOnes() {
            EvaluationModel m = model(leaf("x", 100));
            CityDataset data = new Rows("x").row(HANGZHOU, 10).row(NINGBO, MISSING).build();
            BadInputException e = assertThrows(BadInputException.class,
                    () -> run(m, data, MissingData.parse("group-median:county", null)));
            assertTrue(e.getMessage().contains("grouping rule 'county' is not available; available: province, "
                    + "provincial-capital, region"), e.getMessage());
        }

        @Test
        void aBoundLeafIsImputedFromItsComputedValues() throws Exception {
            // x = ratio(a, b) on 10 points: 2, 4, (zero divisor → imputed mean 3)
            EvaluationModel m = model(leaf("x", 10).bound(binding("ratio", "a", "b")));
            CityDataset data = new Rows("a", "b").row(BEIJING, 4, 2).row(SHANGHAI, 8, 2).row(HANGZHOU, 5, 0).build();
            EvaluationResult r = run(m, data, new MissingData("mean", null, null));
            // min-max over 2, 3, 4: 10 × (x − 2) / 2
            assertPoints(0, r, BEIJING, "x");
            assertPoints(10, r, SHANGHAI, "x");
            assertPoints(5, r, HANGZHOU, "x");
            assertWarned(r, "undefined for 1 cities");
            assertWarned(r, "imputed missing leaf values by mean: x 1");
        }

        @Test
        void imputationDoesNotOverrideAGivenParent() throws Exception {
            // a (60): a1 (30), a2 (30); 北京 gives a = 50 and a1 = 20 but lacks a2
            EvaluationModel m = model(inner("a", 60, leaf("a1", 30), leaf("a2", 30)), leaf("b", 40));
            CityDataset data = new Rows("a", "a1", "a2", "b")
                    .row(BEIJING, 50, 20, MISSING, 30)
                    .row(SHANGHAI, MISSING, 10, 20, 20)
                    .row(HANGZHOU, MISSING, 30, 10, 10)
                    .build();
            EvaluationResult r = run(m, data, new MissingData("mean", null, null));
            // a stays the given 50 (not a1 20 + imputed a2 (20 + 10) / 2 = 15 = 35); total 50 + 30 = 80
            assertPoints(50, r, BEIJING, "a");
            assertPoints(80, r, BEIJING, "total");
            assertFalse(warned(r, "disagrees"), r.warnings().toString());
        }
    }

    // ================================================================ minimum coverage

    @Nested
    class MinCoverage {
        // a (60): a1 (30), a2 (30); b (40)
        final EvaluationModel m = model(inner("a", 60, leaf("a1", 30), leaf("a2", 30)), leaf("b", 40));

        CityDataset data() {
            return new Rows("a", "a1", "a2", "b")
                    .row(BEIJING, 50, MISSING, MISSING, MISSING) // a given: its whole 60 → 60 %
                    .row(SHANGHAI, MISSING, 20, MISSING, 30) // a1 30 + b 40 → 70 %
                    .row(HANGZHOU, MISSING, 20, MISSING, MISSING) // a1 30 → 30 %
                    .row(NINGBO, 45, 20, 25, 30) // 100 %
                    .build();
        }

        @Test
        void backedShares() throws Exception {
            Preparation p = Preparation.of(m, data(), null);
            double[] share = p.backedShare();
            assertRaw(new double[] {0.6, 0.7, 0.3, 1.0}, share);
        }

        @Test
        void aCityBelowTheThresholdIsDroppedWithAWarning() throws Exception {
            EvaluationResult r = run(m, data(), new MissingData("renormalise", null, 0.6));

            assertEquals(3, r.cities().size());
            assertFalse(has(r, HANGZHOU), "30 % < 60 %");
            assertWarned(r, "1 cities dropped: their data back less than 60% of the model's weight: 杭州市 30%");
            // 北京 at exactly 60 % is kept: total = 100 × 50 / 60 = 83.33…
            assertPoints(250.0 / 3, r, BEIJING, "total");
            // 上海: a = 60 × 20 / 30 = 40; total = 40 + 30 = 70
            assertPoints(40, r, SHANGHAI, "a");
            assertPoints(70, r, SHANGHAI, "total");
            // 宁波: complete, 45 + 30 = 75
            assertPoints(75, r, NINGBO, "total");
            assertEquals(List.of("北京市", "宁波市", "上海市"), r.cities().stream().map(CityResult::name).toList());
            assertEquals("renormalise, cities backed below 60% dropped", r.model().missing());
        }

        @Test
        void noCityDroppedNoWarning() throws Exception {
            EvaluationResult r = run(m, data(), new MissingData("renormalise", null, 0.3));
            assertEquals(4, r.cities().size());
            assertFalse(warned(r, "dropped"), r.warnings().toString());
        }

        @Test
        void aDroppedCityDoesNotFeedImputation() throws Exception {
            EvaluationModel m3 = model(leaf("x", 40), leaf("y", 40), leaf("z", 20));
            CityDataset data = new Rows("x", "y", "z")
                    .row(BEIJING, 10, 10, 10) // 100 %
                    .row(SHANGHAI, 30, MISSING, 10) // 60 %
                    .row(HANGZHOU, MISSING, 40, MISSING) // 40 %: dropped
                    .build();
            EvaluationResult r = run(m3, data, new MissingData("mean", null, 0.5));
            assertFalse(has(r, HANGZHOU));
            // 上海's y is the mean of the kept cities' y, 10 (not (10 + 40) / 2 = 25): 30 + 10 + 10 = 50
            assertPoints(10, r, SHANGHAI, "y");
            assertPoints(50, r, SHANGHAI, "total");
            assertEquals("mean, cities backed below 50% dropped", r.model().missing());
        }
    }

    // ================================================================ the summary

    @Nested
    class Summary {
        final CityDataset data = new Rows("a", "b").yearRow(BEIJING, 2023, 30, 20).yearRow(SHANGHAI, 2023, 45, MISSING)
                .build();

        @Test
        void theModelsOwnTreatmentAndTheDataYear() throws Exception {
            EvaluationModel m = model(new MissingData("renormalise", null, null), leaf("a", 60), leaf("b", 40));
            EvaluationResult r = engine().evaluate(m, data);
            assertEquals(2023, r.model().dataYear());
            assertEquals("renormalise", r.model().missing());
            assertPoints(75, r, SHANGHAI, "total"); // 100 × 45 / 60
            assertEquals(MODEL_ID, r.model().id());
            assertEquals(100.0, r.model().scaleMax());
        }

        @Test
        void theRunsTreatmentOverridesTheModels() throws Exception {
            EvaluationModel m = model(new MissingData("renormalise", null, null), leaf("a", 60), leaf("b", 40));
            EvaluationResult r = run(m, data, MissingData.NONE);
            assertEquals("none", r.model().missing());
            assertNoPoints(r, SHANGHAI, "total");
        }

        @Test
        void theDefaultIsNone() throws Exception {
            EvaluationResult r = engine().evaluate(model(leaf("a", 60), leaf("b", 40)),
                    new Rows("a", "b").row(BEIJING, 30, 20).build());
            assertEquals("none", r.model().missing());
            assertNull(r.model().dataYear());
        }

        @Test
        void describedInWords() {
            assertEquals("none", EvaluationEngine.describe(MissingData.NONE));
            assertEquals("median", EvaluationEngine.describe(new MissingData("median", null, null)));
            assertEquals("group-mean by province", EvaluationEngine.describe(new MissingData("group-mean", null, null)));
            assertEquals("group-mean by region, cities backed below 75% dropped",
                    EvaluationEngine.describe(new MissingData("group-mean", "region", 0.75)));
            assertEquals("none, cities backed below 50% dropped",
                    EvaluationEngine.describe(new MissingData("none", null, 0.5)));
            assertEquals("renormalise, cities backed below 62.5% dropped",
                    EvaluationEngine.describe(new MissingData("renormalise", null, 0.625)));
        }

        @Test
        void aThresholdIsPrintedWithoutFloatNoise() {
            assertEquals("none, cities backed below 57% dropped",
                    EvaluationEngine.describe(new MissingData("none", null, 0.57)));
        }
    }

    // ================================================================ coverage

    @Nested
    class CoverageOfAModel {
        // a (50): a1 (30): a1x (20, column), a1y (10, ratio(p, q); q absent)
        //         a2 (20, given): a2x (10), a2y (10)
        // b (50): b1 (25, log(v)), b2 (25, nothing)
        final EvaluationModel m = model(
                inner("a", 50,
                        inner("a1", 30, leaf("a1x", 20), leaf("a1y", 10).bound(binding("ratio", "p", "q"))),
                        inner("a2", 20, leaf("a2x", 10), leaf("a2y", 10))),
                inner("b", 50, leaf("b1", 25).bound(binding("log", "v")), leaf("b2", 25)));

        @Test
        void perLeafAndTheWeightBacked() {
            CityDataset data = new Rows("a1x", "a2", "p", "v")
                    .row(BEIJING, 15, 12, 1, 10)
                    .row(SHANGHAI, MISSING, 14, 2, 0) // log 0 is undefined
                    .row(HANGZHOU, 18, 16, 3, 100)
                    .build();
            Coverage c = engine().coverage(m, data, null);

            assertEquals(MODEL_ID, c.model());
            assertEquals(3, c.cities());
            assertNull(c.year());
            assertEquals(List.of(
                    new LeafCoverage("a1x", "column", 20, 2, List.of()),
                    new LeafCoverage("a1y", null, 10, 0, List.of("q")),
                    new LeafCoverage("a2x", "column of a2 (level 2)", 10, 3, List.of()),
                    new LeafCoverage("a2y", "column of a2 (level 2)", 10, 3, List.of()),
                    new LeafCoverage("b1", "log(v)", 25, 2, List.of()),
                    new LeafCoverage("b2", null, 25, 0, List.of())), c.leaves());
            // (a1x 20 + a2x 10 + a2y 10 + b1 25) / 100
            assertEquals(0.65, c.weightBacked(), 1e-12);
        }

        @Test
        void aLeafWhoseColumnHasNoValueIsNotBacked() {
            CityDataset data = new Rows("a1x", "a2").row(BEIJING, MISSING, 12).row(SHANGHAI, MISSING, 14).build();
            Coverage c = engine().coverage(m, data, null);
            assertEquals(new LeafCoverage("a1x", "column", 20, 0, List.of()), c.leaves().get(0));
            assertEquals(new LeafCoverage("a1y", null, 10, 0, List.of("p", "q")), c.leaves().get(1));
            assertEquals(new LeafCoverage("b1", null, 25, 0, List.of("v")), c.leaves().get(4));
            assertEquals(0.2, c.weightBacked(), 1e-12); // (a2x 10 + a2y 10) / 100
        }

        @Test
        void ofAYear() {
            CityDataset data = new Rows("a1x", "v")
                    .yearRow(BEIJING, 2022, 15, 10).yearRow(SHANGHAI, 2022, 14, 20)
                    .yearRow(BEIJING, 2023, 16, 10).yearRow(SHANGHAI, 2023, MISSING, 20).yearRow(HANGZHOU, 2023, 12, 30)
                    .build();

            Coverage latest = engine().coverage(m, data, null);
            assertEquals(2023, latest.year());
            assertEquals(3, latest.cities());
            assertEquals(2, latest.leaves().get(0).cities(), "a1x in 2023: 北京, 杭州");
            assertEquals(0.45, latest.weightBacked(), 1e-12); // (a1x 20 + b1 25) / 100

            Coverage y2022 = engine().coverage(m, data, 2022);
            assertEquals(2022, y2022.year());
            assertEquals(2, y2022.cities());
            assertEquals(2, y2022.leaves().get(0).cities());

            Coverage absent = engine().coverage(m, data, 2019);
            assertEquals(new Coverage(MODEL_ID, 0, 2019, 0, List.of()), absent);
        }
    }
}
