package org.cityeval.http.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The uploads being received at once, at most {@link ServerLimits#maxUploads()}, each with a deadline for its
 * body ({@link ServerLimits#bodyTimeoutMillis()}). A request the servlet reads blocks one of the container's
 * threads while its body arrives; a client sending a byte now and then would hold it for as long as it likes.
 * Bounding those requests leaves the container's other threads to the API's small requests.
 */
final class UploadGate implements AutoCloseable {
    private final ServerLimits limits;
    private final Semaphore slots;
    private final Semaphore smallSlots;
    private final ScheduledThreadPoolExecutor timer;
    private final Aborter aborter;

    /** Ends a request's connection (the container's way); the blocked read then fails. */
    interface Aborter {
        void abort(HttpServletRequest request);
    }

    /** An upload let in: its slot, and its body's deadline. */
    final class Pass implements AutoCloseable {
        private final java.util.concurrent.ScheduledFuture<?> deadline;
        private final Semaphore from;
        private boolean closed;

        private Pass(HttpServletRequest request, Semaphore from) {
            this.from = from;
            this.deadline = timer.schedule(() -> aborter.abort(request), limits.bodyTimeoutMillis(),
                    TimeUnit.MILLISECONDS);
        }

        /** The body has arrived: the deadline no longer applies (the slot is kept while the upload is handled). */
        void received() {
            deadline.cancel(false);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                deadline.cancel(false);
                from.release();
            }
        }
    }

    UploadGate(ServerLimits limits, Aborter aborter) {
        this.limits = limits;
        this.slots = new Semaphore(limits.maxUploads());
        this.smallSlots = new Semaphore(limits.maxSmallBodies());
        this.aborter = aborter;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cityeval-upload-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    ServerLimits limits() {
        return limits;
    }

    /**
     * Whether this request is an upload: {@code POST /api/upload}, or a body declared larger than
     * {@link ServerLimits#SMALL_BODY} or of unknown length.
     */
    static boolean isUpload(String method, String path, long declaredLength, String transferEncoding) {
        if (!method.equals("POST") && !method.equals("PUT")) {
            return false;
        }
        if (path.equals("/api/upload")) {
            return true;
        }
        return declaredLength > ServerLimits.SMALL_BODY || declaredLength < 0 && transferEncoding != null;
    }

    /** @return a pass, or {@code null} when every slot is taken */
    Pass tryEnter(HttpServletRequest request) {
        return slots.tryAcquire() ? new Pass(request, slots) : null;
    }

    /** Whether this request sends a small body: not an upload, a body of declared length 1 to SMALL_BODY bytes. */
    static boolean isSmallBody(String method, String path, long declaredLength, String transferEncoding) {
        return (method.equals("POST") || method.equals("PUT")) && declaredLength > 0
                && !isUpload(method, path, declaredLength, transferEncoding);
    }

    /**
     * A slot for reading a small body: to be closed as soon as the body is read (it is not held while the request
     * is handled).
     *
     * @return a pass, or {@code null} when every slot is taken
     */
    Pass tryEnterSmall(HttpServletRequest request) {
        return smallSlots.tryAcquire() ? new Pass(request, smallSlots) : null;
    }

    /** The 503 message when small bodies are all being read. */
    String busySmall() {
        return "too many requests sending their bodies at once (at most " + limits.maxSmallBodies()
                + "; the framework property " + ServerLimits.MAX_SMALL_BODIES + " sets it): try again in "
                + limits.retryAfterSeconds() + " s";
    }

    /** The 503 message. */
    String busy() {
        return "too many uploads at once (at most " + limits.maxUploads() + "; the framework property "
                + ServerLimits.MAX_UPLOADS + " sets it): try again in " + limits.retryAfterSeconds() + " s";
    }

    /** Slots free now (for tests). */
    int free() {
        return slots.availablePermits();
    }

    /** Small-body slots free now (for tests). */
    int freeSmall() {
        return smallSlots.availablePermits();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
