package org.cityeval.api.service;

import java.time.Duration;

import org.cityeval.api.model.MissingData;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Choices made per run.
 *
 * @param missing overrides the model's missing-data treatment, or {@code null} to keep it
 * @param year    evaluates the records of this year, or {@code null} for data without years (or, with
 *                years, the latest year present)
 * @param timeout how long the evaluation may run before it is abandoned with an {@link EvaluationFailure}, or
 *                {@code null} for the runtime's limit (framework property {@code cityeval.evaluation.timeout}).
 *                Front ends that serve untrusted callers (the web API) do not pass one.
 * @param clamp   {@code true} to clamp a supplied points value outside its node's range (0 to the node's points)
 *                into it, with a warning naming each; {@code false} (the default) to refuse such data as bad input
 * @param coverageThreshold share (0..1) of the model's weight the data must back for tiers and group tiers to be
 *                assigned; below it they are withheld and the result says why. {@code null} for the default,
 *                {@link #DEFAULT_COVERAGE_THRESHOLD}
 * @param treatment outlier treatment of every leaf's raw values for this run, overriding the model's:
 *                {@code winsorise} (COINr's default: winsorise up to 5 points while |skew| &gt; 2 and kurtosis
 *                &gt; 3.5, else log), {@code winsorise:N}, {@code log}, {@code box-cox:LAMBDA} or {@code none};
 *                {@code null} keeps the model's own (see docs/descriptor.md, "Treatment")
 */
@ProviderType
public record EvaluationOptions(MissingData missing, Integer year, Duration timeout, boolean clamp,
        Double coverageThreshold, String treatment) {
    /** Tiers are withheld when the data back less than this share of the model's weight, unless a run says otherwise. */
    public static final double DEFAULT_COVERAGE_THRESHOLD = 0.5;

    /** The model's own choices, the latest year, the runtime's time limit, no clamping. */
    public static final EvaluationOptions DEFAULTS = new EvaluationOptions(null, null, null);

    /** With the default coverage threshold. */
    public EvaluationOptions(MissingData missing, Integer year, Duration timeout, boolean clamp) {
        this(missing, year, timeout, clamp, null);
    }

    /** The same options with another coverage threshold ({@code null} for the default). */
    public EvaluationOptions(MissingData missing, Integer year, Duration timeout, boolean clamp,
            Double coverageThreshold) {
        this(missing, year, timeout, clamp, coverageThreshold, null);
    }

    public EvaluationOptions withCoverageThreshold(Double threshold) {
        return new EvaluationOptions(missing, year, timeout, clamp, threshold, treatment);
    }

    /** The same options with another outlier treatment for every leaf ({@code null}: the model's own). */
    public EvaluationOptions withTreatment(String treatment) {
        return new EvaluationOptions(missing, year, timeout, clamp, coverageThreshold, treatment);
    }

    /** @return the coverage threshold in force: the run's, else {@link #DEFAULT_COVERAGE_THRESHOLD} */
    public double effectiveCoverageThreshold() {
        return coverageThreshold == null ? DEFAULT_COVERAGE_THRESHOLD : coverageThreshold;
    }

    /** Without clamping: a points value out of its node's range is bad input. */
    public EvaluationOptions(MissingData missing, Integer year, Duration timeout) {
        this(missing, year, timeout, false);
    }

    /** The same options, clamping or not. */
    public EvaluationOptions withClamp(boolean clamp) {
        return new EvaluationOptions(missing, year, timeout, clamp, coverageThreshold, treatment);
    }

    /** @throws IllegalArgumentException for a timeout that is not positive */
    public EvaluationOptions {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout " + timeout + ": must be positive");
        }
        if (coverageThreshold != null && !(coverageThreshold >= 0 && coverageThreshold <= 1)) {
            throw new IllegalArgumentException("coverage threshold " + coverageThreshold + ": a share from 0 to 1");
        }
    }

    /**
     * Reads a duration as people write it: {@code 500ms}, {@code 30s}, {@code 1.5s}, {@code 5m}, {@code 1h}, or
     * ISO-8601 ({@code PT30S}).
     *
     * @throws IllegalArgumentException for anything else, or a duration that is not positive; the message
     *                                  says what is expected
     */
    public static Duration parseDuration(String text) {
        String v = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        Duration d = null;
        try {
            if (v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            } else if (v.endsWith("s") || v.endsWith("m") || v.endsWith("h")) {
                double n = Double.parseDouble(v.substring(0, v.length() - 1).trim());
                double unit = v.endsWith("s") ? 1_000 : v.endsWith("m") ? 60_000 : 3_600_000;
                if (Double.isFinite(n) && Math.abs(n * unit) < Long.MAX_VALUE / 2.0) {
                    d = Duration.ofMillis(Math.round(n * unit));
                }
            }
        } catch (RuntimeException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a positive duration such as 500ms, 30s, 5m or PT30S");
        }
        return d;
    }

    /** With the runtime's time limit. */
    public EvaluationOptions(MissingData missing, Integer year) {
        this(missing, year, null);
    }
}
