package org.cityeval.engine.internal.uncertainty;

import org.cityeval.engine.internal.OutlierTreatment;

/**
 * Outlier treatment as COINr's {@code Treat()} does it by default, one indicator (column) at a time, on the
 * raw values before normalisation. NaN is a missing value and is left alone.
 * <ol>
 * <li>The column passes when |skewness| &lt; 2 or kurtosis &lt; 3.5 (COINr's {@code check_SkewKurt}); a column
 * that passes is not touched.</li>
 * <li>Otherwise it is winsorised ({@code winsorise(winmax)}): while it fails and fewer than {@code winmax} points
 * have been winsorised, on the side of the skew (high when skewness ≥ 0) the most extreme value — every point
 * that has it — is replaced by the next value inward. The count is COINr's: the points set at the last step on
 * the high side plus those at the last step on the low side.</li>
 * <li>If the winsorised column still fails, COINr falls back to {@code log_CT} of the <em>original</em> column:
 * ln(x − min + 0.01 (max − min)) ({@code combine_treat = FALSE}); {@link #treat} does so when asked.</li>
 * <li>Where the statistics are undefined (fewer than 4 values, or no spread) COINr returns the column
 * untreated, and so does this.</li>
 * </ol>
 * Skewness and kurtosis are COINr's {@code skew()} and {@code kurt()}, i.e. e1071 type 2 (Excel's SKEW and
 * KURT): with the population moments g1 = m3 / m2^1.5 and g2 = m4 / m2² − 3,
 * G1 = g1 √(n (n − 1)) / (n − 2) and G2 = ((n + 1) g2 + 6) (n − 1) / ((n − 2)(n − 3)).
 */
final class Treatment {
    static final double SKEW = 2.0;
    static final double KURTOSIS = 3.5;

    private Treatment() {
    }

    /** What happened to one column. */
    enum Outcome {
        /** passed the test as it was (or the test is undefined) */
        PASSED,
        /** winsorised until it passed */
        WINSORISED,
        /** still failed after winmax points: winsorised values kept (no log fallback asked) */
        WINSORISED_FAILING,
        /** still failed after winmax points: log_CT of the original values */
        LOG
    }

    /** The treated column and what was done. */
    record Treated(double[] values, Outcome outcome, int points) {
    }

    /**
     * @param x           the raw column (not changed)
     * @param winmax      the most points to winsorise; 0 leaves the column untreated
     * @param logFallback whether a column still failing after winmax points is log-transformed as COINr's
     *                    default second treatment does
     */
    static Treated treat(double[] x, int winmax, boolean logFallback) {
        if (winmax <= 0) {
            return new Treated(x.clone(), Outcome.PASSED, 0);
        }
        double[] stats = new double[2];
        Boolean pass = passes(x, stats);
        if (pass == null || pass) {
            return new Treated(x.clone(), Outcome.PASSED, 0);
        }
        double[] w = x.clone();
        int highCount = 0;
        int lowCount = 0;
        int nwin = 0;
        while (!pass && nwin < winmax) {
            boolean high = stats[0] >= 0;
            int count = OutlierTreatment.winsoriseStep(w, high);
            if (high) {
                highCount = count;
            } else {
                lowCount = count;
            }
            nwin = highCount + lowCount;
            pass = passes(w, stats);
            if (pass == null) {
                // COINr: an undefined test after treatment returns the column untreated
                return new Treated(x.clone(), Outcome.PASSED, 0);
            }
        }
        if (pass) {
            return new Treated(w, Outcome.WINSORISED, nwin);
        }
        if (!logFallback) {
            return new Treated(w, Outcome.WINSORISED_FAILING, nwin);
        }
        return new Treated(OutlierTreatment.logCT(x), Outcome.LOG, 0);
    }

    /**
     * COINr's {@code check_SkewKurt}: passes when |skewness| &lt; 2 or kurtosis &lt; 3.5.
     *
     * @param stats receives skewness and kurtosis
     * @return whether it passes, or {@code null} when the statistics are undefined
     */
    static Boolean passes(double[] x, double[] stats) {
        if (!moments(x, stats)) {
            return null;
        }
        return Math.abs(stats[0]) < SKEW || stats[1] < KURTOSIS;
    }

    /**
     * Skewness G1 and excess kurtosis G2 (e1071 type 2) of the values that are not NaN.
     *
     * @param out receives G1 and G2
     * @return false with fewer than 4 values or no spread
     */
    static boolean moments(double[] x, double[] out) {
        int n = 0;
        double mean = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                mean += v;
                n++;
            }
        }
        if (n < 4) {
            return false;
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                double d = v - mean;
                double d2 = d * d;
                m2 += d2;
                m3 += d2 * d;
                m4 += d2 * d2;
            }
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        if (!(m2 > 0) || !Double.isFinite(m4)) {
            return false;
        }
        double g1 = m3 / Math.pow(m2, 1.5);
        double g2 = m4 / (m2 * m2) - 3;
        out[0] = g1 * Math.sqrt((double) n * (n - 1)) / (n - 2);
        out[1] = ((n + 1) * g2 + 6) * (n - 1) / ((double) (n - 2) * (n - 3));
        return true;
    }
}
