package org.cityeval.http.internal;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletRequest;

/** One request as a handler sees it: path variables, query, body (read once, within the limit). */
final class Call {
    private final HttpServletRequest request;
    private final Map<String, String> variables;
    private final long maxBody;
    private byte[] body;
    private Runnable received = () -> {
    };

    Call(HttpServletRequest request, Map<String, String> variables, long maxBody) {
        this.request = request;
        this.variables = Map.copyOf(variables);
        this.maxBody = maxBody;
    }

    /** What to do once the whole body has arrived (an upload's deadline ends: {@link UploadGate}). */
    void onBodyReceived(Runnable action) {
        this.received = action;
    }

    /** The whole body has arrived (called by whoever read it). */
    void bodyReceived() {
        received.run();
    }

    HttpServletRequest request() {
        return request;
    }

    long maxBody() {
        return maxBody;
    }

    String variable(String name) {
        return variables.get(name);
    }

    String query(String name) {
        return Bodies.query(request.getQueryString(), name);
    }

    byte[] body() throws IOException {
        if (body == null) {
            try {
                body = Bodies.read(request.getInputStream(), request.getContentLengthLong(), maxBody);
                bodyReceived();
            } catch (EOFException e) {
                throw new ClientGone(e);
            }
        }
        return body;
    }

    /**
     * The body, read no further than {@code limit} bytes (or the server's limit, if lower).
     *
     * @param what what the body is, for the 413 message when {@code limit} is the lower one
     */
    byte[] body(long limit, String what) throws IOException {
        if (body == null) {
            if (limit >= maxBody) {
                return body();
            }
            try {
                body = Bodies.read(request.getInputStream(), request.getContentLengthLong(), limit);
                bodyReceived();
            } catch (HttpError e) {
                throw e.status == 413 ? new HttpError(413, what + " is at most " + limit + " bytes") : e;
            } catch (EOFException e) {
                throw new ClientGone(e);
            }
        }
        return body;
    }

    /** The connection closed before the whole request arrived. */
    static final class ClientGone extends IOException {
        private static final long serialVersionUID = 1L;

        ClientGone(IOException cause) {
            super("the client closed the connection", cause);
        }
    }

    /** The body as a JSON object. */
    ObjectNode json() throws IOException {
        return ApiJson.object(body(), "request body");
    }

    /** The body as a JSON object's fields, refusing fields not in {@code allowed}. */
    Fields fields(java.util.Set<String> allowed) throws IOException {
        return Fields.of(json()).only(allowed);
    }
}
