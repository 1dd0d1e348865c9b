package org.cityeval.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one tie rule and its rounding, which must be exactly {@link Numbers#round}, i.e. {@link Numbers#roundExact}. */
class RankingTest {
    @Test
    void competitionRanksOnRoundedTotals() {
        // 85.69999999999999 and 85.7 print alike, so they tie; the next rank is skipped
        double[] totals = { 85.7, 26.2 + 25.2 + 17.2 + 17.1, 90, Double.NaN, 80.004 };
        assertArrayEquals(new int[] { 2, 2, 1, 0, 4 }, Ranking.competition(Ranking.rounded(totals, 1)));
        assertArrayEquals(new int[] { 2, 2, 1, 0, 4 }, EvaluationEngine.competitionRanks(Ranking.rounded(totals, 1)));
    }

    @Test
    void fastRoundingIsNumbersRound() {
        double[] special = { 0, -0.0, 0.5, 1.5, 2.5, -0.5, -1.5, 0.05, 0.15, 0.25, 0.35, 1.005, 2.675, 85.69999999999999,
                17.099999999999998, 99.995, 1e9, -1e9, 123456.785, 0.045, 1e-12, -1e-12, 7.4999999999, 7.5000000001 };
        for (int p = 0; p <= 4; p++) {
            for (double v : special) {
                assertEquals(Numbers.roundExact(v, p), Ranking.round(v, p), v + " at " + p);
            }
            // a fixed grid across many magnitudes, signs and fractions (no random seed)
            for (int i = -20000; i <= 20000; i++) {
                double v = i * 0.0137 + i * i * 1e-5;
                assertEquals(Numbers.roundExact(v, p), Ranking.round(v, p), v + " at " + p);
                double w = i / 1000.0;
                assertEquals(Numbers.roundExact(w, p), Ranking.round(w, p), w + " at " + p);
            }
        }
    }
}
