package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code cityeval serve} with a tiny cache of read uploads ({@code -Dcityeval.uploads.cache=1k}: only the latest
 * one stays read): several long-format uploads, each evaluated afterwards by its token, give what the same CSV
 * gives inline, so uploads that left the cache are loaded back on demand from their compact files (one per
 * upload in the runtime's temporary folder). The server runs with the heap limit of conf/jvm/serve.options.
 */
class UploadCacheSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "guomai-psdf-2024";
    static final String[] CITIES = {"110000", "310000", "330100", "440300"};
    static final String[] VARIABLES = {"digital_support", "network_governance", "intelligent_leadership",
        "integrated_innovation"};
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();

    @TempDir
    Path store;
    @TempDir
    Path tmp;

    /** Upload {@code n}'s long CSV: fixed values that differ from one upload to the next. */
    static String csv(int n) {
        StringBuilder b = new StringBuilder("adcode,year,variable,value,source\n");
        for (int c = 0; c < CITIES.length; c++) {
            for (int v = 0; v < VARIABLES.length; v++) {
                double value = 5 + ((c * 7 + v * 3 + n * 5) % 14) + n * 0.1; // within every range (0-20 points)
                b.append(CITIES[c]).append(",2024,").append(VARIABLES[v]).append(',')
                        .append(String.format(Locale.ROOT, "%.2f", value)).append(",upload ").append(n).append('\n');
            }
        }
        return b.toString();
    }

    private JsonNode send(Dist.Served s, String path, String contentType, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(s.base() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, resp.statusCode(), path + ": " + resp.body());
        return JSON.readTree(resp.body());
    }

    @Test
    void uploadsThatLeftATinyCacheAreLoadedBackAndEvaluateAsTheirCsv() throws Exception {
        int uploads = 5;
        try (Dist.Served s = Dist.serve(Dist.home(), "-Dcityeval.store=" + store + " -Dcityeval.uploads.cache=1k"
                + " -Djava.io.tmpdir=" + tmp)) {
            // the heap limit of conf/jvm/serve.options is the server's (java reads the file: @serve.options)
            Path options = Dist.home().resolve("conf/jvm/serve.options");
            assertTrue(Files.readAllLines(options).stream().anyMatch(l -> l.matches("-Xmx\\d+[mg]")),
                    "a heap limit in " + options);
            List<String> args = List.of(s.process().info().arguments().orElse(new String[0]));
            assertTrue(args.stream().anyMatch(a -> a.startsWith("@") && a.endsWith("conf/jvm/serve.options")),
                    "serve runs with the options of " + options + ": " + args);

            List<String> tokens = new ArrayList<>();
            for (int n = 0; n < uploads; n++) {
                JsonNode up = send(s, "/api/upload?name=upload" + n + ".csv", "text/csv", csv(n));
                assertEquals(CITIES.length, up.get("cities").asInt(), up.toString());
                tokens.add(up.get("dataset").asText());
            }
            try (Stream<Path> files = Files.walk(tmp)) {
                assertEquals(uploads, files.filter(f -> f.toString().endsWith(".ceds")).count(),
                        "each parsed upload on disk in compact form");
            }
            List<JsonNode> byToken = new ArrayList<>();
            for (int n = 0; n < uploads; n++) { // the first ones left the cache long ago
                JsonNode viaToken = send(s, "/api/evaluate", "application/json",
                        "{\"model\": \"" + MODEL + "\", \"dataset\": \"" + tokens.get(n) + "\"}");
                ObjectNode inline = JSON.createObjectNode().put("model", MODEL).put("csv", csv(n));
                JsonNode viaCsv = send(s, "/api/evaluate", "application/json", JSON.writeValueAsString(inline));
                assertEquals(viaCsv.get("cities"), viaToken.get("cities"), "upload " + n);
                assertEquals(CITIES.length, viaToken.get("cities").size());
                byToken.add(viaToken.get("cities"));
            }
            assertNotEquals(byToken.get(0), byToken.get(1), "each upload is its own data");
            // and again in reverse order: each load evicts the previous one
            for (int n = uploads - 1; n >= 0; n--) {
                JsonNode again = send(s, "/api/evaluate", "application/json",
                        "{\"model\": \"" + MODEL + "\", \"dataset\": \"" + tokens.get(n) + "\"}");
                assertEquals(byToken.get(n), again.get("cities"), "upload " + n + " again");
            }
        }
    }
}
