package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.spi.DatasetImporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web API's security over real HTTP on 127.0.0.1, against {@code bin/cityeval serve} started as a user
 * starts it: loopback only; path traversal and unknown routes answer 404 with nothing of any file; no stack
 * trace in any answer, even an internal error; no CORS header for any request; {@code nosniff} on every API
 * answer; requests from other sites refused; uploads (good, bad, over the limit) and the endpoints a
 * dashboard calls first.
 * <p>
 * Two servers: {@link #main} is the unpacked full distribution as it is; {@link #limited} is a copy of it with
 * {@code CITYEVAL_JAVA_OPTS=-Dcityeval.http.maxUpload=1000} and, in models/, a test bundle whose importer of
 * {@code .boom} files fails unexpectedly (to force the API's internal-error path).
 */
class ApiSecurityTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();
    static final String PSDF_CSV = "adcode,digital_support,network_governance,intelligent_leadership,integrated_innovation\n"
            + "110000,26.2,25.2,17.2,17.1\n330100,24.3,26.7,14.4,17.2\n";
    static final String SECRET = "secret-internals-Boom.java:42";

    static Server main;
    static Server limited;
    static Path limitedHome;
    /** Every answer of the API seen by this test, to check the headers all of them must carry. */
    static final List<Answer> ANSWERS = Collections.synchronizedList(new ArrayList<>());

    /** A running {@code cityeval serve}. */
    record Server(Process process, int port) {
        String base() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** An HTTP answer: status, headers (lower-case names), body. */
    record Answer(String request, int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        boolean fromApi() {
            String type = header("content-type");
            return type != null && type.startsWith("application/json");
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        main = serve(Dist.home(), null);
        limitedHome = Files.createTempDirectory("cityeval-apisec-").resolve("cityeval");
        HotDeployTest.copyTree(Dist.home(), limitedHome);
        boomBundle(limitedHome.resolve("models"));
        limited = serve(limitedHome, "-Dcityeval.http.maxUpload=1000");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Server s : new Server[] { main, limited }) {
            if (s != null) {
                s.process().destroy(); // SIGTERM: the shutdown hook stops the framework
                if (!s.process().waitFor(Waits.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)) {
                    s.process().destroyForcibly();
                }
            }
        }
        if (limitedHome != null) {
            try (var walk = Files.walk(limitedHome.getParent())) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Server serve(Path home, String javaOpts) throws Exception {
        Dist.Served served = Dist.serve(home, javaOpts);
        return new Server(served.process(), URI.create(served.base()).getPort());
    }

    // ------------------------------------------------------------------------------------------ helpers

    static Answer send(HttpRequest.Builder request, String what) throws Exception {
        HttpResponse<String> r = HTTP.send(request.timeout(Waits.HANG_GUARD).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        return check(new Answer(what, r.statusCode(), headers, r.body()));
    }

    static Answer get(Server s, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(s.base() + path)).GET(), "GET " + path);
    }

    static Answer post(Server s, String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(s.base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), "POST " + path);
    }

    /** A multipart/form-data upload with one file field {@code file}. */
    static Answer upload(Server s, String fileName, byte[] content) throws Exception {
        String boundary = "----cityevalTestBoundary7MA4YWxkTrZu0gW";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(s.base() + "/api/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), "POST /api/upload " + fileName);
    }

    /**
     * A request written byte for byte on a socket ({@link RawHttp#send}), so that the path goes out exactly as given
     * (no client normalises or re-encodes it) and the Host header can be anything.
     */
    static Answer raw(Server s, String method, String path, Map<String, String> headers) throws IOException {
        RawHttp.Answer a = RawHttp.send(s.port(), method, path, headers);
        return check(new Answer(method + " " + path + " " + headers, a.status(), a.headers(), a.body()));
    }

    /**
     * What every answer must satisfy: no CORS header, no stack trace, and {@code nosniff} — on every answer of
     * the API. The container's own error pages, for requests it refuses before any servlet (a path outside
     * /api, an ambiguous encoding), carry it only when the launcher sets Felix's
     * {@code org.apache.felix.http.jetty.errorPageCustomHeaders}; they are recognised and left out of that check.
     */
    static Answer check(Answer a) {
        ANSWERS.add(a);
        assertNoCors(a);
        assertClean(a);
        if (!containerErrorPage(a)) {
            assertEquals("nosniff", a.header("X-Content-Type-Options"), a.request() + " " + a.status() + " " + a.headers());
        }
        return a;
    }

    static boolean containerErrorPage(Answer a) {
        return a.status() >= 400 && !a.fromApi() && (a.body().isEmpty() || a.body().contains("<title>Error "));
    }

    /** Nothing in the body looks like a stack trace or a file of the machine. */
    static void assertClean(Answer a) {
        for (String bad : List.of("Exception", "\tat ", "at org.", "at java.", ".java:", "root:x:", "/bin/bash", "daemon:")) {
            assertFalse(a.body().contains(bad), a.request() + " answered " + a.status() + " containing '" + bad + "': "
                    + a.body());
        }
    }

    static void assertNoCors(Answer a) {
        for (String h : a.headers().keySet()) {
            assertFalse(h.startsWith("access-control-"), a.request() + " answered CORS header " + h + ": " + a.headers());
        }
    }

    /**
     * An API error: JSON {"error": ..., "key": ..., "args": [...]} (the text, and its key and arguments in the
     * message catalogue) with this status, nosniff, nothing else in the body.
     */
    static JsonNode assertApiError(Answer a, int status) throws IOException {
        assertEquals(status, a.status(), a.request() + ": " + a.body());
        assertTrue(a.fromApi(), a.request() + ": " + a.headers());
        assertEquals("nosniff", a.header("X-Content-Type-Options"), a.request());
        JsonNode body = a.json();
        List<String> fields = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("error", "key", "args"), fields, a.body());
        assertTrue(body.get("error").isTextual(), a.body());
        assertTrue(body.get("key").isTextual() && body.get("args").isArray(), a.body());
        assertClean(a);
        assertNoCors(a);
        return body;
    }

    // ------------------------------------------------------------------------------------------ binding

    @Test
    void listensOnLoopbackOnly() throws Exception {
        assertEquals(200, get(main, "/api/models").status());
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp()) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (!a.getHostAddress().equals("127.0.0.1") && !(a instanceof Inet6Address i6 && i6.isLinkLocalAddress())) {
                        others.add(a);
                    }
                }
            }
        }
        others.add(InetAddress.getByName("127.0.0.2")); // loopback, but not the address bound
        int checked = 0;
        for (InetAddress a : others) {
            try (ServerSocket probe = new ServerSocket(0, 1, a)) {
                // a local address this machine can use: the API must not answer on it
            } catch (IOException notLocal) {
                continue;
            }
            checked++;
            try (Socket s = new Socket()) {
                assertThrows(IOException.class, () -> s.connect(new InetSocketAddress(a, main.port()), 2_000),
                        "the API answers on " + a.getHostAddress());
            }
        }
        Assumptions.assumeTrue(checked > 0, "no local address other than 127.0.0.1 to try");
    }

    // ------------------------------------------------------------------------------------------ paths

    @Test
    void pathTraversalAndUnknownRoutesAnswer404WithoutFileContent() throws Exception {
        // normalised by the container to a path outside /api, which nothing serves: the container's 404
        for (String p : List.of("/api/../etc/passwd", "/api/models/../../etc/passwd", "/api/upload/../../etc/passwd")) {
            Answer a = raw(main, "GET", p, Map.of());
            assertEquals(404, a.status(), p + ": " + a.body());
        }
        // inside /api: the API's own 404, in JSON
        for (String p : List.of("/api/models/..", "/api/nothing-here", "/api/models/nope", "/api/models/guomai-psdf-2024/x",
                "/api/openapi.json/..", "/api/models/guomai-psdf-2024/reproduce/..%3B..", "/api/models/etc%7Cpasswd")) {
            assertApiError(raw(main, "GET", p, Map.of()), 404);
        }
        // paths climbing above the root, encoded separators and dot segments: the API never sees them (the
        // container refuses them with 400, as Servlet 6 requires for ambiguous paths); nothing of a file comes back
        for (String p : List.of("/api/../../../../etc/passwd", "/api/upload/../../../etc/passwd", "/api/models/%2e%2e",
                "/api/models/..%2F..", "/api/models/..%2f..%2f..%2fetc%2fpasswd",
                "/api/%2e%2e/%2e%2e/etc/passwd", "/api/models/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/models/..%5c..%5cetc%5cpasswd",
                "/api/models/%252e%252e%252fetc%252fpasswd", "/api/..;/..;/etc/passwd", "/api/models/..%00/etc/passwd",
                "/api/models/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd")) {
            Answer a = raw(main, "GET", p, Map.of());
            assertTrue(a.status() == 404 || a.status() == 400, p + " answered " + a.status() + ": " + a.body());
            assertClean(a);
            assertNoCors(a);
            // the container's refusals, too, are in the API's error format (ErrorPagesTest)
            assertApiError(a, a.status());
        }
    }

    // ------------------------------------------------------------------------------------------ errors

    @Test
    void errorsAreJsonWithoutStackTraces() throws Exception {
        assertTrue(assertApiError(post(main, "/api/evaluate", "{\"model\": \"guomai-psdf-2024\", \"csv\": "), 400)
                .get("error").asText().contains("not JSON"));
        assertTrue(assertApiError(post(main, "/api/evaluate", "{\"model\": [1], \"csv\": \"\"}"), 400)
                .get("error").asText().startsWith("$.model"));
        assertTrue(assertApiError(post(main, "/api/evaluate", "{\"model\": \"guomai-psdf-2024\", \"rows\": [{\"adcode\": \"110000\", "
                + "\"digital_support\": {\"a\": 1}}]}"), 400).get("error").asText().startsWith("request.json:$[0].digital_support"));
        assertApiError(post(main, "/api/evaluate", "[" .repeat(5000) + "]".repeat(5000)), 400);
        assertApiError(post(main, "/api/uncertainty", "{\"model\": \"guomai-psdf-2024\", \"pack\": \"china-cities\", "
                + "\"replications\": 100001}"), 400);
        assertApiError(post(main, "/api/weights", "{\"model\": \"guomai-psdf-2024\", \"method\": \"ahp\", "
                + "\"parameters\": {\"matrix\": [[1, \"x\"]]}}"), 400);
        assertApiError(post(main, "/api/evaluate", "{\"model\": \"guomai-psdf-2024\", \"dataset\": \"../../etc/passwd\"}"), 404);
        assertApiError(post(main, "/api/evaluate", "{\"model\": \"guomai-psdf-2024\", \"pack\": \"../../../etc/passwd\"}"), 404);
        assertApiError(get(main, "/api/evaluate"), 405);
        assertApiError(send(HttpRequest.newBuilder(URI.create(main.base() + "/api/models"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()), "DELETE /api/models"), 405);
        Answer trace = raw(main, "TRACE", "/api/models", Map.of("X-Secret", "echo-me"));
        assertTrue(trace.status() == 405 || trace.status() == 400, trace.body());
        assertFalse(trace.body().contains("echo-me"), "TRACE echoes nothing: " + trace.body());
    }

    @Test
    void anInternalErrorSaysOnlyThat() throws Exception {
        // the test bundle's importer of .boom files throws an IllegalStateException naming SECRET
        // 400 "no importer reads this kind of file" until the bundle has started: waited for, however long it takes
        Answer[] answer = new Answer[1];
        Waits.until("the .boom importer to start", () -> {
            answer[0] = send(HttpRequest.newBuilder(URI.create(limited.base() + "/api/upload?name=x.boom"))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("anything")), "POST /api/upload?name=x.boom");
            return answer[0].status() != 400;
        });
        Answer a = answer[0];
        assertNotNull(a);
        assertApiError(a, 500);
        assertEquals("{\"error\":\"internal error\",\"key\":\"error.internal\",\"args\":[]}", a.body());
        assertFalse(a.body().contains(SECRET));
    }

    // ------------------------------------------------------------------------------------------ browsers

    @Test
    void noCorsHeaderForAnyRequest() throws Exception {
        Answer crossGet = send(HttpRequest.newBuilder(URI.create(main.base() + "/api/models"))
                .header("Origin", "http://evil.example").GET(), "GET /api/models Origin: evil");
        assertEquals(200, crossGet.status());
        assertNoCors(crossGet);
        Answer preflight = send(HttpRequest.newBuilder(URI.create(main.base() + "/api/evaluate"))
                .header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()), "OPTIONS /api/evaluate preflight");
        assertTrue(preflight.status() == 204 || preflight.status() == 405, preflight.status() + " " + preflight.body());
        assertNoCors(preflight);
        Answer crossPost = send(HttpRequest.newBuilder(URI.create(main.base() + "/api/evaluate"))
                .header("Origin", "http://evil.example").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"guomai-psdf-2024\", \"csv\": \"\"}")),
                "POST /api/evaluate Origin: evil");
        assertApiError(crossPost, 403);
        Answer sameOrigin = send(HttpRequest.newBuilder(URI.create(main.base() + "/api/evaluate"))
                .header("Origin", main.base()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"guomai-psdf-2024\", \"csv\": "
                        + JSON.writeValueAsString(PSDF_CSV) + "}")), "POST /api/evaluate same origin");
        assertEquals(200, sameOrigin.status(), sameOrigin.body());
        assertNoCors(sameOrigin);
    }

    @Test
    void aHostNameOtherThanThisServersIsRefused() throws Exception {
        // DNS rebinding: a page on evil.example, resolved to 127.0.0.1, would send Host: evil.example
        assertApiError(raw(main, "GET", "/api/models", Map.of("Host", "evil.example:" + main.port())), 403);
        assertEquals(200, raw(main, "GET", "/api/models", Map.of("Host", "localhost:" + main.port())).status());
    }

    @Test
    void everyApiAnswerCarriesNosniff() throws Exception {
        // check() asserts it on each answer; here a sample of every kind: JSON, errors, HEAD, OPTIONS, the document
        assertEquals(200, get(main, "/api/models").status());
        assertEquals(200, get(main, "/api/models/guomai-psdf-2024").status());
        assertEquals(200, get(main, "/api/openapi.json").status());
        assertEquals(400, post(main, "/api/evaluate", "{}").status());
        assertEquals(404, get(main, "/api/models/nope").status());
        Answer head = raw(main, "HEAD", "/api/models", Map.of());
        assertEquals(200, head.status());
        assertEquals("", head.body());
        Answer options = raw(main, "OPTIONS", "/api/models", Map.of());
        assertEquals(204, options.status());
        assertEquals("GET, HEAD, OPTIONS", options.header("Allow"));
        synchronized (ANSWERS) {
            assertTrue(ANSWERS.stream().filter(a -> !containerErrorPage(a))
                    .allMatch(a -> "nosniff".equals(a.header("X-Content-Type-Options"))));
        }
    }

    // ------------------------------------------------------------------------------------------ uploads

    @Test
    void uploadAGoodCsvThenEvaluateWithItsToken() throws Exception {
        Answer up = upload(main, "psdf.csv", PSDF_CSV.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, up.status(), up.body());
        JsonNode u = up.json();
        assertEquals(2, u.get("cities").asInt());
        assertEquals("[\"digital_support\",\"network_governance\",\"intelligent_leadership\",\"integrated_innovation\"]",
                u.get("columns").toString());
        assertEquals("[]", u.get("years").toString());
        String token = u.get("dataset").asText();
        assertTrue(token.matches("[0-9a-f]{32}"), token);

        Answer ev = post(main, "/api/evaluate", "{\"model\": \"guomai-psdf-2024\", \"dataset\": \"" + token + "\"}");
        assertEquals(200, ev.status(), ev.body());
        JsonNode first = ev.json().get("cities").get(0);
        assertEquals("110000", first.get("adcode").asText());
        assertEquals(85.7, first.get("score").asDouble());
        assertEquals(1, first.get("rank").asInt());

        // the raw-body form of the same upload
        Answer rawUp = send(HttpRequest.newBuilder(URI.create(main.base() + "/api/upload?name=psdf.csv"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(PSDF_CSV)), "POST raw upload");
        assertEquals(200, rawUp.status(), rawUp.body());
        assertFalse(rawUp.json().get("dataset").asText().equals(token));
    }

    @Test
    void uploadABadCsvNamesRowAndColumn() throws Exception {
        Answer a = upload(main, "bad.csv", "adcode,digital_support\n110000,26.2\n330100,abc\n".getBytes(StandardCharsets.UTF_8));
        String error = assertApiError(a, 400).get("error").asText();
        assertTrue(error.startsWith("bad.csv:3:2: not a number: 'abc'"), error);
        Answer city = upload(main, "../../etc/cities.csv", "city,digital_support\nGotham,1\n".getBytes(StandardCharsets.UTF_8));
        String e2 = assertApiError(city, 400).get("error").asText();
        assertTrue(e2.startsWith("cities.csv:2:1:") && e2.contains("unknown city"), e2);
    }

    @Test
    void uploadsOverTheLimitAre413() throws Exception {
        byte[] big = ("adcode,digital_support\n" + "110000,1\n".repeat(400)).getBytes(StandardCharsets.UTF_8);
        assertTrue(big.length > 1000);
        assertTrue(assertApiError(upload(limited, "big.csv", big), 413).get("error").asText().contains("1000 bytes"));
        assertApiError(send(HttpRequest.newBuilder(URI.create(limited.base() + "/api/upload?name=big.csv"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(big)), "raw big"), 413);
        // without a Content-Length (chunked): refused as it streams in
        assertApiError(send(HttpRequest.newBuilder(URI.create(limited.base() + "/api/upload?name=big.csv"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))), "chunked big"), 413);
        assertApiError(post(limited, "/api/evaluate", "{\"model\": \"guomai-psdf-2024\", \"csv\": \""
                + "x".repeat(2000) + "\"}"), 413);
        // under the limit it works on the same server
        Answer small = upload(limited, "small.csv", PSDF_CSV.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, small.status(), small.body());
    }

    // ------------------------------------------------------------------------------------------ endpoints

    @Test
    void comparePublished() throws Exception {
        Answer a = post(main, "/api/compare", "{\"published\": [\"guomai-psdf-2024\", \"ccid-digital-city-2020\"]}");
        assertEquals(200, a.status(), a.body());
        JsonNode c = a.json();
        assertEquals("[\"guomai-psdf-2024\",\"ccid-digital-city-2020\"]", c.get("models").toString());
        assertTrue(c.get("common").size() > 50, "cities common to both published tables");
        JsonNode pair = c.get("pairs").get(0);
        assertTrue(pair.get("spearman").get("value").asDouble() > 0.5, pair.toString());
        assertTrue(c.get("crosswalk").size() > 0, "the distribution's conf/crosswalk.json is used by default");
        assertApiError(post(main, "/api/compare", "{\"published\": [\"guomai-psdf-2024\"]}"), 400);
    }

    @Test
    void coverageOnAPack() throws Exception {
        Answer a = post(main, "/api/coverage", "{\"pack\": \"china-cities\"}");
        assertEquals(200, a.status(), a.body());
        JsonNode all = a.json();
        assertEquals(JSON.readTree(get(main, "/api/models").body()).get("models").size(), all.size());
        for (JsonNode c : all) {
            assertTrue(c.get("cities").asInt() > 300, c.toString());
            assertTrue(c.get("weightBacked").asDouble() >= 0 && c.get("weightBacked").asDouble() <= 1);
        }
        assertApiError(post(main, "/api/coverage", "{\"pack\": \"no-such-pack\"}"), 404);
        JsonNode packs = get(main, "/api/packs").json();
        assertEquals("china-cities", packs.get("packs").get(0).get("name").asText());
    }

    @Test
    void openapiDocumentParses() throws Exception {
        Answer a = get(main, "/api/openapi.json");
        assertEquals(200, a.status());
        assertTrue(a.header("Content-Type").startsWith("application/json"));
        JsonNode doc = a.json();
        assertTrue(doc.get("openapi").asText().startsWith("3.0."));
        for (String path : List.of("/api/models", "/api/models/{id}", "/api/models/{id}/reproduce", "/api/upload",
                "/api/evaluate", "/api/coverage", "/api/quality", "/api/validate", "/api/compare", "/api/uncertainty",
                "/api/weights", "/api/coinr/evaluate", "/api/report", "/api/packs", "/api/openapi.json")) {
            assertTrue(doc.get("paths").has(path), path);
        }
    }

    @Test
    void reportIsAFileOrUnavailable() throws Exception {
        Answer a = post(main, "/api/report?format=html", "{\"models\": [\"guomai-psdf-2024\"], \"published\": true}");
        if (a.status() == 503) {
            assertTrue(assertApiError(a, 503).get("error").asText().endsWith("not in this runtime"));
        } else {
            assertEquals(200, a.status(), a.body());
            assertTrue(a.header("Content-Type").startsWith("text/html"));
            assertTrue(a.header("Content-Disposition").startsWith("attachment"));
            assertEquals("nosniff", a.header("X-Content-Type-Options"));
        }
    }

    // ------------------------------------------------------------------------------------------ test bundle

    /** A bundle whose importer of {@code .boom} files fails unexpectedly, in models/ of the limited server. */
    static void boomBundle(Path models) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "test.importer.boom");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", BoomActivator.class.getName());
        a.putValue("Import-Package", "org.cityeval.api.data;version=\"[1.1,2)\",org.cityeval.api.spi;version=\"[1.1,2)\","
                + "org.osgi.framework");
        Path jar = models.resolve("test-importer-boom.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            for (Class<?> c : List.of(BoomImporter.class, BoomActivator.class)) {
                String entry = c.getName().replace('.', '/') + ".class";
                j.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(j);
                }
                j.closeEntry();
            }
        }
    }

    /** Accepts {@code *.boom} and fails as a bug would, with internals in the message. */
    public static final class BoomImporter implements DatasetImporter {
        @Override
        public boolean accepts(String sourceName) {
            return sourceName.endsWith(".boom");
        }

        @Override
        public CityDataset read(String sourceName, InputStream in, CityRegistry cities) {
            throw new IllegalStateException(SECRET);
        }
    }

    /** Registers {@link BoomImporter}. */
    public static final class BoomActivator implements BundleActivator {
        @Override
        public void start(BundleContext context) {
            java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
            props.put("cityeval.importer", "boom");
            context.registerService(DatasetImporter.class, new BoomImporter(), props);
        }

        @Override
        public void stop(BundleContext context) {
            // the framework unregisters the service
        }
    }
}
