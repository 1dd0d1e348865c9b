package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 12 item 1 through the distribution: coverage beside every total and tier, tiers withheld below the
 * threshold on the shared pack (Guomai 2024: 6.2% of its weight), the reference reproduction untouched.
 */
class CoverageSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WHY = "tiers withheld: the data back 6.2% of the model's weight, below the 50% threshold";
    @TempDir
    Path work;

    @Test
    void guomai2024OnThePackWithholdsItsTiersAndSaysWhy() throws Exception {
        Dist.Run table = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", "pack:china-cities",
                "--missing", "renormalise");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("coverage: the data back 6.2% of the model's weight (threshold 50%)"), table.out());
        assertTrue(table.out().contains(WHY + "\n"), table.out());
        assertTrue(table.out().contains("覆盖 coverage"), table.out());
        assertFalse(table.out().lines().anyMatch(l -> l.contains("杭州市") && l.contains("80+")), table.out());

        Dist.Run json = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", "pack:china-cities",
                "--missing", "renormalise", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode r = JSON.readTree(json.out());
        assertEquals(0.0617, r.get("model").get("coverage").asDouble(), 1e-12);
        assertEquals(0.5, r.get("model").get("coverageThreshold").asDouble(), 1e-12);
        assertEquals(WHY, r.get("model").get("tiersWithheld").asText());
        assertTrue(r.get("model").get("uncovered").size() > 0);
        assertEquals(0, r.get("tiers").size());
        for (JsonNode c : r.get("cities")) {
            assertTrue(c.get("tier").isNull(), c.toString());
            assertTrue(c.get("coverage").isNumber(), c.toString());
        }

        // a lower threshold gives the tiers back
        Dist.Run low = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", "pack:china-cities",
                "--missing", "renormalise", "--coverage-threshold", "0.05", "--format", "json");
        assertEquals(0, low.exit(), low.err());
        JsonNode l = JSON.readTree(low.out());
        assertTrue(l.get("model").get("tiersWithheld").isNull());
        assertTrue(l.get("tiers").size() > 0);

        Dist.Run bad = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", "pack:china-cities",
                "--missing", "renormalise", "--coverage-threshold", "1.5");
        assertEquals(2, bad.exit(), bad.err());
    }

    @Test
    void compareGivesEachModelsCoverageAndWarns() throws Exception {
        Dist.Run json = Dist.cityeval(work, "compare", "--models", "guomai-psdf-2024,ccid-digital-city-2020", "--data",
                "pack:china-cities", "--missing", "renormalise", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode c = JSON.readTree(json.out());
        assertEquals(0.0617, c.get("weightCoverage").get("guomai-psdf-2024").asDouble(), 1e-12);
        // 30/144 rounded to 4 places (23/144 = 0.1597 before the designation and institution bindings of issue 17)
        assertEquals(0.2083, c.get("weightCoverage").get("ccid-digital-city-2020").asDouble(), 1e-12);
        assertEquals(0.0617, c.get("cityCoverage").get("guomai-psdf-2024").get("330100").asDouble(), 1e-12);
        assertTrue(c.get("notes").toString().contains("warning: guomai-psdf-2024 rests on data backing 6.2% of its weight"),
                c.get("notes").toString());
    }

    @Test
    void theWorkbookHasANotesSheet() throws Exception {
        Path out = work.resolve("x.xlsx");
        Dist.Run run = Dist.cityeval(work, "report", "--model", "guomai-psdf-2024", "--data", "pack:china-cities",
                "--missing", "renormalise", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        try (ZipFile zip = new ZipFile(out.toFile())) {
            String workbook = new String(zip.getInputStream(zip.getEntry("xl/workbook.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(workbook.contains("<sheet name=\"Notes\" sheetId=\"8\""), workbook);
            String notes = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet8.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            // the pack names its file as its source; XML escapes the apostrophe
            for (String s : new String[] {"Data source", "china-cities.csv", "Data year", "Missing-data policy",
                "renormalise", "6.2%", "Assumed weights used", WHY.replace("'", "&apos;"), "Warning"}) {
                assertTrue(notes.contains(s), s + " in " + notes);
            }
        }
    }

    @Test
    void theReferenceReproductionIsFullyBackedAndUnchanged() throws Exception {
        Dist.Run table = Dist.cityeval(work, "reproduce", "guomai-psdf-2024");
        assertEquals(0, table.exit(), table.err());
        assertFalse(table.out().contains("coverage"), table.out());
        Dist.Run json = Dist.cityeval(work, "reproduce", "guomai-psdf-2024", "--format", "json");
        JsonNode r = JSON.readTree(json.out());
        assertEquals(1.0, r.get("model").get("coverage").asDouble(), 1e-12);
        assertTrue(r.get("model").get("tiersWithheld").isNull());
        assertEquals("80+", r.get("cities").get(0).get("tier").asText());
    }
}
