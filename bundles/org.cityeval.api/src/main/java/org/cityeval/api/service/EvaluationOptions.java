package org.cityeval.api.service;

import java.time.Duration;

import org.cityeval.api.model.MissingData;

/**
 * Choices made per run.
 *
 * @param missing overrides the model's missing-data treatment, or {@code null} to keep it
 * @param year    evaluates the records of this year, or {@code null} for data without years (or, with
 *                years, the latest year present)
 * @param timeout how long the evaluation may run before it is abandoned with an {@link EvaluationFailure}, or
 *                {@code null} for the runtime's limit (framework property {@code cityeval.evaluation.timeout}).
 *                Front ends that serve untrusted callers (the web API) do not pass one.
 */
public record EvaluationOptions(MissingData missing, Integer year, Duration timeout) {
    /** The model's own choices, the latest year, the runtime's time limit. */
    public static final EvaluationOptions DEFAULTS = new EvaluationOptions(null, null, null);

    /** @throws IllegalArgumentException for a timeout that is not positive */
    public EvaluationOptions {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout " + timeout + ": must be positive");
        }
    }

    /** With the runtime's time limit. */
    public EvaluationOptions(MissingData missing, Integer year) {
        this(missing, year, null);
    }
}
