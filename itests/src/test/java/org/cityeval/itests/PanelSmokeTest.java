package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 14, panels through the distribution: pack:china-cities 2019–2023 as a panel with panel normalisation,
 * scores that move with the data across years, CAGR per city, year normalisation equal to one-year runs.
 */
class PanelSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "ccid-digital-city-2020";
    static final String HANGZHOU = "330100";
    @TempDir
    Path work;

    JsonNode panel(String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--model", MODEL, "--data",
                "pack:china-cities", "--years", "2019-2023", "--format", "json"));
        args.addAll(List.of(more));
        Dist.Run run = Dist.cityeval(work, args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        return JSON.readTree(run.out());
    }

    static JsonNode city(JsonNode panel, String adcode) {
        for (JsonNode c : panel.get("cities")) {
            if (c.get("adcode").asText().equals(adcode)) {
                return c;
            }
        }
        throw new AssertionError(adcode + " not in the panel");
    }

    @Test
    void panelNormalisationOnTheRealPackMovesScoresWithTheDataAndGivesCagr() throws Exception {
        JsonNode p = panel("--normalise", "panel", "--missing", "renormalise");
        assertEquals("[2019,2020,2021,2022,2023]", p.get("years").toString());
        assertEquals("panel", p.get("normalisation").asText());
        assertTrue(p.get("cities").size() > 300, "the pack's cities");
        // the pack's digital indicators rise over the years: on one scale for all years, 杭州's total rises
        JsonNode hz = city(p, HANGZHOU);
        double first = hz.get("totals").get(0).asDouble();
        double last = hz.get("totals").get(4).asDouble();
        assertTrue(last > first, "杭州 2023 " + last + " above 2019 " + first);
        // CAGR per city: (2023 ÷ 2019)^(1/4) − 1 of the shown totals, the slope positive with it
        int withCagr = 0;
        for (JsonNode c : p.get("cities")) {
            JsonNode t = c.get("totals");
            if (t.get(0).isNumber() && t.get(4).isNumber() && t.get(0).asDouble() > 0) {
                double expected = Math.pow(t.get(4).asDouble() / t.get(0).asDouble(), 0.25) - 1;
                assertEquals(expected, c.get("cagr").asDouble(), 1e-6, c.get("name").asText());
                withCagr++;
            }
        }
        assertTrue(withCagr > 300, withCagr + " cities with a CAGR");
        assertTrue(hz.get("cagr").asDouble() > 0 && hz.get("slope").asDouble() > 0, hz.toString());

        // each year normalised on its own: the top city scores near the top every year, a flat series
        JsonNode y = panel("--missing", "renormalise");
        assertEquals("year", y.get("normalisation").asText());
        Dist.Run one = Dist.cityeval(work, "evaluate", "--model", MODEL, "--data", "pack:china-cities", "--year", "2021",
                "--missing", "renormalise", "--format", "json");
        assertEquals(0, one.exit(), one.err());
        Map<String, JsonNode> single = new HashMap<>();
        JSON.readTree(one.out()).get("cities").forEach(c -> single.put(c.get("adcode").asText(), c));
        for (JsonNode c : y.get("cities")) {
            JsonNode s = single.get(c.get("adcode").asText());
            if (s == null) { // a city without a 2021 row (the pack's cities differ a little from year to year)
                assertTrue(c.get("totals").get(2).isNull(), c.toString());
                continue;
            }
            assertEquals(s.get("score").toString(), c.get("totals").get(2).toString(), "2021 as the one-year run");
            assertEquals(s.get("rank").toString(), c.get("ranks").get(2).toString(), "2021 rank as the one-year run");
        }
    }

    @Test
    void tableAndBadYears() throws Exception {
        Dist.Run table = Dist.cityeval(work, "evaluate", "--model", MODEL, "--data", "pack:china-cities", "--years",
                "all", "--normalise", "panel", "--missing", "renormalise,interpolate");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("panel: 5 years 2019–2023; normalisation: panel; missing data: renormalise, "
                + "over the years: interpolate"), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.contains("杭州市") && l.contains("%")), table.out());
        Dist.Run bad = Dist.cityeval(work, "evaluate", "--model", MODEL, "--data", "pack:china-cities", "--years",
                "2018-2019");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.err().contains("no 2018 records"), bad.err());
    }

    @Test
    void theWorkbookHasAPanelSheet() throws Exception {
        Path out = work.resolve("panel.xlsx");
        Dist.Run run = Dist.cityeval(work, "report", "--model", MODEL, "--data", "pack:china-cities", "--missing",
                "renormalise,locf", "--years", "2019-2023", "--normalise", "panel", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(out.toFile())) {
            String workbook = new String(zip.getInputStream(zip.getEntry("xl/workbook.xml")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(workbook.contains("name=\"Panel\""), workbook);
            StringBuilder all = new StringBuilder();
            for (var e : java.util.Collections.list(zip.entries())) {
                if (e.getName().startsWith("xl/worksheets/")) {
                    all.append(new String(zip.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            for (String head : List.of("Total 2019", "Total 2023", "Rank 2023", "CAGR", "Theil-Sen slope", "locf")) {
                assertTrue(all.toString().contains(head), head);
            }
        }
    }
}
