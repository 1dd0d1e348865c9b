package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 13 item 4 through the distribution: {@code cityeval variables --pack china-cities} lists every variable
 * the pack's data bundle declares (its catalogue.json), with labels, units, years and coverage; {@code GET
 * /api/variables} answers the same.
 */
class VariablesSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CATALOGUE = Path.of("bundles/org.cityeval.data.china/src/main/resources/OSGI-INF/cityeval/data/catalogue.json");
    @TempDir
    Path work;

    /** The ids the china data bundle declares, read from its source. */
    static Set<String> declaredIds() throws Exception {
        Set<String> ids = new TreeSet<>();
        JSON.readTree(Dist.repo().resolve(CATALOGUE).toFile()).forEach(v -> ids.add(v.get("id").asText()));
        assertTrue(ids.size() >= 18, ids.toString());
        return ids;
    }

    @Test
    void everyCatalogueVariableOfTheChinaPackIsListed() throws Exception {
        Set<String> declared = declaredIds();
        Dist.Run json = Dist.cityeval(work, "variables", "--pack", "china-cities", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode list = JSON.readTree(json.out());
        Set<String> listed = new TreeSet<>();
        for (JsonNode v : list) {
            listed.add(v.get("variable").get("id").asText());
            assertEquals("china-cities", v.get("pack").asText());
            assertTrue(v.get("years").size() > 0, v.toString());
            assertTrue(v.get("coverage").size() > 0, v.toString());
        }
        assertEquals(declared, listed);
        assertEquals(declared.size(), list.size(), "each once");
        JsonNode gdp = null;
        for (JsonNode v : list) {
            gdp = v.get("variable").get("id").asText().equals("gdp_100m_yuan") ? v : gdp;
        }
        assertEquals("地区生产总值", gdp.get("variable").get("name").get("zh").asText());
        assertEquals("亿元 (100 million yuan)", gdp.get("variable").get("unit").asText());
        assertEquals("[2019,2020,2021,2022,2023]", gdp.get("years").toString());

        Dist.Run table = Dist.cityeval(work, "variables", "--pack", "china-cities");
        assertEquals(0, table.exit(), table.err());
        List<String> missing = new ArrayList<>();
        for (String id : declared) {
            if (table.out().lines().noneMatch(l -> l.startsWith("china-cities  " + id + " "))) {
                missing.add(id);
            }
        }
        assertEquals(List.of(), missing, table.out());
        assertTrue(table.out().contains(declared.size() + " variable(s)"), table.out());

        Dist.Run csv = Dist.cityeval(work, "variables", "--pack", "china-cities", "--format", "csv");
        assertEquals(0, csv.exit(), csv.err());
        assertEquals(declared.size() + 1, csv.out().lines().count(), csv.out());
    }

    @Test
    void anUnknownPackIsBadInputNamingTheInstalledOnes() throws Exception {
        Dist.Run r = Dist.cityeval(work, "variables", "--pack", "china-citys");
        assertEquals(2, r.exit(), r.err());
        assertEquals("cityeval: no data pack 'china-citys'; shipped: [china-cities]\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void theWebApiAnswersTheSame() throws Exception {
        Set<String> declared = declaredIds();
        try (Dist.Served served = Dist.serve(Dist.home(), null)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(served.base() + "/api/variables?pack=china-cities"))
                    .timeout(Waits.HANG_GUARD).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode(), r.body());
            Set<String> listed = new TreeSet<>();
            JSON.readTree(r.body()).get("variables").forEach(v -> listed.add(v.get("variable").get("id").asText()));
            assertEquals(declared, listed);
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(served.base() + "/api/variables?pack=x"))
                    .timeout(Waits.HANG_GUARD).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(404, unknown.statusCode(), unknown.body());
        }
    }
}
