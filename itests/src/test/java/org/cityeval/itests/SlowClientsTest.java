package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Slow and many clients (issue 16, item 2), against {@code cityeval serve} on 127.0.0.1: uploads that declare
 * 1 MB and send a byte now and then hold at most {@code cityeval.http.maxUploads} of the server's threads; one
 * more is answered 503 with {@code Retry-After} in the API's error format, at once; the API's small requests
 * are answered while they are open; a slot is free again when its client goes or its body's deadline
 * ({@code cityeval.http.bodyTimeout}) passes. Nothing about speed is asserted (scripts/bench-slow-clients.sh
 * measures the latency); waits are for events, with the hang guard only.
 */
class SlowClientsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();
    static final int DEFAULT_MAX_UPLOADS = 16;
    static final String PSDF_CSV = "adcode,digital_support,network_governance,intelligent_leadership,integrated_innovation\n"
            + "110000,26.2,25.2,17.2,17.1\n330100,24.3,26.7,14.4,17.2\n";

    /** An upload declaring 1 MB whose body comes a byte at a time; its answer, if any, read on another thread. */
    static final class SlowUpload implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final CompletableFuture<RawHttp.Answer> answer = new CompletableFuture<>();

        SlowUpload(int port) throws IOException {
            this(port, "/api/upload?name=slow.csv", "text/csv", 1 << 20, "adcode,x\n");
        }

        /** A POST to {@code path} declaring {@code length} bytes, of which it sends {@code start} at once. */
        SlowUpload(int port, String path, String type, int length, String start) throws IOException {
            socket = RawHttp.open(port);
            out = socket.getOutputStream();
            out.write(RawHttp.head(port, "POST", path, Map.of("Content-Type", type, "Content-Length",
                    Integer.toString(length))));
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread reader = new Thread(() -> {
                try {
                    answer.complete(RawHttp.read(socket.getInputStream()));
                } catch (IOException | RuntimeException | AssertionError e) {
                    answer.completeExceptionally(e);
                }
            }, "slow-upload-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** One more byte, if the connection is still open. */
        void trickle() {
            try {
                out.write('1');
                out.flush();
            } catch (IOException e) {
                // closed by the server (answered or past its deadline): nothing more to send
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static HttpResponse<String> get(String base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Waits.HANG_GUARD).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> upload(String base, String csv) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/upload?name=ok.csv")).timeout(Waits.HANG_GUARD)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static long refused(List<SlowUpload> uploads) {
        return uploads.stream().filter(u -> u.answer.isDone() && !u.answer.isCompletedExceptionally()).count();
    }

    @Test
    void smallRequestsAreServedWhileManyUploadsTrickleIn() throws Exception {
        int count = 30;
        List<SlowUpload> uploads = new ArrayList<>();
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        // the default upload limit; the body deadline out of reach, so that however slow the machine, the slow
        // uploads are still open when the small requests are sent (the deadline has a test of its own, below)
        try (Dist.Served server = Dist.serve(Dist.home(), "-Dcityeval.http.bodyTimeout=36000")) {
            int port = URI.create(server.base()).getPort();
            for (int i = 0; i < count; i++) {
                uploads.add(new SlowUpload(port));
            }
            trickler.scheduleWithFixedDelay(() -> uploads.forEach(SlowUpload::trickle), 1, 1, TimeUnit.SECONDS);
            // the uploads over the limit are answered at once; the others stay open, trickling
            Waits.until(() -> refused(uploads) + " of " + count + " slow uploads answered",
                    () -> refused(uploads) >= count - DEFAULT_MAX_UPLOADS);

            for (int i = 0; i < 5; i++) {
                HttpResponse<String> models = get(server.base(), "/api/models");
                assertEquals(200, models.statusCode(), models.body());
                assertTrue(JSON.readTree(models.body()).get("models").size() > 0, models.body());
            }
            assertFalse(uploads.stream().allMatch(u -> u.answer.isDone()), "some slow uploads are still open");

            for (SlowUpload u : uploads) {
                if (u.answer.isDone()) {
                    RawHttp.Answer a = u.answer.get();
                    assertEquals(503, a.status(), a.body());
                    assertEquals("5", a.header("retry-after"), a.headers().toString());
                    assertTrue(a.header("content-type").startsWith("application/json"), a.headers().toString());
                    JsonNode body = JSON.readTree(a.body());
                    assertTrue(body.get("error").asText().startsWith("too many uploads at once (at most 16;"),
                            a.body());
                    assertTrue(body.has("key") && body.get("args").isArray(), a.body());
                }
            }
            // an upload is refused while the slots are taken, and served once their clients have gone
            HttpResponse<String> busy = upload(server.base(), PSDF_CSV);
            assertEquals(503, busy.statusCode(), busy.body());
            trickler.shutdownNow();
            for (SlowUpload u : uploads) {
                u.close();
            }
            int[] status = new int[1];
            Waits.until(() -> "an upload accepted after the slow clients left (last: " + status[0] + ")", () -> {
                HttpResponse<String> r = upload(server.base(), PSDF_CSV);
                status[0] = r.statusCode();
                assertTrue(status[0] == 200 || status[0] == 503, r.body()); // only "busy" is waited out
                return status[0] == 200;
            });
        } finally {
            trickler.shutdownNow();
            for (SlowUpload u : uploads) {
                u.close();
            }
        }
    }

    @Test
    void slowSmallBodiesAreBoundedToo() throws Exception {
        List<SlowUpload> slow = new ArrayList<>();
        String evaluate = "{\"model\": \"guomai-psdf-2024\", \"csv\": \"" + PSDF_CSV.replace("\n", "\\n") + "\"}";
        try (Dist.Served server = Dist.serve(Dist.home(),
                "-Dcityeval.http.maxSmallBodies=2 -Dcityeval.http.bodyTimeout=36000")) {
            int port = URI.create(server.base()).getPort();
            for (int i = 0; i < 3; i++) { // declares 1000 bytes: a small body, which never comes
                slow.add(new SlowUpload(port, "/api/evaluate", "application/json", 1000, "{"));
            }
            Waits.until("the third slow small body answered", () -> refused(slow) >= 1);
            RawHttp.Answer a = slow.stream().filter(u -> u.answer.isDone()).findFirst().orElseThrow().answer.get();
            assertEquals(503, a.status(), a.body());
            assertEquals("5", a.header("retry-after"));
            JsonNode body = JSON.readTree(a.body());
            assertTrue(body.get("error").asText().startsWith("too many requests sending their bodies at once (at most 2;"),
                    a.body());
            assertEquals("error.http.busySmall", body.get("key").asText());
            assertEquals(200, get(server.base(), "/api/models").statusCode(), "a GET has no body: never refused");
            for (SlowUpload u : slow) {
                u.close();
            }
            int[] status = new int[1];
            Waits.until(() -> "an evaluation accepted after the slow clients left (last: " + status[0] + ")", () -> {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/evaluate"))
                        .timeout(Waits.HANG_GUARD).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(evaluate)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status[0] = r.statusCode();
                assertTrue(status[0] == 200 || status[0] == 503, r.body()); // only "busy" is waited out
                return status[0] == 200;
            });
        } finally {
            for (SlowUpload u : slow) {
                u.close();
            }
        }
    }

    @Test
    void anUploadPastItsDeadlineIsCutOffAndItsSlotFreed() throws Exception {
        List<SlowUpload> uploads = new ArrayList<>();
        try (Dist.Served server = Dist.serve(Dist.home(), "-Dcityeval.http.maxUploads=2 -Dcityeval.http.bodyTimeout=2")) {
            int port = URI.create(server.base()).getPort();
            for (int i = 0; i < 2; i++) {
                uploads.add(new SlowUpload(port));
            }
            // the server ends both connections at their deadline, without an answer (the body never came)
            for (SlowUpload u : uploads) {
                Waits.until("a slow upload cut off at its deadline", u.answer::isDone);
                assertTrue(u.answer.isCompletedExceptionally() || u.answer.get().status() >= 400);
            }
            HttpResponse<String> ok = upload(server.base(), PSDF_CSV);
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(200, get(server.base(), "/api/models").statusCode());
        } finally {
            for (SlowUpload u : uploads) {
                u.close();
            }
        }
    }
}
