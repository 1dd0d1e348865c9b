package org.cityeval.engine.internal.uncertainty;

import org.cityeval.api.analysis.NormalisationChoice;

/**
 * How a leaf's (treated) raw values become comparable scores, higher is better. The direction is applied
 * first, as COINr does: the values of a negative indicator are multiplied by −1. NaN stays NaN.
 */
enum Normalisation {
    /**
     * COINr's {@code n_minmax} onto [1, 100]: 1 + 99 (x − min) / (max − min). Onto [1, 100] rather than COINr's
     * default [0, 100] so that a geometric or harmonic mean never meets a zero (COINr's sensitivity example does
     * the same); with a weighted arithmetic mean the ranking is that of [0, 100]. A column without spread gives
     * NaN (COINr returns NaN too), so it drops out of every mean.
     */
    MIN_MAX("min-max", "min-max onto [1, 100]"),
    /** COINr's {@code n_rank}: the rank among the values, 1 for the worst, ties sharing the lowest rank. */
    RANK("rank", "rank (1 = worst, ties take the lowest rank)"),
    /** COINr's {@code n_zscore}: (x − mean) / sd (sample sd); can be negative, so arithmetic means only. */
    Z_SCORE("z-score", "z-score"),
    /**
     * The leaf's own scoring rule with its parameters, {@code evaluate}'s scoring (see {@link OwnModel}); under a
     * weighted arithmetic, geometric or harmonic mean its score rate (points ÷ weight) onto [1, 100].
     */
    MODEL("model", "the model's own scoring rules");

    final String id;
    final String words;

    Normalisation(String id, String words) {
        this.id = id;
        this.words = words;
    }

    /** @return the normalisation of the choice */
    static Normalisation of(NormalisationChoice choice) {
        return switch (choice) {
            case MODEL -> MODEL;
            case MIN_MAX -> MIN_MAX;
            case RANK -> RANK;
            case Z_SCORE -> Z_SCORE;
        };
    }

    /** @return the normalised column */
    double[] apply(double[] raw, boolean negative) {
        int n = raw.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = negative ? -raw[i] : raw[i];
        }
        double[] out = new double[n];
        switch (this) {
            case MIN_MAX -> {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : x) {
                    if (!Double.isNaN(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                for (int i = 0; i < n; i++) {
                    out[i] = Double.isNaN(x[i]) || !(max > min) ? Double.NaN : 1 + 99 * (x[i] - min) / (max - min);
                }
            }
            case RANK -> {
                double[] sorted = java.util.Arrays.stream(x).filter(v -> !Double.isNaN(v)).map(v -> v + 0.0).sorted()
                        .toArray();
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(x[i])) {
                        out[i] = Double.NaN;
                        continue;
                    }
                    // 1 + the number of values below
                    double v = x[i] + 0.0;
                    int lo = 0;
                    int hi = sorted.length;
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        if (sorted[mid] < v) {
                            lo = mid + 1;
                        } else {
                            hi = mid;
                        }
                    }
                    out[i] = 1 + lo;
                }
            }
            case Z_SCORE -> {
                int count = 0;
                double mean = 0;
                for (double v : x) {
                    if (!Double.isNaN(v)) {
                        mean += v;
                        count++;
                    }
                }
                mean /= Math.max(1, count);
                double ss = 0;
                for (double v : x) {
                    if (!Double.isNaN(v)) {
                        ss += (v - mean) * (v - mean);
                    }
                }
                double sd = count > 1 ? Math.sqrt(ss / (count - 1)) : 0;
                for (int i = 0; i < n; i++) {
                    out[i] = Double.isNaN(x[i]) || !(sd > 0) ? Double.NaN : (x[i] - mean) / sd;
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return out;
    }
}
