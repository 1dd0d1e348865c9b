package org.cityeval.engine.internal;

import static org.cityeval.engine.internal.Fixtures.city;
import static org.cityeval.engine.internal.Fixtures.model;
import static org.cityeval.engine.internal.Fixtures.node;
import static org.cityeval.engine.internal.RuleFixtures.leaf;
import static org.cityeval.engine.internal.RuleFixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.engine.internal.Fixtures.Data;
import org.cityeval.engine.internal.Fixtures.MapRuleLookup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The alternative normalisations (z-score, rank, distance-to-target) and aggregations (geometric, harmonic, topsis). */
class NormalisationAggregationTest {
    static final double NaN = Double.NaN;
    static final double EPS = 1e-12;

    /** The built-in rules of {@link Fixtures} plus the other scoring rules and the alternatives under test. */
    static RuleLookup rules() {
        MapRuleLookup r = new MapRuleLookup();
        r.scoring.put(MinMaxScoring.NAME, new MinMaxScoring());
        r.scoring.put(GoalpostsScoring.NAME, new GoalpostsScoring());
        r.scoring.put(ZScoreScoring.NAME, new ZScoreScoring());
        r.scoring.put(RankScoring.NAME, new RankScoring());
        r.scoring.put(DistanceToTargetScoring.NAME, new DistanceToTargetScoring());
        r.aggregation.put(GeometricAggregation.NAME, new GeometricAggregation());
        r.aggregation.put(HarmonicAggregation.NAME, new HarmonicAggregation());
        r.aggregation.put(TopsisAggregation.NAME, new TopsisAggregation());
        return r;
    }

    static IllegalArgumentException fails(ScoringRule rule, Indicator leaf, Map<String, Object> p, double... raw) {
        return assertThrows(IllegalArgumentException.class, () -> rule.score(raw, leaf, p));
    }

    static IllegalArgumentException fails(AggregationRule rule, double[] points, double[] weights, double weight) {
        return assertThrows(IllegalArgumentException.class, () -> rule.aggregate(points, weights, weight, Map.of()));
    }

    static double[] v(double... values) {
        return values;
    }

    // ------------------------------------------------------------------------------------ normalisations

    @Nested
    class ZScore {
        final ZScoreScoring rule = new ZScoreScoring();
        final Indicator positive = leaf("broadband", 5, Direction.POSITIVE, ZScoreScoring.NAME);
        final Indicator negative = leaf("commute", 5, Direction.NEGATIVE, ZScoreScoring.NAME);

        @Test
        void defaultMapIsFiftyPlusTenZOutOfAHundred() {
            // 10, 20, 30: mean 20, sample sd √((100 + 0 + 100) / 2) = 10, z = −1, 0, 1
            // scores 40, 50, 60 of 100, × 5/100 = 2, 2.5, 3 points
            assertArrayEquals(v(2, 2.5, NaN, 3), rule.score(v(10, 20, NaN, 30), positive, Map.of()), EPS);
        }

        @Test
        void negativeDirectionReversesZ() {
            // z = (mean − x)/sd = 1, 0, −1: scores 60, 50, 40
            assertArrayEquals(v(3, 2.5, NaN, 2), rule.score(v(10, 20, NaN, 30), negative, Map.of()), EPS);
        }

        @Test
        void scaleAndCentreSetTheAffineMap() {
            // 30 + 20z: 10, 30, 50 of 100, × 5/100
            assertArrayEquals(v(0.5, 1.5, 2.5), rule.score(v(10, 20, 30), positive,
                    params("scale", 20L, "centre", 30.0)), EPS);
        }

        @Test
        void scoresBeyondTheScaleAreClamped() {
            // 50 + 60z: −10, 50, 110, clamped to 0, 50, 100
            assertArrayEquals(v(0, 2.5, 5), rule.score(v(10, 20, 30), positive, params("scale", 60L)), EPS);
        }

        @Test
        void withTheDefaultsAnOutlierBeyondFiveSdIsClamped() {
            // 27 zeros and one 1: mean 1/28, sample sd² = (27/28² + (27/28)²) / 27 = 1/28, sd = 1/√28;
            // the 1 has z = (27/28)·√28 = 27/√28 ≈ 5.10 > 5: 101.0, clamped to 100, the full 5 points;
            // a zero has z = −1/√28 ≈ −0.189: 50 − 10/√28 ≈ 48.11 of 100 ≈ 2.406 points
            double[] raw = new double[28];
            raw[27] = 1;
            double[] out = rule.score(raw, positive, Map.of());
            assertEquals(5, out[27], EPS);
            assertEquals((50 - 10 / Math.sqrt(28)) / 100 * 5, out[0], EPS);
            assertEquals(2.4055088817, out[0], 1e-9);
        }

        @Test
        void aConstantColumnOrALoneValueIsAnError() {
            IllegalArgumentException e = fails(rule, positive, Map.of(), 7, NaN, 7);
            assertEquals("z-score on broadband needs at least two distinct values (every city with a value has 7), "
                    + "as a constant column has no standard deviation; use another scoring rule", e.getMessage());
            assertTrue(fails(rule, positive, Map.of(), NaN, 7).getMessage()
                    .startsWith("z-score on broadband needs at least two values to estimate a standard deviation"));
        }

        @Test
        void noValuesScoreNothing() {
            assertArrayEquals(v(NaN, NaN), rule.score(v(NaN, NaN), positive, Map.of()));
        }

        @Test
        void badParametersAreErrors() {
            assertEquals("z-score on broadband: parameter 'scale' must be above 0, not -10; for an indicator where "
                    + "lower is better, set its direction to negative",
                    fails(rule, positive, params("scale", -10L), 1, 2).getMessage());
            assertTrue(fails(rule, positive, params("scale", 0L), 1, 2).getMessage().contains("must be above 0, not 0"));
            assertEquals("z-score on broadband: parameter 'centre' must be between 0 and 100 (the score out of 100 "
                    + "of a city at the mean), not 120", fails(rule, positive, params("centre", 120L), 1, 2).getMessage());
            assertEquals("z-score on broadband: parameter 'centre' must be a number, not the text \"50\"",
                    fails(rule, positive, params("centre", "50"), 1, 2).getMessage());
            assertTrue(fails(rule, positive, params("center", 50L), 1, 2).getMessage()
                    .contains("unknown parameter 'center' (known: scale, centre)"));
        }
    }

    @Nested
    class Rank {
        final RankScoring rule = new RankScoring();
        final Indicator positive = leaf("patents", 6, Direction.POSITIVE, RankScoring.NAME);
        final Indicator negative = leaf("pm25", 6, Direction.NEGATIVE, RankScoring.NAME);

        @Test
        void tiesShareTheAverageRank() {
            // n = 4 values: 20 rank 1, the two 40s ranks 2 and 3 → 2.5 each, 60 rank 4
            // (rank − 1)/(n − 1) × 6 = 0, 1.5/3 × 6 = 3, 3, 6
            assertArrayEquals(v(0, 6, 3, NaN, 3), rule.score(v(20, 60, 40, NaN, 40), positive, Map.of()), EPS);
        }

        @Test
        void negativeDirectionRanksTheLowestBest() {
            // 20 rank 4 (best), 40s 2.5, 60 rank 1
            assertArrayEquals(v(6, 0, 3, NaN, 3), rule.score(v(20, 60, 40, NaN, 40), negative, Map.of()), EPS);
        }

        @Test
        void distancesDoNotCount() {
            // 1, 2, 1000: ranks 1, 2, 3 → 0, 3, 6 whatever the outlier
            assertArrayEquals(v(0, 3, 6), rule.score(v(1, 2, 1000), positive, Map.of()), EPS);
        }

        @Test
        void aLoneValueScoresFullPointsAndAllTiedScoreHalf() {
            assertArrayEquals(v(NaN, 6), rule.score(v(NaN, 3), positive, Map.of()), EPS);
            assertArrayEquals(v(6), rule.score(v(3), negative, Map.of()), EPS);
            // three tied: rank (1 + 2 + 3)/3 = 2 each, (2 − 1)/2 × 6 = 3
            assertArrayEquals(v(3, 3, 3), rule.score(v(7, 7, 7), positive, Map.of()), EPS);
            // −0.0 and 0.0 are the same value: ranks 1.5, 1.5, 3 → (1.5 − 1)/2 × 6 = 1.5
            assertArrayEquals(v(1.5, 1.5, 6), rule.score(v(-0.0, 0.0, 1), positive, Map.of()), EPS);
        }

        @Test
        void noValuesScoreNothing() {
            assertArrayEquals(v(NaN, NaN), rule.score(v(NaN, NaN), positive, Map.of()));
        }

        @Test
        void averageRanks() {
            assertArrayEquals(v(1, 4, 2.5, NaN, 2.5), RankScoring.averageRanks(v(20, 60, 40, NaN, 40), false), EPS);
            assertArrayEquals(v(4, 1, 2.5, NaN, 2.5), RankScoring.averageRanks(v(20, 60, 40, NaN, 40), true), EPS);
            assertArrayEquals(v(), RankScoring.averageRanks(v(), false));
        }

        @Test
        void parametersAreErrors() {
            assertEquals("rank on patents: unknown parameter 'ties' (known: none)",
                    fails(rule, positive, params("ties", "min"), 1, 2).getMessage());
        }
    }

    @Nested
    class DistanceToTarget {
        final DistanceToTargetScoring rule = new DistanceToTargetScoring();
        final Indicator positive = leaf("green_buildings", 4, Direction.POSITIVE, DistanceToTargetScoring.NAME);
        final Indicator negative = leaf("pm25", 4, Direction.NEGATIVE, DistanceToTargetScoring.NAME);

        @Test
        void positiveFromTheObservedMinimum() {
            // lower = 20 (observed), target 80: rate = (x − 20)/60 = 0, 0.5, 1, 1.25 → 1 (clamped); × 4
            assertArrayEquals(v(0, 2, 4, 4, NaN), rule.score(v(20, 50, 80, 95, NaN), positive, params("target", 80L)),
                    EPS);
        }

        @Test
        void positiveFromAGivenLower() {
            // lower 0: rate = x/80 = 0.25, 0.625, 1, 1 (clamped); a value below 'lower' scores 0
            assertArrayEquals(v(1, 2.5, 4, 4, 0), rule.score(v(20, 50, 80, 95, -10), positive,
                    params("target", 80L, "lower", 0L)), EPS);
        }

        @Test
        void negativeFromTheObservedMaximum() {
            // upper = 95 (observed), target 35: rate = (95 − x)/60 = 1.25 → 1, 1, 0.75, 0; × 4
            assertArrayEquals(v(4, 4, 3, 0, NaN), rule.score(v(20, 35, 50, 95, NaN), negative, params("target", 35L)),
                    EPS);
        }

        @Test
        void negativeFromAGivenUpper() {
            // upper 75: rate = (75 − x)/40 = 1.375 → 1, 1, 0.625, −0.5 → 0
            assertArrayEquals(v(4, 4, 2.5, 0), rule.score(v(20, 35, 50, 95), negative,
                    params("target", 35L, "upper", 75.0)), EPS);
        }

        @Test
        void whenEveryCityReachesTheTargetEveryCityScoresFull() {
            assertArrayEquals(v(4, 4, NaN), rule.score(v(90, 80, NaN), positive, params("target", 80L)), EPS);
            assertArrayEquals(v(4, 4), rule.score(v(20, 30), negative, params("target", 35L)), EPS);
            assertArrayEquals(v(0), rule.score(v(50), positive, params("target", 80L)), EPS,
                    "a lone value below the target is the observed minimum, so it scores 0");
        }

        @Test
        void noValuesScoreNothing() {
            assertArrayEquals(v(NaN, NaN), rule.score(v(NaN, NaN), positive, params("target", 1L)));
        }

        @Test
        void badParametersAreErrors() {
            assertEquals("distance-to-target on green_buildings needs the parameter 'target' (a number: the value at "
                    + "which a city scores the full weight)", fails(rule, positive, Map.of(), 1).getMessage());
            assertEquals("distance-to-target on green_buildings: parameter 'target' must be a number, not the text "
                    + "\"70%\"", fails(rule, positive, params("target", "70%"), 1).getMessage());
            assertEquals("distance-to-target on green_buildings: parameter 'lower' (80) must be below 'target' (80); "
                    + "for an indicator where lower is better, set its direction to negative",
                    fails(rule, positive, params("target", 80L, "lower", 80L), 1).getMessage());
            assertTrue(fails(rule, negative, params("target", 35L, "upper", 30L), 1).getMessage()
                    .startsWith("distance-to-target on pm25: parameter 'upper' (30) must be above 'target' (35)"));
            assertTrue(fails(rule, positive, params("target", 80L, "upper", 100L), 1).getMessage()
                    .startsWith("distance-to-target on green_buildings: parameter 'upper' is for an indicator where "
                            + "lower is better"));
            assertTrue(fails(rule, negative, params("target", 35L, "lower", 0L), 1).getMessage()
                    .startsWith("distance-to-target on pm25: parameter 'lower' is for an indicator where higher"));
            assertTrue(fails(rule, positive, params("target", 80L, "goal", 1L), 1).getMessage()
                    .contains("unknown parameter 'goal' (known: target, lower, upper)"));
        }
    }

    // ------------------------------------------------------------------------------------ aggregations

    @Nested
    class Geometric {
        final GeometricAggregation rule = new GeometricAggregation();

        @Test
        void equalWeights() {
            // rates 2.5/10 = 0.25 and 1: 20 × (0.25 × 1)^½ = 20 × 0.5 = 10 (weighted sum: 12.5)
            assertEquals(10, rule.aggregate(v(2.5, 10), v(10, 10), 20, Map.of()), EPS);
        }

        @Test
        void unequalWeights() {
            // weights 10, 30 → exponents ¼, ¾; rates 1/16 and 1: 40 × (1/16)^¼ × 1 = 40 × ½ = 20
            assertEquals(20, rule.aggregate(v(0.625, 30), v(10, 30), 40, Map.of()), EPS);
            // the parent's own weight scales the mean rate: 100 × ½ = 50
            assertEquals(50, rule.aggregate(v(0.625, 30), v(10, 30), 100, Map.of()), EPS);
            // three children, weights 1, 1, 2 → exponents ¼, ¼, ½; rates 0.5, 0.5, 0.25:
            // 0.5^¼ × 0.5^¼ × 0.25^½ = √0.5 × 0.5 ≈ 0.353553; × 8 ≈ 2.828427
            assertEquals(8 * Math.sqrt(0.5) * 0.5, rule.aggregate(v(0.5, 0.5, 0.5), v(1, 1, 2), 8, Map.of()), EPS);
        }

        @Test
        void equalRatesGiveTheWeightedSum() {
            // rates 3/5 = 9/15 = 0.6: 20 × 0.6 = 12
            assertEquals(12, rule.aggregate(v(3, 9), v(5, 15), 20, Map.of()), EPS);
        }

        @Test
        void betweenHarmonicAndArithmetic() {
            double[] p = v(1, 8, 3);
            double[] w = v(5, 10, 5);
            double arithmetic = new WeightedSumAggregation().aggregate(p, w, 20, Map.of());
            double geometric = rule.aggregate(p, w, 20, Map.of());
            double harmonic = new HarmonicAggregation().aggregate(p, w, 20, Map.of());
            assertTrue(harmonic < geometric && geometric < arithmetic, harmonic + " < " + geometric + " < " + arithmetic);
        }

        @Test
        void zeroOrNegativeScoresAreErrors() {
            IllegalArgumentException e = fails(rule, v(5, 0), v(10, 10), 20);
            assertEquals("geometric aggregation needs positive scores, but a child scores 0 or less (child 2 of 2: 0 "
                    + "of 10 points); shift the normalisation so that no city scores 0 (e.g. min-max or goalposts "
                    + "with a lower bound below the lowest value, or z-score) or use weighted-sum", e.getMessage());
            assertTrue(fails(rule, v(-1, 5), v(10, 10), 20).getMessage().contains("(child 1 of 2: -1 of 10 points)"));
        }

        @Test
        void childrenOfWeightZeroDoNotCount() {
            assertEquals(10, rule.aggregate(v(0, 10), v(0, 10), 10, Map.of()), EPS);
            assertEquals(0, rule.aggregate(v(0), v(0), 10, Map.of()), EPS);
        }

        @Test
        void parametersAreErrors() {
            assertEquals("geometric aggregation: unknown parameter 'p' (known: none)", assertThrows(
                    IllegalArgumentException.class, () -> rule.aggregate(v(1), v(1), 1, params("p", 2L))).getMessage());
        }
    }

    @Nested
    class Harmonic {
        final HarmonicAggregation rule = new HarmonicAggregation();

        @Test
        void equalWeights() {
            // rates 0.25 and 1: 20 × 2 / (1/0.25 + 1/1) = 20 × 2/5 = 8
            assertEquals(8, rule.aggregate(v(2.5, 10), v(10, 10), 20, Map.of()), EPS);
        }

        @Test
        void unequalWeights() {
            // weights 10, 30, rates 1/16 and 1: 40 × 40 / (10 × 16 + 30 × 1) = 40 × 40/190 = 8.421052…
            assertEquals(40 * 40 / 190.0, rule.aggregate(v(0.625, 30), v(10, 30), 40, Map.of()), EPS);
            assertEquals(8.4210526316, rule.aggregate(v(0.625, 30), v(10, 30), 40, Map.of()), 1e-9);
        }

        @Test
        void equalRatesGiveTheWeightedSum() {
            assertEquals(12, rule.aggregate(v(3, 9), v(5, 15), 20, Map.of()), EPS);
        }

        @Test
        void zeroScoresAreErrors() {
            assertTrue(fails(rule, v(0, 10), v(10, 10), 20).getMessage().startsWith(
                    "harmonic aggregation needs positive scores, but a child scores 0 or less (child 1 of 2: 0 of 10 "
                            + "points)"));
        }

        @Test
        void parametersAreErrors() {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> rule.aggregate(v(1), v(1), 1, params("p", 2L))).getMessage()
                    .startsWith("harmonic aggregation: unknown parameter 'p'"));
        }
    }

    @Nested
    class Topsis {
        final TopsisAggregation rule = new TopsisAggregation();

        @Test
        void twoCriteriaByHand() {
            // weights 30, 10 → v = 0.75, 0.25; points 24, 4 → rates 0.8, 0.4
            // d+ = √(0.5625 × 0.2² + 0.0625 × 0.6²) = √(0.0225 + 0.0225) = √0.045 ≈ 0.212132
            // d− = √(0.5625 × 0.8² + 0.0625 × 0.4²) = √(0.36 + 0.01) = √0.37 ≈ 0.608276
            // C = 0.608276 / 0.820408 ≈ 0.741431; × 40 ≈ 29.657246 (weighted sum: 28)
            double expected = 40 * Math.sqrt(0.37) / (Math.sqrt(0.045) + Math.sqrt(0.37));
            assertEquals(expected, rule.aggregate(v(24, 4), v(30, 10), 40, Map.of()), EPS);
            assertEquals(29.657245660844, rule.aggregate(v(24, 4), v(30, 10), 40, Map.of()), 1e-9);
        }

        @Test
        void oppositeRatesMeetHalfway() {
            // equal weights (½, ½), rates 1 and 0: d+ = √(¼ × 0 + ¼ × 1) = ½, d− = √(¼ × 1 + ¼ × 0) = ½: C = ½
            assertEquals(10, rule.aggregate(v(10, 0), v(10, 10), 20, Map.of()), EPS);
        }

        @Test
        void equalRatesGiveTheWeightedSumAndZeroIsAllowed() {
            // all rates r: d+ = (1 − r)·√Σv², d− = r·√Σv², C = r
            assertEquals(12, rule.aggregate(v(3, 9), v(5, 15), 20, Map.of()), EPS);
            assertEquals(0, rule.aggregate(v(0, 0), v(5, 15), 20, Map.of()), EPS);
            assertEquals(20, rule.aggregate(v(5, 15), v(5, 15), 20, Map.of()), EPS);
        }

        @Test
        void ratesAreClampedToTheScale() {
            // rate 12/10 = 1.2 counts as 1: both at the ideal
            assertEquals(20, rule.aggregate(v(12, 10), v(10, 10), 20, Map.of()), EPS);
        }

        @Test
        void childrenOfWeightZeroDoNotCount() {
            assertEquals(6, rule.aggregate(v(0, 6), v(0, 10), 10, Map.of()), EPS);
        }
    }

    // ------------------------------------------------------------------------------------ end to end

    @Nested
    class ThroughTheEngine {
        final City beijing = city("110000", "北京市", "北京市", false);
        final City shanghai = city("310000", "上海市", "上海市", false);
        final City hangzhou = city("330100", "杭州市", "浙江省", true);
        final EvaluationEngine engine = new EvaluationEngine(rules());

        /** total (weighted-sum) ← d (100, geometric) ← a (50), b (50) */
        EvaluationModel geometricModel(String leafScoring) {
            return model(node("d", 100, node("a", 50).scoring(leafScoring), node("b", 50).scoring(leafScoring))
                    .aggregation(GeometricAggregation.NAME));
        }

        @Test
        void geometricAggregationFavoursBalancedProfiles() throws Exception {
            CityDataset data = new Data("a", "b")
                    .row(beijing, 12.5, 50) // rates 0.25, 1: 100 × √0.25 = 50 (weighted sum 62.5)
                    .row(shanghai, 50, 2) // rates 1, 0.04: 100 × √0.04 = 20 (weighted sum 52)
                    .row(hangzhou, 18, 18) // rates 0.36, 0.36: 100 × 0.36 = 36 (weighted sum 36)
                    .build();
            EvaluationResult r = engine.evaluate(geometricModel(DirectPointsScoring.NAME), data);
            // the weighted sum would rank Shanghai (52) above Hangzhou (36); the geometric mean the other way round
            assertEquals(List.of("北京市", "杭州市", "上海市"), r.cities().stream().map(CityResult::name).toList());
            assertEquals(List.of(50.0, 36.0, 20.0), r.cities().stream().map(CityResult::score).toList());
            assertEquals(List.of(1, 2, 3), r.cities().stream().map(CityResult::rank).toList());
            assertEquals(50.0, r.cities().get(0).scores().get("d"));
            assertEquals(12.5, r.cities().get(0).scores().get("a"));
        }

        @Test
        void zScoredLeavesUnderAGeometricParent() throws Exception {
            CityDataset data = new Data("a", "b")
                    .row(beijing, 10, 5) // a: z −1 → 40% of 50; b (mean 10, sd 5): z −1 → 40%: 100 × 0.4 = 40
                    .row(shanghai, 20, 15) // a: z 0 → 50%; b: z 1 → 60%: 100 × √0.3 ≈ 54.77
                    .row(hangzhou, 30, 10) // a: z 1 → 60%; b: z 0 → 50%: 100 × √0.3 ≈ 54.77
                    .build();
            EvaluationResult r = engine.evaluate(geometricModel(ZScoreScoring.NAME), data);
            Map<String, Double> bj = r.cities().stream().filter(c -> c.name().equals("北京市")).findFirst()
                    .orElseThrow().scores();
            assertEquals(20.0, bj.get("a"));
            assertEquals(40.0, bj.get("d"));
            assertEquals(54.8, r.cities().get(0).score());
            assertEquals(1, r.cities().get(1).rank(), "Shanghai and Hangzhou tie");
        }

        @Test
        void aZeroUnderAGeometricParentStopsTheEvaluation() {
            CityDataset data = new Data("a", "b").row(beijing, 0, 50).row(shanghai, 50, 50).build();
            Exception e = assertThrows(Exception.class, () -> engine.evaluate(geometricModel(DirectPointsScoring.NAME),
                    data));
            assertTrue(e.getMessage().contains("geometric aggregation needs positive scores"), e.getMessage());
        }
    }
}
