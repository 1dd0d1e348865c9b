package org.cityeval.weighting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.spi.WeightingMethod;
import org.cityeval.api.spi.WeightingMethod.Result;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** equal, fixed and expert-survey: judgement-based methods that ignore the data. */
class SimpleWeightingTest {
    static final List<String> ABCD = List.of("a", "b", "c", "d");

    static IllegalArgumentException fails(WeightingMethod method, List<String> children, Map<String, Object> p) {
        return assertThrows(IllegalArgumentException.class, () -> method.weights(null, children, p));
    }

    @Nested
    class Equal {
        final EqualWeighting equal = new EqualWeighting();

        @Test
        void oneOverM() {
            Result r = equal.weights(null, ABCD, Map.of());
            assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, r.weights(), 0);
            assertEquals(List.of("equal: 1/4 = 0.2500 each"), r.notes());
            assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
                    equal.weights(new double[][] {{1, 2, 3}}, List.of("x", "y", "z"), null).weights(), 0);
        }

        @Test
        void noParametersNoDuplicates() {
            assertEquals("equal: unknown parameter 'points' (known: none)",
                    fails(equal, ABCD, Map.of("points", List.of(1L))).getMessage());
            assertEquals("equal: the child 'a' appears twice", fails(equal, List.of("a", "b", "a"), Map.of())
                    .getMessage());
            assertEquals("equal: there are no children to weight", fails(equal, List.of(), Map.of()).getMessage());
        }
    }

    @Nested
    class Fixed {
        final FixedWeighting fixed = new FixedWeighting();

        /** Points 30, 20, 50 (Σ = 100) → 0.3, 0.2, 0.5; as a list, and as an object in another order. */
        @Test
        void pointsNormalised() {
            List<String> ids = List.of("gov", "infra", "econ");
            Result r = fixed.weights(null, ids, Map.of("points", List.of(30L, 20L, 50L)));
            assertArrayEquals(new double[] {0.3, 0.2, 0.5}, r.weights(), 1e-15);
            assertEquals(List.of("fixed: points gov 30, infra 20, econ 50 (total 100) normalised to weights "
                    + "gov 0.3000, infra 0.2000, econ 0.5000"), r.notes());
            Map<String, Object> byId = new LinkedHashMap<>();
            byId.put("econ", 5L);
            byId.put("gov", 3.0);
            byId.put("infra", 2L);
            assertArrayEquals(new double[] {0.3, 0.2, 0.5}, fixed.weights(null, ids, Map.of("points", byId)).weights(),
                    1e-15);
            // 1, 1, 2 → 1/4, 1/4, 1/2; a zero is allowed and weighs 0
            assertArrayEquals(new double[] {0.25, 0.25, 0.5, 0}, fixed.weights(null, ABCD,
                    Map.of("points", List.of(1L, 1L, 2L, 0L))).weights(), 1e-15);
        }

        @Test
        void badPoints() {
            assertEquals("fixed: parameter 'points' does not name c, d; every child needs a value",
                    fails(fixed, ABCD, Map.of("points", Map.of("a", 1L, "b", 2L))).getMessage());
            assertEquals("fixed: parameter 'points' names 'e', which is not a child (children: a, b, c, d)",
                    fails(fixed, ABCD, Map.of("points", Map.of("a", 1L, "b", 2L, "c", 1L, "d", 1L, "e", 1L)))
                            .getMessage());
            assertEquals("fixed: parameter 'points' for 'b' is negative (-2); points are 0 or more",
                    fails(fixed, ABCD, Map.of("points", List.of(1L, -2L, 3L, 4L))).getMessage());
            assertEquals("fixed: parameter 'points' are all 0; at least one child needs points",
                    fails(fixed, ABCD, Map.of("points", List.of(0L, 0L, 0.0, 0L))).getMessage());
            assertEquals("fixed: parameter 'points' has 3 values but there are 4 children (a, b, c, d); give one per "
                    + "child, in this order, or an object naming each child",
                    fails(fixed, ABCD, Map.of("points", List.of(1L, 2L, 3L))).getMessage());
            assertEquals("fixed: parameter 'points' for 'c' must be a number, not the text \"x\"",
                    fails(fixed, ABCD, Map.of("points", List.of(1L, 2L, "x", 3L))).getMessage());
            assertEquals("fixed needs the parameter 'points': an object child id → points, or a list of points in "
                    + "child order", fails(fixed, ABCD, Map.of()).getMessage());
        }
    }

    @Nested
    class ExpertSurvey {
        final ExpertSurveyWeighting survey = new ExpertSurveyWeighting();

        /**
         * Guomai PSDF 2024, "Weighting: expert scoring": C_j = Σ_i C_ij / Σ_i Σ_j C_ij (× 100 for points).
         * Three experts rate four indicators:
         *
         * <pre>
         *            a  b  c  d
         * expert 1   6  5  3  2
         * expert 2   5  5  4  1
         * expert 3   6  4  3  3
         * Σ_i       17 14 10  6   Σ = 47
         * </pre>
         *
         * so w = 17/47, 14/47, 10/47, 6/47 = 0.361702, 0.297872, 0.212766, 0.127660 and the points are
         * 36.17, 29.79, 21.28, 12.77.
         */
        @Test
        void guomaiFormulaByHand() {
            List<Object> ratings = List.of(List.of(6L, 5L, 3L, 2L), List.of(5L, 5L, 4L, 1L),
                    Map.of("d", 3L, "c", 3L, "b", 4L, "a", 6L));
            Result r = survey.weights(null, ABCD, Map.of("ratings", ratings));
            assertArrayEquals(new double[] {17 / 47.0, 14 / 47.0, 10 / 47.0, 6 / 47.0}, r.weights(), 1e-15);
            assertEquals(List.of(
                    "expert-survey: 3 experts rated 4 children from 1 to 6; rating sums a 17, b 14, c 10, d 6 of 47",
                    "expert-survey: points out of 100 (C_j = Σ_i C_ij / Σ_i Σ_j C_ij × 100): a 36.17, b 29.79, "
                            + "c 21.28, d 12.77"), r.notes());
        }

        @Test
        void namedExperts() {
            Map<String, Object> ratings = new LinkedHashMap<>();
            ratings.put("Li", List.of(6L, 2L));
            ratings.put("Wang", List.of(4.0, 4L));
            assertArrayEquals(new double[] {10 / 16.0, 6 / 16.0},
                    survey.weights(null, List.of("x", "y"), Map.of("ratings", ratings)).weights(), 1e-15);
            ratings.put("Zhao", List.of(7L, 1L));
            assertEquals("expert-survey: expert 'Zhao', child 'x': the rating 7 is not allowed; a rating must be a "
                    + "whole number from 1 (very unimportant) to 6 (very important)",
                    fails(survey, List.of("x", "y"), Map.of("ratings", ratings)).getMessage());
        }

        @Test
        void ratingOutsideOneToSixNamesExpertAndChild() {
            assertEquals("expert-survey: expert 2, child 'c': the rating 0 is not allowed; a rating must be a whole "
                    + "number from 1 (very unimportant) to 6 (very important)", fails(survey, ABCD, Map.of("ratings",
                            List.of(List.of(6L, 5L, 3L, 2L), List.of(5L, 5L, 0L, 1L)))).getMessage());
            assertEquals("expert-survey: expert 1, child 'b': the rating 4.5 is not allowed; a rating must be a "
                    + "whole number from 1 (very unimportant) to 6 (very important)", fails(survey, ABCD,
                            Map.of("ratings", List.of(List.of(6L, 4.5, 3L, 2L)))).getMessage());
            assertEquals("expert-survey: expert 1, child 'a': the rating must be a whole number from 1 (very "
                    + "unimportant) to 6 (very important), not the text \"high\"", fails(survey, ABCD,
                            Map.of("ratings", List.of(List.of("high", 4L, 3L, 2L)))).getMessage());
            assertEquals("expert-survey: expert 1 does not name d; every child needs a value", fails(survey, ABCD,
                    Map.of("ratings", List.of(Map.of("a", 1L, "b", 2L, "c", 3L)))).getMessage());
            assertEquals("expert-survey: expert 1 has 3 values but there are 4 children (a, b, c, d); give one per "
                    + "child, in this order, or an object naming each child", fails(survey, ABCD,
                            Map.of("ratings", List.of(List.of(1L, 2L, 3L)))).getMessage());
            assertEquals("expert-survey: parameter 'ratings' has no experts",
                    fails(survey, ABCD, Map.of("ratings", List.of())).getMessage());
        }
    }
}
