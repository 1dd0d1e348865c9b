package org.cityeval.workflow.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.workflow.AnalysisJobs;
import org.cityeval.api.workflow.JobStatus;
import org.cityeval.api.workflow.JobStatus.State;
import org.cityeval.api.workflow.UncertaintyRequest;
import org.cityeval.api.workflow.UncertaintyWorkflow;

/**
 * The background analyses: a fixed pool of daemon threads ({@code cityeval-job-N}) runs the uncertainty workflow
 * with a progress listener that counts the runs and, once the job is cancelled, throws a
 * {@link CancellationException} (the Monte Carlo loop then stops every worker at its next block); cancelling also
 * interrupts the job's thread, which the engine's isolation passes on to the analysis. A job turns cancelled only
 * when the workflow has returned, that is when its threads have ended.
 * <p>
 * At most {@code keep} finished jobs are kept (the oldest finished are forgotten first) and at most
 * {@code maxWaiting} wait for a thread.
 */
public class Jobs implements AnalysisJobs {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UncertaintyWorkflow workflow;
    private final int keep;
    private final int maxWaiting;
    private final LongSupplier nanoTime;
    private final ExecutorService pool;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    /**
     * @param parallel   jobs that run at once
     * @param keep       finished jobs kept
     * @param maxWaiting jobs that may wait for a thread
     */
    public Jobs(UncertaintyWorkflow workflow, int parallel, int keep, int maxWaiting, LongSupplier nanoTime) {
        this.workflow = workflow;
        this.keep = keep;
        this.maxWaiting = maxWaiting;
        this.nanoTime = nanoTime;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "cityeval-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public JobStatus submit(UncertaintyRequest request) {
        long total = workflow.runs(request);
        boolean sobol = request.spec().sobol();
        String title = request.coinrMeta() != null ? "COINr " + request.coinrMeta().name()
                : String.join(", ", request.models());
        Job job;
        synchronized (jobs) {
            long waiting = jobs.values().stream().filter(j -> j.state == State.QUEUED).count();
            if (waiting >= maxWaiting) {
                throw new IllegalStateException(waiting + " analyses are waiting already (at most " + maxWaiting
                        + "): try again when one has finished, or cancel one");
            }
            job = new Job(HexFormat.of().formatHex(bytes()),
                    sobol ? "sensitivity" : "uncertainty", title, request, total);
            jobs.put(job.id, job);
            forget();
        }
        pool.execute(job::run);
        return job.status();
    }

    private static byte[] bytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Drops the oldest finished jobs beyond {@code keep}; call holding the lock. */
    private void forget() {
        List<String> finished = new ArrayList<>();
        jobs.forEach((id, j) -> {
            if (j.state.finished()) {
                finished.add(id);
            }
        });
        for (int i = 0; i < finished.size() - keep; i++) {
            jobs.remove(finished.get(i));
        }
    }

    private Job job(String id) {
        synchronized (jobs) {
            return id == null ? null : jobs.get(id);
        }
    }

    @Override
    public Optional<JobStatus> status(String id) {
        return Optional.ofNullable(job(id)).map(Job::status);
    }

    @Override
    public List<JobStatus> jobs() {
        List<Job> all;
        synchronized (jobs) {
            all = new ArrayList<>(jobs.values());
        }
        List<JobStatus> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            out.add(all.get(i).status());
        }
        return out;
    }

    @Override
    public Optional<JobStatus> cancel(String id) {
        Job j = job(id);
        if (j == null) {
            return Optional.empty();
        }
        j.cancel();
        return Optional.of(j.status());
    }

    @Override
    public Optional<UncertaintyResult> result(String id) {
        Job j = job(id);
        return j == null || j.state != State.DONE ? Optional.empty() : Optional.of(j.result);
    }

    /** Cancels every job and waits (a hang guard of 10 s) for their threads to end. */
    public void close() {
        List<Job> all;
        synchronized (jobs) {
            all = new ArrayList<>(jobs.values());
        }
        all.forEach(Job::cancel);
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One analysis; its fields are read by status() from any thread. */
    private final class Job {
        final String id;
        final String kind;
        final String title;
        final UncertaintyRequest request;
        final long total;
        final String submitted = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final AtomicLong done = new AtomicLong();
        volatile State state = State.QUEUED;
        volatile boolean cancelled;
        volatile long started;
        volatile long ended;
        /** nanoTime and done at the first progress report: the rate is measured from there (setup excluded). */
        volatile long firstAt;
        volatile long firstDone;
        volatile String error;
        volatile UncertaintyResult result;
        private Thread thread;

        Job(String id, String kind, String title, UncertaintyRequest request, long total) {
            this.id = id;
            this.kind = kind;
            this.title = title;
            this.request = request;
            this.total = total;
        }

        void run() {
            synchronized (this) {
                if (cancelled) {
                    state = State.CANCELLED;
                    return;
                }
                thread = Thread.currentThread();
                started = nanoTime.getAsLong();
                state = State.RUNNING;
            }
            State end;
            try {
                result = workflow.run(request, this::progress);
                done.set(total);
                end = cancelled ? State.CANCELLED : State.DONE;
            } catch (Exception | Error e) {
                if (cancelled) {
                    end = State.CANCELLED;
                } else {
                    end = State.FAILED;
                    error = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
                }
            } finally {
                synchronized (this) {
                    thread = null;
                    Thread.interrupted(); // the pool's thread goes back clean
                }
            }
            if (end == State.CANCELLED) {
                result = null;
            }
            ended = nanoTime.getAsLong();
            state = end;
            synchronized (jobs) {
                forget();
            }
        }

        private void progress(int runs) {
            if (cancelled) {
                throw new CancellationException("cancelled");
            }
            if (firstAt == 0) {
                firstDone = runs;
                firstAt = nanoTime.getAsLong();
            }
            done.accumulateAndGet(runs, Math::max);
        }

        synchronized void cancel() {
            if (state.finished()) {
                return;
            }
            cancelled = true;
            if (state == State.QUEUED) {
                state = State.CANCELLED;
                return;
            }
            state = State.CANCELLING;
            if (thread != null) {
                thread.interrupt();
            }
        }

        JobStatus status() {
            State s = state;
            long d = Math.min(done.get(), total);
            long now = s.finished() && ended != 0 ? ended : nanoTime.getAsLong();
            long elapsed = started == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(now - started);
            Long remaining = null;
            long at = firstAt;
            if (s == State.RUNNING && at != 0 && d > 0) {
                // the rate since the first report (the setup before it excluded), or since the start until then
                double perRun = d > firstDone && now > at ? (double) (now - at) / (d - firstDone)
                        : (double) (at - started) / d;
                remaining = TimeUnit.NANOSECONDS.toMillis((long) (perRun * (total - d)));
            }
            double p = s == State.DONE ? 1 : total == 0 ? 0 : (double) d / total;
            return new JobStatus(id, kind, title, s, s == State.DONE ? total : d, total, p, elapsed, remaining, error,
                    submitted);
        }
    }
}
