package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityeval.http.internal.Fakes.Optionals;
import org.cityeval.http.internal.Fakes.Request;
import org.cityeval.http.internal.Fakes.Response;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The upload limit, the body deadline, the container's error pages and JSON read limits in our words. */
class ServerLimitsTest {
    @Test
    void limitsHaveDefaultsAndRefuseUnusableValues() {
        ServerLimits d = ServerLimits.defaults();
        assertEquals(16, d.maxUploads());
        assertEquals(120_000, d.bodyTimeoutMillis());
        assertEquals(5, d.retryAfterSeconds());
        assertEquals(128, d.maxSmallBodies());
        ServerLimits set = ServerLimits.from(Map.of("cityeval.http.maxUploads", "3", "cityeval.http.bodyTimeout", "7")::get);
        assertEquals(3, set.maxUploads());
        assertEquals(7_000, set.bodyTimeoutMillis());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerLimits.from(Map.of("cityeval.http.maxUploads", "0")::get));
        assertEquals("cityeval.http.maxUploads=0: a positive whole number of uploads, e.g. 16", e.getMessage());
    }

    @Test
    void uploadsAreTheUploadRouteAndLargeOrUnknownBodies() {
        assertTrue(UploadGate.isUpload("POST", "/api/upload", 10, null));
        assertTrue(UploadGate.isUpload("POST", "/api/evaluate", 64 * 1024 + 1, null));
        assertTrue(UploadGate.isUpload("PUT", "/api/workspaces/x", -1, "chunked"));
        assertFalse(UploadGate.isUpload("POST", "/api/evaluate", 64 * 1024, null));
        assertFalse(UploadGate.isUpload("GET", "/api/upload", -1, null));
        assertFalse(UploadGate.isUpload("POST", "/api/evaluate", -1, null));
    }

    @Test
    void anUploadOverTheLimitIs503WithRetryAfterAndTheSlotComesBack() throws IOException {
        Optionals o = new Optionals();
        AtomicInteger aborted = new AtomicInteger();
        try (UploadGate gate = new UploadGate(new ServerLimits(1, 600_000, 7, 1), r -> aborted.incrementAndGet())) {
            ApiServlet servlet = new ApiServlet(Routes.build(Fakes.services(o), o.store),
                    new RequestGuard(java.util.Set.of(), java.util.Set.of()), 10_000, gate);
            UploadGate.Pass held = gate.tryEnter(null);
            assertNotNull(held);
            assertNull(gate.tryEnter(null), "one slot only");
            Response busy = Fakes.call(servlet, upload());
            assertEquals(503, busy.status, busy.text());
            assertEquals("7", busy.header("Retry-After"));
            assertEquals("close", busy.header("Connection"));
            JsonNode body = ApiJson.MAPPER.readTree(busy.body.toByteArray());
            assertEquals("too many uploads at once (at most 1; the framework property cityeval.http.maxUploads sets "
                    + "it): try again in 7 s", body.get("error").asText());
            assertEquals("error.http.busy", body.get("key").asText());
            assertEquals("[\"1\",\"7\"]", body.get("args").toString());
            // small requests are not uploads: served while the slot is taken
            assertEquals(200, Fakes.call(servlet, new Request("GET", "/models")).status);
            held.close();
            Response ok = Fakes.call(servlet, upload());
            assertEquals(200, ok.status, ok.text());
            assertEquals(1, gate.free(), "the slot is given back after the upload");
            assertEquals(0, aborted.get(), "no deadline passed");
        }
    }

    @Test
    void aBodyStillArrivingAtItsDeadlineHasItsConnectionEnded() throws Exception {
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        try (UploadGate gate = new UploadGate(new ServerLimits(2, 1, 5, 2), r -> ended.countDown())) {
            UploadGate.Pass pass = gate.tryEnter(null);
            assertTrue(ended.await(10, java.util.concurrent.TimeUnit.MINUTES), "hang guard");
            pass.close();
            assertEquals(2, gate.free());
        }
        // a body received in time: the deadline is cancelled
        AtomicInteger aborted = new AtomicInteger();
        try (UploadGate gate = new UploadGate(new ServerLimits(2, 600_000, 5, 2), r -> aborted.incrementAndGet())) {
            UploadGate.Pass pass = gate.tryEnter(null);
            pass.received();
            pass.close();
            pass.close(); // twice: the slot is given back once
            assertEquals(2, gate.free());
            assertEquals(0, aborted.get());
        }
    }

    @Test
    void aSmallBodyHoldsItsSlotOnlyWhileItIsRead() throws IOException {
        Optionals o = new Optionals();
        try (UploadGate gate = new UploadGate(new ServerLimits(1, 600_000, 7, 1), r -> {
        })) {
            ApiServlet servlet = new ApiServlet(Routes.build(Fakes.services(o), o.store),
                    new RequestGuard(java.util.Set.of(), java.util.Set.of()), 10_000, gate);
            String json = "{\"model\": \"m1\", \"csv\": \"adcode,a,b\\n110000,1,2\\n310000,5,5\\n\"}";
            for (int i = 0; i < 3; i++) { // one slot, three requests one after another: each gives it back
                Response r = Fakes.call(servlet, new Request("POST", "/evaluate").json(json));
                assertEquals(200, r.status, r.text());
            }
            assertEquals(1, gate.freeSmall());
            UploadGate.Pass held = gate.tryEnterSmall(null); // a client still sending its small body
            Response busy = Fakes.call(servlet, new Request("POST", "/evaluate").json(json));
            assertEquals(503, busy.status, busy.text());
            assertEquals("7", busy.header("Retry-After"));
            JsonNode body = ApiJson.MAPPER.readTree(busy.body.toByteArray());
            assertEquals("error.http.busySmall", body.get("key").asText(), body.toString());
            assertEquals(200, Fakes.call(servlet, new Request("GET", "/models")).status, "no body: never counted");
            held.close();
            assertEquals(200, Fakes.call(servlet, new Request("POST", "/evaluate").json(json)).status);
        }
        assertTrue(UploadGate.isSmallBody("POST", "/api/evaluate", 100, null));
        assertFalse(UploadGate.isSmallBody("POST", "/api/upload", 100, null));
        assertFalse(UploadGate.isSmallBody("POST", "/api/evaluate", 0, null));
        assertFalse(UploadGate.isSmallBody("GET", "/api/models", 100, null));
    }

    private static Request upload() {
        return new Request("POST", "/upload").query("name=cities.csv")
                .body("adcode,a,b\n110000,1,2\n310000,3,4\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    @Test
    void theContainersErrorPagesAreOurSentences() throws IOException {
        for (int status : new int[] {400, 404, 405, 408, 413, 414, 431, 500, 502, 503}) {
            String text = ErrorPages.message(status, "/nothing");
            JsonNode body = ApiJson.MAPPER.readTree(ErrorPages.body(status, "/nothing"));
            assertEquals(text, body.get("error").asText());
            assertTrue(body.get("args").isArray());
            assertFalse(text.contains("Exception") || text.contains("jetty") || text.contains("java."), text);
        }
        assertEquals("no such resource: '/nothing'", ErrorPages.message(404, "/nothing").replace('"', '\''));
        assertEquals("internal error", ErrorPages.message(500, null));
        // in the message catalogue, so that the dashboard says them in its reader's language
        assertEquals("error.http.badRequest", org.cityeval.api.result.MessageCatalogue.of(ErrorPages.message(400, null)).key());
        assertEquals("error.http.headersTooLarge",
                org.cityeval.api.result.MessageCatalogue.of(ErrorPages.message(431, null)).key());
    }

    @Test
    void jsonReadLimitsAreSaidWithoutLibraryNames() {
        String number = "{\"rows\": [{\"x\": " + "1".repeat(1200) + "}]}";
        HttpError e = assertThrows(HttpError.class,
                () -> ApiJson.object(number.getBytes(StandardCharsets.UTF_8), "request body"));
        assertTrue(e.getMessage().startsWith("request body is not JSON at line 1, column "), e.getMessage());
        assertTrue(e.getMessage().endsWith("($.rows[0].x): a number longer than 1000 characters"), e.getMessage());
        String deep = "{\"a\": " + "[".repeat(100) + "]".repeat(100) + "}";
        HttpError d = assertThrows(HttpError.class, () -> ApiJson.object(deep.getBytes(StandardCharsets.UTF_8), "request body"));
        assertTrue(d.getMessage().endsWith("nested deeper than 64 levels"), d.getMessage());
        for (HttpError x : new HttpError[] {e, d}) {
            assertFalse(x.getMessage().contains("`") || x.getMessage().contains("StreamReadConstraints"), x.getMessage());
        }
    }
}
