package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.JobStatus;
import org.cityeval.api.workflow.JobStatus.State;
import org.cityeval.api.workflow.UncertaintyRequest;
import org.cityeval.api.workflow.UncertaintyWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background jobs with a fake analysis: progress and an estimate while it runs, cancel through the progress
 * listener (a loop that ignores interrupts) or through the interrupt (a loop that never reports), a queued job
 * that never starts, and the limit on waiting jobs. No wall-clock assertions: waits are hang guards only.
 */
class JobsTest {
    static final Duration HANG_GUARD = Duration.ofMinutes(2);
    static final UncertaintyRequest REQUEST = UncertaintyRequest.of(List.of("m"), DataSource.pack("p"),
            new UncertaintySpec(1000, 1, 1, Map.of(1, 0.25), List.of(), List.of(), List.of(), false));

    Jobs jobs;

    @AfterEach
    void close() {
        if (jobs != null) {
            jobs.close();
        }
    }

    interface Body {
        UncertaintyResult run(IntConsumer progress) throws Exception;
    }

    static UncertaintyWorkflow fake(Body body) {
        return new UncertaintyWorkflow() {
            @Override
            public UncertaintyResult run(UncertaintyRequest request, IntConsumer progress) {
                try {
                    return body.run(progress);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public long runs(UncertaintyRequest request) {
                return request.spec().replications();
            }
        };
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("hang guard passed");
            }
            Thread.sleep(5);
        }
    }

    JobStatus status(String id) {
        return jobs.status(id).orElseThrow();
    }

    @Test
    void aJobReportsProgressAnEstimateAndItsEnd() throws Exception {
        CountDownLatch half = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        jobs = new Jobs(fake(progress -> {
            for (int i = 100; i <= 500; i += 100) {
                progress.accept(i);
            }
            half.countDown();
            go.await();
            progress.accept(1000);
            return null;
        }), 1, 5, 2, System::nanoTime);
        JobStatus s = jobs.submit(REQUEST);
        assertEquals("uncertainty", s.kind());
        assertEquals(1000, s.total());
        assertTrue(half.await(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS));
        JobStatus mid = status(s.id());
        assertEquals(State.RUNNING, mid.state());
        assertEquals(500, mid.done());
        assertEquals(0.5, mid.progress(), 1e-9);
        assertTrue(mid.remainingMillis() != null && mid.remainingMillis() >= 0, mid.toString());
        assertTrue(jobs.result(s.id()).isEmpty(), "no result before the end");
        go.countDown();
        await(() -> status(s.id()).state().finished());
        JobStatus end = status(s.id());
        assertEquals(State.DONE, end.state());
        assertEquals(1000, end.done());
        assertEquals(1.0, end.progress());
        assertNull(end.remainingMillis());
        assertEquals(List.of(s.id()), jobs.jobs().stream().map(JobStatus::id).toList());
    }

    @Test
    void cancelStopsALoopThatOnlyReportsAndTheCounterStopsWithIt() throws Exception {
        AtomicLong runs = new AtomicLong();
        AtomicReference<Thread> worker = new AtomicReference<>();
        jobs = new Jobs(fake(progress -> {
            worker.set(Thread.currentThread());
            while (true) {
                long n = runs.incrementAndGet();
                if (n % 10 == 0) {
                    progress.accept((int) Math.min(n, 999));
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    // a loop that ignores interrupts: only the listener's CancellationException stops it
                }
            }
        }), 1, 5, 2, System::nanoTime);
        JobStatus s = jobs.submit(REQUEST);
        await(() -> status(s.id()).done() > 0);
        JobStatus after = jobs.cancel(s.id()).orElseThrow();
        assertTrue(after.state() == State.CANCELLING || after.state() == State.CANCELLED, after.toString());
        await(() -> status(s.id()).state() == State.CANCELLED);
        worker.get().join(HANG_GUARD.toMillis());
        long stopped = runs.get();
        long done = status(s.id()).done();
        Thread.sleep(50);
        assertEquals(stopped, runs.get(), "the analysis went on after the job was cancelled");
        assertEquals(done, status(s.id()).done());
        assertTrue(jobs.result(s.id()).isEmpty());
        assertTrue(jobs.cancel("nope").isEmpty());
    }

    @Test
    void cancelInterruptsAnAnalysisThatDoesNotReport() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        jobs = new Jobs(fake(progress -> {
            running.countDown();
            Thread.sleep(HANG_GUARD.toMillis());
            return null;
        }), 1, 5, 2, System::nanoTime);
        JobStatus s = jobs.submit(REQUEST);
        assertTrue(running.await(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS));
        jobs.cancel(s.id());
        await(() -> status(s.id()).state() == State.CANCELLED);
        assertNull(status(s.id()).error());
    }

    @Test
    void aQueuedJobCancelledNeverStartsAndWaitingJobsAreLimited() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong started = new AtomicLong();
        jobs = new Jobs(fake(progress -> {
            started.incrementAndGet();
            go.await();
            return null;
        }), 1, 5, 1, System::nanoTime);
        JobStatus first = jobs.submit(REQUEST);
        await(() -> started.get() == 1);
        JobStatus second = jobs.submit(REQUEST);
        assertEquals(State.QUEUED, second.state());
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> jobs.submit(REQUEST));
        assertTrue(full.getMessage().contains("at most 1"), full.getMessage());
        assertEquals(State.CANCELLED, jobs.cancel(second.id()).orElseThrow().state());
        go.countDown();
        await(() -> status(first.id()).state() == State.DONE);
        assertEquals(1, started.get(), "the cancelled job started");
        assertFalse(status(second.id()).state() == State.DONE);
    }

    @Test
    void aFailureIsReportedWithItsMessage() throws Exception {
        jobs = new Jobs(fake(progress -> {
            throw new IllegalArgumentException("replications: too many");
        }), 1, 5, 2, System::nanoTime);
        JobStatus s = jobs.submit(REQUEST);
        await(() -> status(s.id()).state().finished());
        assertEquals(State.FAILED, status(s.id()).state());
        assertEquals("replications: too many", status(s.id()).error());
    }
}
