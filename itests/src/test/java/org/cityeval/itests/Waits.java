package org.cityeval.itests;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waiting in the integration tests: for an event (a process's end, a line, a service, a model in the catalog),
 * never for a time a slow or busy machine can reach. What a wait bounds takes seconds at most even on a loaded
 * 2-core machine; {@link #HANG_GUARD} is there only so that a real hang fails the test with a message that says
 * so, instead of stalling the build.
 */
final class Waits {
    /** Reached only by a hang. */
    static final Duration HANG_GUARD = Duration.ofMinutes(10);

    private Waits() {
    }

    /**
     * Polls {@code condition} until it holds.
     *
     * @param what for the hang guard's message
     * @throws AssertionError from the hang guard, naming {@code what}
     */
    static void until(String what, Callable<Boolean> condition) throws Exception {
        until(() -> what, condition);
    }

    /** {@link #until(String, Callable)}, with {@code what} worked out when the guard fails. */
    static void until(Callable<String> what, Callable<Boolean> condition) throws Exception {
        long guard = System.nanoTime() + HANG_GUARD.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() - guard > 0) {
                throw new AssertionError("hang guard (" + HANG_GUARD.toMinutes() + " min): still waiting for "
                        + what.call());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for {@code p} to end; fails, naming {@code what}, only if it hangs. */
    static void exit(Process p, String what) throws InterruptedException {
        if (!p.waitFor(HANG_GUARD.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hang guard (" + HANG_GUARD.toMinutes() + " min): " + what);
        }
    }
}
