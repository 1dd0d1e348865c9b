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
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.service.EvaluationFailure;
import org.cityeval.api.service.EvaluationFailure.Kind;
import org.junit.jupiter.api.Test;

class IsolationTest {
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
        Isolation iso = isolation("5s", null, null);
        assertEquals(42, iso.run("m", null, () -> 42));
        BadInputException bad = new BadInputException("data.csv", "3:4", "not a number");
        assertSame(bad, assertThrows(BadInputException.class, () -> iso.run("m", null, () -> {
            throw bad;
        })));
    }

    @Test
    void aRuleThatThrowsIsNamedWithItsBundle() {
        Isolation iso = isolation("5s", null, null);
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
        Isolation iso = isolation("5s", null, null);
        EvaluationFailure f = assertThrows(EvaluationFailure.class, () -> iso.run("m", null, () -> BadRule.recurse(0)));
        assertEquals(Kind.ERROR, f.kind());
        assertTrue(f.getMessage().contains("java.lang.StackOverflowError"), f.getMessage());
    }

    @Test
    void outOfMemoryIsReportedAsSuch() {
        Isolation iso = isolation("5s", null, null);
        EvaluationFailure f = assertThrows(EvaluationFailure.class, () -> iso.run("m", null, () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertEquals(Kind.OUT_OF_MEMORY, f.kind());
        assertTrue(f.getMessage().startsWith("m: evaluation ran out of memory (Java heap space; "), f.getMessage());
    }

    @Test
    void aLoopThatIgnoresInterruptionIsStoppedAtTheTimeLimit() {
        Isolation iso = isolation("300ms", null, null);
        long t0 = System.nanoTime();
        EvaluationFailure f = assertThrows(EvaluationFailure.class, () -> iso.run("spinner", null, BadRule::spin));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Kind.TIMEOUT, f.kind());
        assertEquals("scoring 'bad'", f.rule());
        assertTrue(f.getMessage().startsWith("spinner: evaluation did not finish within 300 ms in scoring rule 'bad' "
                + "(bundle org.example.bad 1.0.0), at " + BadRule.class.getName() + ".spin(IsolationTest.java:"), f.getMessage());
        assertTrue(ms >= 300 && ms < 3000, ms + " ms");
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
        try {
            EvaluationFailure f = assertThrows(EvaluationFailure.class,
                    () -> iso.run("stuck", null, () -> BadRule.spinStubbornly(release)));
            assertEquals(Kind.TIMEOUT, f.kind());
            assertTrue(f.getMessage().endsWith("; its thread did not stop and keeps running: the rule is quarantined "
                    + "until that thread ends or bundle org.example.bad 1.0.0 is updated or removed"), f.getMessage());
            assertEquals(1, iso.runaways().size());
            EvaluationFailure q = assertThrows(EvaluationFailure.class, () -> iso.run("other", null, () -> {
                iso.checkQuarantine("scoring", "bad");
                return 1;
            }));
            assertEquals(Kind.QUARANTINED, q.kind());
            assertTrue(q.getMessage().startsWith("other: scoring rule 'bad' (bundle org.example.bad 1.0.0) is quarantined: "
                    + "an evaluation of stuck since "), q.getMessage());
            // other rules are unaffected, and capacity is not lost to the abandoned thread
            assertEquals(7, iso.run("fine", null, () -> {
                iso.checkQuarantine("scoring", "min-max");
                return 7;
            }));
        } finally {
            release.set(true);
        }
        // once the thread ends, the rule may be called again
        for (int i = 0; i < 100 && !iso.runaways().isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertTrue(iso.runaways().isEmpty());
        assertEquals(1, iso.run("again", null, () -> {
            iso.checkQuarantine("scoring", "bad");
            return 1;
        }));
    }

    @Test
    void anEvaluationThatAllocatesWithoutBoundIsStoppedAtTheAllocationLimit() {
        Isolation iso = isolation("20s", Isolation.Limits.MAX_ALLOCATION, "256m");
        EvaluationFailure f = assertThrows(EvaluationFailure.class, () -> iso.run("hog", null, BadRule::hog));
        assertEquals(Kind.ALLOCATION_LIMIT, f.kind());
        assertTrue(f.getMessage().matches("hog: evaluation allocated \\d+ MiB, over the limit of 256 MiB in scoring rule "
                + "'bad' \\(bundle org.example.bad 1.0.0\\), at .*"), f.getMessage());
    }

    @Test
    void noMoreThanParallelismRunAtOnceAndWaitingDoesNotCountAgainstTheLimit() throws Exception {
        Isolation iso = isolation("400ms", Isolation.Limits.PARALLELISM, "2");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(callers.submit(() -> iso.run("m", null, () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.sleep(150); // 8 × 150 ms on 2 lanes = 600 ms in all, more than the 400 ms limit
                    running.decrementAndGet();
                    return 1;
                })));
            }
            for (Future<Integer> a : answers) {
                assertEquals(1, a.get());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(2, most.get());
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
