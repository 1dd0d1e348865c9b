package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.EvaluationFailure;
import org.cityeval.api.service.EvaluationFailure.Kind;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fault isolation with third-party bundles built from bnd recipes (src/test/bnd): a rule that throws, one that
 * loops forever ignoring interruption, one that allocates without bound. Each evaluation fails with a clear
 * error naming model, rule and bundle, at the time limit where it runs on; the other models of the
 * same comparison are still compared; the runtime stays up and serves.
 */
class FaultIsolationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    // points within both good models' ranges (a ≤ 2, b ≤ 4): out-of-range points are bad input since issue 12
    static final String CSV = "adcode,a,b\n110000,1,3\n310000,2,2.5\n330100,0.5,1\n440100,1.5,4\n440300,2,0\n";
    static final String THROWING = "org.cityeval.itests.faulty.throwing";
    static final String SPINNING = "org.cityeval.itests.faulty.spinning";
    static final String HOGGING = "org.cityeval.itests.faulty.hogging";

    @TempDir
    static Path bundles;
    static List<Path> jars = new ArrayList<>();

    @BeforeAll
    static void buildBundles() throws Exception {
        for (String recipe : List.of("throwing.bnd", "spinning.bnd", "hogging.bnd")) {
            jars.add(TestBundles.fromRecipe(bundles, recipe));
        }
        jars.add(TestBundles.modelBundle(bundles, "org.cityeval.itests.good.a", Map.of("cityeval/good-a.json",
                TestBundles.tinyModel("good-a"))));
        jars.add(TestBundles.modelBundle(bundles, "org.cityeval.itests.good.b", Map.of("cityeval/good-b.json",
                TestBundles.tinyModel("good-b").replace("\"value\": 6", "\"value\": 2").replace("\"value\": 4",
                        "\"value\": 8"))));
    }

    @Test
    void inFrameworkEachFaultEndsOnlyItsOwnEvaluation() throws Exception {
        // the runtime's time limit only a hang reaches: no evaluation that must finish races the clock; the one
        // time limit checked is given to the spinning evaluation alone
        try (OsgiRuntime runtime = new OsgiRuntime(Dist.home(), Map.of("cityeval.evaluation.timeout",
                Waits.HANG_GUARD.toMinutes() + "m",
                "cityeval.evaluation.maxAllocation", "256m"))) {
            for (Path jar : jars) {
                Bundle b = runtime.context().installBundle(jar.toUri().toString());
                b.start();
            }
            Evaluator evaluator = runtime.service(Evaluator.class);
            CityDataset data = runtime.service(DatasetReader.class).read("cities.csv",
                    new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8)));
            EvaluationModel good = runtime.model("good-a");

            // a rule that throws: named with its bundle and the exception
            EvaluationFailure thrown = assertThrows(EvaluationFailure.class,
                    () -> evaluator.evaluate(runtime.model("fault-throw"), data));
            assertEquals(Kind.ERROR, thrown.kind());
            assertEquals("scoring 'fault-throw'", thrown.rule());
            assertEquals(THROWING + " 1.0.0", thrown.bundle());
            assertTrue(thrown.getMessage().startsWith("fault-throw: scoring rule 'fault-throw' (bundle " + THROWING
                    + " 1.0.0) failed: java.lang.ArrayIndexOutOfBoundsException: "), thrown.getMessage());

            // a rule that never returns: other evaluations go on while it runs. It runs until its caller is
            // interrupted, after the good evaluation has finished: events, not times, so on any machine the good
            // one completes beside a spinning one
            EvaluationModel spinning = runtime.model("fault-spin");
            CompletableFuture<EvaluationFailure> interrupted = new CompletableFuture<>();
            Thread caller = new Thread(() -> interrupted.complete(assertThrows(EvaluationFailure.class,
                    () -> evaluator.evaluate(spinning, data))), "spinning-caller");
            caller.start();
            Waits.until("the spinning rule to run", FaultIsolationTest::spinning);
            EvaluationResult meanwhile = evaluator.evaluate(good, data);
            assertEquals(5, meanwhile.cities().size());
            assertTrue(spinning(), "the spinning evaluation is still running while the good one completes");
            assertFalse(interrupted.isDone());
            caller.interrupt();
            caller.join();
            EvaluationFailure ended = interrupted.get();
            assertEquals(Kind.INTERRUPTED, ended.kind(), ended.getMessage());
            assertEquals("scoring 'fault-spin'", ended.rule());
            waitForNoEvaluationThreads(); // stopped: its end is waited for, so the rule is not quarantined below

            // and stopped at its time limit: 2 s, given to it alone; it cannot end before (a lower bound holds
            // on any machine), and it never ends by itself, so ending at all is the limit's doing
            long t0 = System.nanoTime();
            EvaluationFailure spun = assertThrows(EvaluationFailure.class, () -> evaluator.evaluate(spinning, data,
                    new EvaluationOptions(null, null, Duration.ofSeconds(2))));
            long spinMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Kind.TIMEOUT, spun.kind());
            assertTrue(spun.getMessage().startsWith("fault-spin: evaluation did not finish within 2 s in scoring rule "
                    + "'fault-spin' (bundle " + SPINNING + " 1.0.0), at " + SPINNING + ".SpinningScoring.score("),
                    spun.getMessage());
            assertTrue(spinMs >= 2000, spinMs + " ms");

            // a rule that allocates without bound: stopped at the allocation limit, before the heap runs out
            EvaluationFailure hog = assertThrows(EvaluationFailure.class,
                    () -> evaluator.evaluate(runtime.model("fault-hog"), data));
            assertEquals(Kind.ALLOCATION_LIMIT, hog.kind());
            assertTrue(hog.getMessage().contains("over the limit of 256 MiB in scoring rule 'fault-hog' (bundle "
                    + HOGGING + " 1.0.0)"), hog.getMessage());

            // the runtime is whole: no evaluation thread left behind, every good model still evaluates
            waitForNoEvaluationThreads();
            assertEquals(5, evaluator.evaluate(good, data).cities().size());
            assertEquals(5, evaluator.evaluate(runtime.model("good-b"), data).cities().size());
            for (Bundle b : runtime.context().getBundles()) {
                assertEquals(Bundle.ACTIVE, b.getState() == Bundle.RESOLVED && b.getHeaders().get("Fragment-Host") != null
                        ? Bundle.ACTIVE : b.getState(), b.getSymbolicName() + " is not active");
            }
        }
    }

    /** Whether an evaluation thread is running in the spinning rule. */
    private static boolean spinning() {
        return Thread.getAllStackTraces().entrySet().stream().anyMatch(e -> e.getKey().isAlive()
                && e.getKey().getName().startsWith("cityeval-eval") && java.util.Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getClassName().startsWith(SPINNING + ".SpinningScoring")));
    }

    /** Stopped threads end; waited for as an event (a hang guard, not a time limit). */
    private static void waitForNoEvaluationThreads() throws Exception {
        Waits.until(() -> "evaluation threads to end: " + Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("cityeval-eval")).map(Thread::getName).toList(),
                () -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("cityeval-eval")));
    }

    /**
     * The distribution started as a user starts it, with a small heap and no allocation limit, so the hog runs
     * the heap out: {@code POST /api/compare} of two good models and the three faulty ones answers the comparison
     * of the good two with the three failures listed; the server goes on serving.
     */
    @Test
    void serverComparesTheRestAndKeepsServing(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("cityeval");
        HotDeployTest.copyTree(Dist.home(), home);
        for (Path jar : jars) {
            Files.copy(jar, home.resolve("models").resolve(jar.getFileName()));
        }
        // one time limit for every evaluation here, the spinning one's and the good ones': 30 s, a hundred times
        // what a good evaluation of this 5-city model takes on a busy machine (and time for the hog to run the
        // heap out), so that only the spinning one reaches it
        try (Dist.Served server = Dist.serve(home, "-Xmx192m -Dcityeval.evaluation.timeout=30s "
                + "-Dcityeval.evaluation.maxAllocation=0")) {
            String base = server.base();
            StringBuffer log = server.log();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();
            waitForModels(http, base, List.of("good-a", "good-b", "fault-throw", "fault-spin", "fault-hog"));

            ObjectNode body = JSON.createObjectNode();
            body.putArray("models").add("good-a").add("fault-throw").add("good-b").add("fault-spin").add("fault-hog");
            body.put("csv", CSV);
            HttpResponse<String> r = post(http, base + "/api/compare", body);
            assertEquals(200, r.statusCode(), r.body() + "\n" + log);
            JsonNode c = JSON.readTree(r.body());
            assertEquals("[\"good-a\",\"good-b\"]", c.get("models").toString());
            assertEquals(5, c.get("common").size());
            JsonNode failed = c.get("failed");
            assertEquals(3, failed.size(), failed.toString());
            assertFailure(failed.get(0), "fault-throw", "error", THROWING);
            assertFailure(failed.get(1), "fault-spin", "timeout", SPINNING);
            assertFailure(failed.get(2), "fault-hog", "out_of_memory", HOGGING);
            assertTrue(failed.get(1).get("message").asText().contains("did not finish within 30 s"), failed.toString());
            assertTrue(failed.get(2).get("message").asText().startsWith("fault-hog: evaluation ran out of memory in "
                    + "scoring rule 'fault-hog'"), failed.toString());

            // one faulty model alone: its failure is the answer, with its HTTP status
            ObjectNode one = JSON.createObjectNode().put("model", "fault-spin").put("csv", CSV);
            HttpResponse<String> timeout = post(http, base + "/api/evaluate", one);
            assertEquals(504, timeout.statusCode(), timeout.body());
            assertEquals("timeout", JSON.readTree(timeout.body()).get("kind").asText());
            HttpResponse<String> error = post(http, base + "/api/evaluate", one.put("model", "fault-throw"));
            assertEquals(500, error.statusCode(), error.body());
            assertEquals(THROWING + " 1.0.0", JSON.readTree(error.body()).get("bundle").asText());

            // and the server still serves everything else
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(base + "/api/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, models.statusCode());
            HttpResponse<String> good = post(http, base + "/api/evaluate", one.put("model", "good-a"));
            assertEquals(200, good.statusCode(), good.body());
            assertEquals(5, JSON.readTree(good.body()).get("cities").size());
            assertTrue(server.process().isAlive(), "server died:\n" + log);
        }

        // the CLI: compare writes the comparison of the good models, names the failed one, exits 4
        Files.writeString(dir.resolve("cities.csv"), CSV);
        Dist.Run run = Dist.cityevalIn(home, dir, "compare", "--models", "good-a,good-b,fault-throw", "--data",
                "cities.csv");
        assertEquals(4, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("FAILED, left out: fault-throw (error): fault-throw: scoring rule 'fault-throw' "
                + "(bundle " + THROWING + " 1.0.0) failed: java.lang.ArrayIndexOutOfBoundsException"), run.out());
        assertTrue(run.out().contains("Rank correlations"), run.out());
        assertTrue(run.err().contains("cityeval: fault-throw: scoring rule 'fault-throw'"), run.err());
        Dist.Run spin = Dist.cityevalIn(home, dir, "evaluate", "--model", "fault-spin", "--data", "cities.csv",
                "--timeout", "1s");
        assertEquals(4, spin.exit(), spin.out() + spin.err());
        assertTrue(spin.err().startsWith("cityeval: fault-spin: evaluation did not finish within 1 s in scoring rule "
                + "'fault-spin'"), spin.err());
        assertEquals("", spin.out());
    }

    private static void assertFailure(JsonNode f, String model, String kind, String bundle) {
        assertEquals(model, f.get("model").asText(), f.toString());
        assertEquals(kind, f.get("kind").asText(), f.toString());
        assertEquals(bundle + " 1.0.0", f.get("bundle").asText(), f.toString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, JsonNode body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Waits.HANG_GUARD)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void waitForModels(HttpClient http, String base, List<String> ids) throws Exception {
        String[] last = { "" };
        Waits.until(() -> "models to load: " + last[0], () -> {
            last[0] = http.send(HttpRequest.newBuilder(URI.create(base + "/api/models")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return ids.stream().allMatch(id -> last[0].contains("\"" + id + "\""));
        });
    }
}
