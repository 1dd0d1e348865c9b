package org.cityeval.http.internal;

import java.io.IOException;
import java.util.Set;

import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.service.EvaluationFailure;
import org.cityeval.api.workflow.WorkflowException;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web API, JSON in and out, as thin as the CLI over the same services: it checks where a request comes
 * from, finds its route ({@link Routes}), runs the handler and writes the answer. Registered on the servlet
 * whiteboard by {@link ApiComponent}.
 * <p>
 * Errors answer {@code {"error": "..."}}: 400 bad input (naming file, row and column, or the JSON path), 403 a
 * request from another site, 404 unknown model or route, 405, 413 a body over the limit, 503 an optional
 * service absent, too many uploads at once (with {@code Retry-After}; {@link UploadGate}) or no memory for the
 * request now (an OutOfMemoryError, caught here: never the container's HTML page), 507 the workbench store full,
 * 500 anything else ("internal error"; the cause goes to the log). Never a stack trace, never
 * a CORS header; every answer carries {@code X-Content-Type-Options: nosniff}.
 */
final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

    private final transient Router router;
    private final transient RequestGuard guard;
    private final long maxBody;
    private final transient UploadGate uploads;

    ApiServlet(Router router, RequestGuard guard, long maxBody) {
        this(router, guard, maxBody, new UploadGate(ServerLimits.defaults(), JettyServer::abort));
    }

    /** @param uploads the uploads received at once, each with its body's deadline (see {@link ServerLimits}) */
    ApiServlet(Router router, RequestGuard guard, long maxBody, UploadGate uploads) {
        this.router = router;
        this.guard = guard;
        this.maxBody = maxBody;
        this.uploads = uploads;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Responses.secure(resp);
        String method = req.getMethod();
        String path = "/api" + (req.getPathInfo() == null ? "" : req.getPathInfo());
        boolean head = method.equals("HEAD");
        try {
            if (!METHODS.contains(method)) {
                throw new HttpError(405, "method " + HttpError.quote(method) + " is not used by this API");
            }
            guard.check(method, req.getHeader("Host"), req.getHeader("Origin"));
            if (method.equals("OPTIONS")) {
                Set<String> allowed = router.allowed(path);
                if (allowed.isEmpty()) {
                    throw HttpError.notFound("no such resource: " + HttpError.quote(path));
                }
                resp.setHeader("Allow", String.join(", ", allowed));
                resp.setStatus(204);
                return;
            }
            Router.Match match = router.match(method, path);
            Object answer;
            UploadGate.Pass pass = null;
            long declared = req.getContentLengthLong();
            String encoding = req.getHeader("Transfer-Encoding");
            boolean small = UploadGate.isSmallBody(method, path, declared, encoding);
            if (small || UploadGate.isUpload(method, path, declared, encoding)) {
                pass = small ? uploads.tryEnterSmall(req) : uploads.tryEnter(req);
                if (pass == null) {
                    busy(resp, head, small ? uploads.busySmall() : uploads.busy());
                    return;
                }
            }
            try {
                Call call = new Call(req, match.variables(), maxBody);
                if (pass != null) {
                    // an upload keeps its slot while it is handled; a small body only while it is read
                    call.onBodyReceived(small ? pass::close : pass::received);
                }
                answer = match.route().handler().handle(call);
            } finally {
                if (pass != null) {
                    pass.close();
                }
            }
            try {
                if (answer instanceof Download d) {
                    Responses.download(resp, d, head);
                } else {
                    Responses.json(resp, 200, answer, head);
                }
            } catch (JsonProcessingException e) {
                throw e; // the answer could not be made: a failure of this side
            } catch (IOException e) {
                clientGone();
            }
        } catch (Call.ClientGone e) {
            clientGone(); // while the request was read
        } catch (HttpError e) {
            if (e.allow != null) {
                resp.setHeader("Allow", e.allow);
            }
            if (e.status == 413) {
                swallow(req, resp);
            }
            fail(resp, e.status, e.getMessage(), head);
        } catch (WorkflowException e) {
            fail(resp, HttpError.of(e).status, e.getMessage(), head);
        } catch (BadInputException e) {
            fail(resp, 400, e.getMessage(), head);
        } catch (EvaluationFailure e) {
            // a model's rule failed or passed a limit: said as it is (model, rule, bundle), the server goes on
            if (!resp.isCommitted()) {
                resp.resetBuffer();
                resp.setHeader("Content-Disposition", null);
                Responses.json(resp, e.kind() == EvaluationFailure.Kind.TIMEOUT ? 504 : 500,
                        Concordance.Failed.of(e), head);
            }
        } catch (OutOfMemoryError e) {
            // the request's data did not fit in the heap (serve's -Xmx, conf/jvm/serve.options): what it held is
            // garbage now, so the server goes on; the client gets the API's JSON error, never the container's page
            outOfMemory(resp, method + " " + path, e, head);
        } catch (Exception | StackOverflowError e) {
            logFailure(method + " " + path, e);
            fail(resp, 500, "internal error", head);
        }
    }

    /**
     * 503 to an upload over {@link ServerLimits#maxUploads()}, at once and without reading its body: the
     * connection is closed after the answer, so that the client's body is not waited for.
     */
    private void busy(HttpServletResponse resp, boolean head, String message) throws IOException {
        resp.setHeader("Retry-After", Integer.toString(uploads.limits().retryAfterSeconds()));
        resp.setHeader("Connection", "close");
        fail(resp, 503, message, head);
    }

    /** What an OutOfMemoryError in a request answers: 503, the API's JSON error, the connection closed. */
    static final String OUT_OF_MEMORY = "not enough memory for this request now; try again later, or with a smaller"
            + " file (the server's heap limit is set in conf/jvm/serve.options)";

    private void outOfMemory(HttpServletResponse resp, String request, OutOfMemoryError e, boolean head) {
        try {
            logFailure(request + " (out of memory)", e);
            resp.setHeader("Connection", "close");
            resp.setHeader("Retry-After", "10");
            fail(resp, 503, OUT_OF_MEMORY, head);
        } catch (IOException | RuntimeException | OutOfMemoryError again) {
            // still no memory to answer with, or the client is gone: the connection is closed
        }
    }

    /** As Tomcat's maxSwallowSize: how much of a refused body is read and dropped so that the client sees the answer. */
    static final long SWALLOW_LIMIT = 2L << 20;

    /**
     * A body refused as too large is read on and dropped, up to {@link #SWALLOW_LIMIT} bytes, before the 413 is
     * written, and the connection is closed after it. A server that answers and closes while the client is still
     * sending leaves unread bytes in its socket, and the kernel's reset can destroy the answer before the client
     * reads it ("header parser received no bytes"); a larger body is not read on: the client may then see the reset.
     */
    private static void swallow(HttpServletRequest req, HttpServletResponse resp) {
        resp.setHeader("Connection", "close");
        long declared = req.getContentLengthLong();
        if (declared > SWALLOW_LIMIT) {
            return;
        }
        try (java.io.InputStream in = req.getInputStream()) {
            long left = SWALLOW_LIMIT;
            byte[] buffer = new byte[8192];
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0;) {
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the body was taken as parts: nothing more to read
        }
    }

    /**
     * The client closed the connection (gave up waiting, was stopped) before its answer was read or written:
     * nothing can be answered and nothing failed on this side, so nothing is logged. Under load
     * (scripts/bench-load.sh) a client timing out otherwise logged "API failed" with a stack trace.
     */
    private static void clientGone() {
        // deliberately quiet
    }

    /** To the container's log (the framework's log), never to the client. */
    private void logFailure(String request, Throwable e) {
        try {
            log("cityeval API failed on " + request, e);
        } catch (RuntimeException ignored) {
            // no servlet context (not initialised): the answer is still the generic 500
        }
    }

    private static void fail(HttpServletResponse resp, int status, String message, boolean head) throws IOException {
        if (resp.isCommitted()) {
            return; // the answer has started; nothing more can be said
        }
        resp.resetBuffer();
        resp.setHeader("Content-Disposition", null);
        Responses.error(resp, status, message, head);
    }
}
