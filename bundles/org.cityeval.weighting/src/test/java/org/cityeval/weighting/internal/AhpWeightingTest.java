package org.cityeval.weighting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.cityeval.api.spi.WeightingMethod.Result;
import org.junit.jupiter.api.Test;

class AhpWeightingTest {
    final AhpWeighting ahp = new AhpWeighting();

    /**
     * A matrix as a descriptor's JSON delivers it: whole numbers as Long, fractions as text ("1/3"), each
     * row one string of space-separated entries.
     */
    static List<List<Object>> matrix(String... rows) {
        List<List<Object>> out = new ArrayList<>();
        for (String row : rows) {
            List<Object> r = new ArrayList<>();
            for (String e : row.trim().split("\\s+")) {
                r.add(e.contains("/") ? e : (Object) Long.valueOf(e));
            }
            out.add(r);
        }
        return out;
    }

    static double[][] numbers(List<List<Object>> m) {
        double[][] a = new double[m.size()][];
        for (int i = 0; i < m.size(); i++) {
            a[i] = new double[m.size()];
            for (int j = 0; j < m.size(); j++) {
                a[i][j] = AhpWeighting.entry(m.get(i).get(j), "test");
            }
        }
        return a;
    }

    /** Asserts published values printed to 3 decimals: within half a unit of the last digit. */
    static void assertPublished(double[] published, double[] actual) {
        assertEquals(published.length, actual.length);
        for (int i = 0; i < published.length; i++) {
            assertEquals(published[i], actual[i], 0.0005 + 1e-12, "component " + (i + 1));
        }
    }

    static double sum(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        return s;
    }

    // --- Saaty's published examples -------------------------------------------------------------------

    /**
     * Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services Sciences
     * 1(1):83–98, the drink-consumption example ("Which drink is consumed more in the U.S.?"): coffee,
     * wine, tea, beer, sodas, milk, water. Published derived scale .177 .019 .042 .116 .190 .129 .327
     * (actual consumption .180 .010 .040 .120 .180 .140 .330). The paper prints no CR for it; python3 power
     * iteration gives λmax = 7.17663, CI = 0.029438 and, with Saaty's 1980 RI(7) = 1.32, CR = 0.022302.
     */
    @Test
    void saaty2008DrinkConsumption() {
        List<String> drinks = List.of("coffee", "wine", "tea", "beer", "sodas", "milk", "water");
        List<List<Object>> m = matrix(
                "1   9 5   2   1   1   1/2",
                "1/9 1 1/3 1/9 1/9 1/9 1/9",
                "1/5 3 1   1/3 1/4 1/3 1/9",
                "1/2 9 3   1   1/2 1   1/3",
                "1   9 4   2   1   2   1/2",
                "1   9 3   1   1/2 1   1/3",
                "2   9 9   3   2   3   1");
        Result r = ahp.weights(null, drinks, Map.of("matrix", m));
        assertPublished(new double[] {.177, .019, .042, .116, .190, .129, .327}, r.weights());
        assertEquals(1, sum(r.weights()), 1e-12);

        AhpWeighting.Analysis a = AhpWeighting.analyse(numbers(m));
        assertEquals(7.176629, a.lambdaMax(), 1e-6);
        assertEquals(0.029438, a.ci(), 1e-6);
        assertEquals(0.022302, a.cr(), 1e-6);
        assertEquals("ahp: λmax = 7.177, CI = (λmax − m)/(m − 1) = 0.029, RI = 1.32 (Saaty 1980, m = 7), "
                + "CR = CI/RI = 0.022", r.notes().get(0));
    }

    /**
     * Saaty (1990), "How to make a decision: the analytic hierarchy process", EJOR 48:9–26 (the house
     * example, also in Saaty 1980): eight criteria for buying a house. Published priorities .173 .054 .188
     * .018 .031 .036 .167 .333 with λmax = 9.669, C.I. = 0.238, C.R. = 0.169 (RI(8) = 1.41), i.e. beyond
     * 0.10: rejected unless forced. python3 power iteration: λmax = 9.668887, CI = 0.238412, CR = 0.169087;
     * the largest a_ij·w_j/w_i deviation is neighbourhood vs general condition, judged 6, implied
     * w3/w7 = 1.1275.
     */
    static final List<String> HOUSE = List.of("size", "transport", "neighborhood", "age", "yard", "facilities",
            "condition", "financing");
    static final List<List<Object>> HOUSE_MATRIX = matrix(
            "1   5   3   7 6   6   1/3 1/4",
            "1/5 1   1/3 5 3   3   1/5 1/7",
            "1/3 3   1   6 3   4   6   1/5",
            "1/7 1/5 1/6 1 1/3 1/4 1/7 1/8",
            "1/6 1/3 1/3 3 1   1/2 1/5 1/6",
            "1/6 1/3 1/4 4 2   1   1/5 1/6",
            "3   5   1/6 7 5   5   1   1/2",
            "4   7   5   8 6   6   2   1");

    @Test
    void saaty1990HouseIsInconsistentAndRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ahp.weights(null, HOUSE, Map.of("matrix", HOUSE_MATRIX)));
        assertEquals("ahp: inconsistent judgements: CR = 0.169 > 0.10; revise the matrix or set force (the "
                + "judgement furthest from the weights is matrix[3][7] (neighborhood vs condition) = 6 where the "
                + "weights imply 1.13)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ahp.weights(null, HOUSE, Map.of("matrix", HOUSE_MATRIX, "force", false)));
        assertTrue(e.getMessage().startsWith("ahp: inconsistent judgements: CR = 0.169"), e.getMessage());
    }

    @Test
    void saaty1990HouseAcceptedWithForce() {
        Result r = ahp.weights(null, HOUSE, Map.of("matrix", HOUSE_MATRIX, "force", true));
        assertPublished(new double[] {.173, .054, .188, .018, .031, .036, .167, .333}, r.weights());
        AhpWeighting.Analysis a = AhpWeighting.analyse(numbers(HOUSE_MATRIX));
        assertEquals(9.669, a.lambdaMax(), 0.0005);
        assertEquals(0.238, a.ci(), 0.0005);
        assertEquals(0.169, a.cr(), 0.0005);
        assertEquals(1.41, a.ri());
        assertEquals("ahp: λmax = 9.669, CI = (λmax − m)/(m − 1) = 0.238, RI = 1.41 (Saaty 1980, m = 8), "
                + "CR = CI/RI = 0.169", r.notes().get(0));
        assertEquals("ahp: inconsistent judgements: CR = 0.169 > 0.10, accepted because force is set (the "
                + "judgement furthest from the weights is matrix[3][7] (neighborhood vs condition) = 6 where the "
                + "weights imply 1.13)", r.notes().get(1));
    }

    /**
     * A published 3×3 example: the "Experience" comparison of the AHP leader example (Wikipedia, "Analytic
     * hierarchy process – leader example", after Saaty): Tom, Dick, Harry with priorities .217 .717 .066.
     * Verified with python3 power iteration: w = (0.217166, 0.717065, 0.065769), λmax = 3.036896,
     * CI = 0.018448, CR = CI/0.58 = 0.031807 with Saaty's 1980 RI(3).
     */
    @Test
    void leaderExampleExperience3x3() {
        List<List<Object>> m = matrix("1 1/4 4", "4 1 9", "1/4 1/9 1");
        Result r = ahp.weights(null, List.of("tom", "dick", "harry"), Map.of("matrix", m));
        assertPublished(new double[] {.217, .717, .066}, r.weights());
        assertArrayEquals(new double[] {0.217166, 0.717065, 0.065769}, r.weights(), 1e-6);
        AhpWeighting.Analysis a = AhpWeighting.analyse(numbers(m));
        assertEquals(3.036896, a.lambdaMax(), 1e-6);
        assertEquals(0.018448, a.ci(), 1e-6);
        assertEquals(0.031807, a.cr(), 1e-6);
    }

    // --- constructed, exactly known ------------------------------------------------------------------

    /**
     * A perfectly consistent matrix a_ij = w_i / w_j built from w = (0.4, 0.3, 0.2, 0.1) has the rank-one
     * form w (1/w)ᵀ, so A w = m w: the eigenvector is w itself, λmax = m = 4 and CI = CR = 0.
     */
    @Test
    void consistentMatrixReturnsItsWeightsExactly() {
        double[] w = {0.4, 0.3, 0.2, 0.1};
        List<List<Object>> m = new ArrayList<>();
        for (double wi : w) {
            List<Object> row = new ArrayList<>();
            for (double wj : w) {
                row.add(wi / wj);
            }
            m.add(row);
        }
        Result r = ahp.weights(null, List.of("a", "b", "c", "d"), Map.of("matrix", m));
        assertArrayEquals(w, r.weights(), 1e-12);
        AhpWeighting.Analysis a = AhpWeighting.analyse(numbers(m));
        assertEquals(4, a.lambdaMax(), 1e-12);
        assertEquals(0, a.ci(), 1e-12);
        assertEquals(0, a.cr(), 1e-12);
    }

    /** Seven children with weights 7:6:5:4:3:2:1 (Σ = 28), the ratios written as texts "7/6", ... */
    @Test
    void consistentSevenFromFractionTexts() {
        int n = 7;
        List<List<Object>> m = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                row.add((n - i) + "/" + (n - j));
            }
            m.add(row);
        }
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = (n - i) / 28.0;
        }
        List<String> ids = List.of("a", "b", "c", "d", "e", "f", "g");
        assertArrayEquals(expected, ahp.weights(null, ids, Map.of("matrix", m)).weights(), 1e-12);
    }

    /** m ≤ 2: every reciprocal matrix is consistent; [[1, 3], [1/3, 1]] gives 3/4 and 1/4. */
    @Test
    void twoChildrenAlwaysConsistent() {
        Result r = ahp.weights(null, List.of("a", "b"), Map.of("matrix", matrix("1 3", "1/3 1")));
        assertArrayEquals(new double[] {0.75, 0.25}, r.weights(), 1e-12);
        assertEquals("ahp: λmax = 2.000, CI = (λmax − m)/(m − 1) = 0.000, RI = 0.00 (Saaty 1980, m = 2), "
                + "CR = CI/RI = 0.000 (m ≤ 2: always consistent)", r.notes().get(0));
        assertArrayEquals(new double[] {1}, ahp.weights(null, List.of("a"), Map.of("matrix", matrix("1")))
                .weights(), 0);
    }

    /** A cyclic 3×3 (a ≻ b 9, b ≻ c 9, c ≻ a 9): λmax = 1 + 9 + 1/9 = 10.111, CI = 3.556, CR = 6.130. */
    @Test
    void cyclicJudgementsAreRejectedAndForceable() {
        List<List<Object>> m = matrix("1 9 1/9", "1/9 1 9", "9 1/9 1");
        List<String> ids = List.of("a", "b", "c");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ahp.weights(null, ids, Map.of("matrix", m)));
        assertTrue(e.getMessage().startsWith("ahp: inconsistent judgements: CR = 6.130 > 0.10; revise the matrix "
                + "or set force"), e.getMessage());
        Result r = ahp.weights(null, ids, Map.of("matrix", m, "force", true));
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, r.weights(), 1e-12);
        assertTrue(r.notes().get(1).contains("accepted because force is set"), r.notes().get(1));
    }

    // --- bad input --------------------------------------------------------------------------------------

    IllegalArgumentException fails(List<String> ids, Map<String, Object> p) {
        return assertThrows(IllegalArgumentException.class, () -> ahp.weights(null, ids, p));
    }

    @Test
    void reciprocityIsCheckedWithinOneMillionth() {
        List<String> ids = List.of("a", "b", "c");
        List<List<Object>> ok = List.of(List.of(1L, 3L, 0.2), List.of(0.333333, 1L, 0.142857),
                List.of(5L, 7L, 1L));
        ahp.weights(null, ids, Map.of("matrix", ok));
        List<List<Object>> bad = List.of(List.of(1L, 3L, 0.2), List.of(0.33, 1L, 0.142857), List.of(5L, 7L, 1L));
        assertEquals("ahp: matrix[1][2] (a vs b) = 3 and matrix[2][1] (b vs a) = 0.33 are not reciprocal: with 3 "
                + "the other must be 1/3 = 0.333333 (write it \"1/3\")", fails(ids, Map.of("matrix", bad)).getMessage());
    }

    @Test
    void diagonalSignAndShapeAreChecked() {
        List<String> ids = List.of("a", "b");
        assertEquals("ahp: matrix[2][2] (b vs b) is 2; a child compared with itself is 1",
                fails(ids, Map.of("matrix", matrix("1 3", "1/3 2"))).getMessage());
        assertEquals("ahp: matrix[1][2] (a vs b) is -3; judgements are positive ratios (1/9 … 9 on Saaty's scale)",
                fails(ids, Map.of("matrix", matrix("1 -3", "1/3 1"))).getMessage());
        assertEquals("ahp: parameter 'matrix' has 1 row but there are 2 children (a, b); it needs 2 rows of 2",
                fails(ids, Map.of("matrix", matrix("1 3"))).getMessage());
        assertEquals("ahp: parameter 'matrix': row 2 (b) must be a list of 2 judgements, not a list of 3",
                fails(ids, Map.of("matrix", matrix("1 3", "1/3 1 1"))).getMessage());
        assertEquals("ahp: matrix[1][2] (a vs b) must be a number or a fraction such as \"1/3\", not the text "
                + "\"three\"", fails(ids, Map.of("matrix", List.of(List.of(1L, "three"), List.of("1/3", 1L))))
                        .getMessage());
        assertEquals("ahp needs the parameter 'matrix': 2 rows of 2 pairwise judgements, row i saying how much "
                + "more important child i is than each child j", fails(ids, Map.of()).getMessage());
    }

    @Test
    void parametersAreChecked() {
        List<String> ids = List.of("a", "b");
        assertEquals("ahp: unknown parameter 'forced' (known: matrix, force)",
                fails(ids, Map.of("matrix", matrix("1 3", "1/3 1"), "forced", true)).getMessage());
        assertEquals("ahp: parameter 'force' must be true or false, not the text \"yes\"",
                fails(ids, Map.of("matrix", matrix("1 3", "1/3 1"), "force", "yes")).getMessage());
        List<String> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add("c" + i);
        }
        List<List<Object>> ones = Collections.nCopies(16, Collections.nCopies(16, (Object) 1L));
        assertTrue(fails(sixteen, Map.of("matrix", ones)).getMessage().startsWith(
                "ahp: 16 children are too many to compare pairwise; Saaty's random index"));
    }
}
