package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Long analyses over the web API, served by the distribution as a user starts it: a 100,000-replication
 * uncertainty run submitted as a job reports its progress (runs done, share, an estimate of the time left) before
 * it completes, and once cancelled turns CANCELLED and its run counter no longer advances (the job is CANCELLED
 * only once its threads have ended); a small job's result is that of the synchronous endpoint; the uploads the
 * server keeps are listed. No wall-clock assertions: every wait is a hang guard. (The whole-process CPU drop
 * after a cancel is measured by scripts/job-cancel-cpu.sh.)
 */
class JobsApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LONG = "{\"model\": \"guomai-psdf-2024\", \"pack\": \"china-cities\", \"missing\": \"renormalise\", "
            + "\"replications\": 100000, \"seed\": 7, \"weightNoise\": {\"1\": 0.25, \"2\": 0.25}}";
    @RegisterExtension
    static final ServedDist SERVER = new ServedDist();
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(SERVER.base() + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static JsonNode job(String id) throws Exception {
        return ok(send("GET", "/api/jobs/" + id, null));
    }

    @Test
    void aHundredThousandReplicationRunShowsProgressAndStopsWhenCancelled() throws Exception {
        JsonNode submitted = ok(send("POST", "/api/jobs/uncertainty", LONG));
        String id = submitted.get("id").asText();
        assertEquals(100_000, submitted.get("total").asLong(), submitted.toString());
        assertEquals("uncertainty", submitted.get("kind").asText());

        // progress arrives while the job runs, before it completes
        List<JsonNode> seen = new ArrayList<>();
        Waits.until(() -> "progress of job " + id + ": " + seen, () -> {
            JsonNode s = job(id);
            seen.add(s);
            assertFalse(s.get("state").asText().equals("DONE") || s.get("state").asText().equals("FAILED"),
                    "the job ended before any progress was seen: " + s);
            return s.get("state").asText().equals("RUNNING") && s.get("done").asLong() > 0
                    && !s.get("remainingMillis").isNull();
        });
        JsonNode running = seen.get(seen.size() - 1);
        assertTrue(running.get("done").asLong() < 100_000, running.toString());
        double progress = running.get("progress").asDouble();
        assertTrue(progress > 0 && progress < 1, running.toString());
        assertTrue(running.get("remainingMillis").asLong() >= 0, running.toString());
        assertTrue(ok(send("GET", "/api/jobs", null)).get("jobs").toString().contains(id));

        // cancel: CANCELLING until its threads have ended, then CANCELLED; the counter then stays put
        JsonNode cancelling = ok(send("DELETE", "/api/jobs/" + id, null));
        assertTrue(List.of("CANCELLING", "CANCELLED").contains(cancelling.get("state").asText()), cancelling.toString());
        Waits.until("job " + id + " cancelled", () -> job(id).get("state").asText().equals("CANCELLED"));
        JsonNode cancelled = job(id);
        assertTrue(cancelled.get("done").asLong() < 100_000, cancelled.toString());
        assertTrue(cancelled.get("remainingMillis").isNull(), cancelled.toString());
        Thread.sleep(500);
        assertEquals(cancelled.get("done").asLong(), job(id).get("done").asLong(), "runs counted after the cancel");
        HttpResponse<String> noResult = send("GET", "/api/jobs/" + id + "/result", null);
        assertEquals(409, noResult.statusCode(), noResult.body());
        assertTrue(noResult.body().contains("cancelled"), noResult.body());

        // the server computes again afterwards: the pool's thread came back clean
        String small = LONG.replace("100000", "200");
        String again = ok(send("POST", "/api/jobs/uncertainty", small)).get("id").asText();
        Waits.until("job " + again + " done", () -> job(again).get("state").asText().equals("DONE"));
    }

    @Test
    void aJobsResultIsTheSynchronousOnesAndUnknownJobsAre404() throws Exception {
        String small = LONG.replace("100000", "300");
        String id = ok(send("POST", "/api/jobs/uncertainty", small)).get("id").asText();
        Waits.until("job " + id + " done", () -> {
            String state = job(id).get("state").asText();
            assertFalse(state.equals("FAILED") || state.equals("CANCELLED"), job(id).toString());
            return state.equals("DONE");
        });
        JsonNode done = job(id);
        assertEquals(300, done.get("done").asLong());
        assertEquals(1.0, done.get("progress").asDouble());
        JsonNode result = ok(send("GET", "/api/jobs/" + id + "/result", null));
        JsonNode direct = ok(send("POST", "/api/uncertainty", small));
        assertEquals(direct.get("cities"), result.get("cities"));
        JsonNode choices = ok(send("GET", "/api/uncertainty/choices", null));
        assertTrue(choices.get("normalisations").toString().contains("min-max"), choices.toString());
        assertTrue(choices.get("aggregations").toString().contains("geometric"), choices.toString());
        assertTrue(choices.get("missing").toString().contains("renormalise"), choices.toString());
        assertTrue(choices.get("jobs").asBoolean(), choices.toString());
        assertEquals(404, send("GET", "/api/jobs/0123456789abcdef0123456789abcdef", null).statusCode());
        assertEquals(404, send("DELETE", "/api/jobs/0123456789abcdef0123456789abcdef", null).statusCode());
        HttpResponse<String> bad = send("POST", "/api/jobs/uncertainty", LONG.replace("100000", "100001"));
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("replications"), bad.body());
    }

    @Test
    void theUploadsTheServerKeepsAreListed() throws Exception {
        String csv = "adcode,digital_support,network_governance,intelligent_leadership,integrated_innovation\n"
                + "110000,26.2,25.2,17.2,17.1\n330100,24.3,26.7,14.4,17.2\n";
        HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(SERVER.base() + "/api/upload?name=kept.csv"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String token = ok(up).get("dataset").asText();
        JsonNode list = ok(send("GET", "/api/datasets", null));
        boolean found = false;
        for (JsonNode d : list.get("datasets")) {
            if (d.get("token").asText().equals(token)) {
                found = true;
                assertEquals("kept.csv", d.get("name").asText());
                assertEquals(2, d.get("summary").get("cities").asInt(), d.toString());
            }
        }
        assertTrue(found, list.toString());
        assertTrue(list.has("persistent"));
    }
}
