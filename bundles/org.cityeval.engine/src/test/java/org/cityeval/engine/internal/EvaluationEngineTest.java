package org.cityeval.engine.internal;

import static org.cityeval.engine.internal.Fixtures.MISSING;
import static org.cityeval.engine.internal.Fixtures.MODEL_ID;
import static org.cityeval.engine.internal.Fixtures.band;
import static org.cityeval.engine.internal.Fixtures.bands;
import static org.cityeval.engine.internal.Fixtures.city;
import static org.cityeval.engine.internal.Fixtures.engine;
import static org.cityeval.engine.internal.Fixtures.model;
import static org.cityeval.engine.internal.Fixtures.node;
import static org.cityeval.engine.internal.Fixtures.numbered;
import static org.cityeval.engine.internal.Fixtures.threeLevels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.GroupScheme;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.model.TierScheme;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.GroupResult;
import org.cityeval.api.result.NodeStatistics;
import org.cityeval.api.result.RankedCity;
import org.cityeval.api.result.ReferenceCheck;
import org.cityeval.api.result.TierCount;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.engine.internal.Fixtures.Data;
import org.cityeval.engine.internal.Fixtures.MapRuleLookup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EvaluationEngineTest {
    static final City BEIJING = city("110000", "北京市", "北京市", false);
    static final City SHANGHAI = city("310000", "上海市", "上海市", false);
    static final City HANGZHOU = city("330100", "杭州市", "浙江省", true);
    static final City NINGBO = city("330200", "宁波市", "浙江省", false);
    static final City WENZHOU = city("330300", "温州市", "浙江省", false);
    static final City SHAOXING = city("330600", "绍兴市", "浙江省", false);
    static final City NANJING = city("320100", "南京市", "江苏省", true);
    static final City SUZHOU = city("320500", "苏州市", "江苏省", false);
    static final City LANZHOU = city("620100", "兰州市", "甘肃省", true);

    /** One level-1 leaf worth the whole scale: the total is the supplied value. */
    static EvaluationModel flat(int precision, TierScheme tiers, List<GroupScheme> groups) {
        return model(precision, tiers, groups, node("x", 100));
    }

    static CityResult byName(EvaluationResult r, String name) {
        return r.cities().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no city " + name));
    }

    static List<String> names(List<CityResult> cities) {
        return cities.stream().map(CityResult::name).toList();
    }

    @Nested
    class Ranking {
        @Test
        void tiesAtDisplayPrecisionShareARankAndTheNextRankIsSkipped() throws Exception {
            CityDataset data = new Data("x")
                    .row(BEIJING, 85.0)
                    .row(SHANGHAI, 80)
                    .row(HANGZHOU, MISSING)
                    .row(NINGBO, 90)
                    .row(WENZHOU, 85.04)
                    .build();
            EvaluationResult r = engine().evaluate(flat(1, null, List.of()), data);

            // best first; the tie keeps the data's order; the unranked city comes last
            assertEquals(List.of("宁波市", "北京市", "温州市", "上海市", "杭州市"), names(r.cities()));
            assertEquals(List.of(1, 2, 2, 4), r.cities().subList(0, 4).stream().map(CityResult::rank).toList());
            assertEquals(85.0, byName(r, "温州市").score(), "the total is shown at the display precision");
            assertEquals(85.04, byName(r, "温州市").scores().get("total"), "node scores keep their decimals");
            CityResult unranked = byName(r, "杭州市");
            assertNull(unranked.rank());
            assertNull(unranked.score());
            assertFalse(unranked.scores().containsKey("total"));
        }

        @Test
        void valuesThatDifferAtDisplayPrecisionDoNotTie() throws Exception {
            CityDataset data = new Data("x").row(BEIJING, 85.04).row(SHANGHAI, 85.05).build();
            EvaluationResult r = engine().evaluate(flat(1, null, List.of()), data);
            assertEquals(1, byName(r, "上海市").rank());
            assertEquals(85.1, byName(r, "上海市").score());
            assertEquals(2, byName(r, "北京市").rank());
        }

        @Test
        void rankingIsDecidedAtTheModelsPrecision() throws Exception {
            CityDataset data = new Data("x").row(BEIJING, 85.04).row(SHANGHAI, 85.0).build();
            EvaluationResult r = engine().evaluate(flat(2, null, List.of()), data);
            assertEquals(1, byName(r, "北京市").rank());
            assertEquals(2, byName(r, "上海市").rank());
            assertEquals(85.04, byName(r, "北京市").score());
        }

        @Test
        void competitionRanks() {
            assertArrayEquals(new int[] {4, 2, 0, 1, 2},
                    EvaluationEngine.competitionRanks(new double[] {80, 85, Double.NaN, 90, 85}));
            assertArrayEquals(new int[] {1, 1, 1}, EvaluationEngine.competitionRanks(new double[] {7, 7, 7}));
            assertArrayEquals(new int[] {1, 1, 3, 3, 5},
                    EvaluationEngine.competitionRanks(new double[] {9, 9, 8, 8, 1}));
            assertArrayEquals(new int[] {0, 0}, EvaluationEngine.competitionRanks(new double[] {Double.NaN, Double.NaN}));
            assertArrayEquals(new int[0], EvaluationEngine.competitionRanks(new double[0]));
        }

        @Test
        void floatNoiseInTheSumIsNotShown() throws Exception {
            double[] parts = {26.2, 25.2, 17.2, 17.1};
            double naive = 0;
            for (double p : parts) {
                naive += p;
            }
            assertNotEquals(85.7, naive, "precondition: the plain double sum carries noise");

            EvaluationModel m = model(node("d1", 30), node("d2", 30), node("d3", 20), node("d4", 20));
            CityDataset data = new Data("d1", "d2", "d3", "d4").row(BEIJING, parts).build();
            EvaluationResult r = engine().evaluate(m, data);

            CityResult c = r.cities().get(0);
            assertEquals(85.7, c.score());
            assertEquals(85.7, c.scores().get("total"));
            assertEquals(85.7, r.statistics().get("total").max());
            assertEquals(85.7, r.statistics().get("total").mean());
        }
    }

    @Nested
    class Aggregation {
        @Test
        void fromLevelThreeUpToTheTotal() throws Exception {
            CityDataset data = new Data("a1x", "a1y", "a2x", "a2y", "b1x", "b1y", "b2x")
                    .row(BEIJING, 15, 8, 5, 6.5, 12, 7.5, 20)
                    .build();
            EvaluationResult r = engine().evaluate(threeLevels(), data);

            Map<String, Double> s = r.cities().get(0).scores();
            assertEquals(23.0, s.get("a1"));
            assertEquals(11.5, s.get("a2"));
            assertEquals(34.5, s.get("a"));
            assertEquals(19.5, s.get("b1"));
            assertEquals(20.0, s.get("b2"));
            assertEquals(39.5, s.get("b"));
            assertEquals(74.0, s.get("total"));
            assertEquals(74.0, r.cities().get(0).score());
            assertEquals(3, r.model().basisLevel());
            assertEquals(List.of("total", "a", "a1", "a1x", "a1y", "a2", "a2x", "a2y", "b", "b1", "b1x", "b1y", "b2",
                    "b2x"), List.copyOf(s.keySet()), "every node has a score, keyed in tree pre-order");
        }

        @Test
        void fromLevelOne() throws Exception {
            CityDataset data = new Data("a", "b").row(BEIJING, 34.5, 39.5).row(SHANGHAI, 40, 41.2).build();
            EvaluationResult r = engine().evaluate(threeLevels(), data);

            assertEquals(1, r.model().basisLevel());
            assertEquals(81.2, byName(r, "上海市").score());
            assertEquals(Map.of("total", 74.0, "a", 34.5, "b", 39.5), byName(r, "北京市").scores());
            assertTrue(r.model().assumedWeights().isEmpty());
        }

        @Test
        void mixedLevels() throws Exception {
            // branch a at level 2, branch b at level 1
            CityDataset data = new Data("a1", "a2", "b").row(BEIJING, 23, 11.5, 39.5).build();
            EvaluationResult r = engine().evaluate(threeLevels(), data);

            Map<String, Double> s = r.cities().get(0).scores();
            assertEquals(34.5, s.get("a"));
            assertEquals(74.0, s.get("total"));
            assertFalse(s.containsKey("a1x"));
            assertFalse(s.containsKey("b1"));
            assertEquals(2, r.model().basisLevel());
            assertTrue(r.model().assumedWeights().isEmpty(), "no assumed weight sits at or above level 2 here");
        }

        @Test
        void mixedLevelsThreeAndOne() throws Exception {
            CityDataset data = new Data("a1x", "a1y", "a2x", "a2y", "b").row(BEIJING, 15, 8, 5, 6.5, 39.5).build();
            EvaluationResult r = engine().evaluate(threeLevels(), data);
            assertEquals(74.0, r.cities().get(0).score());
            assertEquals(3, r.model().basisLevel());
            assertEquals(List.of("a1y", "a2x", "a2y"), r.model().assumedWeights());
        }

        @Test
        void shareScoringGivesShareTimesWeight() throws Exception {
            EvaluationModel m = model(node("s", 40).scoring(ShareScoring.NAME), node("p", 60));
            CityDataset data = new Data("s", "p").row(BEIJING, 0.25, 30).build();
            EvaluationResult r = engine().evaluate(m, data);
            assertEquals(10.0, r.cities().get(0).scores().get("s"));
            assertEquals(40.0, r.cities().get(0).score());
        }
    }

    @Nested
    class SuppliedFigures {
        EvaluationModel m = model(node("d1", 30), node("d2", 30), node("d3", 20), node("d4", 20));

        @Test
        void suppliedTotalIsCheckedAgainstTheAggregate() throws Exception {
            CityDataset data = new Data("d1", "d2", "d3", "d4", "total")
                    .row(BEIJING, 26.2, 25.2, 17.2, 17.1, 85.7) // agrees (despite float noise)
                    .row(SHANGHAI, 20, 20, 20, 10, 80) // disagrees: 70
                    .row(HANGZHOU, 10, 10, 10, 10, MISSING) // nothing to compare
                    .build();
            EvaluationResult r = engine().evaluate(m, data);

            assertEquals(1, r.checks().size());
            ReferenceCheck check = r.checks().get(0);
            assertEquals("total", check.what());
            assertEquals(2, check.compared());
            assertEquals(1, check.matched());
            assertFalse(check.passed());
            assertEquals(List.of("上海市: given 80.0, computed 70.0"), check.mismatches());
            assertEquals(70.0, byName(r, "上海市").score(), "the aggregate wins over the supplied total");
            assertTrue(r.warnings().contains(
                    "supplied 'total' disagrees with the computed value for 1 of 2 cities: 上海市: given 80.0, computed 70.0"),
                    r.warnings().toString());
            assertEquals(1, r.model().basisLevel(), "the total column (level 0) does not change the basis");
        }

        @Test
        void agreeingTotalPasses() throws Exception {
            CityDataset data = new Data("d1", "d2", "d3", "d4", "total").row(BEIJING, 26.2, 25.2, 17.2, 17.1, 85.7)
                    .build();
            EvaluationResult r = engine().evaluate(m, data);
            assertEquals(List.of(new ReferenceCheck("total", 1, 1, List.of())), r.checks());
            assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        }

        @Test
        void onlyASuppliedTotalIsUsedAsIs() throws Exception {
            CityDataset data = new Data("total").row(BEIJING, 77.7).build();
            EvaluationResult r = engine().evaluate(m, data);
            assertEquals(77.7, r.cities().get(0).score());
            assertEquals(0, r.model().basisLevel());
            assertTrue(r.checks().isEmpty());
        }

        @Test
        void printedRankColumnIsChecked() throws Exception {
            CityDataset data = new Data("d1", "d2", "d3", "d4", "rank")
                    .row(BEIJING, 26.2, 25.2, 17.2, 17.1, 1) // 85.7, rank 1
                    .row(SHANGHAI, 20, 20, 20, 10, 3) // 70, rank 2: printed 3 is wrong
                    .row(HANGZHOU, 10, 10, 10, 10, 3) // 40, rank 3
                    .row(NINGBO, 10, MISSING, 10, 10, 4) // unranked: not compared
                    .build();
            EvaluationResult r = engine().evaluate(m, data);

            ReferenceCheck rank = r.checks().stream().filter(c -> c.what().equals("rank")).findFirst().orElseThrow();
            assertEquals(3, rank.compared());
            assertEquals(2, rank.matched());
            assertEquals(List.of("上海市: given 3, computed 2"), rank.mismatches());
            assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("supplied 'rank' disagrees") && w.contains("1 of 3")),
                    r.warnings().toString());
            assertTrue(r.warnings().stream().noneMatch(w -> w.contains("column 'rank'")),
                    "the rank column is not an unknown column");
        }
    }

    @Nested
    class AssumedWeights {
        @Test
        void assumedLeavesSuppliedAreListedAndWarnedFirst() throws Exception {
            CityDataset data = new Data("population", "a1x", "a1y", "a2x", "a2y", "b1x", "b1y", "b2x")
                    .row(BEIJING, 2100, 15, 8, 5, 6.5, 12, 7.5, 20)
                    .build();
            EvaluationResult r = engine().evaluate(threeLevels(), data);

            assertEquals(List.of("a1y", "a2x", "a2y"), r.model().assumedWeights());
            assertTrue(r.warnings().size() >= 2, r.warnings().toString());
            String first = r.warnings().get(0);
            assertTrue(first.startsWith("assumed weights entered this result (3 indicators: a1y, a2x, a2y)"), first);
            assertTrue(first.contains("cityeval tree " + MODEL_ID), first);
        }

        @Test
        void publishedLevelOneOnlyUsesNoAssumedWeight() throws Exception {
            CityDataset data = new Data("a", "b").row(BEIJING, 34.5, 39.5).build();
            EvaluationResult r = engine().evaluate(threeLevels(), data);
            assertEquals(List.of(), r.model().assumedWeights());
            assertTrue(r.warnings().stream().noneMatch(w -> w.contains("assumed")), r.warnings().toString());
        }

        @Test
        void anAssumedWeightWithoutAnyScoreIsNotListed() throws Exception {
            // a1y is supplied but empty for every city: its weight did not enter the result
            CityDataset data = new Data("a1x", "a1y", "a2", "b").row(BEIJING, 15, MISSING, 11.5, 39.5).build();
            EvaluationResult r = engine().evaluate(threeLevels(), data);
            assertEquals(List.of(), r.model().assumedWeights());
        }
    }

    @Nested
    class Tiers {
        @Test
        void tiersAreAssignedOnTheShownTotalAndCounted() throws Exception {
            TierScheme tiers = bands(band("80+", "领跑城市", 80.0, null), band("70-80", 70.0, 80.0),
                    band("60-70", 60.0, 70.0), band("<40", null, 40.0));
            CityDataset data = new Data("x")
                    .row(BEIJING, 80)
                    .row(SHANGHAI, 79.95) // shown 80.0
                    .row(HANGZHOU, 79.94) // shown 79.9
                    .row(NINGBO, 70)
                    .row(WENZHOU, 60)
                    .row(SHAOXING, 59.9) // in no band
                    .row(NANJING, 39.9)
                    .row(SUZHOU, MISSING)
                    .build();
            EvaluationResult r = engine().evaluate(flat(1, tiers, List.of()), data);

            assertEquals("80+", byName(r, "北京市").tier());
            assertEquals("80+", byName(r, "上海市").tier());
            assertEquals("70-80", byName(r, "杭州市").tier());
            assertEquals("70-80", byName(r, "宁波市").tier());
            assertEquals("60-70", byName(r, "温州市").tier());
            assertNull(byName(r, "绍兴市").tier());
            assertEquals("<40", byName(r, "南京市").tier());
            assertNull(byName(r, "苏州市").tier());
            assertEquals(List.of(
                    new TierCount("80+", "领跑城市", 2, "≥ 80"),
                    new TierCount("70-80", "70-80", 2, "[70, 80)"),
                    new TierCount("60-70", "60-70", 1, "[60, 70)"),
                    new TierCount("<40", "<40", 1, "< 40")), r.tiers());
        }

        @Test
        void noTierSchemeGivesNoTiers() throws Exception {
            EvaluationResult r = engine().evaluate(flat(1, null, List.of()), new Data("x").row(BEIJING, 80).build());
            assertTrue(r.tiers().isEmpty());
            assertNull(r.cities().get(0).tier());
        }
    }

    @Nested
    class Groups {
        final TierScheme provinceTiers = bands(band("第一梯队", 60.0, null), band("第二梯队", 50.0, 60.0),
                band("第三梯队", 40.0, 50.0), band("第四梯队", null, 40.0));
        final List<GroupScheme> schemes = List.of(
                new GroupScheme("province", new LocalizedText("省级梯队", "Province tiers"), ProvinceGrouping.NAME,
                        provinceTiers),
                new GroupScheme("capital", new LocalizedText("省会城市", null), ProvincialCapitalGrouping.NAME, null));

        EvaluationResult evaluate() throws BadInputException {
            CityDataset data = new Data("x")
                    .row(WENZHOU, 59.0)
                    .row(BEIJING, 70)
                    .row(SUZHOU, 30)
                    .row(HANGZHOU, 60.976)
                    .row(SHAOXING, MISSING) // no total: in no group
                    .row(NINGBO, 60.0)
                    .row(NANJING, 50)
                    .row(LANZHOU, 35)
                    .build();
            return engine().evaluate(flat(1, null, schemes), data);
        }

        @Test
        void provinceMeansRanksAndTiers() throws Exception {
            List<GroupResult> provinces = evaluate().groups().get("province");
            assertEquals(List.of(
                    new GroupResult("北京市", 70.0, 1, 1, "第一梯队", List.of("110000")),
                    new GroupResult("浙江省", 59.992, 3, 2, "第二梯队", List.of("330100", "330200", "330300")),
                    new GroupResult("江苏省", 40.0, 2, 3, "第三梯队", List.of("320100", "320500")),
                    new GroupResult("甘肃省", 35.0, 1, 4, "第四梯队", List.of("620100"))), provinces);
        }

        @Test
        void aMeanJustBelowABandIsNotRoundedIntoIt() throws Exception {
            GroupResult zhejiang = evaluate().groups().get("province").get(1);
            assertEquals("浙江省", zhejiang.name());
            assertEquals(59.992, zhejiang.mean());
            assertEquals("第二梯队", zhejiang.tier(), "59.992 is below 60 even though it prints as 60.0 at one decimal");
        }

        @Test
        void aMunicipalityIsItsOwnProvince() throws Exception {
            GroupResult beijing = evaluate().groups().get("province").get(0);
            assertEquals("北京市", beijing.name());
            assertEquals(List.of("110000"), beijing.members());
        }

        @Test
        void provincialCapitalsFormOneGroup() throws Exception {
            EvaluationResult r = evaluate();
            assertEquals(List.of("province", "capital"), List.copyOf(r.groups().keySet()));
            List<GroupResult> capitals = r.groups().get("capital");
            assertEquals(1, capitals.size());
            GroupResult g = capitals.get(0);
            assertEquals("省会城市", g.name());
            assertEquals(List.of("330100", "320100", "620100"), g.members(), "best first");
            assertEquals(3, g.count());
            assertEquals(48.659, g.mean()); // (60.976 + 50 + 35) / 3 = 48.65866...
            assertEquals(1, g.rank());
            assertNull(g.tier());
        }

        @Test
        void noCapitalGivesNoCapitalGroup() throws Exception {
            CityDataset data = new Data("x").row(NINGBO, 60).build();
            EvaluationResult r = engine().evaluate(flat(1, null, schemes), data);
            assertEquals(List.of(), r.groups().get("capital"));
        }
    }

    @Nested
    class Statistics {
        // values of node a (10 points) in a scrambled data order; b is 50 everywhere
        final double[] a = {1.5, 10, 0, 8, 1.5, 9, 7, 6, 5, 4, 1.5, 3, 2};

        EvaluationResult evaluate() throws BadInputException {
            Data data = new Data("a", "b");
            for (int i = 0; i < a.length; i++) {
                data.row(numbered(i), a[i], 50);
            }
            return engine().evaluate(model(node("a", 10), node("b", 90)), data.build());
        }

        @Test
        void meanRateAboveMeanSpread() throws Exception {
            NodeStatistics s = evaluate().statistics().get("a");
            assertEquals(13, s.count());
            assertEquals(4.5, s.mean()); // 58.5 / 13
            assertEquals(0.45, s.rate());
            assertEquals(6, s.aboveMean()); // 10, 9, 8, 7, 6, 5
            assertEquals(10.0, s.max());
            assertEquals(0.0, s.min());
            assertEquals(10.0, s.spread());
        }

        @Test
        void statisticsOfTheTotalAndOfAConstantNode() throws Exception {
            EvaluationResult r = evaluate();
            NodeStatistics total = r.statistics().get("total");
            assertEquals(54.5, total.mean());
            assertEquals(0.545, total.rate());
            assertEquals(60.0, total.max());
            assertEquals(50.0, total.min());
            NodeStatistics b = r.statistics().get("b");
            assertEquals(50.0, b.mean());
            assertEquals(0.55555556, b.rate()); // 50 / 90 at 8 decimals
            assertEquals(0, b.aboveMean());
            assertEquals(0.0, b.spread());
            assertEquals(List.of("total", "a", "b"), List.copyOf(r.statistics().keySet()));
        }

        @Test
        void top10ListsEveryTieAtTenthPlace() throws Exception {
            NodeStatistics s = evaluate().statistics().get("a");
            List<Double> scores = s.top10().stream().map(RankedCity::score).toList();
            assertEquals(List.of(10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.5, 1.5, 1.5), scores);
            // the tied cities in the data's order
            assertEquals(List.of("城市0", "城市4", "城市10"),
                    s.top10().subList(9, 12).stream().map(RankedCity::name).toList());
            assertEquals("城市1", s.top10().get(0).name());
            assertEquals(numbered(1).adcode(), s.top10().get(0).adcode());
        }

        @Test
        void top10WithoutTiesHasTen() throws Exception {
            Data data = new Data("a", "b");
            for (int i = 0; i < 12; i++) {
                data.row(numbered(i), i * 0.5, 50);
            }
            NodeStatistics s = engine().evaluate(model(node("a", 10), node("b", 90)), data.build()).statistics().get("a");
            assertEquals(10, s.top10().size());
            assertEquals(5.5, s.top10().get(0).score());
            assertEquals(1.0, s.top10().get(9).score());
        }

        @Test
        void nodesWithoutScoresHaveNoStatistics() throws Exception {
            CityDataset data = new Data("a", "b").row(BEIJING, 34.5, 39.5).build();
            EvaluationResult r = engine().evaluate(threeLevels(), data);
            assertEquals(List.of("total", "a", "b"), List.copyOf(r.statistics().keySet()));
        }

        @Test
        void aboveMeanIsNotFooledByFloatNoise() throws Exception {
            CityDataset data = new Data("a", "b")
                    .row(BEIJING, 17.0, 50)
                    .row(SHANGHAI, 17.1, 50)
                    .row(HANGZHOU, 17.2, 50)
                    .build();
            NodeStatistics s = engine().evaluate(model(node("a", 20), node("b", 80)), data).statistics().get("a");
            assertEquals(17.1, s.mean());
            assertEquals(1, s.aboveMean(), "only 17.2 is above the mean 17.1");

            CityDataset equal = new Data("a", "b")
                    .row(BEIJING, 0.7, 50)
                    .row(SHANGHAI, 0.7, 50)
                    .row(HANGZHOU, 0.7, 50)
                    .build();
            NodeStatistics e = engine().evaluate(model(node("a", 20), node("b", 80)), equal).statistics().get("a");
            assertEquals(0.7, e.mean());
            assertEquals(0, e.aboveMean(), "no city is above the mean when all are equal");
        }
    }

    @Nested
    class BadInput {
        @Test
        void noColumnOfTheTree() {
            CityDataset data = Data.from("data.csv", "population", "gdp").row(BEIJING, 2100, 4.4).build();
            BadInputException e = assertThrows(BadInputException.class, () -> engine().evaluate(threeLevels(), data));
            assertEquals("data.csv", e.source());
            assertEquals("1", e.position());
            assertTrue(e.reason().startsWith("no column names an indicator of " + MODEL_ID), e.reason());
            assertTrue(e.reason().contains("total, a, a1"), e.reason());
        }

        @Test
        void noRows() {
            CityDataset data = new Data("a", "b").build();
            BadInputException e = assertThrows(BadInputException.class, () -> engine().evaluate(threeLevels(), data));
            assertEquals("no city rows", e.reason());
        }

        @Test
        void unknownColumnsAreWarnedAboutAndIgnored() throws Exception {
            CityDataset data = new Data("a", "population", "b").row(BEIJING, 34.5, 2100, 39.5).build();
            EvaluationResult r = engine().evaluate(threeLevels(), data);
            assertEquals(List.of("1 column is neither an indicator of " + MODEL_ID
                    + " nor a variable its bindings use; ignored: population"), r.warnings());
            assertEquals(74.0, r.cities().get(0).score());
        }

        @Test
        void aMissingLevelOneValueLeavesTheCityUnrankedWithAWarning() throws Exception {
            CityDataset data = new Data("a", "b")
                    .row(BEIJING, 34.5, 39.5)
                    .row(SHANGHAI, 30, MISSING)
                    .row(HANGZHOU, 20, 20)
                    .build();
            EvaluationResult r = engine().evaluate(threeLevels(), data);

            CityResult shanghai = byName(r, "上海市");
            assertNull(shanghai.score());
            assertNull(shanghai.rank());
            assertEquals(Map.of("a", 30.0), shanghai.scores());
            assertEquals("上海市", r.cities().get(2).name(), "unranked cities come last");
            assertEquals(2, byName(r, "杭州市").rank());
            assertEquals(List.of("1 cities have no total because a node on the way up has no data, and are not ranked "
                    + "(missing data 'renormalise' scores them from the indicators that have data): 上海市 (row 3)"),
                    r.warnings());
            assertEquals(2, r.statistics().get("total").count());
        }

        @Test
        void pointsOutsideTheWeightAreBadInputUnlessClampingIsAsked() throws Exception {
            CityDataset data = new Data("a", "b")
                    .row(BEIJING, 50, 39.5) // exactly the weight: fine
                    .row(SHANGHAI, 52.5, 39.5)
                    .row(HANGZHOU, -1, 20)
                    .build();
            // issue 12: a points value outside [0, the node's points] is refused, naming where it is
            BadInputException e = assertThrows(BadInputException.class, () -> engine().evaluate(threeLevels(), data));
            assertEquals("test.csv:3:'a': 上海市: 'a' is 52.5, outside its 0–50 points; correct "
                    + "the value, or run with --clamp (web API: \"clamp\": true) to clamp such values into the range",
                    e.getMessage());
            EvaluationResult r = engine().evaluate(threeLevels(), data,
                    EvaluationOptions.DEFAULTS.withClamp(true));
            assertEquals(List.of("'a' scores outside its 0–50 points for 2 cities, clamped into it as asked (--clamp): "
                    + "上海市 52.5 (row 3), 杭州市 -1 (row 4)"), r.warnings());
            assertEquals(89.5, byName(r, "上海市").score(), "clamped to 50");
            assertEquals(20.0, byName(r, "杭州市").score(), "clamped to 0");
        }

        @Test
        void theColumnOfABadValueIsNamedWhenTheDataSayWhereItIs() throws Exception {
            CityDataset built = new Data("a", "b").row(BEIJING, 1234.5, 39.5).build();
            CityDataset data = new CityDataset(built.source(), built.valueColumns(), built.records(),
                    Map.of("a", 2, "b", 3));
            BadInputException e = assertThrows(BadInputException.class, () -> engine().evaluate(threeLevels(), data));
            assertEquals("test.csv", e.source());
            assertEquals("2:2", e.position());
        }

        @Test
        void pointsAreComparedWithTheRangeAtTheModelsPrecision() throws Exception {
            // 50.04 prints as 50.0 at precision 1: rounding must not make a city look out of range
            CityDataset data = new Data("a", "b").row(BEIJING, 50.04, 39.5).row(SHANGHAI, -0.04, 20).build();
            EvaluationResult r = engine().evaluate(threeLevels(), data);
            assertTrue(r.warnings().stream().noneMatch(w -> w.contains("outside")), r.warnings().toString());
        }

        @Test
        void scoredLeafOutsideItsWeightIsWarnedAbout() throws Exception {
            EvaluationModel m = model(node("s", 40).scoring(ShareScoring.NAME), node("p", 60));
            CityDataset data = new Data("s", "p").row(BEIJING, 1.25, 30).build();
            EvaluationResult r = engine().evaluate(m, data);
            assertEquals(List.of("'s' scores outside its 0–40 points for 1 cities: 北京市 50 (row 2)"), r.warnings());
        }

        @Test
        void longListsInWarningsAreShortened() throws Exception {
            Data data = new Data("a", "b");
            for (int i = 0; i < 8; i++) {
                data.row(numbered(i), 10, MISSING);
            }
            EvaluationResult r = engine().evaluate(threeLevels(), data.build());
            assertEquals("the data back 50% of the model's weight: the other indicators have no data for any city "
                    + "(see 'cityeval coverage')", r.warnings().get(0));
            String w = r.warnings().get(1);
            assertTrue(w.startsWith("8 cities have no total"), w);
            assertTrue(w.endsWith("城市4 (row 6) and 3 more"), w);
        }
    }

    @Nested
    class MissingRules {
        final CityDataset data = new Data("a1x", "a1y", "a2", "b").row(BEIJING, 15, 8, 11.5, 39.5).build();

        @Test
        void unknownScoringRuleIsNamed() {
            EvaluationModel m = model(node("a", 50).scoring("log-points"), node("b", 50));
            CityDataset d = new Data("a", "b").row(BEIJING, 10, 10).build();
            BadInputException e = assertThrows(BadInputException.class, () -> engine().evaluate(m, d));
            assertEquals(MODEL_ID, e.source());
            assertEquals("a", e.position());
            assertEquals("scoring rule 'log-points' is not available in this runtime", e.reason());
        }

        @Test
        void missingBuiltInScoringRule() {
            MapRuleLookup rules = new MapRuleLookup();
            rules.scoring.clear();
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new EvaluationEngine(rules).evaluate(threeLevels(), data));
            assertTrue(e.getMessage().contains("scoring rule 'direct-points'"), e.getMessage());
        }

        @Test
        void missingAggregationRule() {
            MapRuleLookup rules = new MapRuleLookup();
            rules.aggregation.clear();
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new EvaluationEngine(rules).evaluate(threeLevels(), data));
            assertEquals("a1", e.position(), "the first inner node met bottom-up");
            assertEquals("aggregation rule 'weighted-sum' is not available in this runtime", e.reason());
        }

        @Test
        void missingTierRule() {
            MapRuleLookup rules = new MapRuleLookup();
            rules.tier.clear();
            EvaluationModel m = flat(1, bands(band("high", 50.0, null)), List.of());
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new EvaluationEngine(rules).evaluate(m, new Data("x").row(BEIJING, 60).build()));
            assertEquals("tiers", e.position());
            assertEquals("tier rule 'score-bands' is not available", e.reason());
        }

        @Test
        void missingGroupingRule() {
            MapRuleLookup rules = new MapRuleLookup();
            rules.grouping.remove(ProvinceGrouping.NAME);
            EvaluationModel m = flat(1, null, List.of(new GroupScheme("province", null, ProvinceGrouping.NAME, null)));
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new EvaluationEngine(rules).evaluate(m, new Data("x").row(BEIJING, 60).build()));
            assertEquals("groups.province", e.position());
            assertEquals("grouping rule 'province' is not available", e.reason());
        }

        @Test
        void aRuleThatRejectsItsInputIsReportedAsBadInput() {
            MapRuleLookup rules = new MapRuleLookup();
            rules.scoring.put("picky", (raw, ind, params) -> {
                throw new IllegalArgumentException("parameter 'max' must be a number, not 'x'");
            });
            EvaluationModel m = model(node("a", 50).scoring("picky"), node("b", 50));
            CityDataset d = new Data("a", "b").row(BEIJING, 10, 10).build();
            BadInputException e = assertThrows(BadInputException.class, () -> new EvaluationEngine(rules).evaluate(m, d));
            assertEquals("test.csv", e.source());
            assertEquals("a", e.position());
            assertEquals("parameter 'max' must be a number, not 'x'", e.reason());
        }
    }

    /** The share of the model's weight the data back, per model and per city, and tiers withheld below a threshold. */
    @Nested
    class CoverageOfTheResult {
        final EvaluationModel m = model(1, bands(band("high", 50.0, null), band("low", null, 50.0)),
                List.of(new GroupScheme("province", null, ProvinceGrouping.NAME, bands(band("g", 0.0, null)))),
                node("a", 50), node("b", 50));
        final EvaluationOptions renormalise = new EvaluationOptions(
                MissingData.of(MissingData.Method.RENORMALISE, null, null), null);

        @Test
        void perModelAndPerCity() throws Exception {
            CityDataset d = new Data("a", "b").row(BEIJING, 40, MISSING).row(SHANGHAI, 30, 20).build();
            EvaluationResult r = engine().evaluate(m, d, renormalise);
            assertEquals(1.0, r.model().coverage());
            assertEquals(List.of(), r.model().uncovered());
            assertEquals(0.5, r.model().coverageThreshold());
            assertNull(r.model().tiersWithheld());
            assertEquals(0.5, byName(r, "北京市").coverage());
            assertEquals(1.0, byName(r, "上海市").coverage());
            assertNotNull(byName(r, "上海市").tier());
        }

        @Test
        void belowTheThresholdTiersAndGroupTiersAreWithheldAndTheResultSaysWhy() throws Exception {
            CityDataset d = new Data("a").row(BEIJING, 40).row(SHANGHAI, 30).build();
            EvaluationResult r = engine().evaluate(m, d, renormalise.withCoverageThreshold(0.6));
            assertEquals(0.5, r.model().coverage());
            assertEquals(List.of("b"), r.model().uncovered());
            String why = "tiers withheld: the data back 50% of the model's weight, below the 60% threshold";
            assertEquals(why, r.model().tiersWithheld());
            assertEquals(why, r.warnings().get(0));
            assertTrue(r.model().belowThreshold());
            assertTrue(r.tiers().isEmpty());
            for (CityResult c : r.cities()) {
                assertNull(c.tier(), c.name());
                assertNotNull(c.rank(), "totals and ranks are kept: " + c.name());
            }
            r.groups().get("province").forEach(g -> assertNull(g.tier(), g.name()));
        }

        @Test
        void atTheThresholdTiersAreAssigned() throws Exception {
            CityDataset d = new Data("a").row(BEIJING, 40).row(SHANGHAI, 30).build();
            EvaluationResult r = engine().evaluate(m, d, renormalise); // 50% backed, default threshold 50%
            assertNull(r.model().tiersWithheld());
            assertEquals("high", byName(r, "北京市").tier());
            assertNotNull(r.groups().get("province").get(0).tier());
        }
    }

    @Test
    void summaryDescribesTheModel() throws Exception {
        EvaluationResult r = engine().evaluate(threeLevels(), new Data("a", "b").row(BEIJING, 1, 2).build());
        assertEquals(MODEL_ID, r.model().id());
        assertEquals("测试模型", r.model().title());
        assertEquals("测试机构", r.model().institution());
        assertEquals(2024, r.model().year());
        assertEquals(100.0, r.model().scaleMax());
        assertEquals(1, r.model().precision());
        assertEquals("110000", r.cities().get(0).adcode());
        assertEquals("北京市", r.cities().get(0).province());
    }
}
