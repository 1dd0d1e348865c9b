package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Shared city data through the distribution, as a user runs it: the real data pack feeds every seed model,
 * the quality report and coverage read it, COINr's example evaluates with COINr's defaults, encodings are
 * detected, and bad input stops with its position and writes nothing.
 */
class DataSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TABLE = """
            city,digital_support,network_governance,intelligent_leadership,integrated_innovation
            杭州,24.3,26.7,14.4,17.2
            北京市,26.2,25.2,17.2,17.1
            台州,17.2,21.5,10.8,12.8
            """;
    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = { "ccid-digital-city-2020", "cstc-smart-2021", "guomai-psdf-2024", "guomai-psft-2019",
            "national-smart-city-2016" })
    void everySeedModelRunsOnTheRealDataPack(String model) throws Exception {
        Dist.Run run = Dist.cityeval(work, "evaluate", "--model", model, "--data", "pack:china-cities", "--missing",
                "renormalise", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode r = JSON.readTree(run.out());
        assertEquals(2023, r.get("model").get("dataYear").asInt());
        assertEquals("renormalise", r.get("model").get("missing").asText());
        int ranked = 0;
        for (JsonNode c : r.get("cities")) {
            ranked += c.get("rank").isNull() ? 0 : 1;
        }
        assertTrue(ranked >= 300, model + ": " + ranked + " cities ranked");
        String warnings = r.get("warnings").toString();
        assertTrue(warnings.contains("of the model's weight: the other indicators have no data"), warnings);
    }

    @Test
    void coverageSaysWhatThePackBacksInEachModel() throws Exception {
        Dist.Run run = Dist.cityeval(work, "coverage", "--data", "pack:china-cities", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        Map<String, JsonNode> byModel = new HashMap<>();
        JSON.readTree(run.out()).forEach(c -> byModel.put(c.get("model").asText(), c));
        assertEquals(5, byModel.size());
        JsonNode ccid = byModel.get("ccid-digital-city-2020");
        // equal shares: e-commerce 1/6·1/2·1/3, green 1/6·1/2·1, life services 1/6·1/3·1/2, mobile 1/6·1/2·1/4
        // = 1/36 + 1/12 + 1/36 + 1/48 = 23/144 of the weight; with the designations and institutions (issue 17)
        // also fixed broadband 1/6·1/2·1/4 and knowledge innovation 1/6·1/3·1/2: + 1/48 + 1/36 = 30/144
        assertEquals(30.0 / 144, ccid.get("weightBacked").asDouble(), 1e-4);
        int backed = 0;
        for (JsonNode leaf : ccid.get("leaves")) {
            backed += leaf.get("cities").asInt() > 0 ? 1 : 0;
        }
        assertEquals(6, backed);
    }

    @Test
    void qualityReportFindsTheRealDataProblemsAndChangesNothing() throws Exception {
        Dist.Run run = Dist.cityeval(work, "quality", "--data", "pack:china-cities", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode r = JSON.readTree(run.out());
        Map<String, Integer> kinds = new HashMap<>();
        boolean ordos = false;
        for (JsonNode i : r.get("issues")) {
            kinds.merge(i.get("kind").asText(), 1, Integer::sum);
            ordos |= i.get("kind").asText().equals("jump") && i.get("variable").asText().equals("gdp_100m_yuan")
                    && "150600".equals(i.get("adcode").asText()) && i.get("year").asInt() == 2022;
        }
        assertTrue(kinds.keySet().containsAll(List.of("jump", "disagreement", "outliers")), kinds.toString());
        assertTrue(ordos, "鄂尔多斯's 2022 GDP (the province's figure) is a jump");
        Dist.Run table = Dist.cityeval(work, "quality", "--data", "pack:china-cities");
        assertTrue(table.out().contains("nothing was changed"), table.out());
    }

    @Test
    void coinrExampleEvaluatesWithCoinrDefaults() throws Exception {
        Path asem = Dist.repo().resolve("bundles/org.cityeval.coinr/src/test/resources/coinr-asem");
        Dist.Run run = Dist.cityeval(work, "coinr", "evaluate", "--meta", asem.resolve("asem_iMeta.csv").toString(),
                "--data", asem.resolve("asem_iData.csv").toString(), "--format", "json");
        assertEquals(0, run.exit(), run.err());
        Map<String, Double> index = new HashMap<>();
        JSON.readTree(run.out()).get("cities").forEach(c -> index.put(c.get("adcode").asText(), c.get("score").asDouble()));
        assertEquals(51, index.size());
        // pinned in org.cityeval.coinr's tests from an independent implementation of COINr's formula
        assertEquals(56.87, index.get("AUT"));
        assertEquals(75.23, index.get("DEU"));
        assertEquals(53.84, index.get("CHN"));
        assertEquals(31.71, index.get("BRN"));
    }

    @Test
    void aModelAndItsDataExportToCoinrAndEvaluateBackTheSame() throws Exception {
        Path table = Dist.repo().resolve(
                "bundles/org.cityeval.model.guomai.psdf2024/src/main/resources/OSGI-INF/cityeval/reference/guomai-psdf-2024-table1.csv");
        Dist.Run export = Dist.cityeval(work, "coinr", "export", "--model", "guomai-psdf-2024", "--data", table.toString(),
                "--out", work.toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(Files.exists(work.resolve("iMeta.csv")) && Files.exists(work.resolve("iData.csv")));
        Dist.Run back = Dist.cityeval(work, "coinr", "import", "--meta", work.resolve("iMeta.csv").toString(), "--data",
                work.resolve("iData.csv").toString(), "--out", work.resolve("model.json").toString());
        assertEquals(0, back.exit(), back.err());
        Dist.Run valid = Dist.cityeval(work, "validate", work.resolve("model.json").toString());
        assertEquals(0, valid.exit(), valid.err());
    }

    @Test
    void gbkAndBomFilesReadLikeUtf8() throws Exception {
        Path utf8 = work.resolve("utf8.csv");
        Path bom = work.resolve("bom.csv");
        Path gbk = work.resolve("gbk.csv");
        Files.writeString(utf8, TABLE, StandardCharsets.UTF_8);
        byte[] body = TABLE.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(bom, withBom);
        Files.write(gbk, TABLE.getBytes(Charset.forName("GB18030")));
        String expected = evaluate(utf8);
        assertEquals(expected, evaluate(bom));
        assertEquals(expected, evaluate(gbk));
        assertTrue(expected.contains("台州市"), expected);
    }

    private String evaluate(Path file) throws Exception {
        Dist.Run run = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", file.toString(),
                "--format", "csv");
        assertEquals(0, run.exit(), file + ": " + run.err());
        return run.out();
    }

    @Test
    void badDataStopsWithItsPositionAndWritesNothing() throws Exception {
        Path bytes = work.resolve("garbled.csv");
        byte[] head = "city,digital_support\n杭州,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = { (byte) 0x80, ',', '2', '\n' }; // neither UTF-8 nor GB18030
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(bytes, all);
        expectBad(bytes, "garbled.csv:3:1");

        Path dup = work.resolve("dup-long.csv");
        Files.writeString(dup, "adcode,year,variable,value\n330100,2023,digital_support,1\n330100,2023,digital_support,2\n");
        expectBad(dup, "dup-long.csv:3:");
    }

    private void expectBad(Path data, String position) throws Exception {
        Path out = work.resolve("never.json");
        Dist.Run run = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", data.toString(),
                "--format", "json", "--out", out.toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains(position), run.err());
        assertFalse(Files.exists(out));
    }
}
