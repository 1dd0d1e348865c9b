package org.cityeval.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.cityeval.api.analysis.Concordance.Statistic;
import org.junit.jupiter.api.Test;

/**
 * Reference values and where they come from. Where a value was computed by hand, the computation was
 * checked with exact fractions in Python (standard library only; the script is not part of the project).
 */
class RankStatisticsTest {

    // ------------------------------------------------------------------------------------------ ranks

    @Test
    void averageRanksShareTheMeanOfTheTiedPositions() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, RankStatistics.averageRanks(new double[] {1, 2, 2, 4}));
        assertArrayEquals(new double[] {4, 2, 2, 2}, RankStatistics.averageRanks(new double[] {9, 3, 3, 3}));
        assertThrows(IllegalArgumentException.class, () -> RankStatistics.averageRanks(new double[] {1, Double.NaN}));
    }

    // --------------------------------------------------------------------------------------- Spearman

    @Test
    void spearmanByHandWithoutTies() {
        // d = (-2, 1, 1, -1, 1), Σd² = 8: ρ = 1 − 6·8/(5·24) = 0.6.
        // p: t = 0.6·√(3/0.64) = 1.29904 on 3 df; the t(3) cdf in closed form,
        // F(t) = 1/2 + (1/π)(u/(1 + u²) + atan u), u = t/√3, gives p = 2(1 − F(t)) = 0.2847569798652938
        Statistic s = RankStatistics.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {3, 1, 2, 5, 4});
        assertEquals(0.6, s.value(), 1e-15);
        assertEquals(0.2847569798652938, s.p(), 1e-12);
        assertEquals(5, s.n());
    }

    @Test
    void spearmanByHandWithTies() {
        // x = (1, 2, 2, 4) has ranks (1, 2.5, 2.5, 4); y = (1, 3, 2, 4) ranks (1, 3, 2, 4).
        // Σ(rx − 2.5)(ry − 2.5) = 2.25 + 0 + 0 + 2.25 = 4.5; Σ(rx − 2.5)² = 4.5, Σ(ry − 2.5)² = 5:
        // ρ = 4.5/√22.5 = 0.9486832980505138. p on 2 df has the closed form 1 − t/√(t² + 2) with
        // t = ρ√(2/(1 − ρ²)) = 4.242640687: p = 0.05131670194948612.
        Statistic s = RankStatistics.spearman(new double[] {1, 2, 2, 4}, new double[] {1, 3, 2, 4});
        assertEquals(0.9486832980505138, s.value(), 1e-15);
        assertEquals(0.05131670194948612, s.p(), 1e-12);
    }

    @Test
    void spearmanOfTwelveTiedPairsByHand() {
        // Average ranks, Pearson: ρ = 0.8714285714285714 (exact fractions); p from t = 5.617886 on 10 df,
        // with the closed form for even df, p = 1 − sin θ · Σ_{k<5} C(2k,k)/4^k · cos^{2k} θ, θ = atan(t/√10)
        Statistic s = RankStatistics.spearman(TIED_X, TIED_Y);
        assertEquals(0.8714285714285714, s.value(), 1e-14);
        assertEquals(2.2210818716805747e-4, s.p(), 1e-12);
    }

    @Test
    void spearmanAgreesWithCommonsMathOnHeavilyTiedData() {
        Random random = new Random(20240601);
        for (int round = 0; round < 50; round++) {
            int n = 3 + random.nextInt(300);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(6); // at most 6 distinct values: many ties
                y[i] = x[i] + random.nextInt(4);
            }
            Statistic s = RankStatistics.spearman(x, y);
            assertEquals(new SpearmansCorrelation().correlation(x, y), s.value(), 1e-12);
            // commons-math's Pearson p-value on the average ranks (t distribution, n − 2 df, two-sided)
            double[][] ranks = new double[n][2];
            double[] rx = RankStatistics.averageRanks(x);
            double[] ry = RankStatistics.averageRanks(y);
            for (int i = 0; i < n; i++) {
                ranks[i][0] = rx[i];
                ranks[i][1] = ry[i];
            }
            double p = new PearsonsCorrelation(ranks).getCorrelationPValues().getEntry(0, 1);
            assertEquals(p, s.p(), 1e-12 + 1e-9 * p);
        }
    }

    @Test
    void spearmanEdgeCases() {
        Statistic perfect = RankStatistics.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40});
        assertEquals(1.0, perfect.value(), 0);
        assertEquals(0.0, perfect.p(), 0);
        Statistic constant = RankStatistics.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3});
        assertTrue(Double.isNaN(constant.value()));
        assertNull(constant.p());
        Statistic two = RankStatistics.spearman(new double[] {1, 2}, new double[] {2, 1});
        assertEquals(-1.0, two.value(), 0);
        assertNull(two.p());
        assertThrows(IllegalArgumentException.class,
                () -> RankStatistics.spearman(new double[] {1, 2}, new double[] {1, 2, 3}));
    }

    // ---------------------------------------------------------------------------------------- Kendall

    @Test
    void kendallByHandWithoutTies() {
        // x = 1..5, y = (3, 1, 2, 5, 4): of the 10 pairs, 7 concordant and 3 discordant (1–2, 1–3, 4–5):
        // τ = 4/10 = 0.4; var(S) = 5·4·15/18 = 50/3, z = 4/√(50/3) = 0.9797958971, p = 2Φ(−z) = 0.3271868778
        Statistic s = RankStatistics.kendallTauB(new double[] {1, 2, 3, 4, 5}, new double[] {3, 1, 2, 5, 4});
        assertEquals(0.4, s.value(), 1e-15);
        assertEquals(0.32718687779030575, s.p(), 1e-12);
    }

    @Test
    void kendallPValueMatchesRWithoutTies() {
        // R's ?cor.test example (Hollander & Wolfe 1973, p. 187):
        // cor.test(x, y, method = "kendall", exact = FALSE) prints z = 1.6681, p-value = 0.09529, tau 0.4444444.
        // By hand: S = 26 − 10 = 16, var(S) = 9·8·23/18 = 92, z = 16/√92 = 1.668115312, p = 0.0952928380
        double[] x = {44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1};
        double[] y = {2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8};
        Statistic s = RankStatistics.kendallTauB(x, y);
        assertEquals(4.0 / 9, s.value(), 1e-15);
        assertEquals(0.09529283802345662, s.p(), 1e-12);
        assertEquals(0.09529, s.p(), 5e-6);
    }

    @Test
    void kendallPValueMatchesRWithTies() {
        // R: cor.test(c(12,2,1,12,2), c(1,4,7,1,0), method = "kendall", exact = FALSE)
        //    tau = -0.4714045, p-value = 0.2827 (to full precision -0.47140452079103173 and 0.28274545993277478,
        //    as recorded in SciPy's test suite, test_stats.py, "Cross-check with R").
        // R's formula by hand (cor.test.default, exact = FALSE, no continuity correction):
        //   n = 5, n_c = 2, n_d = 6, S = −4; x ties {12,12}, {2,2}: t = (2, 2); y ties {1,1}: u = (2)
        //   v0 = 5·4·15 = 300, vt = 2·(2·1·9) = 36, vu = 18, v1 = (2 + 2)·2 = 8, v2 = 0·0 = 0
        //   var(S) = (300 − 36 − 18)/18 + 8/(2·5·4) + 0 = 13.6667 + 0.2 = 208/15
        //   z = −4/√(208/15) = −1.074172311, p = 2Φ(−1.074172311) = 0.2827454599
        //   τ_b = −4/√((10 − 2)(10 − 1)) = −4/√72 = −0.4714045208
        Statistic s = RankStatistics.kendallTauB(new double[] {12, 2, 1, 12, 2}, new double[] {1, 4, 7, 1, 0});
        assertEquals(-0.47140452079103173, s.value(), 1e-15);
        assertEquals(0.28274545993277478, s.p(), 1e-12);
        assertEquals(208.0 / 15, RankStatistics.kendallVarianceS(5, new long[] {2, 2}, new long[] {2}), 1e-12);
    }

    @Test
    void kendallOfTwelveTiedPairsByHand() {
        // By brute force over the 66 pairs: n_c = 50, n_d = 6, S = 44; x ties (2, 3, 2), y ties (2, 3, 2):
        // n1 = n2 = 1 + 3 + 1 = 5, τ_b = 44/√(61·61) = 44/61 = 0.7213114754;
        // var(S) = 33283/165 by R's formula, z = 3.098014286, p = 0.0019482203691
        Statistic s = RankStatistics.kendallTauB(TIED_X, TIED_Y);
        assertEquals(44.0 / 61, s.value(), 1e-15);
        assertEquals(0.0019482203691180806, s.p(), 1e-12);
        assertEquals(33283.0 / 165, RankStatistics.kendallVarianceS(12, RankStatistics.tieGroups(TIED_X),
                RankStatistics.tieGroups(TIED_Y)), 1e-10);
    }

    @Test
    void kendallAgreesWithCommonsMathAndWithPairCountingOnHeavilyTiedData() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            int n = 2 + random.nextInt(400);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(8);
                y[i] = random.nextBoolean() ? x[i] : random.nextInt(5);
            }
            Statistic s = RankStatistics.kendallTauB(x, y);
            assertEquals(new KendallsCorrelation().correlation(x, y), s.value(), 1e-12);
            assertEquals(bruteForceTauB(x, y), s.value(), 1e-12);
        }
    }

    @Test
    void kendallEdgeCases() {
        Statistic constant = RankStatistics.kendallTauB(new double[] {2, 2, 2}, new double[] {1, 2, 3});
        assertTrue(Double.isNaN(constant.value()));
        assertNull(constant.p());
        Statistic reversed = RankStatistics.kendallTauB(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1});
        assertEquals(-1.0, reversed.value(), 0);
    }

    /** O(n²) definition: τ_b = (n_c − n_d)/√((n0 − n1)(n0 − n2)). */
    private static double bruteForceTauB(double[] x, double[] y) {
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double sign = Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
                if (sign > 0) {
                    concordant++;
                } else if (sign < 0) {
                    discordant++;
                }
                tiedX += x[i] == x[j] ? 1 : 0;
                tiedY += y[i] == y[j] ? 1 : 0;
            }
        }
        long n0 = (long) x.length * (x.length - 1) / 2;
        return (concordant - discordant) / Math.sqrt((double) (n0 - tiedX) * (n0 - tiedY));
    }

    // -------------------------------------------------------------------------------------------- RBO

    @Test
    void rboByHand() {
        // S = (1 2 3 4 5), L = (2 3 4 1 5), p = 0.9: X_d = 0, 1, 2, 4, 5, so A_d = X_d/d = 0, .5, 2/3, 1, 1;
        // RBO_ext = (0.1/0.9)·(.5·.81 + 2/3·.729 + .6561 + .59049) + 1·.59049 = 207/250 = 0.828
        // (also the value the README of the Scala port b4ny4n/rankmeasures prints for this example)
        assertEquals(0.828, RankStatistics.rbo(List.of(1, 2, 3, 4, 5), List.of(2, 3, 4, 1, 5), 0.9), 1e-12);
        // (a b c d e) vs (b a c f g): X_d = 0, 2, 3, 3, 3:
        // (1/9)(.81 + .729 + .75·.6561 + .6·.59049) + .6·.59049 = 0.619335
        assertEquals(0.619335, RankStatistics.rbo(List.of("a", "b", "c", "d", "e"),
                List.of("b", "a", "c", "f", "g"), 0.9), 1e-12);
    }

    @Test
    void rboOfUnevenListsFollowsEquation32() {
        // S = (a b c), L = (a c d b e): s = 3, l = 5, X_d = 1, 1, 2, 3, 3, X_s = 2.
        // Σ X_d/d p^d = .9 + .405 + .486 + .492075 + .354294 = 2.637369;
        // Σ_{d=4,5} X_s(d − s)/(s d) p^d = (2/12)·.6561 + (4/15)·.59049 = .266814;
        // (1/9)(2.904183) + ((3 − 2)/5 + 2/3)·.59049 = 0.834445
        assertEquals(0.834445, RankStatistics.rbo(List.of("a", "b", "c"), List.of("a", "c", "d", "b", "e"), 0.9),
                1e-12);
        assertEquals(0.834445, RankStatistics.rbo(List.of("a", "c", "d", "b", "e"), List.of("a", "b", "c"), 0.9),
                1e-12);
    }

    @Test
    void rboBounds() {
        List<String> list = List.of("a", "b", "c", "d");
        assertEquals(1.0, RankStatistics.rbo(list, list, 0.9), 1e-12);
        assertEquals(0.0, RankStatistics.rbo(list, List.of("w", "x", "y", "z"), 0.9), 0);
        // the extrapolation assumes the agreement seen so far goes on: a prefix scores 1
        assertEquals(1.0, RankStatistics.rbo(List.of("a", "b"), list, 0.9), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RankStatistics.rbo(List.of("a", "a"), list, 0.9));
        assertThrows(IllegalArgumentException.class, () -> RankStatistics.rbo(list, list, 1.0));
    }

    // --------------------------------------------------------------------------------------- Kendall W

    @Test
    void kendallWOnSiegelsExample() {
        // Siegel (1956), Nonparametric Statistics for the Behavioral Sciences, ch. 9 (Kendall coefficient of
        // concordance W): three executives rank six job applicants.
        //   X: 1 6 3 2 5 4   Y: 1 5 6 4 2 3   Z: 6 3 2 5 4 1
        // R_j = 8 14 11 11 11 8, mean 10.5, s = 25.5; W = 25.5 / ((1/12)·3²·(6³ − 6)) = 25.5/157.5 = 0.162.
        // χ² = 3·5·W = 2.428571 on 5 df; upper tail Q(5/2, χ²/2) = erfc(√(χ²/2)) + e^{−χ²/2}√(2χ²/π)(1 + χ²/3)
        // = 0.7872118138839
        double[][] r = {{1, 6, 3, 2, 5, 4}, {1, 5, 6, 4, 2, 3}, {6, 3, 2, 5, 4, 1}};
        Statistic w = RankStatistics.kendallW(r);
        assertEquals(17.0 / 105, w.value(), 1e-15);
        assertEquals(0.162, w.value(), 5e-4);
        assertEquals(0.7872118138839, w.p(), 1e-11);
        assertEquals(6, w.n());
        assertEquals(1 - new ChiSquaredDistribution(5).cumulativeProbability(3 * 5 * w.value()), w.p(), 1e-12);
    }

    @Test
    void kendallWWithTiesByHand() {
        // m = 3 raters, n = 6 items, ties corrected:
        //   r1 = 1 2 2 4 5 6 → average ranks 1 2.5 2.5 4 5 6, T = 2³ − 2 = 6
        //   r2 = 2 1 3 3 3 6 → 2 1 4 4 4 6,                 T = 3³ − 3 = 24
        //   r3 = 1 3 2 4 6 5 → no ties
        // R_i = 4, 6.5, 8.5, 12, 15, 17; mean 10.5; S = 42.25 + 16 + 4 + 2.25 + 20.25 + 42.25 = 127
        // W = 12·127 / (9·210 − 3·30) = 1524/1800 = 127/150 = 0.846667; χ² = 3·5·W = 12.7 on 5 df;
        // Q(5/2, 6.35) by the closed form above = 0.026358293645298
        double[][] r = {{1, 2, 2, 4, 5, 6}, {2, 1, 3, 3, 3, 6}, {1, 3, 2, 4, 6, 5}};
        Statistic w = RankStatistics.kendallW(r);
        assertEquals(127.0 / 150, w.value(), 1e-15);
        assertEquals(0.026358293645298, w.p(), 1e-12);
    }

    @Test
    void kendallWAndSpearmanAgreeWithoutTies() {
        // Kendall (1948): the mean pairwise Spearman ρ of m untied rankings is (mW − 1)/(m − 1)
        Random random = new Random(3);
        int m = 4;
        int n = 25;
        double[][] r = new double[m][];
        for (int j = 0; j < m; j++) {
            List<Integer> perm = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                perm.add(i);
            }
            java.util.Collections.shuffle(perm, random);
            r[j] = perm.stream().mapToDouble(Integer::doubleValue).toArray();
        }
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                sum += new SpearmansCorrelation().correlation(r[a], r[b]);
                pairs++;
            }
        }
        double w = RankStatistics.kendallW(r).value();
        assertEquals(sum / pairs, (m * w - 1) / (m - 1), 1e-12);
    }

    @Test
    void kendallWUndefined() {
        Statistic w = RankStatistics.kendallW(new double[][] {{1, 1, 1}, {2, 2, 2}, {3, 3, 3}});
        assertTrue(Double.isNaN(w.value()));
        assertNull(w.p());
        assertThrows(IllegalArgumentException.class, () -> RankStatistics.kendallW(new double[][] {{1, 2}, {1}}));
    }

    // ------------------------------------------------------------------------------------------ kappa

    @Test
    void cohenKappaOnWikipediasExample() {
        // Wikipedia, "Cohen's kappa", simple worked example: 50 grant proposals, readers A and B;
        // both yes 20, A yes B no 5, A no B yes 10, both no 15.
        // p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4
        int[][] table = {{20, 5}, {10, 15}};
        assertEquals(0.4, RankStatistics.cohenKappa(table), 1e-15);
        // with two categories linear weights are 1 and 0: weighted κ is κ
        assertEquals(0.4, RankStatistics.weightedKappa(table), 1e-15);
    }

    @Test
    void cohenKappaThreeByThree() {
        // Artstein & Poesio (2008), "Inter-coder agreement for computational linguistics", Table 4, as used
        // in scikit-learn's test_cohen_kappa (expects 0.8013): rows coder A, columns coder B
        //   46  0  0 / 6 32 6 / 0 0 10; p_o = 0.88, p_e = .46·.52 + .44·.32 + .10·.16 = 0.396
        //   κ = 0.484/0.604 = 0.8013245033
        assertEquals(0.484 / 0.604, RankStatistics.cohenKappa(new int[][] {{46, 0, 0}, {6, 32, 6}, {0, 0, 10}}),
                1e-12);
    }

    @Test
    void weightedKappaThreeByThree() {
        // scikit-learn's test_cohen_kappa weighting example: y1 = 46×0, 44×1, 10×2; y2 = 50×0, 40×1, 10×2,
        // i.e. the table 46 0 0 / 4 40 0 / 0 0 10; sklearn expects κ = 0.9315 and linear κ = 0.9412.
        // By hand: p_o = 0.96, p_e = .46·.5 + .44·.4 + .1·.1 = 0.416, κ = 0.544/0.584 = 0.9315068493;
        // weights 1, ½, 0: p_o(w) = 0.96 + ½·0.04 = 0.98, p_e(w) = 0.416 + ½(.46·.4 + .44·.5 + .44·.1 + .1·.4)
        // = 0.66; κ_w = 0.32/0.34 = 16/17 = 0.9411764706
        int[][] table = {{46, 0, 0}, {4, 40, 0}, {0, 0, 10}};
        assertEquals(0.544 / 0.584, RankStatistics.cohenKappa(table), 1e-12);
        assertEquals(0.9315, RankStatistics.cohenKappa(table), 5e-5);
        assertEquals(16.0 / 17, RankStatistics.weightedKappa(table), 1e-12);
        assertEquals(0.9412, RankStatistics.weightedKappa(table), 5e-5);
    }

    @Test
    void kappaUndefined() {
        assertTrue(Double.isNaN(RankStatistics.cohenKappa(new int[][] {{0, 0}, {0, 0}})));
        assertTrue(Double.isNaN(RankStatistics.cohenKappa(new int[][] {{5, 0}, {0, 0}})));
        assertTrue(Double.isNaN(RankStatistics.weightedKappa(new int[][] {{5}})));
        assertThrows(IllegalArgumentException.class, () -> RankStatistics.cohenKappa(new int[][] {{1, 2}}));
    }

    /** Twelve pairs with ties on both sides. */
    private static final double[] TIED_X = {1, 2, 2, 4, 5, 5, 5, 8, 9, 10, 10, 12};
    private static final double[] TIED_Y = {2, 1, 4, 4, 3, 7, 6, 6, 6, 12, 9, 9};
}
