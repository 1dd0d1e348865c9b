package org.cityeval.engine.internal;

import static org.cityeval.engine.internal.RuleFixtures.leaf;
import static org.cityeval.engine.internal.RuleFixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cityeval.api.model.Direction;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.ScoringRule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScoringRulesTest {
    static final double NaN = Double.NaN;
    static final double EPS = 1e-12;

    static IllegalArgumentException fails(ScoringRule rule, Indicator leaf, Map<String, Object> p, double... raw) {
        return assertThrows(IllegalArgumentException.class, () -> rule.score(raw, leaf, p));
    }

    @Nested
    class Ordinal {
        final OrdinalScoring rule = new OrdinalScoring();
        final Indicator platform = leaf("data_platform", 5, Direction.POSITIVE, OrdinalScoring.NAME);

        /** A unified data platform: built, partly built, planned, none, as JSON delivers them. */
        final Map<String, Object> levels = params("levels", List.of(
                Map.of("value", 3L, "label", Map.of("zh", "已建成统一平台", "en", "unified platform built"), "share", 1.0),
                Map.of("value", 2L, "label", "部分建成", "share", 0.6),
                Map.of("value", 1L, "label", Map.of("zh", "规划中"), "share", 0.2),
                Map.of("value", 0L, "label", "无", "share", 0L)));

        @Test
        void eachLevelScoresItsShareOfTheWeight() {
            assertArrayEquals(new double[] {5, 3, 1, 0, NaN, 5}, rule.score(new double[] {3, 2, 1, 0, NaN, 3.0},
                    platform, levels), EPS);
        }

        @Test
        void levelValuesMayBeDecimals() {
            Map<String, Object> p = params("levels", List.of(Map.of("value", 0.5, "share", 0.5),
                    Map.of("value", -1L, "share", 0.25)));
            assertArrayEquals(new double[] {2.5, 1.25}, rule.score(new double[] {0.5, -1}, platform, p), EPS);
        }

        @Test
        void aValueThatIsNoLevelIsAnError() {
            IllegalArgumentException e = fails(rule, platform, levels, 3, 4, NaN);
            assertEquals("ordinal on data_platform: the value 4 is not one of its levels; allowed: "
                    + "3 = 已建成统一平台 (unified platform built); 2 = 部分建成; 1 = 规划中; 0 = 无", e.getMessage());
            e = fails(rule, platform, levels, 2.5, 7, 2.5);
            assertTrue(e.getMessage().startsWith("ordinal on data_platform: the values 2.5, 7 are not among its levels"),
                    e.getMessage());
        }

        @Test
        void badLevelsAreErrors() {
            assertTrue(fails(rule, platform, Map.of(), 1).getMessage()
                    .startsWith("ordinal on data_platform needs the parameter 'levels'"));
            assertTrue(fails(rule, platform, params("levels", "3=1.0"), 1).getMessage()
                    .contains("must be a non-empty list"));
            assertTrue(fails(rule, platform, params("levels", List.of()), 1).getMessage().contains("not an empty list"));
            assertTrue(fails(rule, platform, params("levels", List.of(3L)), 1).getMessage()
                    .contains("level 1 must be an object"));
            assertEquals("ordinal on data_platform: level 1: 'value' must be a number, not the text \"three\"",
                    fails(rule, platform, params("levels", List.of(Map.of("value", "three", "share", 1.0))), 1)
                            .getMessage());
            assertTrue(fails(rule, platform, params("levels", List.of(Map.of("share", 1.0))), 1).getMessage()
                    .contains("level 1 needs a 'value'"));
            assertTrue(fails(rule, platform, params("levels", List.of(Map.of("value", 1L))), 1).getMessage()
                    .contains("level 1 needs a 'share'"));
            assertTrue(fails(rule, platform, params("levels", List.of(Map.of("value", 1L, "share", 1.5))), 1)
                    .getMessage().contains("'share' must be between 0 and 1, not 1.5"));
            assertTrue(fails(rule, platform, params("levels", List.of(Map.of("value", 1L, "share", 1L, "points", 5L))),
                    1).getMessage().contains("unknown field 'points'"));
            assertTrue(fails(rule, platform, params("levels", List.of(Map.of("value", 1L, "share", 1L),
                    Map.of("value", 1.0, "share", 0.5))), 1).getMessage()
                    .contains("level 2: the value 1 is already level 1's"));
            assertTrue(fails(rule, platform, params("levels", List.of(Map.of("value", 1L, "share", 1L, "label", 7L))),
                    1).getMessage().contains("'label' must be a text"));
            assertTrue(fails(rule, platform, params("levels", List.of(Map.of("value", 1L, "share", 1L)), "scale", 2L),
                    1).getMessage().contains("unknown parameter 'scale'"));
        }
    }

    @Nested
    class MinMax {
        final MinMaxScoring rule = new MinMaxScoring();
        final Indicator positive = leaf("broadband", 10, Direction.POSITIVE, MinMaxScoring.NAME);
        final Indicator negative = leaf("commute", 10, Direction.NEGATIVE, MinMaxScoring.NAME);

        @Test
        void observedBounds() {
            assertArrayEquals(new double[] {0, 10, 5, NaN, 2.5}, rule.score(new double[] {20, 60, 40, NaN, 30},
                    positive, Map.of()), EPS);
        }

        @Test
        void negativeDirection() {
            assertArrayEquals(new double[] {10, 0, 5, NaN, 7.5}, rule.score(new double[] {20, 60, 40, NaN, 30},
                    negative, Map.of()), EPS);
        }

        @Test
        void explicitBoundsAndClamping() {
            Map<String, Object> p = params("min", 0L, "max", 100L);
            assertArrayEquals(new double[] {2, 6, 0, 10, 10}, rule.score(new double[] {20, 60, -5, 100, 130},
                    positive, p), EPS);
            assertArrayEquals(new double[] {8, 4, 10, 0, 0}, rule.score(new double[] {20, 60, -5, 100, 130},
                    negative, p), EPS);
        }

        @Test
        void oneExplicitBound() {
            assertArrayEquals(new double[] {5, 10, 7.5}, rule.score(new double[] {50, 100, 75}, positive,
                    params("min", 0.0)), EPS, "max observed: 100");
            assertArrayEquals(new double[] {0, 5, 2.5}, rule.score(new double[] {50, 100, 75}, positive,
                    params("max", 150L)), EPS, "min observed: 50");
        }

        @Test
        void aConstantColumnIsAnError() {
            IllegalArgumentException e = fails(rule, positive, Map.of(), 7, NaN, 7);
            assertTrue(e.getMessage().startsWith("min-max on broadband needs at least two distinct values"),
                    e.getMessage());
            assertTrue(fails(rule, positive, Map.of(), 7).getMessage().contains("two distinct values"));
            assertArrayEquals(new double[] {7, 7}, rule.score(new double[] {7, 7}, positive,
                    params("min", 0L, "max", 10L)), EPS, "explicit bounds need no spread");
        }

        @Test
        void noValuesScoreNothing() {
            assertArrayEquals(new double[] {NaN, NaN}, rule.score(new double[] {NaN, NaN}, positive, Map.of()));
        }

        @Test
        void badParametersAreErrors() {
            assertEquals("min-max on broadband: parameter 'min' (10) must be below 'max' (5)",
                    fails(rule, positive, params("min", 10L, "max", 5L), 1, 2).getMessage());
            assertEquals("min-max on broadband: parameter 'max' must be a number, not the text \"100\"",
                    fails(rule, positive, params("max", "100"), 1, 2).getMessage());
            assertTrue(fails(rule, positive, params("min", List.of(0L)), 1, 2).getMessage().endsWith("not a list"));
            assertTrue(fails(rule, positive, params("min", 80L), 50, 60).getMessage()
                    .contains("the minimum 80 (given) is not below the maximum 60 (observed)"));
            assertTrue(fails(rule, positive, params("minimum", 0L), 1, 2).getMessage()
                    .contains("unknown parameter 'minimum' (known: min, max)"));
        }
    }

    @Nested
    class Goalposts {
        final GoalpostsScoring rule = new GoalpostsScoring();
        final Indicator positive = leaf("base_stations", 4, Direction.POSITIVE, GoalpostsScoring.NAME);
        final Indicator negative = leaf("pm25", 4, Direction.NEGATIVE, GoalpostsScoring.NAME);
        final Map<String, Object> p = params("lower", 10L, "upper", 30.0);

        @Test
        void positiveDirection() {
            assertArrayEquals(new double[] {0, 2, 4, 1, NaN}, rule.score(new double[] {10, 20, 30, 15, NaN}, positive, p),
                    EPS);
        }

        @Test
        void negativeDirection() {
            assertArrayEquals(new double[] {4, 2, 0, 3, NaN}, rule.score(new double[] {10, 20, 30, 15, NaN}, negative, p),
                    EPS);
        }

        @Test
        void clamping() {
            assertArrayEquals(new double[] {0, 4}, rule.score(new double[] {-5, 45}, positive, p), EPS);
            assertArrayEquals(new double[] {4, 0}, rule.score(new double[] {-5, 45}, negative, p), EPS);
        }

        @Test
        void missingOrIllTypedParametersAreErrors() {
            assertEquals("goalposts on base_stations needs the parameter 'lower' (a number; give 'lower' and 'upper' "
                    + "with lower < upper)", fails(rule, positive, Map.of(), 1).getMessage());
            assertTrue(fails(rule, positive, params("lower", 0L), 1).getMessage()
                    .startsWith("goalposts on base_stations needs the parameter 'upper'"));
            assertEquals("goalposts on base_stations: parameter 'upper' must be a number, not true",
                    fails(rule, positive, params("lower", 0L, "upper", true), 1).getMessage());
            assertTrue(fails(rule, positive, params("lower", 30L, "upper", 10L), 1).getMessage()
                    .startsWith("goalposts on base_stations: parameter 'lower' (30) must be below 'upper' (10)"));
            assertTrue(fails(rule, positive, params("lower", 10L, "upper", 10L), 1).getMessage()
                    .contains("must be below"));
            assertTrue(fails(rule, positive, params("lower", Double.NaN, "upper", 10L), 1).getMessage()
                    .contains("must be a finite number"));
        }
    }
}
