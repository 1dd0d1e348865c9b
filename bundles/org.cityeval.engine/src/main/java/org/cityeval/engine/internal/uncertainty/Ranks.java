package org.cityeval.engine.internal.uncertainty;

import java.util.Arrays;

/** Ranking and quantiles on primitive arrays, without allocation where a run needs them. */
final class Ranks {
    private Ranks() {
    }

    /**
     * Competition ranks ("1224"), the highest value first: rank = 1 + the number of values above. NaN values
     * are not ranked (NaN rank).
     *
     * @param values  the values
     * @param sorted  scratch of the same length
     * @param out     receives the ranks at {@code out[offset + i]}
     * @return the number of ranked values
     */
    static int competition(double[] values, int count, double[] sorted, double[] out, int offset) {
        int m = 0;
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (v == v) {
                sorted[m++] = v + 0.0; // −0.0 and 0.0 are one value
            }
        }
        Arrays.sort(sorted, 0, m);
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (v != v) {
                out[offset + i] = Double.NaN;
                continue;
            }
            v += 0.0;
            // first position holding a value above v
            int lo = 0;
            int hi = m;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[offset + i] = 1 + (m - lo);
        }
        return m;
    }

    /** @return the ranks as ints, 0 for unranked */
    static int[] competition(double[] values) {
        double[] r = new double[values.length];
        competition(values, values.length, new double[values.length], r, 0);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.isNaN(r[i]) ? 0 : (int) r[i];
        }
        return out;
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
