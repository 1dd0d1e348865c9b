package org.cityeval.engine.internal.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.junit.jupiter.api.Test;

/** COINr's Treat(): the statistics, the winsorisation steps, the log fallback, and the ASEM indicators. */
class TreatmentTest {
    /** COINr's documentation example: 1..10 with two outliers, 30 and 100. */
    static final double[] X = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100 };

    @Test
    void skewAndKurtosisAreExcels() {
        double[] s = new double[2];
        assertTrue(Treatment.moments(X, s));
        // scipy.stats.skew(x, bias=False) and kurtosis(x, fisher=True, bias=False) (= Excel SKEW, KURT)
        assertEquals(3.0632410342394993, s[0], 1e-12);
        assertEquals(9.741390834569144, s[1], 1e-12);
        assertEquals(Boolean.FALSE, Treatment.passes(X, s));
        // NaN is missing, not a value
        double[] withNaN = { 1, 2, Double.NaN, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100 };
        assertTrue(Treatment.moments(withNaN, s));
        assertEquals(3.0632410342394993, s[0], 1e-12);
        assertNull(Treatment.passes(new double[] { 1, 2, 3 }, s), "fewer than 4 values");
        assertNull(Treatment.passes(new double[] { 2, 2, 2, 2, 2 }, s), "no spread");
    }

    /** 1..20 with three outliers, 100, 200 and 300. */
    static final double[] Y = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 100, 200, 300 };

    @Test
    void winsorisesTheHighSideOnePointAtATime() {
        // X: 100 becomes 30, the next value inward; then skewness 1.71 passes
        Treatment.Treated t = Treatment.treat(X, 5, true);
        assertEquals(Treatment.Outcome.WINSORISED, t.outcome());
        assertEquals(1, t.points());
        assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30 }, t.values());
        assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100 }, X, "the input is not changed");
        // Y: 300 becomes 200 (skewness 2.66, kurtosis 6.10: still failing), then the two 200s (tied) become 100
        // together, which COINr counts as 2 points; then skewness 2.21 with kurtosis 3.45 passes
        t = Treatment.treat(Y, 1, false);
        assertEquals(Treatment.Outcome.WINSORISED_FAILING, t.outcome());
        assertEquals(1, t.points());
        assertEquals(200, t.values()[22]);
        for (int limit : new int[] { 2, 3, 5 }) {
            t = Treatment.treat(Y, limit, true);
            assertEquals(Treatment.Outcome.WINSORISED, t.outcome(), "limit " + limit);
            assertEquals(2, t.points());
            assertArrayEquals(new double[] { 100, 100, 100 }, java.util.Arrays.copyOfRange(t.values(), 20, 23));
        }
    }

    @Test
    void negativeSkewWinsorisesTheLowSide() {
        double[] y = new double[Y.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = -Y[i];
        }
        Treatment.Treated t = Treatment.treat(y, 3, false);
        assertEquals(Treatment.Outcome.WINSORISED, t.outcome());
        assertArrayEquals(new double[] { -100, -100, -100 }, java.util.Arrays.copyOfRange(t.values(), 20, 23));
    }

    @Test
    void stillFailingFallsBackToTheLogOfTheOriginal() {
        Treatment.Treated t = Treatment.treat(Y, 1, true);
        assertEquals(Treatment.Outcome.LOG, t.outcome());
        // log_CT of the original values: ln(x − min + 0.01 (max − min)) = ln(x − 1 + 2.99)
        assertEquals(Math.log(2.99), t.values()[0], 1e-12);
        assertEquals(Math.log(301.99), t.values()[22], 1e-12);
    }

    @Test
    void limitZeroAndPassingColumnsAreUntouched() {
        assertArrayEquals(X, Treatment.treat(X, 0, true).values());
        double[] even = { 1, 2, 3, 4, 5, 6, 7, 8 };
        Treatment.Treated t = Treatment.treat(even, 5, true);
        assertEquals(Treatment.Outcome.PASSED, t.outcome());
        assertArrayEquals(even, t.values());
    }

    /**
     * ASEM's raw indicators, per limit: the treated indicators with what was done, pinned from an independent
     * Python transcription of COINr's winsorise()/Treat() (numpy, scipy.stats skew/kurtosis with bias=False).
     * Limits 1 and 2 leave some indicators failing, which COINr then log-transforms; from 3 on, winsorisation
     * fixes all 18.
     */
    @Test
    void asemIndicatorsTreatedAsCoinrDoes() throws Exception {
        EvaluationModel model = Asem.model();
        CityDataset data = Asem.data();
        CompiledModel cm = CompiledModel.of(model, data, new int[] { 0, 1, 2, 3, 4, 5 }, true);
        Map<Integer, String> expected = new LinkedHashMap<>();
        expected.put(1, "Flights:WINSORISED:1 Bord:WINSORISED:1 Elec:WINSORISED:1 Gas:WINSORISED:1 Goods:LOG:0 "
                + "FDI:WINSORISED:1 CostImpEx:WINSORISED:1 Tariff:LOG:0 StMob:LOG:0 Research:LOG:0 Pat:WINSORISED:1 "
                + "CultServ:LOG:0 CultGood:WINSORISED:1 Tourist:LOG:0 Forest:LOG:0 Poverty:LOG:0 NGOs:LOG:0 "
                + "FemLab:WINSORISED:1");
        expected.put(2, "Flights:WINSORISED:1 Bord:WINSORISED:1 Elec:WINSORISED:1 Gas:WINSORISED:1 Goods:WINSORISED:2 "
                + "FDI:WINSORISED:1 CostImpEx:WINSORISED:1 Tariff:LOG:0 StMob:WINSORISED:2 Research:WINSORISED:2 "
                + "Pat:WINSORISED:1 CultServ:LOG:0 CultGood:WINSORISED:1 Tourist:WINSORISED:2 Forest:WINSORISED:2 "
                + "Poverty:LOG:0 NGOs:WINSORISED:2 FemLab:WINSORISED:1");
        String fixed = "Flights:WINSORISED:1 Bord:WINSORISED:1 Elec:WINSORISED:1 Gas:WINSORISED:1 Goods:WINSORISED:2 "
                + "FDI:WINSORISED:1 CostImpEx:WINSORISED:1 Tariff:WINSORISED:3 StMob:WINSORISED:2 "
                + "Research:WINSORISED:2 Pat:WINSORISED:1 CultServ:WINSORISED:3 CultGood:WINSORISED:1 "
                + "Tourist:WINSORISED:2 Forest:WINSORISED:2 Poverty:WINSORISED:3 NGOs:WINSORISED:2 FemLab:WINSORISED:1";
        expected.put(3, fixed);
        expected.put(4, fixed);
        expected.put(5, fixed);
        assertEquals("", describe(cm, 0));
        for (int slot = 1; slot <= 5; slot++) {
            assertEquals(expected.get(slot), describe(cm, slot), "winmax " + slot);
        }
    }

    private static String describe(CompiledModel cm, int slot) {
        List<String> out = new ArrayList<>();
        Treatment.Treated[] t = cm.treated(slot);
        for (int l = 0; l < cm.leaves; l++) {
            if (t[l].outcome() != Treatment.Outcome.PASSED) {
                out.add(cm.leafIds[l] + ":" + t[l].outcome() + ":" + t[l].points());
            }
        }
        return String.join(" ", out);
    }
}
