package org.cityeval.engine.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.service.EvaluationFailure;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.EvaluationFailure.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs evaluations isolated from their callers, so that a rule from a third-party bundle that throws, runs on, or
 * allocates without bound ends only its own evaluation:
 * <ul>
 * <li>each evaluation runs on a fresh daemon thread of its own, at most {@code parallelism} at once (callers
 * beyond that wait their turn, first come first served; the wait does not count against the time limit);</li>
 * <li>the caller waits at most the time limit; past it, and past the allocation limit (bytes the evaluation's
 * thread allocated, as the JVM counts them), the thread is interrupted and, if it does not stop within a grace
 * period, stopped ({@link Thread#stop()}: the only way the JVM offers to end code that ignores interruption;
 * the thread runs nothing but the evaluation, whose state is thrown away);</li>
 * <li>a thread that cannot be stopped (stopping disabled, a JVM without {@code Thread.stop}, or a rule that
 * catches {@link ThreadDeath}) is abandoned and the rule it was running is quarantined: evaluations that would
 * call it fail at once until the thread ends or the rule's service goes away;</li>
 * <li>what a rule throws (an unchecked exception, {@link StackOverflowError}, {@link OutOfMemoryError}) ends the
 * evaluation with an {@link EvaluationFailure} naming the rule and its bundle; {@link BadInputException} passes
 * through unchanged.</li>
 * </ul>
 * Rule-level attribution comes from the stack: the first frame that belongs to a registered rule's class.
 */
public final class Isolation {
    private static final Logger LOG = LoggerFactory.getLogger(Isolation.class);
    private static final ThreadLocal<String> MODEL = new ThreadLocal<>();

    /**
     * The limits, from framework properties:
     * <ul>
     * <li>{@value #TIMEOUT}: time limit per evaluation, default 60 s ({@code 500ms}, {@code 30s}, {@code 5m} or
     * an ISO-8601 duration);</li>
     * <li>{@value #PARALLELISM}: evaluations running at once, default the number of processors;</li>
     * <li>{@value #MAX_ALLOCATION}: bytes one evaluation may allocate in all, default 4g ({@code k}, {@code m},
     * {@code g} suffixes); {@code 0} for no limit;</li>
     * <li>{@value #STOP_RUNAWAYS}: whether to stop a thread that ignores interruption (default true) or
     * abandon it and quarantine its rule.</li>
     * </ul>
     *
     * @param timeout       time limit per evaluation
     * @param parallelism   evaluations at once
     * @param maxAllocation bytes allocated per evaluation, 0 for none
     * @param stopRunaways  stop threads that ignore interruption
     * @param grace         how long an interrupted evaluation has to end before it is stopped
     * @param timeoutProperty    the property that sets the time limit, for messages
     * @param allocationProperty the property that sets the allocation limit, for messages
     */
    public record Limits(Duration timeout, int parallelism, long maxAllocation, boolean stopRunaways, Duration grace,
            String timeoutProperty, String allocationProperty) {
        public static final String TIMEOUT = "cityeval.evaluation.timeout";
        public static final String PARALLELISM = "cityeval.evaluation.parallelism";
        public static final String MAX_ALLOCATION = "cityeval.evaluation.maxAllocation";
        public static final String STOP_RUNAWAYS = "cityeval.evaluation.stopRunaways";
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
        public static final long DEFAULT_MAX_ALLOCATION = 4L << 30;

        public Limits {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism " + parallelism);
            }
        }

        /** Defaults for everything not given. */
        public static Limits defaults() {
            return from(name -> null);
        }

        /**
         * @param properties framework properties by name
         * @throws IllegalArgumentException naming the property whose value is unusable
         */
        public static Limits from(Function<String, String> properties) {
            return from(properties, "cityeval.evaluation", DEFAULT_TIMEOUT, Runtime.getRuntime().availableProcessors(),
                    DEFAULT_MAX_ALLOCATION);
        }

        /**
         * @param properties  framework properties by name
         * @param prefix      of the property names: {@code prefix.timeout}, {@code .parallelism},
         *                    {@code .maxAllocation}, {@code .stopRunaways}
         * @param timeout     default time limit
         * @param parallelism default number at once
         * @param allocation  default allocation limit, 0 for none
         * @throws IllegalArgumentException naming the property whose value is unusable
         */
        public static Limits from(Function<String, String> properties, String prefix, Duration timeout, int parallelism,
                long allocation) {
            String timeoutName = prefix + ".timeout";
            String parallelismName = prefix + ".parallelism";
            String allocationName = prefix + ".maxAllocation";
            String stopName = prefix + ".stopRunaways";
            Duration limit = duration(timeoutName, properties.apply(timeoutName), timeout);
            String p = properties.apply(parallelismName);
            int n = parallelism;
            if (p != null && !p.isBlank()) {
                try {
                    n = Integer.parseInt(p.trim());
                } catch (NumberFormatException e) {
                    n = 0;
                }
                if (n < 1 || n > 1024) {
                    throw new IllegalArgumentException(parallelismName + "=" + p + ": a whole number from 1 to 1024");
                }
            }
            long max = bytes(allocationName, properties.apply(allocationName), allocation);
            String stop = properties.apply(stopName);
            if (stop != null && !stop.isBlank() && !stop.trim().matches("(?i)true|false")) {
                throw new IllegalArgumentException(stopName + "=" + stop + ": true or false");
            }
            boolean stopRunaways = stop == null || stop.isBlank() || Boolean.parseBoolean(stop.trim());
            Duration grace = limit.compareTo(Duration.ofSeconds(5)) < 0 ? limit.dividedBy(5).plusMillis(50)
                    : Duration.ofSeconds(1);
            return new Limits(limit, n, max, stopRunaways, grace, timeoutName, allocationName);
        }

        /** {@link EvaluationOptions#parseDuration}, naming the property when the value is unusable. */
        public static Duration duration(String name, String value, Duration fallback) {
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                return EvaluationOptions.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + "=" + value + ": " + e.getMessage());
            }
        }

        static long bytes(String name, String value, long fallback) {
            if (value == null || value.isBlank()) {
                return fallback;
            }
            String v = value.trim().toLowerCase(Locale.ROOT);
            long unit = 1;
            if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
                unit = v.endsWith("k") ? 1L << 10 : v.endsWith("m") ? 1L << 20 : 1L << 30;
                v = v.substring(0, v.length() - 1).trim();
            }
            try {
                long n = Long.parseLong(v);
                if (n >= 0 && n <= Long.MAX_VALUE / unit) {
                    return n * unit;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(name + "=" + value + ": a number of bytes such as 512m or 4g (0: no limit)");
        }
    }

    /**
     * A rule, as attributed to a stack frame.
     *
     * @param kind   scoring, aggregation, tier or grouping
     * @param name   the rule's name in descriptors
     * @param bundle the providing bundle, {@code symbolic-name version}
     */
    public record Culprit(String kind, String name, String bundle) {
        String key() {
            return kind + ":" + name;
        }

        @Override
        public String toString() {
            return kind + " rule '" + name + "' (bundle " + bundle + ")";
        }
    }

    /** Finds the rule a frame belongs to. */
    @FunctionalInterface
    public interface Culprits {
        /** @return the rule whose class declared the frame's class, or {@code null} */
        Culprit of(String className);
    }

    /** An abandoned thread and the rule it is stuck in. */
    record Runaway(Thread thread, Culprit culprit, String model, Instant since) {
    }

    private final Limits limits;
    private final Culprits culprits;
    private final Semaphore permits;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Runaway> quarantine = new ConcurrentHashMap<>();
    private final Allocations allocations = new Allocations();
    private final String prefix;
    private final LongSupplier nanoTime;

    /**
     * @param prefix thread name prefix ({@code cityeval-eval})
     */
    public Isolation(Limits limits, Culprits culprits, String prefix) {
        this(limits, culprits, prefix, System::nanoTime);
    }

    /**
     * @param nanoTime the clock the time limit is measured on ({@link System#nanoTime()}; tests pass one they
     *                 advance themselves, so that what they check does not depend on the machine's speed)
     */
    Isolation(Limits limits, Culprits culprits, String prefix, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.limits = limits;
        this.culprits = culprits;
        this.permits = new Semaphore(limits.parallelism(), true);
        this.prefix = prefix;
    }

    public Limits limits() {
        return limits;
    }

    /** The model the current thread evaluates, or {@code null} outside an isolated evaluation. */
    public static String currentModel() {
        return MODEL.get();
    }

    /**
     * Runs {@code task} isolated.
     *
     * @param model   the model's id (for messages and the thread's name)
     * @param timeout time limit, or {@code null} for the configured one
     * @throws BadInputException  as the task throws it
     * @throws EvaluationFailure  when the task throws anything else, or passes a limit
     */
    public <T> T run(String model, Duration timeout, Callable<T> task) throws BadInputException {
        Duration limit = timeout != null ? timeout : limits.timeout();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvaluationFailure(model, Kind.INTERRUPTED, null, null, null,
                    model + ": interrupted while waiting to be evaluated", e);
        }
        try {
            return runPermitted(model, limit, task);
        } finally {
            permits.release();
        }
    }

    private <T> T runPermitted(String model, Duration limit, Callable<T> task) throws BadInputException {
        FutureTask<T> future = new FutureTask<>(() -> {
            MODEL.set(model);
            try {
                return task.call();
            } finally {
                MODEL.remove();
            }
        });
        Thread thread = new Thread(future, prefix + "-" + sequence.incrementAndGet() + "-" + model);
        thread.setDaemon(true);
        long start = nanoTime.getAsLong();
        long deadline = start + limit.toNanos();
        thread.start();
        boolean interrupted = false;
        Kind over = null;
        long allocated = 0;
        while (over == null) {
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                over = Kind.TIMEOUT;
                break;
            }
            try {
                return outcome(model, future, Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), start);
            } catch (TimeoutException e) {
                if (limits.maxAllocation() > 0) {
                    long now = allocations.of(thread); // a fresh thread: all of it is this evaluation's
                    if (now > limits.maxAllocation()) {
                        allocated = now;
                        over = Kind.ALLOCATION_LIMIT;
                    }
                }
            } catch (InterruptedException e) {
                interrupted = true;
                over = Kind.INTERRUPTED;
            }
        }
        StackTraceElement[] stack = thread.getStackTrace();
        Culprit culprit = culprit(stack);
        Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
        boolean ended = end(thread, future);
        String where = culprit != null ? " in " + culprit : "";
        String at = top(stack);
        String message = switch (over) {
            case TIMEOUT -> model + ": evaluation did not finish within " + human(limit) + where
                    + (at.isEmpty() ? "" : ", at " + at) + " (limit: option timeout or framework property "
                    + limits.timeoutProperty() + ")";
            case ALLOCATION_LIMIT -> model + ": evaluation allocated " + (allocated >> 20) + " MiB, over the limit of "
                    + (limits.maxAllocation() >> 20) + " MiB" + where + (at.isEmpty() ? "" : ", at " + at)
                    + " (limit: framework property " + limits.allocationProperty() + ")";
            default -> model + ": interrupted while evaluating" + where;
        };
        if (!ended) {
            message += "; its thread did not stop and keeps running"
                    + (culprit != null ? ": the rule is quarantined until that thread ends or bundle " + culprit.bundle()
                            + " is updated or removed" : "");
            if (culprit != null) {
                quarantine.put(culprit.key(), new Runaway(thread, culprit, model, Instant.now()));
            }
        }
        // the caller reports the failure; the log keeps it for a server's operator, as a warning when a thread is lost
        if (ended) {
            LOG.info(message);
        } else {
            LOG.warn(message);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        throw new EvaluationFailure(model, over, culprit == null ? null : culprit.kind() + " '" + culprit.name() + "'",
                culprit == null ? null : culprit.bundle(), elapsed, message, null);
    }

    /** The task's result, or its failure turned into an EvaluationFailure. */
    private <T> T outcome(String model, FutureTask<T> future, long waitNanos, long start)
            throws TimeoutException, InterruptedException, BadInputException {
        try {
            return future.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BadInputException b) {
                throw b;
            }
            if (cause instanceof EvaluationFailure f) {
                throw f;
            }
            Culprit culprit = culprit(cause.getStackTrace());
            Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
            String rule = culprit == null ? null : culprit.kind() + " '" + culprit.name() + "'";
            String bundle = culprit == null ? null : culprit.bundle();
            String where = culprit != null ? " in " + culprit : "";
            if (cause instanceof OutOfMemoryError) {
                String message = model + ": evaluation ran out of memory" + where + " (" + cause.getMessage()
                        + "; the heap is shared by the whole runtime: see -Xmx and framework property "
                        + limits.allocationProperty() + ")";
                LOG.info(message);
                throw new EvaluationFailure(model, Kind.OUT_OF_MEMORY, rule, bundle, elapsed, message, cause);
            }
            String at = top(cause.getStackTrace());
            String message = model + ": " + (culprit != null ? culprit + " failed: " : "evaluation failed: ")
                    + cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                    + (at.isEmpty() ? "" : " (at " + at + ")");
            LOG.info(message, cause);
            throw new EvaluationFailure(model, Kind.ERROR, rule, bundle, elapsed, message, cause);
        }
    }

    /** Interrupts, then stops, the thread; whether it ended. */
    private boolean end(Thread thread, FutureTask<?> future) {
        thread.interrupt();
        if (awaitEnd(thread, limits.grace())) {
            return true;
        }
        if (limits.stopRunaways() && stop(thread)) {
            return awaitEnd(thread, limits.grace());
        }
        return false;
    }

    private static boolean awaitEnd(Thread thread, Duration grace) {
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /**
     * {@code Thread.stop()}, called reflectively: deprecated for removal and refused from Java 20 on, where this
     * answers false and the thread is abandoned instead.
     */
    private static boolean stop(Thread thread) {
        try {
            Method stop = Thread.class.getMethod("stop");
            stop.invoke(thread);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // InvocationTargetException around UnsupportedOperationException from Java 20 on
        }
    }

    /**
     * Refuses a rule that is quarantined, unless its thread has ended since.
     *
     * @throws EvaluationFailure {@link Kind#QUARANTINED}
     */
    public void checkQuarantine(String kind, String name) {
        Runaway r = quarantine.get(kind + ":" + name);
        if (r == null) {
            return;
        }
        if (!r.thread().isAlive()) {
            quarantine.remove(kind + ":" + name, r);
            return;
        }
        String model = currentModel();
        throw new EvaluationFailure(model, Kind.QUARANTINED, kind + " '" + name + "'", r.culprit().bundle(), null,
                (model == null ? "" : model + ": ") + r.culprit() + " is quarantined: an evaluation of " + r.model()
                        + " since " + r.since() + " is still running in it (thread " + r.thread().getName()
                        + "); update or remove bundle " + r.culprit().bundle() + " or restart the runtime",
                null);
    }

    /** Lifts the quarantine of a rule whose service went away. */
    public void release(String kind, String name) {
        quarantine.remove(kind + ":" + name);
    }

    /** Threads abandoned and still running, by rule. */
    public Map<String, String> runaways() {
        Map<String, String> out = new java.util.TreeMap<>();
        quarantine.forEach((k, r) -> {
            if (r.thread().isAlive()) {
                out.put(r.culprit().toString(), r.thread().getName() + " since " + r.since());
            }
        });
        return out;
    }

    private Culprit culprit(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            // the class itself, then the classes it is nested in (a rule's lambdas and inner classes)
            for (String c = e.getClassName(); c != null; c = c.lastIndexOf('$') < 0 ? null
                    : c.substring(0, c.lastIndexOf('$'))) {
                Culprit found = culprits.of(c);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The first frame outside the JDK and this class: where the code was. */
    private static String top(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.equals(Isolation.class.getName())
                    || c.startsWith(Isolation.class.getName() + "$")) {
                continue;
            }
            return c + "." + e.getMethodName() + (e.getFileName() == null ? "" : "(" + e.getFileName()
                    + (e.getLineNumber() < 0 ? "" : ":" + e.getLineNumber()) + ")");
        }
        return "";
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0 || ms < 1000) {
            return ms + " ms";
        }
        long s = ms / 1000;
        return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
    }

    /** Bytes a thread allocated, from {@code com.sun.management.ThreadMXBean} where the JVM has it. */
    static final class Allocations {
        private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        private final Method allocated;

        Allocations() {
            Method m = null;
            try {
                Class<?> type = Class.forName("com.sun.management.ThreadMXBean", false,
                        ClassLoader.getSystemClassLoader());
                if (type.isInstance(bean)) {
                    m = type.getMethod("getThreadAllocatedBytes", long.class);
                    Method enabled = type.getMethod("isThreadAllocatedMemoryEnabled");
                    if (!(Boolean) enabled.invoke(bean)) {
                        m = null;
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                m = null;
            }
            this.allocated = m;
        }

        /** @return bytes allocated by the thread so far, or -1 where the JVM does not tell */
        @SuppressWarnings("deprecation")
        long of(Thread t) {
            if (allocated == null) {
                return -1;
            }
            try {
                return (Long) allocated.invoke(bean, t.getId());
            } catch (ReflectiveOperationException | RuntimeException e) {
                return -1;
            }
        }
    }
}
