package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 14 item 3 through the distribution: {@code --treat} treats before scoring, the JSON lists every treated
 * value, the warnings name each treated indicator, the workbook has a Treatment sheet; without it nothing is
 * treated; a bad form is bad input. (Guomai 2024's two leaves the pack backs pass COINr's skew/kurtosis check,
 * so {@code winsorise} leaves them alone; {@code log} transforms them. The winsorising itself is checked against
 * COINr in the engine's CoinrTreatAggregateParityTest.)
 */
class TreatmentCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path work;

    @Test
    void treatOnThePack() throws Exception {
        Dist.Run plain = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", "pack:china-cities",
                "--missing", "renormalise", "--format", "json");
        assertEquals(0, plain.exit(), plain.err());
        assertEquals(0, JSON.readTree(plain.out()).get("treated").size());

        Dist.Run treated = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data",
                "pack:china-cities", "--missing", "renormalise", "--treat", "log", "--format", "json");
        assertEquals(0, treated.exit(), treated.err());
        JsonNode r = JSON.readTree(treated.out());
        assertTrue(r.get("treated").size() > 0, treated.out());
        JsonNode first = r.get("treated").get(0);
        assertEquals("log", first.get("how").asText());
        for (String f : new String[] { "indicator", "adcode", "city", "raw", "treated", "how" }) {
            assertTrue(first.has(f), f + " in " + first);
        }
        assertTrue(r.get("warnings").toString().contains("treatment of "), r.get("warnings").toString());

        Dist.Run winsorise = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data",
                "pack:china-cities", "--missing", "renormalise", "--treat", "winsorise", "--format", "json");
        assertEquals(0, winsorise.exit(), winsorise.err());
        assertEquals(JSON.readTree(plain.out()).get("cities"), JSON.readTree(winsorise.out()).get("cities"));

        Dist.Run off = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", "pack:china-cities",
                "--missing", "renormalise", "--treat", "none", "--format", "json");
        assertEquals(0, off.exit(), off.err());
        assertEquals(JSON.readTree(plain.out()).get("cities"), JSON.readTree(off.out()).get("cities"));

        Dist.Run bad = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", "pack:china-cities",
                "--missing", "renormalise", "--treat", "square");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("treatment 'square' is not known"), bad.err());

        Path out = work.resolve("t.xlsx");
        Dist.Run report = Dist.cityeval(work, "report", "--model", "guomai-psdf-2024", "--data", "pack:china-cities",
                "--missing", "renormalise", "--treat", "log", "--out", out.toString());
        assertEquals(0, report.exit(), report.err());
        try (ZipFile zip = new ZipFile(out.toFile())) {
            String workbook = new String(zip.getInputStream(zip.getEntry("xl/workbook.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(workbook.contains("<sheet name=\"Treatment\""), workbook);
        }
    }
}
