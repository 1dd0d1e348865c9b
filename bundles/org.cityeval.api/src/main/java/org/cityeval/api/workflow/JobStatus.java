package org.cityeval.api.workflow;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a background analysis is.
 *
 * @param id        the job's id (32 hex digits)
 * @param kind      {@code uncertainty} or {@code sensitivity} (with Sobol indices)
 * @param title     what runs, for people: the models (or the COINr pair)
 * @param state     queued, running, cancelling, done, failed or cancelled
 * @param done      model evaluations done so far
 * @param total     model evaluations the analysis makes in all
 * @param progress  {@code done / total}, 0..1 (1 when done)
 * @param elapsedMillis   time since the job started running (0 while queued)
 * @param remainingMillis an estimate of the time left from the rate so far, or {@code null} before any run
 *                        finished (and once the job ended)
 * @param error     why the job failed, or {@code null}
 * @param submitted when the job was submitted, ISO-8601 UTC
 */
@ProviderType
public record JobStatus(String id, String kind, String title, State state, long done, long total, double progress,
        long elapsedMillis, Long remainingMillis, String error, String submitted) {

    /** A job's state; {@link #finished} tells the end states. */
    public enum State {
        QUEUED, RUNNING, CANCELLING, DONE, FAILED, CANCELLED;

        /** @return whether the job has ended (its thread no longer computes) */
        public boolean finished() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }
}
