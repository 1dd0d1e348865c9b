package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.cityeval.http.internal.Fakes.Optionals;
import org.cityeval.http.internal.Fakes.Request;
import org.cityeval.http.internal.Fakes.Response;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Saved results and workspaces through the servlet, over the real store in memory. */
class WorkbenchEndpointsTest {
    private final ApiServlet servlet = Fakes.servlet(new Optionals(), 100_000);

    private Response call(Request r) throws IOException {
        return Fakes.call(servlet, r);
    }

    private static JsonNode json(Response r) throws IOException {
        return ApiJson.MAPPER.readTree(r.body.toByteArray());
    }

    private static void assertError(Response r, int status, String contains) throws IOException {
        assertEquals(status, r.status, r.text());
        assertTrue(json(r).get("error").asText().contains(contains), r.text());
    }

    @Test
    void anEvaluationSavedIsReadBack() throws IOException {
        Response r = call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"csv\": \"adcode,a,b\\n110000,1,2\\n\", "
                + "\"save\": true, \"title\": \"first\"}"));
        assertEquals(200, r.status, r.text());
        JsonNode saved = json(r).get("saved");
        String id = saved.get("id").asText();
        assertEquals(false, saved.get("persistent").asBoolean());
        Response back = call(new Request("GET", "/results/" + id));
        assertEquals(200, back.status, back.text());
        assertTrue(back.header("Content-Type").startsWith("application/json"));
        JsonNode result = json(back);
        JsonNode answered = json(r);
        ((com.fasterxml.jackson.databind.node.ObjectNode) answered).remove("saved");
        assertEquals(answered, result);
        JsonNode list = json(call(new Request("GET", "/results")));
        assertEquals("first", list.get("results").get(0).get("title").asText());
        assertEquals("m1", list.get("results").get(0).get("model").asText());
        assertError(call(new Request("GET", "/results/0123456789abcdef0123456789abcdef")), 404, "no saved result");
        assertError(call(new Request("GET", "/results/..%2F..%2Fetc")), 404, "no saved result");
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"csv\": \"adcode,a\\n110000,1\\n\", "
                + "\"title\": \"t\"}")), 400, "$.title");
    }

    @Test
    void workspacesAreCreatedReplacedListedAndDeleted() throws IOException {
        Response up = call(new Request("POST", "/upload").query("name=c.csv")
                .body("adcode,a\n110000,1\n".getBytes(StandardCharsets.UTF_8), "text/csv"));
        assertEquals(200, up.status, up.text());
        String token = json(up).get("dataset").asText();
        Response put = call(new Request("PUT", "/workspaces/study-1").json("{\"title\": \"Study\", \"dataset\": \"" + token
                + "\", \"models\": [\"m1\"], \"year\": 2023, \"missing\": \"mean\", \"notes\": \"a\\nb\"}"));
        assertEquals(200, put.status, put.text());
        JsonNode w = json(put);
        assertEquals("study-1", w.get("name").asText());
        assertTrue(w.get("updated").asText().endsWith("Z"), w.toString());
        assertEquals(w, json(call(new Request("GET", "/workspaces/study-1"))));
        Response again = call(new Request("PUT", "/workspaces/study-1").json("{\"title\": \"Renamed\"}"));
        assertEquals("Renamed", json(again).get("title").asText());
        JsonNode list = json(call(new Request("GET", "/workspaces")));
        assertEquals(1, list.get("workspaces").size());
        assertEquals(false, list.get("persistent").asBoolean());
        assertEquals(200, call(new Request("DELETE", "/workspaces/study-1")).status);
        assertError(call(new Request("GET", "/workspaces/study-1")), 404, "no workspace");
        assertError(call(new Request("DELETE", "/workspaces/study-1")), 404, "no workspace");
    }

    @Test
    void badWorkspacesAreRefusedNamingTheField() throws IOException {
        assertError(call(new Request("PUT", "/workspaces/..").json("{}")), 400, "name '..'");
        assertError(call(new Request("PUT", "/workspaces/.hidden").json("{}")), 400, "name '.hidden'");
        assertError(call(new Request("PUT", "/workspaces/a%2Fb").json("{}")), 400, "name ");
        assertError(call(new Request("PUT", "/workspaces/w").json("{\"dataset\": \"0123456789abcdef0123456789abcdef\"}")),
                400, "$.dataset: no upload");
        assertError(call(new Request("PUT", "/workspaces/w").json("{\"year\": \"x\"}")), 400, "$.year");
        assertError(call(new Request("PUT", "/workspaces/w").json("{\"missing\": \"guess\"}")), 400, "$.missing");
        assertError(call(new Request("PUT", "/workspaces/w").json("{\"colour\": 1}")), 400, "$.colour: unknown field");
        assertError(call(new Request("PUT", "/workspaces/w").json("{\"notes\": \"\\u0000\"}")), 400, "notes: control");
        assertError(call(new Request("PATCH", "/workspaces/w")), 405, "not used");
    }

    @Test
    void theStoreSaysWhereItKeepsThings() throws IOException {
        JsonNode s = json(call(new Request("GET", "/store")));
        assertEquals(false, s.get("persistent").asBoolean());
        assertTrue(s.get("retention").asText().startsWith("in memory only"), s.toString());
    }
}
