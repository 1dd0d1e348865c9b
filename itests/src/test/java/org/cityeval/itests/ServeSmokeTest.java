package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code cityeval serve} started as a user starts it, spoken to over real HTTP on 127.0.0.1. */
class ServeSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final ServedDist SERVER = new ServedDist();
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SERVER.base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SERVER.base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void getModelsListsThePsdfModel() throws Exception {
        HttpResponse<String> r = get("/api/models");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        JsonNode psdf = null;
        for (JsonNode m : body.get("models")) {
            psdf = m.get("id").asText().equals("guomai-psdf-2024") ? m : psdf;
        }
        assertEquals("[4,11,31]", psdf.get("levels").toString());
        assertEquals(0, body.get("failures").size());
    }

    @Test
    void postEvaluateTakesCsvAndAnswersTheResult() throws Exception {
        String csv = "adcode,digital_support,network_governance,intelligent_leadership,integrated_innovation\\n"
                + "110000,26.2,25.2,17.2,17.1\\n330100,24.3,26.7,14.4,17.2\\n";
        HttpResponse<String> r = post("/api/evaluate", "{\"model\": \"guomai-psdf-2024\", \"csv\": \"" + csv + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(85.7, body.get("cities").get(0).get("score").asDouble());
        assertEquals(1, body.get("cities").get(0).get("rank").asInt());
    }

    @Test
    void badInputAndUnknownRoutesAnswerCleanly() throws Exception {
        HttpResponse<String> bad = post("/api/evaluate",
                "{\"model\": \"guomai-psdf-2024\", \"csv\": \"city,digital_support\\nGotham,1\\n\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("request.csv:2:1") && bad.body().contains("unknown city"), bad.body());

        assertEquals(404, post("/api/evaluate", "{\"model\": \"nope\", \"csv\": \"\"}").statusCode());
        HttpResponse<String> missing = get("/api/nothing-here");
        assertEquals(404, missing.statusCode());
        assertFalse(missing.body().contains("Exception"), missing.body());
        assertEquals(405, get("/api/evaluate").statusCode());
        assertEquals(200, get("/api/models/guomai-psdf-2024").statusCode());
        HttpResponse<String> rep = get("/api/models/guomai-psdf-2024/reproduce");
        assertEquals(200, rep.statusCode());
        assertEquals(104, JSON.readTree(rep.body()).get("cities").size());
    }
}
