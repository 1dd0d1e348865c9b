package org.cityeval.weighting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cityeval.api.spi.WeightingMethod.Result;
import org.junit.jupiter.api.Test;

/** {@code optimised} (COINr's get_opt_weights, balance) and its Nelder–Mead search (R's optim). */
class OptimisedWeightingTest {
    static final List<String> ABC = List.of("a", "b", "c");
    /** 8 units × 3 children, fixed numbers: c varies ten times more widely than a and b. */
    static final double[][] DATA = {
            {1, 3, 20}, {2, 1, 50}, {3, 4, 10}, {4, 1, 70}, {5, 5, 40}, {6, 9, 90}, {7, 2, 30}, {8, 6, 80}};
    final OptimisedWeighting method = new OptimisedWeighting();

    /**
     * R 4.2.2: {@code fr <- function(x) 100 * (x[2] - x[1]^2)^2 + (1 - x[1])^2; optim(c(-1.2, 1), fr)} gives par
     * 1.0002601387256695 1.000505999303765, value 8.8252410967227472e-08 after 195 evaluations (printed with
     * {@code sprintf("%.17g")}): the same search takes the same steps.
     */
    @Test
    void nelderMeadFollowsRsOptim() {
        NelderMead.Result r = NelderMead.minimise(
                x -> 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]),
                new double[] {-1.2, 1}, 1.490116119384765625e-8, 500); // optim's default reltol, sqrt(.Machine$double.eps)
        assertArrayEquals(new double[] {1.0002601387256695, 1.000505999303765}, r.point(), 1e-13);
        assertEquals(8.8252410967227472e-08, r.value(), 1e-20);
        assertEquals(195, r.evaluations());
        assertTrue(r.converged());
    }

    /**
     * R: {@code f3 <- function(x) sum((x - c(1, 2, 3))^2) + x[1] * x[2];
     * optim(c(0, 0, 0), f3, control = list(reltol = 1e-6, maxit = 60))} stops after 62 evaluations with
     * convergence 1 (maxit reached) at -0.086731368211543855 2.0701320809505148 2.9814073437519824, value
     * 1.0067038745402919.
     */
    @Test
    void runningOutOfEvaluationsIsReportedAsR() {
        NelderMead.Result r = NelderMead.minimise(x -> {
            double s = x[0] * x[1];
            for (int i = 0; i < 3; i++) {
                s += (x[i] - (i + 1)) * (x[i] - (i + 1));
            }
            return s;
        }, new double[3], 1e-6, 60);
        assertArrayEquals(new double[] {-0.086731368211543855, 2.0701320809505148, 2.9814073437519824}, r.point(),
                1e-13);
        assertEquals(1.0067038745402919, r.value(), 1e-13);
        assertEquals(62, r.evaluations());
        assertFalse(r.converged());
    }

    @Test
    void equalTargetsBalanceTheCorrelationsWithTheParent() {
        Result r = method.weights(DATA, ABC, Map.of("reltol", 1e-12, "maxit", 5000));
        double[] corr = OptimisedWeighting.correlations(columns(), r.weights());
        assertEquals(corr[0], corr[1], 1e-6);
        assertEquals(corr[0], corr[2], 1e-6);
        assertEquals(1, r.weights()[0] + r.weights()[1] + r.weights()[2], 1e-12);
        // c varies much more widely than a and b, so it needs a much smaller weight to share the parent equally
        assertTrue(r.weights()[2] < r.weights()[0] / 5, () -> java.util.Arrays.toString(r.weights()));
        assertTrue(r.notes().get(0).startsWith("optimised over 8 units: Nelder-Mead (R's optim) from the targets "
                + "a 0.3333, b 0.3333, c 0.3333, reltol 0.000000000001, "), r.notes().get(0));
        assertEquals(2, r.notes().size(), r.notes().toString()); // no warning
    }

    @Test
    void targetsSetTheShares() {
        Result r = method.weights(DATA, ABC, Map.of("targets", Map.of("a", 1, "b", 1, "c", 2), "reltol", 1e-12,
                "maxit", 5000));
        double[] corr = OptimisedWeighting.correlations(columns(), r.weights());
        double sum = corr[0] + corr[1] + corr[2];
        assertArrayEquals(new double[] {0.25, 0.25, 0.5}, new double[] {corr[0] / sum, corr[1] / sum, corr[2] / sum},
                1e-6);
        // on these data the targets cannot be met with positive weights: COINr's search is
        // unconstrained too, and the notes say so
        assertTrue(r.weights()[0] < 0, () -> java.util.Arrays.toString(r.weights()));
        assertTrue(r.notes().get(r.notes().size() - 1).startsWith("optimised: warning: 'a' gets a negative weight"),
                r.notes().toString());
    }

    @Test
    void coinrsLooseDefaultStopsEarlyAndSaysSo() {
        Result loose = method.weights(DATA, ABC, Map.of());
        assertTrue(loose.notes().get(0).contains("reltol 0.1, "), loose.notes().get(0));
        assertTrue(loose.notes().get(1).startsWith("optimised: correlations with the parent a "), loose.notes().get(1));
    }

    @Test
    void badParametersAndDataAreRefusedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> method.weights(DATA, ABC, Map.of("target", 1)))
                .getMessage().contains("target"));
        assertEquals("optimised: the target of b is 0; targets are positive shares of the correlation",
                assertThrows(IllegalArgumentException.class,
                        () -> method.weights(DATA, ABC, Map.of("targets", List.of(1, 0, 1)))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> method.weights(DATA, ABC, Map.of("maxit", 2.5))).getMessage().startsWith("optimised: maxit"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> method.weights(DATA, ABC, Map.of("reltol", -1))).getMessage().startsWith("optimised: reltol"));
        double[][] constant = {{1, 2, 3}, {2, 2, 4}, {3, 2, 1}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> method.weights(constant, ABC, Map.of()))
                .getMessage().contains("'b' is 2 in every unit"));
    }

    static double[][] columns() {
        double[][] c = new double[3][];
        for (int j = 0; j < 3; j++) {
            c[j] = Inputs.column(DATA, j);
        }
        return c;
    }
}
