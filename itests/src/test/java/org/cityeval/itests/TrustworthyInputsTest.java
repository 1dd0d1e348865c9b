package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 (items 2 and 7), through the real distribution: documented defaults never end in an internal error or
 * an empty ranking with exit 0, COINr's example evaluates in every format, an export of nothing is refused.
 */
class TrustworthyInputsTest {
    @TempDir
    static Path work;

    static final Path ASEM = Dist.repo().resolve("bundles/org.cityeval.coinr/src/test/resources/coinr-asem");

    private static void refusedNaming(Dist.Run run, String what) {
        assertEquals(2, run.exit(), run.out() + run.err());
        assertFalse(run.err().contains("internal error"), run.err());
        assertTrue(run.err().contains(what), run.err());
        assertEquals("", run.out());
    }

    @Test
    void compareReportAndEvaluateWithoutMissingNameTheOptionToAdd() throws Exception {
        String option = "Add --missing renormalise";
        refusedNaming(Dist.cityeval(work, "compare", "--models", "guomai-psdf-2024,ccid-digital-city-2020", "--data",
                "pack:china-cities"), option);
        refusedNaming(Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", "pack:china-cities"),
                "guomai-psdf-2024 ranks none of the 332 cities");
        Path html = work.resolve("r.html");
        refusedNaming(Dist.cityeval(work, "report", "--model", "guomai-psdf-2024,ccid-digital-city-2020", "--data",
                "pack:china-cities", "--out", html.toString()), option);
        assertFalse(Files.exists(html));
        // with the option, it works
        Dist.Run ok = Dist.cityeval(work, "compare", "--models", "guomai-psdf-2024,ccid-digital-city-2020", "--data",
                "pack:china-cities", "--missing", "renormalise");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("common to all: 330 cities"), ok.out());
    }

    @Test
    void coinrEvaluatePrintsTheAsemRankingAsATableAndAsCsv() throws Exception {
        String meta = ASEM.resolve("asem_iMeta.csv").toString();
        String data = ASEM.resolve("asem_iData.csv").toString();
        Dist.Run table = Dist.cityeval(work, "coinr", "evaluate", "--meta", meta, "--data", data);
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("51 cities ranked"), table.out());
        assertTrue(table.out().matches("(?s).*\\n\\s+1\\s+Germany\\s+75\\.23\\s.*"), table.out());
        assertTrue(table.out().matches("(?s).*\\n\\s+2\\s+United Kingdom\\s+68\\.94\\s.*"), table.out());
        Dist.Run csv = Dist.cityeval(work, "coinr", "evaluate", "--meta", meta, "--data", data, "--format", "csv");
        assertEquals(0, csv.exit(), csv.err());
        String[] lines = csv.out().split("\n");
        assertEquals(52, lines.length);
        assertTrue(lines[0].startsWith("adcode,name,province,rank,tier,total,"), lines[0]);
        assertTrue(lines[1].startsWith("DEU,Germany,,1,,75.227805,"), lines[1]);
        assertTrue(lines[2].startsWith("GBR,United Kingdom,,2,,68.936338,"), lines[2]);
    }

    @Test
    void aCoinrExportThatWouldBeAllNaIsRefusedAndWritesNothing() throws Exception {
        Path out = Files.createDirectories(work.resolve("export"));
        Dist.Run run = Dist.cityeval(work, "coinr", "export", "--model", "guomai-psdf-2024", "--data",
                "pack:china-cities", "--out", out.toString());
        refusedNaming(run, "no value for any indicator of guomai-psdf-2024");
        assertTrue(run.err().contains("the export would be all NA"), run.err());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count());
        }
    }

    static final String HEADER = "city,digital_support,network_governance,intelligent_leadership,integrated_innovation\n";

    @Test
    void pointsOutOfRangeOrHugeAreBadInputNamingFileRowColumnAndNothingIsWritten() throws Exception {
        Path out = work.resolve("out.csv");
        Files.writeString(out, "keep");
        String[][] cases = { { "1234.5", "is 1234.5, outside its 0–30 points" }, { "-15", "is -15, outside" },
                { "31", "is 31, outside" }, { "1e308", "is 1.0E308, outside" } };
        for (String[] c : cases) {
            Path data = work.resolve("bad.csv");
            Files.writeString(data, HEADER + "北京市,26.2,25.2,17.2,17.1\n上海市," + c[0] + ",27.2,17,15.2\n");
            for (String format : new String[] { "table", "csv", "json" }) {
                Dist.Run run = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", data.toString(),
                        "--format", format, "--out", out.toString());
                refusedNaming(run, "bad.csv:3:2: 上海市: 'digital_support' " + c[1]);
                assertTrue(run.err().contains("--clamp"), run.err());
                assertEquals("keep", Files.readString(out));
            }
        }
        // two columns of 1.7e308 (they would sum to Infinity): refused at the first
        Path inf = work.resolve("inf.csv");
        Files.writeString(inf, HEADER + "北京市,1.7e308,1.7e308,17.2,17.1\n上海市,20,27.2,17,15.2\n");
        refusedNaming(Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", inf.toString(), "--format",
                "json"), "inf.csv:2:2: 北京市: 'digital_support' is 1.7E308, outside its 0–30 points");
        // asked to clamp: ranked, and the output says so
        Path data = work.resolve("clamp.csv");
        Files.writeString(data, HEADER + "北京市,26.2,25.2,17.2,17.1\n上海市,1234.5,27.2,17,15.2\n");
        Dist.Run clamped = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", data.toString(),
                "--clamp");
        assertEquals(0, clamped.exit(), clamped.err());
        assertTrue(clamped.out().contains("clamped into it as asked (--clamp): 上海市 1234.5 (row 3)"), clamped.out());
        assertTrue(clamped.out().matches("(?s).*\\s1\\s+上海市\\s+上海市\\s+89\\.4\\s.*"), clamped.out());
    }

    @Test
    void cityErrorsNameTheRealCause() throws Exception {
        String row = ",26.2,25.2,17.2,17.1\n";
        String header = "city,province,digital_support,network_governance,intelligent_leadership,integrated_innovation\n";
        Path trad = work.resolve("trad.csv");
        Files.writeString(trad, header + "Taizhou,江蘇省" + row);
        refusedNaming(Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", trad.toString()),
                "trad.csv:2:2: province '江蘇省' is written in traditional characters: write it as '江苏省'");
        Path wrong = work.resolve("wrong.csv");
        Files.writeString(wrong, header + "杭州市,江苏省" + row);
        refusedNaming(Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", wrong.toString()),
                "wrong.csv:2:2: province mismatch: city '杭州市' is 杭州市 (浙江省, 330100), not in '江苏省'");
        Path big5 = work.resolve("big5.csv");
        Files.write(big5, (HEADER + "杭州市" + row).getBytes(java.nio.charset.Charset.forName("Big5")));
        Dist.Run run = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", big5.toString());
        refusedNaming(run, "big5.csv:2:1: unknown city");
        assertTrue(run.err().contains("the file looks Big5-encoded; re-save it as UTF-8 or GBK"), run.err());
    }

    @Test
    void roundingNeverMakesAScoreLookOutOfRange() throws Exception {
        Dist.Run run = Dist.cityeval(work, "coinr", "evaluate", "--meta", ASEM.resolve("asem_iMeta.csv").toString(),
                "--data", ASEM.resolve("asem_iData.csv").toString(), "--format", "json");
        assertEquals(0, run.exit(), run.err());
        assertFalse(run.out().contains("scores outside"), run.out());
    }

    @Test
    void theWebApiAnswers400WithTheSameMessages() throws Exception {
        try (Dist.Served s = Dist.serve(Dist.home(), null)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/evaluate"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\": \"guomai-psdf-2024\", \"pack\": \"china-cities\"}", StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("guomai-psdf-2024 ranks none of the 332 cities"), r.body());
            assertTrue(r.body().contains("renormalise"), r.body());
            String csv = (HEADER + "北京市,26.2,25.2,17.2,17.1\n上海市,1234.5,27.2,17,15.2\n").replace("\n", "\\n");
            r = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/evaluate"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"guomai-psdf-2024\", \"save\": true, "
                            + "\"csv\": \"" + csv + "\"}", StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains(":3:2: 上海市: 'digital_support' is 1234.5, outside its 0–30 points"), r.body());
            r = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/results")).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertFalse(r.body().contains("guomai-psdf-2024"), "nothing saved: " + r.body());
            r = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/evaluate"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"guomai-psdf-2024\", \"clamp\": true, "
                            + "\"csv\": \"" + csv + "\"}", StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("clamped into it as asked"), r.body());
        }
    }
}
