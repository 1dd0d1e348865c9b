package org.cityeval.engine.internal;

import java.util.Arrays;

/**
 * The one tie rule of cityeval, used by {@code evaluate} and by the uncertainty analysis alike: competition
 * ranks ("1224"), the highest value first, rank = 1 + the number of values above; equal values share a rank
 * and the ranks after them are skipped. A model's totals are ranked after rounding to the model's precision
 * ({@link #rounded}), so two cities the result prints with the same total share a rank. NaN is not ranked.
 */
public final class Ranking {
    private Ranking() {
    }

    /** @return the totals rounded to the model's display precision, the values {@link #competition} ranks */
    public static double[] rounded(double[] totals, int precision) {
        double[] out = new double[totals.length];
        rounded(totals, totals.length, precision, out);
        return out;
    }

    /** Rounds {@code count} totals to {@code precision} decimals into {@code out} (may be the same array). */
    public static void rounded(double[] totals, int count, int precision, double[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = round(totals[i], precision);
        }
    }

    /** {@link Numbers#round} (which has the fast exact path this class used to keep for itself). */
    static double round(double value, int precision) {
        return Numbers.round(value, precision);
    }

    /** @return competition ranks, 0 for a NaN value (unranked) */
    public static int[] competition(double[] values) {
        int n = values.length;
        double[] r = new double[n];
        competition(values, n, new double[n], r, 0);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Double.isNaN(r[i]) ? 0 : (int) r[i];
        }
        return out;
    }

    /**
     * Competition ranks without allocation, for thousands of runs.
     *
     * @param values the values; the first {@code count} are ranked
     * @param sorted scratch of length ≥ count
     * @param out    receives the ranks at {@code out[offset + i]}, NaN for a NaN value
     * @return the number of ranked values
     */
    public static int competition(double[] values, int count, double[] sorted, double[] out, int offset) {
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
}
