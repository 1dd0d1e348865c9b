package org.cityeval.api.workflow;

import java.util.List;
import java.util.Optional;

import org.cityeval.api.analysis.UncertaintyResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Long analyses run in the background: an uncertainty (Monte Carlo) or sensitivity (Sobol) analysis is
 * submitted, answered at once with a job, watched through {@link #status} (runs done, share done, an estimate of
 * the time left) and cancelled with {@link #cancel}. The analysis reports its runs as it goes and stops at its
 * next block of runs once cancelled: a job is {@link JobStatus.State#CANCELLED} only once its worker thread has
 * ended, so after that its run counter no longer advances.
 * <p>
 * Jobs live in memory: the runtime keeps the most recent finished ones (with their results) and forgets them
 * when it stops.
 */
@ProviderType
public interface AnalysisJobs {

    /**
     * Starts the analysis, or queues it while others run (at most so many at once).
     *
     * @return the job, queued or running
     * @throws IllegalStateException when too many jobs are waiting (the message says how many)
     */
    JobStatus submit(UncertaintyRequest request);

    /** @return the job, if known (finished jobs are kept for a while) */
    Optional<JobStatus> status(String id);

    /** @return the known jobs, newest first */
    List<JobStatus> jobs();

    /**
     * Asks the job to stop: a queued job never starts, a running one stops at its next block of runs and turns
     * {@link JobStatus.State#CANCELLED} once its thread has ended. A finished job stays as it is.
     *
     * @return the job's status after the request, if known
     */
    Optional<JobStatus> cancel(String id);

    /** @return the result of a job that is {@link JobStatus.State#DONE}, else empty */
    Optional<UncertaintyResult> result(String id);
}
