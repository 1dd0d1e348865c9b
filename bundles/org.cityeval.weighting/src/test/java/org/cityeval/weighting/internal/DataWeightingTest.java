package org.cityeval.weighting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cityeval.api.spi.WeightingMethod;
import org.cityeval.api.spi.WeightingMethod.Result;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** entropy, critic and pca: weights derived from the data. */
class DataWeightingTest {
    static final double NaN = Double.NaN;
    static final List<String> ABC = List.of("a", "b", "c");

    static IllegalArgumentException fails(WeightingMethod method, double[][] data, List<String> children) {
        return assertThrows(IllegalArgumentException.class, () -> method.weights(data, children, Map.of()));
    }

    @Nested
    class Entropy {
        final EntropyWeighting entropy = new EntropyWeighting();

        /**
         * By hand, 4 units × 3 indicators (a fifth unit with a missing value is left out):
         *
         * <pre>
         *          a   b   c
         * unit 1   1   5   0
         * unit 2   2   5   0
         * unit 3   3   5   5
         * unit 4   4   5   5
         * Σ       10  20  10
         * </pre>
         *
         * p_a = .1 .2 .3 .4: e_a = −(.1 ln .1 + .2 ln .2 + .3 ln .3 + .4 ln .4) / ln 4 = 1.279854 / 1.386294
         * = 0.9232196723355078, d_a = 0.07678032766449217.
         * p_b = .25 each: e_b = −4 (.25 ln .25) / ln 4 = 1, d_b = 0 (no information, weight 0).
         * p_c = 0 0 .5 .5 (0 ln 0 = 0): e_c = −2 (.5 ln .5) / ln 4 = ln 2 / ln 4 = 0.5, d_c = 0.5.
         * w = d / (d_a + 0.5): a 0.13311883915214698, b 0, c 0.866881160847853 (python3, same formulas).
         */
        @Test
        void handComputedTable() {
            double[][] data = {{1, 5, 0}, {2, 5, 0}, {NaN, 1, 1}, {3, 5, 5}, {4, 5, 5}};
            Result r = entropy.weights(data, ABC, Map.of());
            double da = 1 + (0.1 * Math.log(0.1) + 0.2 * Math.log(0.2) + 0.3 * Math.log(0.3) + 0.4 * Math.log(0.4))
                    / Math.log(4);
            assertEquals(0.07678032766449217, da, 1e-15, "d_a by the formula");
            assertArrayEquals(new double[] {0.13311883915214698, 0, 0.866881160847853}, r.weights(), 1e-12);
            assertArrayEquals(new double[] {da / (da + 0.5), 0, 0.5 / (da + 0.5)}, r.weights(), 1e-12);
            assertEquals(List.of("entropy over 4 units (1 left out: missing values): entropy e_j a 0.9232, b 1.0000, "
                    + "c 0.5000; divergence d_j = 1 − e_j a 0.0768, b 0.0000, c 0.5000",
                    "entropy: 'b' has the same share in every unit (e = 1) and weighs 0"), r.notes());
        }

        /**
         * An even column over 3 units: p = 1/3 each, e = ln 3 / ln 3 = 1 in exact arithmetic but maybe one
         * rounding error off in doubles; it must weigh exactly 0, not noise.
         */
        @Test
        void evenColumnWeighsExactlyZero() {
            double[][] data = {{7, 1}, {7, 2}, {7, 6}};
            Result r = entropy.weights(data, List.of("even", "x"), Map.of());
            assertArrayEquals(new double[] {0, 1}, r.weights(), 0);
            assertEquals(0.0, r.weights()[0]);
        }

        /** Two units, one concentrated (0, 1): e = 0, d = 1; the other even (2, 2): d = 0. */
        @Test
        void twoUnits() {
            assertArrayEquals(new double[] {1, 0}, entropy.weights(new double[][] {{0, 2}, {1, 2}}, List.of("x", "y"),
                    null).weights(), 1e-15);
        }

        @Test
        void badData() {
            assertEquals("entropy: 'b' is negative (-1) in unit 3; the entropy method needs values of 0 or more: "
                    + "normalise the data first (e.g. min-max)",
                    fails(entropy, new double[][] {{1, 1, 1}, {NaN, -5, 1}, {2, -1, 3}}, ABC).getMessage());
            assertEquals("entropy: 'c' is 0 in every unit used, so it has no proportions; leave it out of this node "
                    + "or weight it another way", fails(entropy, new double[][] {{1, 1, 0}, {2, 1, 0}}, ABC).getMessage());
            assertEquals("entropy: every child has the same proportions in every unit (all e_j = 1), so entropy "
                    + "cannot tell them apart; use equal weights",
                    fails(entropy, new double[][] {{1, 3, 2}, {1, 3, 2}}, ABC).getMessage());
            assertEquals("entropy needs at least 2 units with a value for every child, but has 1 (2 left out for "
                    + "missing values)", fails(entropy, new double[][] {{1, 3, 2}, {NaN, 3, 2}, {1, NaN, 2}}, ABC)
                            .getMessage());
            assertEquals("entropy: unit 2 has 2 values, but there are 3 children (one column per child)",
                    fails(entropy, new double[][] {{1, 3, 2}, {1, 3}}, ABC).getMessage());
            assertEquals("entropy derives weights from data, but there are none (it needs a table of units × "
                    + "children)", fails(entropy, null, ABC).getMessage());
        }
    }

    @Nested
    class Critic {
        final CriticWeighting critic = new CriticWeighting();

        /**
         * By hand: each column is a permutation of 1..5, so after min-max each is a permutation of
         * 0, .25, .5, .75, 1 with the same σ = √(0.625 / 4) = 0.39528470752104744 (sample, n − 1).
         *
         * <pre>
         *     a  b  c        deviations from 3:  a −2 −1  0  1  2
         *     1  2  5                            b −1 −2  1  0  2
         *     2  1  3                            c  2  0  1 −2 −1
         *     3  4  4        Σ a² = 10; Σ ab = 8, Σ ac = −8, Σ bc = −3
         *     4  3  1        r_ab = 0.8, r_ac = −0.8, r_bc = −0.3
         *     5  5  2
         * </pre>
         *
         * C_a = σ (0 + 0.2 + 1.8) = 2σ, C_b = σ (0.2 + 0 + 1.3) = 1.5σ, C_c = σ (1.8 + 1.3 + 0) = 3.1σ;
         * w = 2/6.6, 1.5/6.6, 3.1/6.6 = 20/66, 15/66, 31/66 (python3 with statistics.stdev and
         * statistics.correlation: 0.30303030303030304, 0.22727272727272724, 0.46969696969696967).
         */
        @Test
        void handComputedTable() {
            double[][] data = {{1, 2, 5}, {2, 1, 3}, {3, 4, 4}, {4, 3, 1}, {5, 5, 2}};
            Result r = critic.weights(data, ABC, Map.of());
            assertArrayEquals(new double[] {20 / 66.0, 15 / 66.0, 31 / 66.0}, r.weights(), 1e-12);
            assertEquals(List.of("critic over 5 units, each column min-max normalised as given (higher is better): "
                    + "σ_j (sample, n − 1) a 0.3953, b 0.3953, c 0.3953; information C_j = σ_j Σ_k (1 − r_jk) a 0.7906, "
                    + "b 0.5929, c 1.2254"), r.notes());
        }

        /**
         * Two children: C_j = σ_j (1 − r), so w_j = σ_j / (σ_a + σ_b), whatever r. a = 10 20 40 30 →
         * z = 0 1/3 1 2/3, σ_a = √(5/27) = 0.4303314829119352; b = 3 1 2 9 → z = .25 0 .125 1,
         * σ_b = 0.449247055267663 (python3 statistics.stdev); w_a = 0.48924736590613266,
         * w_b = 0.5107526340938673. A unit with a missing value is left out.
         */
        @Test
        void twoChildrenWeighByTheirSpread() {
            double[][] data = {{10, 3}, {20, 1}, {NaN, 7}, {40, 2}, {30, 9}};
            Result r = critic.weights(data, List.of("a", "b"), Map.of());
            double sa = Math.sqrt(5 / 27.0);
            assertEquals(0.4303314829119352, sa, 1e-15);
            assertArrayEquals(new double[] {0.48924736590613266, 0.5107526340938673}, r.weights(), 1e-12);
            assertArrayEquals(new double[] {sa / (sa + 0.449247055267663), 0.449247055267663 / (sa + 0.449247055267663)},
                    r.weights(), 1e-12);
            assertTrue(r.notes().get(0).startsWith("critic over 4 units (1 left out: missing values)"),
                    r.notes().get(0));
        }

        @Test
        void badData() {
            assertEquals("critic: 'b' is 7 in every unit used, so it has no contrast (σ = 0) and min-max cannot scale "
                    + "it; leave it out of this node or weight it another way",
                    fails(critic, new double[][] {{1, 7, 2}, {2, 7, 1}, {3, 7, 5}}, ABC).getMessage());
            assertEquals("critic: the children are perfectly correlated (every r_jk = 1), so there is no conflict "
                    + "between them and CRITIC gives them no information; use equal weights",
                    fails(critic, new double[][] {{1, 2}, {2, 4}, {3, 6}}, List.of("x", "y")).getMessage());
            assertEquals("critic: the children are perfectly correlated (every r_jk = 1), so there is no conflict "
                    + "between them and CRITIC gives them no information; use equal weights",
                    fails(critic, new double[][] {{0.1, 0.3, 7}, {0.2, 0.6, 14}, {0.7, 2.1, 49}}, ABC).getMessage());
            assertEquals("critic needs at least 3 units with a value for every child, but has 2",
                    fails(critic, new double[][] {{1, 2, 3}, {2, 1, 3}}, ABC).getMessage());
            assertEquals("critic: unknown parameter 'sd' (known: none)", assertThrows(IllegalArgumentException.class,
                    () -> critic.weights(new double[][] {{1}}, List.of("a"), Map.of("sd", "population"))).getMessage());
        }
    }

    @Nested
    class Pca {
        final PcaWeighting pca = new PcaWeighting();

        /**
         * 6 units × 3 indicators, correlation matrix R = [[1, .828571, .885714], [.828571, 1, .485714],
         * [.885714, .485714, 1]] (r_ab = 29/35, r_ac = 31/35, r_bc = 17/35). python3 (statistics.correlation
         * and 20000 power iterations, residual 2e-16): λ1 = 2.479462554854747, explained 82.6%, unit eigenvector
         * squared = weights 0.4018716477250177, 0.28898501225636114, 0.30914334001862126; loadings
         * 0.99821, 0.84648, 0.87551.
         */
        @Test
        void firstComponentOfThreeCorrelatedIndicators() {
            double[][] data = {{1, 2, 1}, {2, 1, 3}, {3, 4, 2}, {4, 3, 5}, {5, 6, 4}, {6, 5, 6}};
            Result r = pca.weights(data, ABC, Map.of());
            assertArrayEquals(new double[] {0.4018716477250177, 0.28898501225636114, 0.30914334001862126},
                    r.weights(), 1e-12);
            assertEquals(List.of("pca over 6 units: the first principal component of the correlation matrix explains "
                    + "82.6% of the variance (λ1 = 2.4795 of 3); loadings a 0.9982, b 0.8465, c 0.8755; weights = "
                    + "squared loadings normalised to sum 1"), r.notes());
        }

        /**
         * Two children with correlation r > 0: R = [[1, r], [r, 1]] has eigenvalues 1 ± r and first
         * eigenvector (1, 1)/√2, so the weights are 1/2 each and the first component explains (1 + r)/2.
         * Here a = 1 2 3 4, b = 2 1 4 3: r = 0.6, explained 80%.
         */
        @Test
        void twoChildrenClosedForm() {
            Result r = pca.weights(new double[][] {{1, 2}, {2, 1}, {3, 4}, {4, 3}}, List.of("a", "b"), null);
            assertArrayEquals(new double[] {0.5, 0.5}, r.weights(), 1e-12);
            assertTrue(r.notes().get(0).contains("explains 80.0% of the variance (λ1 = 1.6000 of 2)"), r.notes().get(0));
        }

        /**
         * The CRITIC table: r_ab = 0.8, r_ac = −0.8, r_bc = −0.3. The first eigenvector has the form
         * (x, y, −y), which reduces R v = λ v to [[1, 1.6], [0.8, 1.3]] (x, y) = λ (x, y): λ1 = (2.3 + √5.21) / 2
         * = 2.291271221051333 (76.4%), y / x = (λ1 − 1) / 1.6, weights x² : y² : y² normalised =
         * 0.4342838068492514, 0.28285809657537425, 0.28285809657537425 (python3 agrees). c loads negatively.
         */
        @Test
        void negativeLoadingIsWeightedButWarned() {
            double[][] data = {{1, 2, 5}, {2, 1, 3}, {3, 4, 4}, {4, 3, 1}, {5, 5, 2}};
            Result r = pca.weights(data, ABC, Map.of());
            double lambda = (2.3 + Math.sqrt(5.21)) / 2;
            double ratio = (lambda - 1) / 1.6;
            double x2 = 1 / (1 + 2 * ratio * ratio);
            assertArrayEquals(new double[] {x2, (1 - x2) / 2, (1 - x2) / 2}, r.weights(), 1e-12);
            assertArrayEquals(new double[] {0.4342838068492514, 0.28285809657537425, 0.28285809657537425},
                    r.weights(), 1e-12);
            assertEquals("pca: warning: 'c' loads negatively (-0.8050) on the first component: it moves against the "
                    + "others yet gets a positive weight; check its direction", r.notes().get(1));
        }

        /**
         * Weakly related indicators: R = [[1, .257143, .2], [.257143, 1, −.085714], [.2, −.085714, 1]];
         * python3: λ1 = 1.287814982687399, explained 42.9% (below 60%), weights 0.5590110015029149,
         * 0.31721349989264874, 0.12377549860443636.
         */
        @Test
        void lowExplainedVarianceIsWarned() {
            double[][] data = {{1, 3, 2}, {2, 1, 5}, {3, 5, 1}, {4, 6, 6}, {5, 2, 4}, {6, 4, 3}};
            Result r = pca.weights(data, ABC, Map.of());
            assertArrayEquals(new double[] {0.5590110015029149, 0.31721349989264874, 0.12377549860443636},
                    r.weights(), 1e-12);
            assertEquals("pca: warning: the first component explains only 42.9% of the variance (below 60%), so one "
                    + "component summarises these children poorly and the weights rest on a minority of the information",
                    r.notes().get(1));
        }

        @Test
        void badData() {
            // a = 1 2 3 4 and b = 2 1 1 2 are uncorrelated: R = I, both eigenvalues 1
            assertEquals("pca: the first principal component is not unique (the two largest eigenvalues of the "
                    + "correlation matrix are both 1.0000), so PCA weights would be arbitrary; use another method",
                    fails(pca, new double[][] {{1, 2}, {2, 1}, {3, 1}, {4, 2}}, List.of("a", "b")).getMessage());
            assertEquals("pca: 'a' is 3 in every unit used, so it cannot be standardised or correlated; leave it out "
                    + "of this node or weight it another way",
                    fails(pca, new double[][] {{3, 2}, {3, 1}, {3, 1}}, List.of("a", "b")).getMessage());
            assertEquals("pca: unit 2, column 1 is infinite",
                    fails(pca, new double[][] {{3, 2}, {Double.POSITIVE_INFINITY, 1}}, List.of("a", "b")).getMessage());
        }
    }
}
