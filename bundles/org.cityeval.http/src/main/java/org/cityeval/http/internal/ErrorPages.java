package org.cityeval.http.internal;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The container's error pages, for every request the API does not answer itself: a path outside {@code /api}
 * that nothing serves, a malformed or ambiguous path, headers over the limit, a failure outside the API's
 * servlet. Each is the API's error format, {@code {"error": ..., "key": ..., "args": [...]}}, with the API's
 * headers, and a sentence of ours chosen by the status alone: the container's own message can name its
 * classes (an exception's name is the message of an internal error), so it is never shown.
 */
final class ErrorPages implements Request.Handler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        response.setStatus(status);
        var headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, Responses.JSON);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; sandbox");
        headers.put("Referrer-Policy", "no-referrer");
        byte[] body = body(status, path(request));
        headers.put(HttpHeader.CONTENT_LENGTH, Long.toString(body.length));
        boolean head = "HEAD".equals(request.getMethod());
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The request's path as sent, or {@code null} when it cannot be had. */
    private static String path(Request request) {
        try {
            return request.getHttpURI().getPath();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static byte[] body(int status, String path) {
        String text = message(status, path);
        org.cityeval.api.result.Message m = org.cityeval.api.result.MessageCatalogue.of(text);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", text);
        body.put("key", m.key());
        body.put("args", m.args());
        try {
            return ApiJson.write(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{\"error\":\"internal error\",\"key\":\"text\",\"args\":[\"internal error\"]}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Our sentence for a status; client input only as {@link HttpError#quote}. */
    static String message(int status, String path) {
        return switch (status) {
            case 400 -> "bad request: the request line, a header or the path cannot be read (a path must not climb "
                    + "above the root or hide '/', '\\', ';' or '..' in percent-encoding)";
            case 404 -> path == null ? "no such resource" : "no such resource: " + HttpError.quote(path);
            case 405 -> "method not allowed";
            case 408 -> "the request did not arrive in time";
            case 413 -> "request body too large";
            case 414 -> "request path too long";
            case 415 -> "unsupported media type";
            case 431 -> "request headers too large";
            case 500 -> "internal error";
            case 501 -> "not implemented";
            case 503 -> "service unavailable: try again later";
            default -> {
                String reason = HttpStatus.getMessage(status);
                yield reason == null ? "error " + status : reason.toLowerCase(java.util.Locale.ROOT);
            }
        };
    }
}
