package org.cityeval.engine.internal.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RanksTest {
    @Test
    void competitionRanksBestFirstTiesShareNaNUnranked() {
        assertArrayEquals(new int[] { 4, 1, 1, 0, 5, 1 }, Ranks.competition(new double[] { 5, 9, 9, Double.NaN, -0.0, 9 }));
        assertArrayEquals(new int[] { 1, 1 }, Ranks.competition(new double[] { 0.0, -0.0 }));
    }

    /** R: quantile(c(1, 2, 2, 3, 7), c(0.05, 0.5, 0.95)) = 1.2, 2, 6.2 */
    @Test
    void quantilesAreRsTypeSeven() {
        double[] x = { 1, 2, 2, 3, 7 };
        assertEquals(1.2, Ranks.quantile(x, 5, 0.05), 1e-12);
        assertEquals(2, Ranks.quantile(x, 5, 0.5), 1e-12);
        assertEquals(6.2, Ranks.quantile(x, 5, 0.95), 1e-12);
        int[] counts = new int[8];
        for (double v : x) {
            counts[(int) v]++;
        }
        assertEquals(1.2, Ranks.quantile(counts, 5, 0.05), 1e-12);
        assertEquals(2, Ranks.quantile(counts, 5, 0.5), 1e-12);
        assertEquals(6.2, Ranks.quantile(counts, 5, 0.95), 1e-12);
    }

    @Test
    void quantilesFromCountsEqualThoseOfTheSortedValues() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(60);
            double[] x = new double[n];
            int[] counts = new int[21];
            for (int i = 0; i < n; i++) {
                x[i] = 1 + rng.nextInt(20);
                counts[(int) x[i]]++;
            }
            Arrays.sort(x);
            for (double p : new double[] { 0, 0.05, 0.5, 0.95, 1 }) {
                assertEquals(Ranks.quantile(x, n, p), Ranks.quantile(counts, n, p), 1e-12, "n " + n + " p " + p);
            }
        }
    }
}
