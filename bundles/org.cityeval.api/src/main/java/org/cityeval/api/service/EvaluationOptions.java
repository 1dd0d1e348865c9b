package org.cityeval.api.service;

import org.cityeval.api.model.MissingData;

/**
 * Choices made per run.
 *
 * @param missing overrides the model's missing-data treatment, or {@code null} to keep it
 * @param year    evaluates the records of this year, or {@code null} for data without years (or, with
 *                years, the latest year present)
 */
public record EvaluationOptions(MissingData missing, Integer year) {
    /** The model's own choices, the latest year. */
    public static final EvaluationOptions DEFAULTS = new EvaluationOptions(null, null);
}
