package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code cityeval serve} with a store folder ({@code -Dcityeval.store}): an upload, a saved result and a workspace
 * survive a SIGKILL of the server and are read back by a new server on the same folder.
 */
class PersistenceSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();

    @TempDir
    Path store;

    private Dist.Served start() throws Exception {
        return Dist.serve(Dist.home(), "-Dcityeval.store=" + store);
    }

    private JsonNode send(Dist.Served s, String method, String path, String contentType, String body, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.base() + path));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void uploadsResultsAndWorkspacesSurviveASigkill() throws Exception {
        String csv = "adcode,digital_support,network_governance,intelligent_leadership,integrated_innovation\n"
                + "110000,26.2,25.2,17.2,17.1\n330100,24.3,26.7,14.4,17.2\n";
        Dist.Served first = start();
        String token;
        String resultId;
        JsonNode result;
        JsonNode workspace;
        try {
            JsonNode store1 = send(first, "GET", "/api/store", null, null, 200);
            assertTrue(store1.get("persistent").asBoolean(), store1.toString());
            JsonNode up = send(first, "POST", "/api/upload?name=cities.csv", "text/csv", csv, 200);
            token = up.get("dataset").asText();
            assertTrue(up.get("persistent").asBoolean());
            result = send(first, "POST", "/api/evaluate", "application/json", "{\"model\": \"guomai-psdf-2024\", \"dataset\": \""
                    + token + "\", \"save\": true, \"title\": \"before the crash\"}", 200);
            resultId = result.get("saved").get("id").asText();
            ((com.fasterxml.jackson.databind.node.ObjectNode) result).remove("saved");
            workspace = send(first, "PUT", "/api/workspaces/psdf-study", "application/json", "{\"title\": \"PSDF\", \"dataset\": \""
                    + token + "\", \"models\": [\"guomai-psdf-2024\"], \"year\": 2024, \"notes\": \"kept\"}", 200);
        } finally {
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
            Waits.exit(first.process(), "server did not stop on SIGTERM");
        }
        assertEquals(137, first.process().exitValue(), "killed by SIGKILL");
        try (var files = Files.list(store.resolve("datasets"))) {
            assertEquals(2, files.count(), "the upload's file and its description");
        }

        Dist.Served second = start();
        try {
            assertEquals(workspace, send(second, "GET", "/api/workspaces/psdf-study", null, null, 200));
            assertEquals(result, send(second, "GET", "/api/results/" + resultId, null, null, 200));
            // the upload's token still works: read again from its file with the importer
            JsonNode again = send(second, "POST", "/api/evaluate", "application/json", "{\"model\": \"guomai-psdf-2024\", "
                    + "\"dataset\": \"" + token + "\"}", 200);
            assertEquals(result.get("cities"), again.get("cities"));
            assertEquals(85.7, again.get("cities").get(0).get("score").asDouble());
            JsonNode status = send(second, "GET", "/api/store", null, null, 200);
            assertEquals(1, status.get("datasets").asInt());
            assertEquals(1, status.get("results").asInt());
            assertEquals(1, status.get("workspaces").asInt());
            assertEquals(0, status.get("unreadable").size());
        } finally {
            second.process().destroy();
            Waits.exit(second.process(), "server did not stop on SIGTERM");
        }
    }
}
