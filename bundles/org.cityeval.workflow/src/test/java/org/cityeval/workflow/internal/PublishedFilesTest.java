package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.TierCount;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.PublishedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published rankings from files: metadata header and sidecar, ranks as printed or from scores, tiers, and the
 * refusals with file:row:column. The table is read by a small reader that behaves as the importers do where it
 * matters here (blank rows skipped, physical row numbers, {@code tier} as text, cells that are not numbers
 * refused at their row and column); the real importers are exercised through the distribution in
 * itests/PublishedFilesTest.
 */
class PublishedFilesTest {
    @TempDir
    Path dir;

    /** city names → adcodes, the cells of a CSV without quotes. */
    static final DatasetReader READER = (name, in) -> {
        String[] lines;
        try {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IOException e) {
            throw new BadInputException(name, null, "unreadable");
        }
        String[] header = null;
        List<String> numeric = new ArrayList<>();
        List<CityRecord> records = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",", -1);
            if (header == null) {
                header = cells;
                for (int c = 1; c < cells.length; c++) {
                    if (!cells[c].equals("tier")) {
                        numeric.add(cells[c]);
                    }
                }
                continue;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int c = 1; c < cells.length; c++) {
                if (header[c].equals("tier")) {
                    attributes.put("tier", cells[c]);
                } else if (!cells[c].isEmpty()) {
                    try {
                        values.put(header[c], Double.parseDouble(cells[c]));
                    } catch (NumberFormatException e) {
                        throw BadInputException.at(name, i + 1, c + 1, "not a number: '" + cells[c] + "'");
                    }
                }
            }
            if (!seen.add(cells[0])) {
                throw BadInputException.at(name, i + 1, 1, "city " + cells[0] + " twice");
            }
            records.add(new CityRecord(TestData.city(cells[0], "city" + cells[0]), i + 1, values, attributes));
        }
        return new CityDataset(name, numeric, records);
    };

    private final PublishedFiles files = new PublishedFiles(READER);

    private EvaluationResult read(String name, String text) throws Exception {
        return read(name, text, Map.of());
    }

    private EvaluationResult read(String name, String text, Map<String, String> meta) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        DataSource source = DataSource.file(file);
        return files.read(source, Files.readAllBytes(file), meta);
    }

    private BadInputException refused(String name, String text) {
        return assertThrows(BadInputException.class, () -> read(name, text));
    }

    @Test
    void headerRanksAndTiers() throws Exception {
        EvaluationResult r = read("Report 2023.csv", """
                # title: 某报告 2023
                # institution: 某研究院
                # year: 2023
                # scale: 100
                adcode,rank,score,tier,economy
                330100,2,88.5,A,30
                110000,1,90,A,31
                310000,3,70,B,
                """);
        assertEquals("report-2023", r.model().id());
        assertEquals("某报告 2023", r.model().title());
        assertEquals("某研究院", r.model().institution());
        assertEquals(2023, r.model().year());
        assertEquals(100.0, r.model().scaleMax());
        assertEquals(List.of("110000", "330100", "310000"), r.cities().stream().map(CityResult::adcode).toList());
        CityResult first = r.cities().get(0);
        assertEquals(1, first.rank());
        assertEquals(90.0, first.score());
        assertEquals("A", first.tier());
        assertEquals(Map.of("economy", 31.0, "total", 90.0), first.scores());
        assertEquals(List.of(new TierCount("A", "A", 2, "as published"), new TierCount("B", "B", 1, "as published")),
                r.tiers());
        assertTrue(r.warnings().get(0).contains("3 cities"), r.warnings().toString());
    }

    @Test
    void ranksFromScoresWithTies() throws Exception {
        EvaluationResult r = read("scores.csv", "adcode,score\n110000,80\n310000,90\n330100,80\n440100,70\n");
        assertEquals(List.of(1, 2, 2, 4), r.cities().stream().map(CityResult::rank).toList());
        assertEquals(List.of("310000", "110000", "330100", "440100"), r.cities().stream().map(CityResult::adcode).toList());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("ranks computed from the scores")));
        assertTrue(r.tiers().isEmpty());
        assertNull(r.cities().get(0).tier());
        assertEquals(90.0, r.model().scaleMax(), "without a scale, the best score");
    }

    @Test
    void sidecarAndGivenMetadataWin() throws Exception {
        Files.writeString(dir.resolve("r.meta.json"), "{\"title\": \"Sidecar\", \"year\": 2021, \"id\": \"side-car\"}");
        EvaluationResult r = read("r.csv", "# title: Header\n# year: 2020\nadcode,rank\n110000,1\n");
        assertEquals("Sidecar", r.model().title());
        assertEquals(2021, r.model().year());
        assertEquals("side-car", r.model().id());
        assertEquals("Given", read("r.csv", "adcode,rank\n110000,1\n", Map.of("title", "Given")).model().title());
        Files.writeString(dir.resolve("r.meta.json"), "{\"year\": \"soon\"}");
        assertEquals(dir.resolve("r.meta.json") + ":$.year: 'soon' is not a year (1900–2100)",
                refused("r.csv", "adcode,rank\n110000,1\n").getMessage());
        Files.delete(dir.resolve("r.meta.json"));
        BadInputException scale = assertThrows(BadInputException.class,
                () -> read("r.csv", "adcode,rank\n110000,1\n", Map.of("scale", "-3")));
        assertEquals("r.csv:meta.scale: '-3' is not a scale: the best possible score, a positive number (e.g. 100)",
                scale.getMessage().substring(scale.getMessage().indexOf("r.csv")));
        Files.writeString(dir.resolve("r.meta.json"), "{\"colour\": \"red\"}");
        BadInputException e = refused("r.csv", "adcode,rank\n110000,1\n");
        assertEquals(dir.resolve("r.meta.json") + ":$.colour: unknown field; known: id, title, institution, year, "
                + "scale, edition, source, note", e.getMessage());
    }

    @Test
    void rowNumbersStayTheFilesLines() {
        // four metadata lines, the header on line 5: the bad cell is on line 7, column 2
        BadInputException e = refused("r.csv", "# title: T\n# year: 2020\n#\n# scale: 100\nadcode,rank\n110000,1\n"
                + "310000,x\n");
        assertEquals("r.csv:7:2: not a number: 'x'", e.getMessage().substring(e.getMessage().indexOf("r.csv")));
    }

    @Test
    void refusals() {
        assertTrue(refused("r.csv", "adcode,rank\n110000,1\n310000,2.5\n").getMessage()
                .endsWith("r.csv:3:2: a rank is a whole number from 1, not 2.5"));
        assertTrue(refused("r.csv", "adcode,rank\n110000,0\n").getMessage().endsWith("r.csv:2:2: a rank is a whole "
                + "number from 1, not 0"));
        assertTrue(refused("r.csv", "adcode,rank,score\n110000,1,80\n310000,,70\n").getMessage()
                .contains("r.csv:3:2: no rank"));
        assertTrue(refused("r.csv", "# scale: 30\nadcode,score\n110000,31\n").getMessage()
                .endsWith("r.csv:3:2: score 31 is above the scale (30)"));
        assertTrue(refused("r.csv", "adcode,score\n110000,-1\n").getMessage().contains("r.csv:2:2: a score is a number "
                + "from 0"));
        assertTrue(refused("r.csv", "adcode,points\n110000,1\n").getMessage()
                .contains("r.csv:1: a published ranking needs a 'rank' or a 'score' column"));
        assertTrue(refused("r.csv", "# colour: red\nadcode,rank\n110000,1\n").getMessage()
                .contains("r.csv:1:1: unknown metadata key 'colour'"));
        assertTrue(refused("r.csv", "# year: twenty\nadcode,rank\n110000,1\n").getMessage()
                .contains("r.csv:1:1: 'twenty' is not a year"));
        assertTrue(refused("r.csv", "# just a comment\nadcode,rank\n110000,1\n").getMessage()
                .contains("r.csv:1:1: a metadata line reads '# key: value'"));
        assertTrue(refused("r.csv", "adcode,rank\n110000,1\n110000,2\n").getMessage().contains("r.csv:3:1: city"));
        assertTrue(refused("r.json", "[]").getMessage().contains("a published ranking is a .csv or .xlsx file"));
        assertTrue(refused("r.csv", "# id: Not An Id\nadcode,rank\n110000,1\n").getMessage()
                .contains("r.csv:1:1: 'Not An Id' is not an id"));
    }

    @Test
    void entriesAreModelsOrFiles() {
        assertEquals("guomai-psdf-2024", PublishedSource.parse("guomai-psdf-2024").model());
        assertEquals(DataSource.Kind.FILE, PublishedSource.parse("my-report.csv").data().kind());
        assertEquals(DataSource.Kind.FILE, PublishedSource.parse("data/r.XLSX").data().kind());
        assertNull(PublishedSource.parse("my-report.csv").model());
    }
}
