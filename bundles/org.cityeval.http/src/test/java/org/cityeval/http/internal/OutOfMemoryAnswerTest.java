package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.cityeval.api.result.MessageCatalogue;
import org.cityeval.http.internal.Fakes.Optionals;
import org.cityeval.http.internal.Fakes.Request;
import org.cityeval.http.internal.Fakes.Response;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An OutOfMemoryError while a request is served (an upload too large for the heap left) is answered as the
 * API's JSON error, 503, and the servlet goes on serving: never the container's HTML "HTTP ERROR 500
 * java.lang.OutOfMemoryError" page.
 */
class OutOfMemoryAnswerTest {
    private final ApiServlet servlet = Fakes.servlet(new Optionals(), 10_000);

    @Test
    void anUploadThatRunsOutOfMemoryIsAJson503() throws IOException {
        Request r = new Request("POST", "/upload").body(new byte[100], "multipart/form-data; boundary=x");
        r.part = new OutOfMemoryError("Java heap space");
        Response resp = Fakes.call(servlet, r);
        assertEquals(503, resp.status, resp.text());
        assertTrue(resp.header("Content-Type").startsWith("application/json"), resp.header("Content-Type"));
        JsonNode body = ApiJson.MAPPER.readTree(resp.body.toByteArray());
        assertEquals(ApiServlet.OUT_OF_MEMORY, body.path("error").asText());
        assertEquals("error.outOfMemory", body.path("key").asText(), "a message of the catalogue (zh too)");
        assertFalse(resp.text().contains("java.lang"), "no class names: " + resp.text());
        assertEquals("close", resp.header("Connection"));
        assertEquals("error.outOfMemory", MessageCatalogue.of(ApiServlet.OUT_OF_MEMORY).key());

        // and the next request is served as usual
        Response next = Fakes.call(servlet, new Request("GET", "/models"));
        assertEquals(200, next.status, next.text());
    }
}
