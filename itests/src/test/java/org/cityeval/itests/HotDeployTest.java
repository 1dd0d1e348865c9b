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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * dropped into models/ appear in GET /api/models within 5 s without a restart, a broken one appears in the
 * load errors, deleting removes them — and the other models keep answering throughout.
 */
class HotDeployTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long FIVE_SECONDS = 5_000;
    @TempDir
    Path dir;
    Path home;
    Process server;
    String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
        assertTrue(server.waitFor(30, TimeUnit.SECONDS));
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
            long t = drop(good, models);
            long appeared = waitFor(body -> hasModel(body, "hot-good"));
            assertTrue(appeared - t <= FIVE_SECONDS, "appeared after " + (appeared - t) + " ms");

            String broken = TestBundles.tinyModel("hot-broken").replace("\"value\": 6", "\"value\": 7");
            Path bad = TestBundles.modelBundle(staging, "test.hot.broken",
                    Map.of("OSGI-INF/cityeval/models/hot-broken.json", broken));
            t = drop(bad, models);
            long reported = waitFor(body -> hasFailure(body, "test.hot.broken"));
            assertTrue(reported - t <= FIVE_SECONDS, "failure reported after " + (reported - t) + " ms");
            JsonNode now = models();
            assertTrue(hasModel(now, "hot-good") && hasModel(now, "guomai-psdf-2024") && !hasModel(now, "hot-broken"),
                    now.toString());
            assertEquals(1, now.get("failures").size(), now.toString());

            t = System.currentTimeMillis();
            Files.delete(models.resolve(good.getFileName()));
            long gone = waitFor(body -> !hasModel(body, "hot-good"));
            assertTrue(gone - t <= FIVE_SECONDS, "removed after " + (gone - t) + " ms");
            Files.delete(models.resolve(bad.getFileName()));
            waitFor(body -> !hasFailure(body, "test.hot.broken"));

            JsonNode after = models();
            assertEquals(5, after.get("models").size(), after.toString());
            assertEquals(0, after.get("failures").size());
        } finally {
            client.interrupt();
            client.join(5_000);
        }
        assertEquals(0, failed.get(), "requests to the other model failed during hot deploy");
        assertTrue(ok.get() > 10, "the other model kept answering: " + ok.get() + " answers");
    }

    /** Moves a finished jar into the watched folder in one step, as a careful user (or scp to a temp name) does. */
    private static long drop(Path jar, Path models) throws IOException {
        Path tmp = models.resolve(jar.getFileName() + ".part");
        Files.copy(jar, tmp);
        long t = System.currentTimeMillis();
        Files.move(tmp, models.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        return t;
    }

    private long waitFor(Predicate<JsonNode> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (condition.test(models())) {
                return System.currentTimeMillis();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 20 s: " + models());
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
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
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
