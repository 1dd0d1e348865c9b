package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The designations (宽带中国, 创新型城市, 知识产权示范城市, 大数据综合试验区) and higher-education institutions in the
 * shipped data pack, through the distribution as a user runs it (issue 17, items 4 and 5): the pack exposes
 * the variables with their labels, units and sources; the models bound to them are backed by more of their
 * weight than before; the quality report lists the source rows that name no registry city, with file and line.
 */
class PackDesignationsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> NEW = List.of("broadband_china_pilot", "broadband_china_years", "innovative_city_pilot",
            "innovative_city_years", "ip_demo_city", "ip_demo_city_years", "bigdata_pilot_zone",
            "bigdata_pilot_zone_years", "hei_2019", "hei_undergrad_2019", "hei_per_10k_2019", "hei_undergrad_per_10k_2019");
    @TempDir
    Path work;

    @Test
    void thePackExposesTheNewVariables() throws Exception {
        Dist.Run run = Dist.cityeval(work, "variables", "--pack", "china-cities", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        Map<String, JsonNode> byId = new HashMap<>();
        JSON.readTree(run.out()).forEach(v -> byId.put(v.get("variable").get("id").asText(), v));
        for (String id : NEW) {
            JsonNode v = byId.get(id);
            assertTrue(v != null, id + " is not in the pack");
            JsonNode var = v.get("variable");
            assertTrue(!var.get("name").get("zh").asText().isBlank() && !var.get("name").get("en").asText().isBlank(), id);
            assertTrue(!var.get("unit").asText().isBlank(), id);
            assertTrue(var.get("source").asText().contains(id.startsWith("hei") ? "MOE" : "official notice"), id);
            // in every year of the pack: 2019-2023
            assertEquals(5, v.get("years").size(), id);
        }
        assertEquals(30, byId.size());
    }

    @Test
    void theBoundModelsAreBackedByMoreOfTheirWeight() throws Exception {
        Dist.Run run = Dist.cityeval(work, "coverage", "--data", "pack:china-cities", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        Map<String, JsonNode> byModel = new HashMap<>();
        JSON.readTree(run.out()).forEach(c -> byModel.put(c.get("model").asText(), c));
        // before the new variables (docs/data-formats.md): CCID 23/144 (16.0%), PSFT 1/5 (20%), national 10/100
        // CCID + fixed broadband 1/6·1/2·1/4 + knowledge innovation 1/6·1/3·1/2 = 30/144
        assertEquals(30.0 / 144, byModel.get("ccid-digital-city-2020").get("weightBacked").asDouble(), 1e-6);
        // PSFT + innovation environment, one of five equal level-1 indicators
        assertEquals(0.4, byModel.get("guomai-psft-2019").get("weightBacked").asDouble(), 1e-6);
        // national + L4 智能设施, 7 of 100 points
        assertEquals(0.17, byModel.get("national-smart-city-2016").get("weightBacked").asDouble(), 1e-6);
        // unbound here: the two others are as before
        assertEquals(0.04, byModel.get("cstc-smart-2021").get("weightBacked").asDouble(), 1e-6);
        Map<String, String> source = new HashMap<>();
        Map<String, Integer> cities = new HashMap<>();
        for (JsonNode m : byModel.values()) {
            for (JsonNode leaf : m.get("leaves")) {
                String key = m.get("model").asText() + "/" + leaf.get("id").asText();
                source.put(key, leaf.get("source").asText());
                cities.put(key, leaf.get("cities").asInt());
            }
        }
        assertEquals("broadband_china_years", source.get("ccid-digital-city-2020/fixed_broadband"));
        assertEquals("hei_undergrad_per_10k_2019", source.get("ccid-digital-city-2020/knowledge_innovation"));
        assertEquals("innovative_city_years", source.get("guomai-psft-2019/innovation_environment"));
        assertEquals("broadband_china_years", source.get("national-smart-city-2016/L4"));
        // a designation is known for every city of 2023 (0 when never designated)
        assertEquals(332, cities.get("national-smart-city-2016/L4"));
    }

    @Test
    void theQualityReportListsSourceRowsWithFileAndLine() throws Exception {
        Dist.Run run = Dist.cityeval(work, "quality", "--data", "pack:china-cities", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode r = JSON.readTree(run.out());
        List<String> details = new ArrayList<>();
        r.get("issues").forEach(i -> {
            if (i.get("kind").asText().equals("source")) {
                details.add(i.get("detail").asText());
            }
        });
        // 7 designation rows of county-level or XPCC cities, 11 institutions in places that are no registry city
        assertEquals(18, details.size(), details.toString());
        assertTrue(details.contains("org.cityeval.data.china/OSGI-INF/cityeval/data/sources/national-designations.csv "
                + "line 17: broadband_china_pilot 2014 names 昆山市 (parent_city '昆山'), which is not a city of the "
                + "registry (a county-level or XPCC city is not its prefecture); not counted for any city"), details.toString());
        assertTrue(details.stream().anyMatch(d -> d.startsWith("org.cityeval.data.china/OSGI-INF/cityeval/data/sources/"
                + "moe-higher-education-institutions.csv line 2628: 石河子大学 is in 石河子市")), details.toString());
        assertTrue(r.get("checks").toString().contains("source files of the pack's derived variables"));
    }
}
