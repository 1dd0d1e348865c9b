package org.cityeval.engine.internal;

import static org.cityeval.engine.internal.RuleFixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code genmean} and {@code copeland}: the documented examples, the limits, and the batch forms. */
class GenmeanCopelandTest {
    static final double EPS = 1e-12;
    static final double NaN = Double.NaN;
    final GeneralisedMeanAggregation genmean = new GeneralisedMeanAggregation();
    final CopelandAggregation copeland = new CopelandAggregation();

    static double[] v(double... values) {
        return values;
    }

    @Test
    void genmeanDocumentedExample() {
        // 40 × √((10 × 0.0625 + 30 × 0.64) / 40)
        assertEquals(40 * Math.sqrt(19.825 / 40), genmean.aggregate(v(2.5, 24), v(10, 30), 40, params("p", 2L)), EPS);
        assertEquals(28.16, genmean.aggregate(v(2.5, 24), v(10, 30), 40, params("p", 2L)), 0.005);
    }

    @Test
    void genmeanOfOneIsTheWeightedSumAndOfMinusOneTheHarmonicMean() {
        double[] p = v(1, 8, 3);
        double[] w = v(5, 10, 5);
        assertEquals(new WeightedSumAggregation().aggregate(p, w, 20, Map.of()),
                genmean.aggregate(p, w, 20, params("p", 1L)), 1e-12);
        assertEquals(new HarmonicAggregation().aggregate(p, w, 20, Map.of()),
                genmean.aggregate(p, w, 20, params("p", -1L)), 1e-12);
        // near 0 it approaches the geometric mean
        assertEquals(new GeometricAggregation().aggregate(p, w, 20, Map.of()),
                genmean.aggregate(p, w, 20, params("p", 1e-9)), 1e-5);
    }

    @Test
    void genmeanParameterErrors() {
        assertEquals("genmean aggregation needs the parameter 'p' (the exponent of the mean, e.g. 2; 1 is the "
                + "weighted sum, -1 the harmonic mean)", assertThrows(IllegalArgumentException.class,
                        () -> genmean.aggregate(v(1), v(1), 1, Map.of())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> genmean.aggregate(v(1), v(1), 1, params("p", 0L))).getMessage().contains("use the rule 'geometric'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> genmean.aggregate(v(0, 1), v(1, 1), 1, params("p", -2L))).getMessage()
                        .startsWith("genmean (p < 0) aggregation needs positive scores"));
        assertEquals("genmean aggregation: unknown parameter 'q' (known: p)", assertThrows(
                IllegalArgumentException.class, () -> genmean.bind(params("q", 2L))).getMessage());
    }

    @Test
    void genmeanBatchFormEqualsTheScalarForm() {
        double[][] kids = { v(2.5, 5, NaN), v(24, 12, 30) };
        double[] out = new double[3];
        genmean.bind(params("p", 3L)).aggregate(kids, v(10, 30), 40, true, 3, out);
        assertEquals(genmean.aggregate(v(2.5, 24), v(10, 30), 40, params("p", 3L)), out[0], 0);
        assertEquals(genmean.aggregate(v(5, 12), v(10, 30), 40, params("p", 3L)), out[1], 0);
        // renormalised over the one scored child: its rate × the parent's weight
        assertEquals(40, out[2], EPS);
    }

    @Test
    void copelandDocumentedExample() {
        double[][] x = { v(0.9, 0.1), v(0.5, 0.5), v(0.2, 0.8) };
        assertArrayEquals(v(0, 0, 0), CopelandAggregation.copeland(x, v(1, 1)), 0);
        assertArrayEquals(v(-2, 0, 2), CopelandAggregation.copeland(x, v(1, 3)), 0);
        // as a node of weight 40: children of weights 10 and 30 hold rate × weight points
        double[][] kids = { v(9, 5, 2), v(3, 15, 24) };
        double[] out = new double[3];
        copeland.bind(Map.of()).aggregate(kids, v(10, 30), 40, false, 3, out);
        assertArrayEquals(v(0, 20, 40), out, EPS);
        // analysis.md: the first unit's generalised means under the same node
        assertEquals(18.33, genmean.aggregate(v(9, 3), v(10, 30), 40, params("p", 2L)), 0.005);
        assertEquals(5.14, genmean.aggregate(v(9, 3), v(10, 30), 40, params("p", -1L)), 0.005);
    }

    @Test
    void copelandMissingValuesAsCoinr() {
        // COINr compares a pair on the indicators both have; the lower triangle is 1 − the upper one
        double[][] x = { v(1, NaN, 3), v(2, 2, 2), v(0, 1, NaN) };
        // pair (0,1): above w3 = 1/3 → o = 1/3 < ½: 0 loses, 1 wins; pair (0,2): above w1 = 1/3 → 0 loses;
        // pair (1,2): above w1 + w2 = 2/3 → 1 wins
        assertArrayEquals(v(-2, 2, 0), CopelandAggregation.copeland(x, v(1, 1, 1)), 0);
        double[][] kids = { v(1, 2, 0), v(NaN, 2, 1), v(3, 2, NaN) };
        double[] out = new double[3];
        copeland.aggregate(kids, v(1, 1, 1), 10, false, 3, out);
        // only the second unit has every child: alone, it scores half the weight
        assertArrayEquals(v(NaN, 5, NaN), out, 0);
        copeland.aggregate(kids, v(1, 1, 1), 10, true, 3, out);
        assertArrayEquals(v(0, 10, 5), out, EPS);
    }

    @Test
    void copelandRefusesOneUnitAloneAndParameters() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> copeland.aggregate(v(1), v(1), 1, Map.of())).getMessage().contains("all units at once"));
        assertEquals("copeland aggregation: unknown parameter 'p' (known: none)", assertThrows(
                IllegalArgumentException.class, () -> copeland.bind(params("p", 1L))).getMessage());
    }
}
