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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET}/{@code POST /api/stats} on the served distribution: the workflow's result, bad input as 400. */
class StatsApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();
    @RegisterExtension
    static final ServedDist SERVER = new ServedDist();

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void postTheCoinrPairAnswersCoinrsCronbach() throws Exception {
        Path asem = Dist.repo().resolve("bundles/org.cityeval.coinr/src/test/resources/coinr-asem");
        ObjectNode body = JSON.createObjectNode();
        body.put("iMeta", Files.readString(asem.resolve("asem_iMeta.csv")));
        body.put("iData", Files.readString(asem.resolve("asem_iData.csv")));
        body.put("node", "Instit");
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(SERVER.base() + "/api/stats"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode node = JSON.readTree(r.body()).get("nodes").get(0);
        assertEquals("Instit", node.get("node").asText());
        assertEquals(0.20201516015931101, node.get("cronbach").asDouble(), 1e-6); // COINr 1.1.14, asem-cronbach-L2.csv
        assertEquals(4, node.get("flags").size());
    }

    @Test
    void getOnAPackAndBadNodes() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(SERVER.base()
                + "/api/stats?model=ccid-digital-city-2020&pack=china-cities&node=total&missing=renormalise")).GET());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(6, JSON.readTree(r.body()).get("nodes").get(0).get("children").size());
        HttpResponse<String> leaf = send(HttpRequest.newBuilder(URI.create(SERVER.base()
                + "/api/stats?model=ccid-digital-city-2020&pack=china-cities&node=nope")).GET());
        assertEquals(400, leaf.statusCode(), leaf.body());
        assertTrue(leaf.body().contains("'nope'"), leaf.body());
        assertEquals(400, send(HttpRequest.newBuilder(URI.create(SERVER.base() + "/api/stats?model=x")).GET()).statusCode());
    }
}
