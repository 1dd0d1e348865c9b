package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The assembled distribution, started the way a user starts it ({@code bin/cityeval}), checked against
 * the report's printed Table 1 and against the CLI contract, bad input included.
 */
class CliSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] L1 = { "digital_support", "network_governance", "intelligent_leadership",
            "integrated_innovation" };
    @TempDir
    static Path work;
    static List<Map<String, String>> printed;

    @BeforeAll
    static void readPrintedTable() throws IOException {
        Path csv = Dist.repo().resolve(
                "bundles/org.cityeval.model.guomai.psdf2024/src/main/resources/OSGI-INF/cityeval/reference/guomai-psdf-2024-table1.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        printed = lines.stream().skip(1).map(l -> {
            String[] cells = l.split(",");
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            return row;
        }).toList();
    }

    @Test
    void reproduceRecomputesEveryPrintedTotalRankAndMean() throws Exception {
        Dist.Run run = Dist.cityeval(work, "reproduce", "guomai-psdf-2024", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode r = JSON.readTree(run.out());
        assertEquals("guomai-psdf-2024", r.get("model").get("id").asText());
        assertEquals(1, r.get("model").get("basisLevel").asInt());
        JsonNode cities = r.get("cities");
        assertEquals(printed.size(), cities.size());
        Map<String, JsonNode> byAdcode = new HashMap<>();
        cities.forEach(c -> byAdcode.put(c.get("adcode").asText(), c));
        for (Map<String, String> row : printed) {
            JsonNode c = byAdcode.get(row.get("adcode"));
            // the total is recomputed from the four level-1 scores, not copied
            assertEquals(new BigDecimal(row.get("total")).setScale(1), BigDecimal.valueOf(c.get("score").asDouble()).setScale(1),
                    row.get("city"));
            assertEquals(Integer.parseInt(row.get("rank")), c.get("rank").asInt(), row.get("city") + " rank");
            assertEquals(c.get("score").asDouble(), c.get("scores").get("total").asDouble(), 1e-9);
        }
        for (JsonNode check : r.get("checks")) {
            assertEquals(check.get("compared").asInt(), check.get("matched").asInt(), check.toString());
            assertEquals(104, check.get("compared").asInt());
        }
        // level-1 means: the mean of the printed column
        for (String id : L1) {
            BigDecimal sum = printed.stream().map(row -> new BigDecimal(row.get(id))).reduce(BigDecimal.ZERO, BigDecimal::add);
            double mean = sum.divide(BigDecimal.valueOf(printed.size()), 3, RoundingMode.HALF_UP).doubleValue();
            assertEquals(mean, r.get("statistics").get(id).get("mean").asDouble(), 0.0005, id);
        }
        // ties as printed: 22, 22, 24 and 31, 31, 31, 34
        assertEquals(List.of(22, 22, 24), List.of(rankOf(byAdcode, "410100"), rankOf(byAdcode, "330700"),
                rankOf(byAdcode, "430100")));
        assertEquals(List.of(31, 31, 31, 34), List.of(rankOf(byAdcode, "610100"), rankOf(byAdcode, "440400"),
                rankOf(byAdcode, "450100"), rankOf(byAdcode, "330600")));
        assertEquals("第一梯队", r.get("groups").get("province").get(0).get("tier").asText());
        assertTrue(r.get("reference").get("source").asText().contains("Table 1"));
    }

    private static int rankOf(Map<String, JsonNode> byAdcode, String adcode) {
        return byAdcode.get(adcode).get("rank").asInt();
    }

    @Test
    void reproduceTableShowsChecksTiersGroupsAndStatistics() throws Exception {
        Dist.Run run = Dist.cityeval(work, "reproduce", "guomai-psdf-2024");
        assertEquals(0, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.contains("OK   total: 104 of 104"), out);
        assertTrue(out.contains("OK   rank: 104 of 104"), out);
        assertTrue(out.contains("Tier sizes: 第一梯队 5, 第二梯队 16, 第三梯队 8, 第四梯队 2"), out);
        assertTrue(out.contains("27 cities, mean"), out);
        assertTrue(out.contains("Level-1 statistics"), out);
        assertEquals("", run.err());
    }

    @Test
    void modelsAndTreeDescribeThePsdfModel() throws Exception {
        Dist.Run models = Dist.cityeval(work, "models", "--format", "json");
        assertEquals(0, models.exit(), models.err());
        JsonNode m = null;
        for (JsonNode x : JSON.readTree(models.out()).get("models")) {
            m = x.get("id").asText().equals("guomai-psdf-2024") ? x : m;
        }
        assertEquals("guomai-psdf-2024", m.get("id").asText());
        assertEquals("[4,11,31]", m.get("levels").toString());
        assertEquals(23, m.get("weights").get("assumed").asInt());

        Dist.Run tree = Dist.cityeval(work, "tree", "guomai-psdf-2024");
        assertEquals(0, tree.exit(), tree.err());
        assertTrue(tree.out().contains("low_altitude"), tree.out());
        assertTrue(tree.out().contains("assumed"), tree.out());
        Dist.Run treeJson = Dist.cityeval(work, "tree", "guomai-psdf-2024", "--format", "json");
        JsonNode root = JSON.readTree(treeJson.out()).get("root");
        assertEquals(4, root.get("children").size());
        assertEquals("published", root.get("children").get(0).get("weight").get("provenance").asText());
    }

    @Test
    void evaluateWritesCsvAndJsonToAFile() throws Exception {
        Path data = work.resolve("l1.csv");
        Files.writeString(data, """
                city,digital_support,network_governance,intelligent_leadership,integrated_innovation
                杭州,24.3,26.7,14.4,17.2
                Beijing,26.2,25.2,17.2,17.1
                """, StandardCharsets.UTF_8);
        Path out = work.resolve("result.csv");
        Dist.Run run = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", data.toString(),
                "--format", "csv", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("adcode,name,province,rank,tier,total"), lines.get(0));
        assertTrue(lines.get(1).startsWith("110000,北京市,北京市,1,80+,85.7"), lines.get(1));
        Dist.Run json = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", data.toString(),
                "--format", "json");
        JsonNode r = JSON.readTree(json.out());
        assertEquals(82.6, r.get("cities").get(1).get("score").asDouble());
        assertTrue(r.has("groups") && r.has("statistics") && r.has("warnings"));
    }

    @Test
    void badInputExitsTwoWithFileRowAndColumnAndWritesNothing() throws Exception {
        String header = "city,digital_support,network_governance,intelligent_leadership,integrated_innovation\n";
        expectBadInput("unknown.csv", header + "杭州,1,2,3,4\nGotham,1,2,3,4\n", "unknown.csv:3:1", "unknown city 'Gotham'");
        expectBadInput("ambiguous.csv", header + "Taizhou,1,2,3,4\n", "ambiguous.csv:2:1", "台州市");
        expectBadInput("nonnumeric.csv", header + "杭州,1,abc,3,4\n", "nonnumeric.csv:2:3", "not a number");
        expectBadInput("noid.csv", "town,digital_support\nX,1\n", "noid.csv:1", "no 'adcode' or 'city' column");
        expectBadInput("empty.csv", "", "empty.csv", "empty");

        Path out = work.resolve("never.json");
        Dist.Run run = Dist.cityeval(work, "evaluate", "--model", "no-such-model", "--data", "x.csv", "--out",
                out.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("unknown model 'no-such-model'"), run.err());
        assertFalse(Files.exists(out));

        Dist.Run usage = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024");
        assertEquals(2, usage.exit());
        assertTrue(usage.err().contains("--data"), usage.err());
        Dist.Run missing = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", "absent.csv");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("absent.csv: no such file"), missing.err());
    }

    /**
     * Hostile descriptors through {@code cityeval validate}: exit 2 and one line naming the file and the JSON
     * path. The 100 MB file is validated in a JVM of 64 MB heap: it is refused after reading 1 MiB + 1 byte,
     * where reading it whole would run out of memory.
     */
    @Test
    void validateRefusesHostileDescriptorsNamingFileAndPath() throws Exception {
        Path huge = work.resolve("huge.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(100L << 20); // sparse: no disk written
        }
        Dist.Run run = Dist.cityevalWith(Map.of("CITYEVAL_JAVA_OPTS", "-Xmx64m"), Dist.home(), work, "validate",
                huge.toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals("cityeval: " + huge + " at $: descriptor is larger than the limit of 1048576 bytes",
                run.err().strip());

        Path deep = work.resolve("deep.json");
        Files.writeString(deep, "{\"tree\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        run = Dist.cityeval(work, "validate", deep.toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals("cityeval: " + deep + " at $.tree" + "[0]".repeat(64)
                + ": JSON nested deeper than 64 levels at line 1, column 74", run.err().strip());

        Path cycle = work.resolve("cycle.json");
        Files.writeString(cycle, TestBundles.tinyModel("cycle-model").replace("\"name\": {\"en\": \"B\"}",
                "\"name\": {\"en\": \"B\"}, \"binding\": {\"variables\": [\"b\"]}"));
        run = Dist.cityeval(work, "validate", cycle.toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals("cityeval: " + cycle + " at $.tree[1].binding.variables[0]: reference cycle b -> b: a binding "
                + "variable names an indicator whose value depends on this one", run.err().strip());
    }

    private static void expectBadInput(String name, String content, String position, String reason) throws Exception {
        Path data = work.resolve(name);
        Files.writeString(data, content, StandardCharsets.UTF_8);
        Path out = work.resolve(name + ".out.json");
        Dist.Run run = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", name, "--format",
                "json", "--out", out.toString());
        assertEquals(2, run.exit(), name + ": " + run.err());
        String firstLine = run.err().lines().findFirst().orElse("");
        assertTrue(firstLine.contains(position) && firstLine.contains(reason), name + ": " + run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertFalse(Files.exists(out), "nothing written for " + name);
        assertEquals("", run.out());
        try (var files = Files.list(work)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }
}
