package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;

import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.workflow.UncertaintyRequest;
import org.cityeval.api.workflow.UncertaintyWorkflow;
import org.cityeval.http.internal.Fakes.Optionals;
import org.cityeval.http.internal.Fakes.Request;
import org.cityeval.http.internal.Fakes.Response;
import org.cityeval.workflow.internal.Jobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The background-analysis endpoints through the servlet over the real job service with a fake analysis that
 * waits for the test: submit, status, result (409 until done), cancel, 404, 400, 429; 503 without jobs; the
 * method lists; the kept uploads.
 */
class JobEndpointsTest {
    static final String BODY = "{\"model\": \"m1\", \"csv\": \"adcode,a,b\\n110000,1,2\\n\", \"replications\": 100}";
    final CountDownLatch release = new CountDownLatch(1);
    final Optionals optionals = new Optionals();
    Jobs jobs;

    @AfterEach
    void close() {
        release.countDown();
        if (jobs != null) {
            jobs.close();
        }
    }

    ApiServlet servlet(boolean withJobs) {
        UncertaintyWorkflow waiting = new UncertaintyWorkflow() {
            @Override
            public UncertaintyResult run(UncertaintyRequest request, IntConsumer progress) {
                progress.accept(10);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted", e);
                }
                return null;
            }

            @Override
            public long runs(UncertaintyRequest request) {
                return request.spec().replications();
            }
        };
        jobs = withJobs ? new Jobs(waiting, 1, 5, 1, System::nanoTime) : null;
        Jobs j = jobs;
        return new ApiServlet(Routes.build(Fakes.services(optionals), optionals.store, () -> null, () -> null, () -> j),
                new RequestGuard(java.util.Set.of(), java.util.Set.of()), 100_000);
    }

    static JsonNode json(Response r) throws IOException {
        return ApiJson.MAPPER.readTree(r.body.toByteArray());
    }

    @Test
    void aJobIsSubmittedWatchedAndCancelled() throws Exception {
        ApiServlet s = servlet(true);
        Response submitted = Fakes.call(s, new Request("POST", "/jobs/uncertainty").json(BODY));
        assertEquals(200, submitted.status, submitted.text());
        String id = json(submitted).get("id").asText();
        assertEquals(100, json(submitted).get("total").asInt());
        JsonNode status;
        do {
            Thread.sleep(5); // until the fake has reported its 10 runs (a hang would meet surefire's guard)
            status = json(Fakes.call(s, new Request("GET", "/jobs/" + id)));
        } while (status.get("done").asInt() < 10);
        assertEquals("RUNNING", status.get("state").asText());
        assertEquals(0.1, status.get("progress").asDouble(), 1e-9);
        Response early = Fakes.call(s, new Request("GET", "/jobs/" + id + "/result"));
        assertEquals(409, early.status, early.text());
        assertTrue(json(early).get("error").asText().contains("running"), early.text());
        Response queued = Fakes.call(s, new Request("POST", "/jobs/uncertainty").json(BODY));
        assertEquals(200, queued.status, queued.text());
        assertEquals("QUEUED", json(queued).get("state").asText());
        Response full = Fakes.call(s, new Request("POST", "/jobs/uncertainty").json(BODY));
        assertEquals(429, full.status, full.text());
        assertTrue(json(Fakes.call(s, new Request("GET", "/jobs"))).get("jobs").size() >= 2);

        Response cancelled = Fakes.call(s, new Request("DELETE", "/jobs/" + id));
        assertEquals(200, cancelled.status, cancelled.text());
        String state = json(cancelled).get("state").asText();
        assertTrue(state.equals("CANCELLING") || state.equals("CANCELLED"), cancelled.text());
        do {
            Thread.sleep(5);
            state = json(Fakes.call(s, new Request("GET", "/jobs/" + id))).get("state").asText();
        } while (!state.equals("CANCELLED"));

        assertEquals(404, Fakes.call(s, new Request("GET", "/jobs/0123456789abcdef0123456789abcdef")).status);
        assertEquals(404, Fakes.call(s, new Request("DELETE", "/jobs/nope")).status);
        Response bad = Fakes.call(s, new Request("POST", "/jobs/uncertainty").json("{\"model\": \"m1\", \"csv\": \"\", "
                + "\"replications\": \"many\"}"));
        assertEquals(400, bad.status, bad.text());
        assertTrue(json(bad).get("error").asText().contains("replications"), bad.text());
    }

    @Test
    void withoutTheJobServiceJobsAre503AndTheChoicesSaySo() throws Exception {
        ApiServlet s = servlet(false);
        Response r = Fakes.call(s, new Request("POST", "/jobs/uncertainty").json(BODY));
        assertEquals(503, r.status, r.text());
        assertEquals(503, Fakes.call(s, new Request("GET", "/jobs")).status);
        JsonNode choices = json(Fakes.call(s, new Request("GET", "/uncertainty/choices")));
        assertFalse(choices.get("jobs").asBoolean());
        assertTrue(choices.get("normalisations").toString().contains("min-max"), choices.toString());
        assertTrue(choices.get("aggregations").toString().contains("harmonic"), choices.toString());
        assertEquals(100_000, choices.get("maxReplications").asInt());
    }

    @Test
    void theKeptUploadsAreListed() throws Exception {
        ApiServlet s = servlet(false);
        Response up = Fakes.call(s, new Request("POST", "/upload").query("name=kept.csv")
                .body("adcode,a\n110000,1\n".getBytes(StandardCharsets.UTF_8), "text/csv"));
        assertEquals(200, up.status, up.text());
        String token = json(up).get("dataset").asText();
        JsonNode list = json(Fakes.call(s, new Request("GET", "/datasets")));
        assertEquals(token, list.get("datasets").get(0).get("token").asText());
        assertEquals("kept.csv", list.get("datasets").get(0).get("name").asText());
        assertFalse(list.get("persistent").asBoolean());
    }
}
