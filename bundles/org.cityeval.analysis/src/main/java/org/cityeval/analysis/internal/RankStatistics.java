package org.cityeval.analysis.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;
import org.cityeval.api.analysis.Concordance.Statistic;

/**
 * Rank statistics: pure functions of their arguments, no state. Undefined values (a ranking in which every
 * item ties, fewer than two items) come back as {@code NaN} with a {@code null} p-value rather than as an
 * exception, so that one degenerate pair does not hide the rest of a comparison.
 * <p>
 * Values are compared with {@code <} and {@code ==}: ranks and rounded scores tie exactly or not at all.
 * {@code NaN} is refused.
 */
public final class RankStatistics {

    /** The persistence p of rank-biased overlap used throughout (Webber et al. 2010 use 0.9 in examples). */
    public static final double RBO_PERSISTENCE = 0.9;

    private RankStatistics() {
    }

    // ------------------------------------------------------------------------------------------ ranks

    /**
     * Ranks in ascending order of value, 1 for the smallest; tied values share the mean of the ranks they
     * occupy (1, 2.5, 2.5, 4).
     */
    public static double[] averageRanks(double[] x) {
        checkFinite(x, "x");
        int n = x.length;
        Integer[] order = sortedOrder(x);
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1; // positions i..j hold ranks i+1..j+1
            for (int k = i; k <= j; k++) {
                rank[order[k]] = mean;
            }
            i = j + 1;
        }
        return rank;
    }

    /** The sizes of the groups of tied values (groups of one left out). */
    static long[] tieGroups(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        long[] groups = new long[s.length];
        int count = 0;
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j + 1 < s.length && s[j + 1] == s[i]) {
                j++;
            }
            if (j > i) {
                groups[count++] = j - i + 1;
            }
            i = j + 1;
        }
        return Arrays.copyOf(groups, count);
    }

    // ----------------------------------------------------------------------------------------- Spearman

    /**
     * Spearman's ρ: the Pearson correlation of the average ranks of x and of y (ties handled by average
     * ranks, as R's {@code cor(method = "spearman")} and commons-math's {@code SpearmansCorrelation} do).
     * <p>
     * p-value: two-sided, from t = ρ·√((n − 2)/(1 − ρ²)) on n − 2 degrees of freedom, which is what R's
     * {@code cor.test(method = "spearman", exact = FALSE)} uses; {@code p = 0} when |ρ| = 1; {@code null} for
     * n ≤ 2.
     *
     * @return ρ (NaN when x or y has no spread), p, n
     */
    public static Statistic spearman(double[] x, double[] y) {
        checkPaired(x, y);
        int n = x.length;
        if (n < 2) {
            return new Statistic(Double.NaN, null, n);
        }
        double rho = pearson(averageRanks(x), averageRanks(y));
        if (Double.isNaN(rho)) {
            return new Statistic(Double.NaN, null, n);
        }
        return new Statistic(rho, n <= 2 ? null : spearmanP(rho, n), n);
    }

    static double spearmanP(double rho, int n) {
        double r2 = rho * rho;
        if (r2 >= 1) {
            return 0.0;
        }
        double t = Math.abs(rho) * Math.sqrt((n - 2) / (1 - r2));
        // 2·P(T ≤ −|t|): the lower tail keeps its precision where 1 − cdf(|t|) would round to 0
        TDistribution dist = new TDistribution(null, n - 2);
        return Math.min(1.0, 2 * dist.cumulativeProbability(-t));
    }

    /** Pearson's r, NaN when either side has no spread. */
    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
    }

    // ------------------------------------------------------------------------------------------ Kendall

    /**
     * Kendall's τ-b, which handles ties in either variable:
     * τ_b = (n_c − n_d) / √((n0 − n1)(n0 − n2)), n0 = n(n − 1)/2, n1 and n2 the pairs tied in x and in y.
     * <p>
     * Counted in O(n log n) with Knight's algorithm (Knight 1966, "A computer method for calculating
     * Kendall's tau with ungrouped data", JASA 61): sort by x then y, count the pairs tied in x (n1) and in
     * both (n3), then count the discordant pairs n_d as the exchanges a merge sort of the y sequence makes;
     * the pairs tied in y (n2) are counted on the sorted y. Then S = n_c − n_d = n0 − n1 − n2 + n3 − 2·n_d.
     * <p>
     * p-value: two-sided, z = S / √var(S) against the standard normal, with the tie-corrected variance that
     * R's {@code cor.test(method = "kendall", exact = FALSE)} uses (R's {@code cor.test.default}, without
     * continuity correction; Kendall 1970, Rank Correlation Methods, ch. 4):
     * <pre>
     * var(S) = (v0 − vt − vu)/18 + v1/(2n(n − 1)) + v2/(9n(n − 1)(n − 2))
     *   v0 = n(n − 1)(2n + 5)
     *   vt = Σ t(t − 1)(2t + 5),  vu = Σ u(u − 1)(2u + 5)     over the tie groups t of x and u of y
     *   v1 = Σ t(t − 1) · Σ u(u − 1)
     *   v2 = Σ t(t − 1)(t − 2) · Σ u(u − 1)(u − 2)
     * </pre>
     * {@code null} for n &lt; 3.
     *
     * @return τ-b (NaN when x or y has no spread), p, n
     */
    public static Statistic kendallTauB(double[] x, double[] y) {
        checkPaired(x, y);
        int n = x.length;
        if (n < 2) {
            return new Statistic(Double.NaN, null, n);
        }
        long s = kendallS(x, y);
        long n0 = (long) n * (n - 1) / 2;
        long[] tx = tieGroups(x);
        long[] ty = tieGroups(y);
        long n1 = pairs(tx);
        long n2 = pairs(ty);
        double denominator = Math.sqrt((double) (n0 - n1) * (double) (n0 - n2));
        if (denominator == 0) {
            return new Statistic(Double.NaN, null, n);
        }
        double tau = Math.max(-1.0, Math.min(1.0, s / denominator));
        return new Statistic(tau, n < 3 ? null : kendallP(s, n, tx, ty), n);
    }

    /** S = n_c − n_d by Knight's algorithm (see {@link #kendallTauB}). */
    static long kendallS(double[] x, double[] y) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> x[a] != x[b] ? Double.compare(x[a], x[b]) : Double.compare(y[a], y[b]));
        long n0 = (long) n * (n - 1) / 2;
        long n1 = 0; // pairs tied in x
        long n3 = 0; // pairs tied in x and y
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            long t = j - i + 1;
            n1 += t * (t - 1) / 2;
            int k = i;
            while (k <= j) {
                int l = k;
                while (l + 1 <= j && y[order[l + 1]] == y[order[k]]) {
                    l++;
                }
                long u = l - k + 1;
                n3 += u * (u - 1) / 2;
                k = l + 1;
            }
            i = j + 1;
        }
        double[] ys = new double[n];
        for (int k = 0; k < n; k++) {
            ys[k] = y[order[k]];
        }
        long nd = mergeSortExchanges(ys, new double[n], 0, n);
        long n2 = pairs(tieGroups(ys));
        return n0 - n1 - n2 + n3 - 2 * nd;
    }

    /** Sorts a[from, to) ascending and returns the number of pairs i &lt; j with a[i] &gt; a[j]. */
    private static long mergeSortExchanges(double[] a, double[] buffer, int from, int to) {
        if (to - from < 2) {
            return 0;
        }
        int mid = (from + to) >>> 1;
        long swaps = mergeSortExchanges(a, buffer, from, mid) + mergeSortExchanges(a, buffer, mid, to);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            if (a[i] <= a[j]) { // equal y values are not discordant
                buffer[k++] = a[i++];
            } else {
                swaps += mid - i; // a[j] jumps ahead of every left element still waiting
                buffer[k++] = a[j++];
            }
        }
        while (i < mid) {
            buffer[k++] = a[i++];
        }
        while (j < to) {
            buffer[k++] = a[j++];
        }
        System.arraycopy(buffer, from, a, from, to - from);
        return swaps;
    }

    /** The tie-corrected variance of S (R's cor.test, exact = FALSE), see {@link #kendallTauB}. */
    static double kendallVarianceS(int n, long[] tx, long[] ty) {
        double v0 = (double) n * (n - 1) * (2.0 * n + 5);
        double vt = 0;
        double vu = 0;
        double t1 = 0;
        double u1 = 0;
        double t2 = 0;
        double u2 = 0;
        for (long t : tx) {
            vt += (double) t * (t - 1) * (2.0 * t + 5);
            t1 += (double) t * (t - 1);
            t2 += (double) t * (t - 1) * (t - 2);
        }
        for (long u : ty) {
            vu += (double) u * (u - 1) * (2.0 * u + 5);
            u1 += (double) u * (u - 1);
            u2 += (double) u * (u - 1) * (u - 2);
        }
        return (v0 - vt - vu) / 18 + t1 * u1 / (2.0 * n * (n - 1)) + t2 * u2 / (9.0 * n * (n - 1) * (n - 2));
    }

    private static Double kendallP(long s, int n, long[] tx, long[] ty) {
        double variance = kendallVarianceS(n, tx, ty);
        if (!(variance > 0)) {
            return null;
        }
        double z = Math.abs(s) / Math.sqrt(variance);
        return Math.min(1.0, 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-z));
    }

    private static long pairs(long[] groups) {
        long sum = 0;
        for (long t : groups) {
            sum += t * (t - 1) / 2;
        }
        return sum;
    }

    // ---------------------------------------------------------------------------------------------- RBO

    /**
     * Rank-biased overlap of two rankings seen to depths s and l (Webber, Moffat & Zobel 2010, "A
     * similarity measure for indefinite rankings", ACM TOIS 28(4), article 20): the extrapolated point
     * estimate RBO_ext of their eq. 32, which handles lists of uneven length (s ≤ l, S the shorter list):
     * <pre>
     * RBO_ext = (1 − p)/p · ( Σ_{d=1..l} X_d/d · p^d + Σ_{d=s+1..l} X_s(d − s)/(s·d) · p^d )
     *           + ( (X_l − X_s)/l + X_s/s ) · p^l
     * </pre>
     * where X_d is the overlap of the first d items of each list (for d &gt; s, of all of S with L's first
     * d). With s = l = k this is eq. 30: (1 − p)/p · Σ_{d=1..k} X_d/d · p^d + X_k/k · p^k. Identical lists
     * give 1, disjoint lists 0, and a shorter list that is a prefix of the longer one gives 1.
     * <p>
     * Items are compared with {@code equals}; each list must hold distinct items (the caller breaks ties).
     *
     * @param a first list, best first, non-empty
     * @param b second list, best first, non-empty
     * @param p persistence, 0 &lt; p &lt; 1
     */
    public static double rbo(List<?> a, List<?> b, double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("RBO persistence must lie in (0, 1), not " + p);
        }
        if (a.isEmpty() || b.isEmpty()) {
            throw new IllegalArgumentException("RBO needs two non-empty lists");
        }
        checkDistinct(a);
        checkDistinct(b);
        List<?> shorter = a.size() <= b.size() ? a : b;
        List<?> longer = a.size() <= b.size() ? b : a;
        int s = shorter.size();
        int l = longer.size();
        Set<Object> seenShort = new HashSet<>();
        Set<Object> seenLong = new HashSet<>();
        int overlap = 0;
        int overlapAtS = 0;
        double sum = 0;
        double pd = 1;
        for (int d = 1; d <= l; d++) {
            pd *= p;
            if (d <= s) {
                Object item = shorter.get(d - 1);
                if (seenLong.contains(item)) {
                    overlap++;
                }
                seenShort.add(item);
            }
            Object item = longer.get(d - 1);
            if (seenShort.contains(item)) {
                overlap++;
            }
            seenLong.add(item);
            if (d == s) {
                overlapAtS = overlap;
            }
            sum += (double) overlap / d * pd;
            if (d > s) {
                sum += (double) overlapAtS * (d - s) / ((double) s * d) * pd;
            }
        }
        double rbo = (1 - p) / p * sum + ((double) (overlap - overlapAtS) / l + (double) overlapAtS / s) * pd;
        return Math.max(0.0, Math.min(1.0, rbo));
    }

    // ---------------------------------------------------------------------------------------- Kendall W

    /**
     * Kendall's coefficient of concordance W of m rankings of the same n items, corrected for ties
     * (Kendall & Babington Smith 1939; Siegel & Castellan 1988, Nonparametric Statistics for the Behavioral
     * Sciences, §9.4):
     * <pre>
     * W = 12·S / (m²(n³ − n) − m·Σ_j T_j),  S = Σ_i (R_i − m(n + 1)/2)²,  T_j = Σ (t³ − t)
     * </pre>
     * R_i the sum of item i's average ranks over the rankings, t the sizes of rater j's tie groups. Each
     * ranking's values are turned into average ranks first, so ranks with competition ties (1, 2, 2, 4)
     * and scores in the same direction may be passed as they are.
     * <p>
     * p-value: upper tail of the chi-square distribution with n − 1 df at χ² = m(n − 1)W (the Friedman
     * test's statistic; a large-sample approximation). {@code null} when W is undefined.
     *
     * @param rankings rankings[j][i]: rater j's rank (or score, lower = better) of item i
     * @return W (NaN when undefined: fewer than two items or raters, or every rater ties every item), p, n
     */
    public static Statistic kendallW(double[][] rankings) {
        int m = rankings.length;
        int n = m == 0 ? 0 : rankings[0].length;
        for (double[] r : rankings) {
            if (r.length != n) {
                throw new IllegalArgumentException("every ranking must rank the same " + n + " items");
            }
        }
        if (m < 2 || n < 2) {
            return new Statistic(Double.NaN, null, n);
        }
        double[] sum = new double[n];
        double ties = 0;
        for (double[] r : rankings) {
            double[] rank = averageRanks(r);
            for (int i = 0; i < n; i++) {
                sum[i] += rank[i];
            }
            for (long t : tieGroups(r)) {
                ties += (double) t * t * t - t;
            }
        }
        double mean = m * (n + 1) / 2.0;
        double s = 0;
        for (double r : sum) {
            s += (r - mean) * (r - mean);
        }
        double n3 = (double) n * n * n - n;
        double denominator = (double) m * m * n3 - m * ties;
        if (!(denominator > 0)) {
            return new Statistic(Double.NaN, null, n);
        }
        double w = Math.max(0.0, Math.min(1.0, 12 * s / denominator));
        double chi2 = m * (n - 1) * w;
        // upper tail of chi-square(n − 1) = Q((n − 1)/2, χ²/2) = 1 − ChiSquaredDistribution(n − 1).cdf(χ²),
        // taken directly so that tiny p-values do not round to 0
        double p = chi2 == 0 ? 1.0 : Gamma.regularizedGammaQ((n - 1) / 2.0, chi2 / 2);
        return new Statistic(w, p, n);
    }

    // -------------------------------------------------------------------------------------------- kappa

    /**
     * Cohen's κ (Cohen 1960, "A coefficient of agreement for nominal scales") of a square cross-table,
     * rows one classifier's categories and columns the other's, in the same order:
     * κ = (p_o − p_e)/(1 − p_e), p_o = Σ_i n_ii/N, p_e = Σ_i n_i·n_·i/N².
     *
     * @return κ, NaN when undefined (an empty table, or both classifiers put everything in one category)
     */
    public static double cohenKappa(int[][] table) {
        int k = checkSquare(table);
        double[][] w = new double[k][k];
        for (int i = 0; i < k; i++) {
            w[i][i] = 1;
        }
        return weighted(table, w);
    }

    /**
     * Linearly weighted κ for ordered categories (Cohen 1968, "Weighted kappa"), agreement weights
     * w_ij = 1 − |i − j|/(k − 1): κ_w = (p_o(w) − p_e(w))/(1 − p_e(w)) with p_o(w) = Σ w_ij n_ij/N and
     * p_e(w) = Σ w_ij n_i·n_·j/N². Equal to κ for k = 2.
     *
     * @return κ_w, NaN when undefined (k &lt; 2, an empty table, or no room for chance disagreement)
     */
    public static double weightedKappa(int[][] table) {
        int k = checkSquare(table);
        if (k < 2) {
            return Double.NaN;
        }
        double[][] w = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                w[i][j] = 1 - (double) Math.abs(i - j) / (k - 1);
            }
        }
        return weighted(table, w);
    }

    private static double weighted(int[][] table, double[][] w) {
        int k = table.length;
        double total = 0;
        double[] row = new double[k];
        double[] col = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (table[i][j] < 0) {
                    throw new IllegalArgumentException("negative count in a cross-table");
                }
                total += table[i][j];
                row[i] += table[i][j];
                col[j] += table[i][j];
            }
        }
        if (total == 0) {
            return Double.NaN;
        }
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                observed += w[i][j] * table[i][j] / total;
                expected += w[i][j] * (row[i] / total) * (col[j] / total);
            }
        }
        if (!(1 - expected > 1e-12)) {
            return Double.NaN;
        }
        return (observed - expected) / (1 - expected);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Integer[] sortedOrder(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        return order;
    }

    private static void checkPaired(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + x.length + " and " + y.length);
        }
        checkFinite(x, "x");
        checkFinite(y, "y");
    }

    private static void checkFinite(double[] x, String name) {
        for (double v : x) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException(name + " holds NaN: leave missing values out first");
            }
        }
    }

    private static void checkDistinct(List<?> list) {
        if (new HashSet<>(list).size() != list.size()) {
            throw new IllegalArgumentException("a ranking for RBO lists an item twice");
        }
    }

    private static int checkSquare(int[][] table) {
        int k = table.length;
        for (int[] row : table) {
            if (row.length != k) {
                throw new IllegalArgumentException("κ needs a square table (the same categories on both sides)");
            }
        }
        return k;
    }
}
