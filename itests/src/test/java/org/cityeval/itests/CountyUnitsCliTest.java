package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * County-level units through the real distribution: a model declaring {@code "units": "county"} (dropped into
 * {@code models/} as a user would) evaluates a CSV keyed by county names, resolved by the county registry bundle
 * of the core profile; a county name several divisions share fails naming file, row, column and every candidate.
 */
class CountyUnitsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path home;
    static Path work;

    /** Two leaves in points (6 + 4), evaluated over county-level divisions. */
    static final String COUNTY_MODEL = """
            {"id": "county-demo", "title": {"zh": "县域示例", "en": "County demo"}, "institution": {"en": "Test"},
             "edition": "1", "year": 2024, "units": "county",
             "scale": {"kind": "points", "max": 10, "precision": 1},
             "tree": [
               {"id": "a", "name": {"en": "A"}, "weight": {"value": 6, "provenance": "published"}},
               {"id": "b", "name": {"en": "B"}, "weight": {"value": 4, "provenance": "published"}}]}
            """;

    @BeforeAll
    static void distributionWithACountyModel() throws Exception {
        home = dir.resolve("cityeval");
        HotDeployTest.copyTree(Dist.home(), home);
        TestBundles.modelBundle(home.resolve("models"), "test.county.demo",
                Map.of("OSGI-INF/cityeval/models/county-demo.json", COUNTY_MODEL));
        work = Files.createDirectories(dir.resolve("work"));
    }

    @Test
    void countyNamesEvaluate() throws Exception {
        Path data = work.resolve("counties.csv");
        Files.writeString(data, """
                county,a,b
                昆山市,5.5,3.5
                义乌市,4.0,2.5
                晋江市,5.0,2.0
                北京市朝阳区,6.0,4.0
                """, StandardCharsets.UTF_8);
        Dist.Run run = Dist.cityevalIn(home, work, "evaluate", "--model", "county-demo", "--data", data.toString(),
                "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode cities = JSON.readTree(run.out()).get("cities");
        List<String> ranked = new ArrayList<>();
        for (JsonNode c : cities) {
            ranked.add(c.get("rank").asInt() + " " + c.get("adcode").asText() + " " + c.get("name").asText() + " "
                    + c.get("province").asText() + " " + c.get("score").asDouble());
        }
        ranked.sort(null);
        assertEquals(List.of("1 110105 朝阳区 北京市 10.0", "2 320583 昆山市 江苏省 9.0", "3 350582 晋江市 福建省 7.0",
                "4 330782 义乌市 浙江省 6.5"), ranked);
    }

    @Test
    void aSharedCountyNameFailsWithItsCandidates() throws Exception {
        Path data = work.resolve("ambiguous.csv");
        Files.writeString(data, "county,a,b\n昆山市,5.5,3.5\n朝阳区,6,4\n", StandardCharsets.UTF_8);
        Path out = work.resolve("never.json");
        Dist.Run run = Dist.cityevalIn(home, work, "evaluate", "--model", "county-demo", "--data", data.toString(),
                "--format", "json", "--out", out.toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains(data + ":3:1: ambiguous county '朝阳区': could be 朝阳区 (北京市, 110105) or "
                + "朝阳区 (吉林省长春市, 220104); write the city before the name (北京市朝阳区) or use the adcode"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aCityModelStillRefusesCountyNames() throws Exception {
        Path data = work.resolve("county-for-city.csv");
        Files.writeString(data, "city,a\n昆山市,1\n", StandardCharsets.UTF_8);
        Dist.Run run = Dist.cityevalIn(home, work, "evaluate", "--model", "guomai-psdf-2024", "--data",
                data.toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains(data + ":2:1: unknown city '昆山市'"), run.err());
    }
}
