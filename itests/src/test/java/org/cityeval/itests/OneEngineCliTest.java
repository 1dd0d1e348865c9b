package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One engine from the distribution, as a user runs it: on Guomai 2024's reference table {@code cityeval
 * uncertainty} ranks 北京市 first, as {@code evaluate} and the report do (its old min-max/arithmetic pipeline put
 * 上海市 first), and every city's nominal rank is evaluate's.
 */
class OneEngineCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TABLE = "bundles/org.cityeval.model.guomai.psdf2024/src/main/resources/OSGI-INF/cityeval/"
            + "reference/guomai-psdf-2024-table1.csv";
    @TempDir
    Path work;

    @Test
    void guomai2024UncertaintyRanksBeijingFirstLikeEvaluate() throws Exception {
        String table = Dist.repo().resolve(TABLE).toString();
        Dist.Run u = Dist.cityeval(work, "uncertainty", "--model", "guomai-psdf-2024", "--data", table,
                "--weight-noise", "1:0.25", "--replications", "200", "--seed", "1", "--format", "json");
        assertEquals(0, u.exit(), u.err());
        JsonNode cities = JSON.readTree(u.out()).get("cities");
        assertEquals("北京市", cities.get(0).get("name").asText());
        assertEquals(1, cities.get(0).get("nominal").asInt());

        Dist.Run e = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", table, "--format",
                "json");
        assertEquals(0, e.exit(), e.err());
        JsonNode evaluated = JSON.readTree(e.out()).get("cities");
        assertEquals("北京市", evaluated.get(0).get("name").asText());
        java.util.Map<String, Integer> ranks = new java.util.HashMap<>();
        for (JsonNode c : evaluated) {
            if (!c.get("rank").isNull()) {
                ranks.put(c.get("adcode").asText(), c.get("rank").asInt());
            }
        }
        assertEquals(ranks.size(), cities.size());
        for (JsonNode c : cities) {
            assertEquals(ranks.get(c.get("adcode").asText()), c.get("nominal").asInt(), c.toString());
        }
    }
}
