package org.cityeval.itests;

import static org.cityeval.itests.AnalysisSmokeTest.averageRanks;
import static org.cityeval.itests.AnalysisSmokeTest.pearson;
import static org.cityeval.itests.AnalysisSmokeTest.ranks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Published rankings from files, compared pairwise, through the distribution's CLI and web API: the two reports'
 * own tables and a published-ranking file (a fixture derived from Guomai's Table 1, see
 * src/test/resources/published/README.md). Each pair is compared on its own common cities, checked against an
 * independent computation from the CSVs; a published ranking and an evaluated one compare in one run.
 */
class PublishedFilesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PSDF = "bundles/org.cityeval.model.guomai.psdf2024/src/main/resources/OSGI-INF/cityeval/"
            + "reference/guomai-psdf-2024-table1.csv";
    static final String CCID = "bundles/org.cityeval.model.ccid.digitalcity2020/src/main/resources/OSGI-INF/cityeval/"
            + "reference/ccid-digital-city-2020-top100.csv";
    static final Path FIXTURE = Dist.repo().resolve("itests/src/test/resources/published/"
            + "guomai-psdf-2024-digital-support-top30.csv");
    static final String FIXTURE_ID = "guomai-psdf-2024-digital-support-top30";

    @TempDir
    Path work;

    @Test
    void eachPairOnItsOwnCommonCitiesThroughTheCli() throws Exception {
        Dist.Run run = Dist.cityeval(work, "compare", "--published", "guomai-psdf-2024,ccid-digital-city-2020,"
                + FIXTURE, "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode c = JSON.readTree(run.out());
        assertEquals(List.of("guomai-psdf-2024", "ccid-digital-city-2020", FIXTURE_ID),
                JSON.convertValue(c.get("models"), List.class));
        checkPairs(c);

        Dist.Run table = Dist.cityeval(work, "compare", "--published", "guomai-psdf-2024,ccid-digital-city-2020,"
                + FIXTURE);
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("Rank correlations (each pair on the cities both rank)"), table.out());
        assertTrue(table.out().contains("cities common to all)"), table.out());
    }

    /** The figures, each pair against its own independent computation. */
    private static void checkPairs(JsonNode c) throws Exception {
        Map<String, Integer> psdf = ranks(PSDF);
        Map<String, Integer> ccid = ranks(CCID);
        Map<String, Integer> fixture = fixtureRanks();
        assertEquals(30, fixture.size());
        List<Map<String, Integer>> rankings = List.of(psdf, ccid, fixture);
        JsonNode pairs = c.get("pairs");
        assertEquals(3, pairs.size());
        int k = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                List<String> common = new ArrayList<>(rankings.get(a).keySet());
                common.retainAll(rankings.get(b).keySet());
                Map<String, Integer> ra = rankings.get(a);
                Map<String, Integer> rb = rankings.get(b);
                double rho = pearson(averageRanks(common.stream().mapToDouble(ra::get).toArray()),
                        averageRanks(common.stream().mapToDouble(rb::get).toArray()));
                JsonNode pair = pairs.get(k++);
                assertEquals(common.size(), pair.get("n").asInt(), pair.toString());
                assertEquals(common.size(), pair.get("spearman").get("n").asInt());
                assertEquals(rho, pair.get("spearman").get("value").asDouble(), 1e-9, pair.toString());
            }
        }
        // Guomai 2024 x CCID 2020 keeps its own 89 cities and rho 0.829 beside a 30-city ranking
        assertEquals(89, pairs.get(0).get("n").asInt());
        assertEquals(0.829, pairs.get(0).get("spearman").get("value").asDouble(), 0.0005);
        assertEquals(30, pairs.get(1).get("n").asInt(), "Guomai x the fixture: its 30 cities");
        // only Kendall's W is on the cities common to all three
        List<String> all = new ArrayList<>(psdf.keySet());
        all.retainAll(ccid.keySet());
        all.retainAll(fixture.keySet());
        assertEquals(all.size(), c.get("common").size());
        assertEquals(all.size(), c.get("kendallW").get("n").asInt());
        assertEquals(30, all.size(), "every fixture city is in CCID's top 100: the all-common view is 30, not 89");
    }

    /** The fixture's competition ranks by score (higher first), keyed by adcode through Guomai's own table. */
    static Map<String, Integer> fixtureRanks() throws Exception {
        Map<String, String> adcodes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Dist.repo().resolve(PSDF), StandardCharsets.UTF_8)) {
            String[] cells = line.split(",");
            adcodes.put(cells[1], cells[3]); // rank,city,province,adcode,...
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FIXTURE, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.startsWith("city,") || line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            scores.put(assertNotNullAndGet(adcodes, cells[0]), Double.parseDouble(cells[2]));
        }
        Map<String, Integer> ranks = new LinkedHashMap<>();
        scores.forEach((adcode, s) -> ranks.put(adcode,
                1 + (int) scores.values().stream().filter(x -> x > s).count()));
        return ranks;
    }

    private static String assertNotNullAndGet(Map<String, String> map, String key) {
        String v = map.get(key);
        assertNotNull(v, key);
        return v;
    }

    @Test
    void aPublishedAndAnEvaluatedRankingInOneRun() throws Exception {
        Dist.Run run = Dist.cityeval(work, "compare", "--models", "ccid-digital-city-2020", "--data",
                "pack:china-cities", "--missing", "renormalise", "--published", "ccid-digital-city-2020,"
                        + FIXTURE, "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode c = JSON.readTree(run.out());
        assertEquals(List.of("ccid-digital-city-2020", "ccid-digital-city-2020 (published)", FIXTURE_ID),
                JSON.convertValue(c.get("models"), List.class));
        JsonNode pair = c.get("pairs").get(0);
        // the shared pack ranks (nearly) every city: the pair is the published top 100, each city the pack covers
        assertTrue(pair.get("n").asInt() >= 90 && pair.get("n").asInt() <= 100, pair.toString());
        assertTrue(Double.isFinite(pair.get("spearman").get("value").asDouble()));
    }

    @Test
    void theReportComparesPublishedRankingsToo() throws Exception {
        Path html = work.resolve("report.html");
        Dist.Run run = Dist.cityeval(work, "report", "--model", "guomai-psdf-2024", "--published",
                "ccid-digital-city-2020," + FIXTURE, "--out", html.toString());
        assertEquals(0, run.exit(), run.err());
        String text = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(text.contains(FIXTURE_ID), "the file's ranking is in the comparison");
        assertTrue(text.contains("<td>guomai-psdf-2024</td><td>ccid-digital-city-2020</td><td class=\"num\">89</td>"),
                "Guomai x CCID on its own 89 cities");
        assertTrue(text.contains("cities common to all"), "Kendall's W labelled");
    }

    @Test
    void aBadFileIsRefusedWithItsRowAndColumn() throws Exception {
        Path bad = work.resolve("bad-report.csv");
        Files.writeString(bad, "# title: A report\n# year: 2023\ncity,rank\n杭州市,1\n宁波市,second\n");
        Dist.Run run = Dist.cityeval(work, "compare", "--published", "guomai-psdf-2024," + bad);
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("bad-report.csv:5:2"), run.err());
        assertEquals("", run.out());

        Files.writeString(bad, "city,rank\n杭州市,1\n不存在市,2\n");
        Dist.Run unknown = Dist.cityeval(work, "compare", "--published", "guomai-psdf-2024," + bad);
        assertEquals(2, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("bad-report.csv:3:1"), unknown.err());
    }

    @Test
    void theWebApiTakesPublishedFilesInline() throws Exception {
        ApiSecurityTest.Server server = ApiSecurityTest.serve(Dist.home(), null);
        try {
            ObjectNode body = JSON.createObjectNode();
            var published = body.putArray("published");
            published.add("guomai-psdf-2024").add("ccid-digital-city-2020");
            ObjectNode file = published.addObject();
            file.put("name", FIXTURE.getFileName().toString());
            file.put("csv", Files.readString(FIXTURE, StandardCharsets.UTF_8));
            ApiSecurityTest.Answer a = ApiSecurityTest.post(server, "/api/compare", JSON.writeValueAsString(body));
            assertEquals(200, a.status(), a.body());
            JsonNode c = a.json();
            assertEquals(FIXTURE_ID, c.get("models").get(2).asText());
            checkPairs(c);

            file.put("csv", "city,rank\n杭州市,1\n宁波市,1.5\n");
            file.put("name", "mine.csv");
            file.putObject("meta").put("title", "Mine");
            ApiSecurityTest.Answer bad = ApiSecurityTest.post(server, "/api/compare", JSON.writeValueAsString(body));
            JsonNode error = ApiSecurityTest.assertApiError(bad, 400);
            assertTrue(error.get("error").asText().contains("mine.csv:3:2"), bad.body());

            published.removeAll();
            published.add("guomai-psdf-2024").add("/etc/passwd.csv");
            ApiSecurityTest.assertApiError(ApiSecurityTest.post(server, "/api/compare", JSON.writeValueAsString(body)),
                    400);
        } finally {
            server.process().destroy();
            server.process().waitFor();
        }
    }
}
