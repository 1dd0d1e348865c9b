package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hot deploy on a running server ({@code cityeval serve} of a copy of the full archive): model bundles
 * dropped into models/ appear in GET /api/models without a restart, a broken one appears in the load errors,
 * deleting removes them — and the other models keep answering throughout. "Within 5 s" is the runtime's
 * configuration, checked as such (FileInstall polls models/ every second), not a time measured here: how long
 * a busy machine takes to install a bundle is the machine's; each step is waited for as an event.
 */
class HotDeployTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The longest FileInstall poll interval that keeps "a dropped bundle is seen within 5 s" with room to load it. */
    static final long MAX_POLL_MS = 1_000;
    @TempDir
    Path dir;
    Path home;
    Process server;
    String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();

    @BeforeEach
    void start() throws Exception {
        home = dir.resolve("cityeval");
        copyTree(Dist.home(), home);
        Dist.Served served = Dist.serve(home, null);
        server = served.process();
        base = served.base();
    }

    @AfterEach
    void stop() throws Exception {
        server.destroy();
        Waits.exit(server, "server did not stop on SIGTERM");
    }

    @Test
    void theModelsFolderIsPolledEverySecond() throws Exception {
        java.util.Properties framework = new java.util.Properties();
        try (var in = Files.newInputStream(home.resolve("conf/framework.properties"))) {
            framework.load(in);
        }
        assertEquals(home.resolve("models").toString(), framework.getProperty("felix.fileinstall.dir")
                .replace("${cityeval.home}", home.toString()));
        long poll = Long.parseLong(framework.getProperty("felix.fileinstall.poll"));
        assertTrue(poll > 0 && poll <= MAX_POLL_MS, "felix.fileinstall.poll=" + poll);
        assertEquals("true", framework.getProperty("felix.fileinstall.noInitialDelay"));
    }

    @Test
    void addBreakAndRemoveModelBundlesWhileOtherModelsKeepAnswering() throws Exception {
        // a client evaluating another model the whole time
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Thread client = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    HttpResponse<String> r = get("/api/models/guomai-psdf-2024/reproduce");
                    (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }
        });
        client.start();
        try {
            Path models = home.resolve("models");
            Path staging = dir.resolve("staging");
            Files.createDirectories(staging);

            Path good = TestBundles.modelBundle(staging, "test.hot.good",
                    Map.of("OSGI-INF/cityeval/models/hot-good.json", TestBundles.tinyModel("hot-good")));
            drop(good, models);
            waitFor(body -> hasModel(body, "hot-good"));
            answeredAgain(ok);

            String broken = TestBundles.tinyModel("hot-broken").replace("\"value\": 6", "\"value\": 7");
            Path bad = TestBundles.modelBundle(staging, "test.hot.broken",
                    Map.of("OSGI-INF/cityeval/models/hot-broken.json", broken));
            drop(bad, models);
            waitFor(body -> hasFailure(body, "test.hot.broken"));
            answeredAgain(ok);
            JsonNode now = models();
            assertTrue(hasModel(now, "hot-good") && hasModel(now, "guomai-psdf-2024") && !hasModel(now, "hot-broken"),
                    now.toString());
            assertEquals(1, now.get("failures").size(), now.toString());

            Files.delete(models.resolve(good.getFileName()));
            waitFor(body -> !hasModel(body, "hot-good"));
            answeredAgain(ok);
            Files.delete(models.resolve(bad.getFileName()));
            waitFor(body -> !hasFailure(body, "test.hot.broken"));
            answeredAgain(ok);

            JsonNode after = models();
            assertEquals(5, after.get("models").size(), after.toString());
            assertEquals(0, after.get("failures").size());
        } finally {
            client.interrupt();
            client.join();
        }
        // the other model answered after each step (waited for above: events, not a count per second) and
        // never failed
        assertEquals(0, failed.get(), "requests to the other model failed during hot deploy");
        assertTrue(ok.get() >= 4, "the other model kept answering: " + ok.get() + " answers");
    }

    /** Moves a finished jar into the watched folder in one step, as a careful user (or scp to a temp name) does. */
    private static void drop(Path jar, Path models) throws IOException {
        Path tmp = models.resolve(jar.getFileName() + ".part");
        Files.copy(jar, tmp);
        Files.move(tmp, models.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits, however long it takes (a hang guard only), until GET /api/models shows {@code condition}. */
    private void waitFor(Predicate<JsonNode> condition) throws Exception {
        Waits.until(() -> "GET /api/models to change: " + models(), () -> condition.test(models()));
    }

    /** Waits until the client running beside the hot deploy has had one more answer. */
    private static void answeredAgain(AtomicInteger ok) throws Exception {
        int before = ok.get();
        Waits.until("another answer from the other model", () -> ok.get() > before);
    }

    private JsonNode models() throws Exception {
        HttpResponse<String> r = get("/api/models");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static boolean hasModel(JsonNode body, String id) {
        for (JsonNode m : body.get("models")) {
            if (m.get("id").asText().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasFailure(JsonNode body, String bundle) {
        for (JsonNode f : body.get("failures")) {
            if (f.get("bundle").asText().equals(bundle)) {
                return true;
            }
        }
        return false;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Waits.HANG_GUARD).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
