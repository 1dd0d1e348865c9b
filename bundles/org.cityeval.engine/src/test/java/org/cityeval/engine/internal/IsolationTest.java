package org.cityeval.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.service.EvaluationFailure;
import org.cityeval.api.service.EvaluationFailure.Kind;
import org.junit.jupiter.api.Test;

/**
 * No outcome here depends on how fast the machine runs: work that must outlast a time limit never ends by itself
 * (it spins, or blocks until the test releases it); work that must finish within one gets a limit only a hang can
 * reach ({@link #HANG_GUARD}); the test waits for events (a latch, a thread's end) without a bound of its own; and
 * where waiting must exceed a limit, the limit is measured on a clock the test advances.
 */
class IsolationTest {
    /** A time limit for work that must finish: only a hang reaches it. */
    static final String HANG_GUARD = "10m";
    static final Duration HANG_GUARD_DURATION = Duration.ofMinutes(10);

    /** A stand-in for a third-party rule class: frames of this class are attributed to rule 'bad'. */
    static final class BadRule {
        static volatile long sink;

        static double spin() {
            long x = 0;
            while (true) {
                x += System.nanoTime() % 7; // ignores interruption
                sink = x;
            }
        }

        static double spinStubbornly(AtomicBoolean stop) {
            while (!stop.get()) {
                try {
                    while (!stop.get()) {
                        sink++; // ignores interruption
                    }
                } catch (Throwable t) {
                    // swallows ThreadDeath too: the thread cannot be stopped
                }
            }
            return 0;
        }

        static double hog() {
            List<long[]> kept = new ArrayList<>();
            while (true) {
                kept.add(new long[1 << 16]); // 512 KiB each, kept: grows without bound
                if (kept.size() > 64) {
                    kept.remove(0); // keep the test JVM's heap safe; the allocation count still grows
                }
            }
        }

        static double boom() {
            throw new IllegalStateException("boom: the rule's own bug");
        }

        static double recurse(int n) {
            return recurse(n + 1) + 1;
        }
    }

    private static final Isolation.Culprit BAD = new Isolation.Culprit("scoring", "bad", "org.example.bad 1.0.0");

    private static Isolation isolation(String timeout, String extra, String value) {
        return new Isolation(Isolation.Limits.from(name -> name.equals(Isolation.Limits.TIMEOUT) ? timeout
                : name.equals(extra) ? value : null),
                className -> className.equals(BadRule.class.getName()) ? BAD : null, "test-eval");
    }

    @Test
    void returnsTheResultAndPassesBadInputThrough() throws Exception {
        Isolation iso = isolation(HANG_GUARD, null, null);
        assertEquals(42, iso.run("m", null, () -> 42));
        BadInputException bad = new BadInputException("data.csv", "3:4", "not a number");
        assertSame(bad, assertThrows(BadInputException.class, () -> iso.run("m", null, () -> {
            throw bad;
        })));
    }

    @Test
    void aRuleThatThrowsIsNamedWithItsBundle() {
        Isolation iso = isolation(HANG_GUARD, null, null);
        EvaluationFailure f = assertThrows(EvaluationFailure.class, () -> iso.run("m1", null, BadRule::boom));
        assertEquals(Kind.ERROR, f.kind());
        assertEquals("m1", f.model());
        assertEquals("scoring 'bad'", f.rule());
        assertEquals("org.example.bad 1.0.0", f.bundle());
        assertTrue(f.getMessage().startsWith("m1: scoring rule 'bad' (bundle org.example.bad 1.0.0) failed: "
                + "java.lang.IllegalStateException: boom: the rule's own bug (at "), f.getMessage());
    }

    @Test
    void stackOverflowIsAnError() {
        Isolation iso = isolation(HANG_GUARD, null, null);
        EvaluationFailure f = assertThrows(EvaluationFailure.class, () -> iso.run("m", null, () -> BadRule.recurse(0)));
        assertEquals(Kind.ERROR, f.kind());
        assertTrue(f.getMessage().contains("java.lang.StackOverflowError"), f.getMessage());
    }

    @Test
    void outOfMemoryIsReportedAsSuch() {
        Isolation iso = isolation(HANG_GUARD, null, null);
        EvaluationFailure f = assertThrows(EvaluationFailure.class, () -> iso.run("m", null, () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertEquals(Kind.OUT_OF_MEMORY, f.kind());
        assertTrue(f.getMessage().startsWith("m: evaluation ran out of memory (Java heap space; "), f.getMessage());
    }

    @Test
    void aLoopThatIgnoresInterruptionIsStoppedAtTheTimeLimit() {
        // The grace a thread has to end, once interrupted and again once stopped, is the limit / 5 + 50 ms by
        // default: a stopped thread that a loaded machine does not schedule within it would count as abandoned.
        // Here it is long enough that only a thread that truly survives Thread.stop reaches it (the first grace,
        // after the interrupt the loop ignores, is always spent in full: the test takes that long).
        Isolation.Limits configured = Isolation.Limits.from(
                name -> name.equals(Isolation.Limits.TIMEOUT) ? "300ms" : null);
        Isolation.Limits limits = new Isolation.Limits(configured.timeout(), configured.parallelism(),
                configured.maxAllocation(), true, Duration.ofSeconds(10), configured.timeoutProperty(),
                configured.allocationProperty());
        Isolation iso = new Isolation(limits, className -> className.equals(BadRule.class.getName()) ? BAD : null,
                "test-eval");
        long t0 = System.nanoTime();
        EvaluationFailure f = assertThrows(EvaluationFailure.class, () -> iso.run("spinner", null, BadRule::spin));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Kind.TIMEOUT, f.kind());
        assertEquals("scoring 'bad'", f.rule());
        assertTrue(f.getMessage().startsWith("spinner: evaluation did not finish within 300 ms in scoring rule 'bad' "
                + "(bundle org.example.bad 1.0.0), at " + BadRule.class.getName() + ".spin(IsolationTest.java:"), f.getMessage());
        // not before the limit (a lower bound holds on any machine); that it ended at all shows the limit ended
        // it, for the loop never ends by itself (an upper bound on the time would measure the machine)
        assertTrue(ms >= 300, ms + " ms");
        assertTrue(f.elapsed().toMillis() >= 300, f.elapsed().toString());
        assertFalse(f.getMessage().contains("keeps running"), f.getMessage());
        assertTrue(iso.runaways().isEmpty(), "stopped, not abandoned");
    }

    @Test
    void theOptionsTimeoutOverridesTheConfiguredOne() {
        Isolation iso = isolation("60s", null, null);
        EvaluationFailure f = assertThrows(EvaluationFailure.class,
                () -> iso.run("m", Duration.ofMillis(200), BadRule::spin));
        assertTrue(f.getMessage().contains("within 200 ms"), f.getMessage());
    }

    @Test
    void aThreadThatCannotBeStoppedIsAbandonedAndItsRuleQuarantined() throws Exception {
        Isolation iso = isolation("200ms", Isolation.Limits.STOP_RUNAWAYS, "false");
        AtomicBoolean release = new AtomicBoolean();
        AtomicReference<Thread> stuck = new AtomicReference<>();
        try {
            // spins until released: it always outlasts the 200 ms limit, however fast the machine
            EvaluationFailure f = assertThrows(EvaluationFailure.class, () -> iso.run("stuck", null, () -> {
                stuck.set(Thread.currentThread());
                return BadRule.spinStubbornly(release);
            }));
            assertEquals(Kind.TIMEOUT, f.kind());
            assertTrue(f.getMessage().endsWith("; its thread did not stop and keeps running: the rule is quarantined "
                    + "until that thread ends or bundle org.example.bad 1.0.0 is updated or removed"), f.getMessage());
            assertEquals(1, iso.runaways().size());
            // the evaluations that must finish get a limit only a hang reaches, not the 200 ms the stuck one had
            EvaluationFailure q = assertThrows(EvaluationFailure.class,
                    () -> iso.run("other", HANG_GUARD_DURATION, () -> {
                        iso.checkQuarantine("scoring", "bad");
                        return 1;
                    }));
            assertEquals(Kind.QUARANTINED, q.kind());
            assertTrue(q.getMessage().startsWith("other: scoring rule 'bad' (bundle org.example.bad 1.0.0) is quarantined: "
                    + "an evaluation of stuck since "), q.getMessage());
            // other rules are unaffected, and capacity is not lost to the abandoned thread
            assertEquals(7, iso.run("fine", HANG_GUARD_DURATION, () -> {
                iso.checkQuarantine("scoring", "min-max");
                return 7;
            }));
        } finally {
            release.set(true);
        }
        // once the thread ends (waited for without a bound: a real hang is Surefire's to catch), the rule may be
        // called again
        stuck.get().join();
        assertTrue(iso.runaways().isEmpty());
        assertEquals(1, iso.run("again", HANG_GUARD_DURATION, () -> {
            iso.checkQuarantine("scoring", "bad");
            return 1;
        }));
    }

    @Test
    void anEvaluationThatAllocatesWithoutBoundIsStoppedAtTheAllocationLimit() {
        Isolation iso = isolation(HANG_GUARD, Isolation.Limits.MAX_ALLOCATION, "256m");
        EvaluationFailure f = assertThrows(EvaluationFailure.class, () -> iso.run("hog", null, BadRule::hog));
        assertEquals(Kind.ALLOCATION_LIMIT, f.kind());
        assertTrue(f.getMessage().matches("hog: evaluation allocated \\d+ MiB, over the limit of 256 MiB in scoring rule "
                + "'bad' \\(bundle org.example.bad 1.0.0\\), at .*"), f.getMessage());
    }

    @Test
    void noMoreThanParallelismRunAtOnceAndWaitingDoesNotCountAgainstTheLimit() throws Exception {
        // the time limit is measured on a clock the test advances: the six callers that wait for a lane wait a
        // minute by it, 60 × the 1 s limit, however slow the machine; their own evaluations take no time by it
        AtomicLong clock = new AtomicLong();
        Isolation iso = new Isolation(Isolation.Limits.from(Map.of(Isolation.Limits.TIMEOUT, "1s",
                Isolation.Limits.PARALLELISM, "2")::get), className -> null, "test-eval", clock::get);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch twoIn = new CountDownLatch(2);
        List<Thread> callerThreads = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "caller-" + callerThreads.size());
            t.setDaemon(true);
            callerThreads.add(t);
            return t;
        });
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // the first two take both lanes and hold them until the gate opens (with a limit only a hang
                // reaches, by the test's clock); the other six come after them and use the configured 1 s
                Duration timeout = i < 2 ? HANG_GUARD_DURATION : null;
                answers.add(callers.submit(() -> iso.run("m", timeout, () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    twoIn.countDown();
                    gate.await();
                    running.decrementAndGet();
                    return 1;
                })));
                if (i == 1) {
                    twoIn.await();
                }
            }
            // an event, not a time: all six are parked waiting for a permit, none is evaluating
            while (waitingForAPermit(callerThreads) < 6) {
                Thread.sleep(5);
            }
            assertEquals(2, running.get());
            clock.addAndGet(Duration.ofMinutes(1).toNanos());
            gate.countDown();
            for (Future<Integer> a : answers) {
                assertEquals(1, a.get());
            }
        } finally {
            gate.countDown();
            callers.shutdownNow();
        }
        assertEquals(2, most.get());
    }

    /** Threads parked in {@code Semaphore.acquire}. */
    private static int waitingForAPermit(List<Thread> threads) {
        int n = 0;
        for (Thread t : threads) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().equals(java.util.concurrent.Semaphore.class.getName())
                        && e.getMethodName().startsWith("acquire")) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    @Test
    void limitsAreReadAndRefusedWithTheirPropertyName() {
        Isolation.Limits l = Isolation.Limits.from(Map.of(Isolation.Limits.TIMEOUT, "2m", Isolation.Limits.PARALLELISM,
                "3", Isolation.Limits.MAX_ALLOCATION, "1g")::get);
        assertEquals(Duration.ofMinutes(2), l.timeout());
        assertEquals(3, l.parallelism());
        assertEquals(1L << 30, l.maxAllocation());
        assertEquals(Duration.ofSeconds(30), Isolation.Limits.duration("x", "PT30S", null));
        assertEquals(Duration.ofMillis(1500), Isolation.Limits.duration("x", "1.5s", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Isolation.Limits.from(Map.of(Isolation.Limits.TIMEOUT, "soon")::get));
        assertEquals("cityeval.evaluation.timeout=soon: a positive duration such as 500ms, 30s, 5m or PT30S", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Isolation.Limits.from(Map.of(Isolation.Limits.PARALLELISM, "0")::get));
        assertEquals("cityeval.evaluation.parallelism=0: a whole number from 1 to 1024", e.getMessage());
        assertNull(Isolation.currentModel());
    }
}
