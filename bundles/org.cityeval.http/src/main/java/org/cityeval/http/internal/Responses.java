package org.cityeval.http.internal;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

/** Writing answers: JSON, files, errors; the headers every answer carries. */
final class Responses {
    static final String JSON = "application/json;charset=utf-8";

    private Responses() {
    }

    /**
     * Set first on every answer: no content sniffing, no caching of results, nothing loaded or framed by a
     * JSON answer. No CORS header, ever.
     */
    static void secure(HttpServletResponse resp) {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; sandbox");
        resp.setHeader("Referrer-Policy", "no-referrer");
    }

    static void json(HttpServletResponse resp, int status, Object value, boolean head) throws IOException {
        bytes(resp, status, JSON, ApiJson.write(value), head);
    }

    /**
     * {@code {"error": text, "key": k, "args": [...]}}: the English text as always, and its key and arguments in
     * the message catalogue ({@code GET /api/messages}) for a client to show it in its user's language.
     */
    static void error(HttpServletResponse resp, int status, String message, boolean head) throws IOException {
        String text = message == null ? "error" : message;
        org.cityeval.api.result.Message m = org.cityeval.api.result.MessageCatalogue.of(text);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", text);
        body.put("key", m.key());
        body.put("args", m.args());
        json(resp, status, body, head);
    }

    static void download(HttpServletResponse resp, Download d, boolean head) throws IOException {
        if (d.fileName() != null) {
            resp.setHeader("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"");
        }
        bytes(resp, 200, d.contentType(), d.bytes(), head);
    }

    private static void bytes(HttpServletResponse resp, int status, String type, byte[] bytes, boolean head)
            throws IOException {
        resp.setStatus(status);
        resp.setContentType(type);
        resp.setContentLength(bytes.length);
        if (!head) {
            resp.getOutputStream().write(bytes);
        }
    }
}
