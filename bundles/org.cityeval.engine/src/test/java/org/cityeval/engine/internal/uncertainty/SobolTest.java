package org.cityeval.engine.internal.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The generic Sobol machinery: Jansen's estimators on the Ishigami function against its analytic indices, and
 * a sample and result that do not depend on the thread count.
 */
class SobolTest {
    /** Ishigami a = 7, b = 0.1 on [−π, π]³. */
    static final double A = 7;
    static final double B = 0.1;

    static double ishigami(double[] u) {
        double x1 = Math.PI * (2 * u[0] - 1);
        double x2 = Math.PI * (2 * u[1] - 1);
        double x3 = Math.PI * (2 * u[2] - 1);
        return Math.sin(x1) + A * Math.sin(x2) * Math.sin(x2) + B * Math.pow(x3, 4) * Math.sin(x1);
    }

    /**
     * Analytic values (Sobol' & Levitan 1999; Saltelli et al., Global Sensitivity Analysis: The Primer):
     * V = a²/8 + b π⁴/5 + b² π⁸/18 + 1/2 = 13.8446, V1 = (1 + b π⁴/5)²/2, V2 = a²/8, V13 = b² π⁸ (1/18 − 1/50).
     */
    static final double[] S = { 0.3139, 0.4424, 0.0 };
    static final double[] ST = { 0.5576, 0.4424, 0.2437 };

    @Test
    void analyticIshigamiValuesAreThoseOfTheFormulas() {
        double pi4 = Math.pow(Math.PI, 4);
        double v1 = Math.pow(1 + B * pi4 / 5, 2) / 2;
        double v2 = A * A / 8;
        double v13 = B * B * Math.pow(Math.PI, 8) * (1.0 / 18 - 1.0 / 50);
        double v = v1 + v2 + v13;
        assertEquals(0.3139, v1 / v, 1e-4);
        assertEquals(0.4424, v2 / v, 1e-4);
        assertEquals(0.5576, (v1 + v13) / v, 1e-4);
        assertEquals(0.2437, v13 / v, 1e-4);
    }

    /** N = 2^16 (327,680 runs): every index within ±0.02 of the analytic value. */
    @Test
    void ishigamiJansenEstimatesWithinTwoHundredths() {
        int n = 1 << 16;
        Sobol.Indices ind = Sobol.indices(3, 1, n, 20240601L, 0, () -> (x, y) -> y[0] = ishigami(x));
        for (int i = 0; i < 3; i++) {
            assertEquals(S[i], ind.first()[0][i], 0.02, "S" + (i + 1));
            assertEquals(ST[i], ind.total()[0][i], 0.02, "ST" + (i + 1));
        }
        assertEquals(13.8446, ind.variance()[0], 0.3);
        System.out.printf("Ishigami, N = 2^16, Jansen: S = %.4f %.4f %.4f, ST = %.4f %.4f %.4f%n", ind.first()[0][0],
                ind.first()[0][1], ind.first()[0][2], ind.total()[0][0], ind.total()[0][1], ind.total()[0][2]);
    }

    @Test
    void ishigamiEstimatesHoldForOtherSeeds() {
        for (long seed : new long[] { 1, 2, 3 }) {
            Sobol.Indices ind = Sobol.indices(3, 1, 1 << 15, seed, 2, () -> (x, y) -> y[0] = ishigami(x));
            for (int i = 0; i < 3; i++) {
                assertEquals(S[i], ind.first()[0][i], 0.03, "seed " + seed + " S" + (i + 1));
                assertEquals(ST[i], ind.total()[0][i], 0.03, "seed " + seed + " ST" + (i + 1));
            }
        }
    }

    @Test
    void sameSeedSameResultsWhateverTheThreadCount() {
        Sobol.Model f = (x, y) -> {
            y[0] = ishigami(x);
            y[1] = x[0] * x[1];
        };
        Sobol.Runs one = Sobol.saltelli(3, 2, 1000, 42, 1, () -> f, null);
        Sobol.Runs four = Sobol.saltelli(3, 2, 1000, 42, 4, () -> f, null);
        assertEquals(1, one.threads());
        assertEquals(4, four.threads());
        assertArrayEquals(one.outputs(), four.outputs());
        Sobol.Indices a = Sobol.jansen(one);
        Sobol.Indices b = Sobol.jansen(four);
        for (int o = 0; o < 2; o++) {
            assertArrayEquals(a.first()[o], b.first()[o]);
            assertArrayEquals(a.total()[o], b.total()[o]);
        }
        Sobol.Runs other = Sobol.saltelli(3, 2, 1000, 43, 4, () -> f, null);
        assertTrue(other.output(0, 0) != one.output(0, 0), "another seed, another sample");
    }

    @Test
    void designRowsAreSaltellis() {
        int k = 3;
        int n = 50;
        // the model echoes its inputs
        Sobol.Runs runs = Sobol.saltelli(k, k, n, 7, 3, () -> (x, y) -> System.arraycopy(x, 0, y, 0, k), null);
        assertEquals(n * (k + 2), runs.runs());
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < k; i++) {
                for (int c = 0; c < k; c++) {
                    double expected = c == i ? runs.output(n + j, c) : runs.output(j, c);
                    assertEquals(expected, runs.output((2 + i) * n + j, c), "A_B^" + i + " row " + j + " col " + c);
                }
            }
        }
        // plain Monte Carlo runs the rows of A
        Sobol.Runs mc = Sobol.monteCarlo(k, k, n, 7, 2, () -> (x, y) -> System.arraycopy(x, 0, y, 0, k), null);
        assertEquals(n, mc.runs());
        for (int r = 0; r < n * k; r++) {
            assertEquals(runs.outputs()[r], mc.outputs()[r]);
        }
    }

    @Test
    void anOutputThatNeverVariesHasZeroIndices() {
        Sobol.Indices ind = Sobol.indices(2, 2, 100, 1, 1, () -> (x, y) -> {
            y[0] = 5;
            y[1] = x[0];
        });
        assertEquals(0, ind.variance()[0]);
        assertArrayEquals(new double[] { 0, 0 }, ind.first()[0]);
        assertArrayEquals(new double[] { 0, 0 }, ind.total()[0]);
        // y = x1 only: S1 = ST1 = 1 (exactly for the total), S2 ≈ 0, ST2 = 0 exactly
        assertEquals(1, ind.first()[1][0], 0.1);
        assertEquals(1, ind.total()[1][0], 0.1);
        assertEquals(0, ind.total()[1][1]);
    }

    @Test
    void progressIsToldInIncreasingOrderAndEndsAtTheTotal() {
        List<Integer> told = new ArrayList<>();
        Sobol.saltelli(2, 1, 1000, 3, 4, () -> (x, y) -> y[0] = x[0], told::add);
        assertTrue(told.size() >= 20, told.toString());
        for (int i = 1; i < told.size(); i++) {
            assertTrue(told.get(i) > told.get(i - 1), told.toString());
        }
        assertEquals(4000, told.get(told.size() - 1));
    }

    /** A long run tells its first progress after 256 runs, not after its first 1 % (1,000 of 100,000). */
    @Test
    void aLongRunToldEarly() {
        List<Integer> told = new ArrayList<>();
        Sobol.monteCarlo(1, 1, 100_000, 3, 1, () -> (x, y) -> y[0] = x[0], told::add);
        assertEquals(256, told.get(0), told.subList(0, 3).toString());
        assertEquals(100_000, told.get(told.size() - 1));
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> Sobol.saltelli(0, 1, 10, 1, 1, () -> (x, y) -> { }, null));
        assertThrows(IllegalArgumentException.class, () -> Sobol.saltelli(1, 1, 1, 1, 1, () -> (x, y) -> { }, null));
        assertThrows(IllegalArgumentException.class, () -> Sobol.threads(-1));
        assertThrows(IllegalArgumentException.class, () -> Sobol.jansen(
                Sobol.monteCarlo(1, 1, 10, 1, 1, () -> (x, y) -> y[0] = x[0], null)));
    }

    @Test
    void aFailingModelFailsTheRun() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sobol.saltelli(1, 1, 100, 1, 2,
                () -> (x, y) -> {
                    throw new IllegalStateException("boom");
                }, null));
        assertEquals("boom", e.getMessage());
    }

    /**
     * A progress listener that throws (a cancelled job's) stops every worker at its next block: the run ends
     * with that exception, having evaluated far fewer than all rows, and no worker evaluates after it returned.
     */
    @Test
    void aThrowingProgressListenerStopsEveryWorker() throws Exception {
        java.util.concurrent.atomic.AtomicLong evaluations = new java.util.concurrent.atomic.AtomicLong();
        Sobol.Model f = (x, y) -> {
            evaluations.incrementAndGet();
            y[0] = ishigami(x);
        };
        int n = 200_000;
        for (int threads : new int[] { 1, 4 }) {
            evaluations.set(0);
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            assertThrows(java.util.concurrent.CancellationException.class, () -> Sobol.monteCarlo(3, 1, n, 1, threads,
                    () -> f, done -> {
                        if (calls.incrementAndGet() >= 3) {
                            throw new java.util.concurrent.CancellationException("cancelled");
                        }
                    }));
            long after = evaluations.get();
            assertTrue(after < n / 2, threads + " threads: " + after + " of " + n + " rows evaluated");
            Thread.sleep(100);
            assertEquals(after, evaluations.get(), threads + " threads: a worker went on after the run returned");
        }
    }
}
