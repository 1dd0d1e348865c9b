package org.cityeval.engine.internal.uncertainty;

import org.cityeval.engine.internal.Ranking;

/** Ranking and quantiles on primitive arrays, without allocation where a run needs them. */
final class Ranks {
    private Ranks() {
    }

    /** Competition ranks, the engine's one tie rule ({@link Ranking}). */
    static int competition(double[] values, int count, double[] sorted, double[] out, int offset) {
        return Ranking.competition(values, count, sorted, out, offset);
    }

    /** @return the ranks as ints, 0 for unranked */
    static int[] competition(double[] values) {
        return Ranking.competition(values);
    }

    /**
     * Quantile, R's default (type 7), of n whole numbers given as counts: {@code counts[v]} values equal v.
     */
    static double quantile(int[] counts, int n, double p) {
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(n - 1, lo + 1);
        double xlo = Double.NaN;
        double xhi = Double.NaN;
        int seen = 0;
        for (int v = 0; v < counts.length && Double.isNaN(xhi); v++) {
            seen += counts[v];
            if (Double.isNaN(xlo) && seen > lo) {
                xlo = v;
            }
            if (seen > hi) {
                xhi = v;
            }
        }
        return xlo + (h - lo) * (xhi - xlo);
    }

    /** Quantile of sorted values, R's default (type 7): linear between order statistics. */
    static double quantile(double[] sorted, int n, double p) {
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(n - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
