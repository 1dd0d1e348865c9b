package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every error, inside and outside {@code /api}, answers in the API's format and names nothing of the
 * libraries behind it (issue 16, item 4): the container's pages for a path nothing serves, a malformed or
 * ambiguous path, headers or a path over the limit; and the API's own messages for JSON over a read limit and
 * a damaged workbook. Against {@code cityeval serve} of the full distribution on 127.0.0.1.
 */
class ErrorPagesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();
    /** Words of the libraries and the JVM that no answer may contain. */
    static final List<String> INTERNALS = List.of("com.fasterxml", "org.eclipse", "java.lang", "java.io", "org.apache",
            "jakarta.", "Exception", "StreamReadConstraints", "Jetty", "<html", "<HTML", "<title", "`");

    static Dist.Served server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        server = Dist.serve(Dist.home(), null);
        port = URI.create(server.base()).getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The API's error format with this status: JSON {error, key, args}, nosniff, no internals. */
    static String assertJsonError(String request, int status, RawHttp.Answer a) throws Exception {
        assertEquals(status, a.status(), request + ": " + a.body());
        String type = a.header("content-type");
        assertTrue(type != null && type.startsWith("application/json"), request + ": " + a.headers());
        assertEquals("nosniff", a.header("x-content-type-options"), request + ": " + a.headers());
        JsonNode body = JSON.readTree(a.body());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("error", "key", "args"), fields, request + ": " + a.body());
        assertTrue(body.get("error").isTextual() && !body.get("error").asText().isBlank(), a.body());
        assertNoInternals(request, a.body());
        return body.get("error").asText();
    }

    static void assertNoInternals(String request, String body) {
        for (String bad : INTERNALS) {
            assertFalse(body.contains(bad), request + " answered with '" + bad + "': " + body);
        }
    }

    static RawHttp.Answer get(String path) throws Exception {
        return RawHttp.send(port, "GET", path, Map.of());
    }

    static RawHttp.Answer post(String path, String contentType, byte[] body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .timeout(Waits.HANG_GUARD).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        return new RawHttp.Answer(r.statusCode(), headers, r.body());
    }

    @Test
    void pathsNothingServesAnswerJson404() throws Exception {
        for (String p : List.of("/nothing", "/nothing/here.html", "/api/../nothing", "/vendor/", "/favicon.png")) {
            String message = assertJsonError("GET " + p, 404, get(p));
            assertTrue(message.startsWith("no such resource"), message);
        }
        RawHttp.Answer head = RawHttp.send(port, "HEAD", "/nothing", Map.of());
        assertEquals(404, head.status());
        assertTrue(head.header("content-type").startsWith("application/json"), head.headers().toString());
        assertEquals("", head.body());
        // the dashboard itself is still served
        RawHttp.Answer index = get("/");
        assertEquals(200, index.status());
        assertTrue(index.header("content-type").startsWith("text/html"), index.headers().toString());
    }

    @Test
    void malformedAndAmbiguousPathsAnswerJson400() throws Exception {
        for (String p : List.of("/%zz", "/a/%2e%2e/b", "/web/..%2F..%2Fetc", "/api/models/%2e%2e", "/..;/x", "/%00")) {
            RawHttp.Answer a = get(p);
            assertJsonError("GET " + p, 400, a);
        }
    }

    @Test
    void headersAndPathsOverTheLimitAnswerJson() throws Exception {
        RawHttp.Answer big = RawHttp.send(port, "GET", "/api/models", Map.of("X-Big", "a".repeat(20_000)));
        assertEquals("request headers too large", assertJsonError("20 kB header", 431, big));
        RawHttp.Answer longPath = get("/api/models/" + "x".repeat(20_000));
        assertTrue(longPath.status() == 414 || longPath.status() == 431, longPath.status() + " " + longPath.body());
        assertJsonError("20 kB path", longPath.status(), longPath);
    }

    @Test
    void jsonOverAReadLimitIsSaidInTheApisTerms() throws Exception {
        String body = "{\"model\": \"guomai-psdf-2024\", \"rows\": [{\"adcode\": \"110000\", \"x\": " + "1".repeat(1200)
                + "}]}";
        String m = assertJsonError("1200-digit number in a request", 400,
                post("/api/evaluate", "application/json", body.getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.startsWith("request body is not JSON at line 1") && m.contains("$.rows[0].x")
                && m.endsWith("a number longer than 1000 characters"), m);

        String rows = "[{\"adcode\": \"110000\", \"x\": " + "9".repeat(1200) + "}]";
        String u = assertJsonError("1200-digit number in an upload", 400,
                post("/api/upload?name=rows.json", "application/json", rows.getBytes(StandardCharsets.UTF_8)));
        assertTrue(u.startsWith("rows.json:1:") && u.endsWith("a number longer than 1000 characters"), u);
    }

    @Test
    void aDamagedWorkbookSaysSo() throws Exception {
        ByteArrayOutputStream cut = new ByteArrayOutputStream();
        cut.write(new byte[] {'P', 'K', 3, 4});
        byte[] filler = new byte[3000];
        new java.util.Random(16).nextBytes(filler); // fixed seed
        cut.write(filler);
        String m = assertJsonError("a workbook cut short", 400,
                post("/api/upload?name=cut.xlsx", "application/octet-stream", cut.toByteArray()));
        assertTrue(m.startsWith("cut.xlsx: not a readable XLSX file") && !m.contains("null"), m);
    }
}
