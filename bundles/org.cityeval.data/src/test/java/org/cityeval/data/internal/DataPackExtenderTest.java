package org.cityeval.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.Variable;
import org.cityeval.api.model.Direction;
import org.cityeval.data.internal.CatalogueParser.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPackExtenderTest {
    static final Path CHINA = Path.of("../org.cityeval.data.china/src/main/resources");

    @TempDir
    Path tmp;

    private static final String GOOD_CATALOGUE = """
            [{"id": "gdp", "name": {"zh": "地区生产总值", "en": "GDP"}, "unit": "亿元", "polarity": "positive",
              "description": "d", "source": "s", "sameAs": [], "bounds": "nonnegative"},
             {"id": "co2", "name": {"en": "CO2"}, "unit": "t", "polarity": "negative",
              "description": "d", "source": "s", "bounds": null}]
            """;
    private static final String GOOD_PACKS = """
            [{"name": "demo", "file": "data/demo.csv", "description": "a demo"}]
            """;

    /** A fake bundle: its entries are files under a folder of the test. */
    private DataPackExtender.Entries bundle(String name, Map<String, String> files) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        for (var e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
        return path -> {
            Path p = root.resolve(path);
            try {
                return Files.isRegularFile(p) ? p.toUri().toURL() : null;
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void loadsVariablesAndPacksAndRemovesThemWithTheBundle() throws IOException {
        var ext = new DataPackExtender();
        ext.add(1, "good", "data/catalogue.json, data/packs.json", bundle("good", Map.of(
                "data/catalogue.json", GOOD_CATALOGUE, "data/packs.json", GOOD_PACKS, "data/demo.csv", "adcode\n")));
        assertEquals(List.of("co2", "gdp"), ext.variables().stream().map(Variable::id).toList());
        Variable co2 = ext.find("co2").orElseThrow();
        assertEquals(Direction.NEGATIVE, co2.polarity());
        assertEquals(null, co2.bounds());
        assertEquals(List.of(), co2.sameAs());
        assertEquals("nonnegative", ext.find("gdp").orElseThrow().bounds());
        assertEquals("地区生产总值", ext.find("gdp").orElseThrow().name().zh());
        assertEquals(1, ext.packs().size());
        assertEquals("good", ext.packs().get(0).bundle());
        assertEquals("a demo", ext.packs().get(0).description());
        URL url = ext.open("demo").orElseThrow();
        try (var in = url.openStream()) {
            assertEquals("adcode\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(ext.failures().isEmpty(), ext.failures().toString());

        ext.remove(1);
        assertTrue(ext.variables().isEmpty());
        assertTrue(ext.packs().isEmpty());
        assertTrue(ext.open("demo").isEmpty());
    }

    @Test
    void aBadBundleFailsAloneAndTheOthersGoOn() throws IOException {
        var ext = new DataPackExtender();
        ext.add(1, "good", "data/catalogue.json,data/packs.json", bundle("good", Map.of(
                "data/catalogue.json", GOOD_CATALOGUE, "data/packs.json", GOOD_PACKS, "data/demo.csv", "x")));
        // unknown field in the catalogue; the pack list of the same bundle still loads
        ext.add(2, "bad", "d/catalogue.json,d/packs.json", bundle("bad", Map.of(
                "d/catalogue.json", """
                        [{"id": "pop", "name": {"en": "P"}, "unit": "u", "polarity": "positive",
                          "description": "d", "source": "s", "colour": "red"}]""",
                "d/packs.json", """
                        [{"name": "other", "file": "d/o.csv", "description": "x"}]""",
                "d/o.csv", "x")));
        // a variable another bundle declares, a pack whose file is missing, a file the header names but lacks
        ext.add(3, "dup", "catalogue.json,packs.json,missing-catalogue.json", bundle("dup", Map.of(
                "catalogue.json", """
                        [{"id": "gdp", "name": {"en": "G"}, "unit": "u", "polarity": "positive",
                          "description": "d", "source": "s"}]""",
                "packs.json", """
                        [{"name": "nofile", "file": "gone.csv", "description": "x"}]""")));

        assertEquals(List.of("co2", "gdp"), ext.variables().stream().map(Variable::id).toList());
        assertEquals(List.of("demo", "other"), ext.packs().stream().map(p -> p.name()).toList());
        assertEquals("good", ext.packs().get(0).bundle());
        var failures = ext.failures();
        assertEquals(4, failures.size(), failures.toString());
        assertEquals("bad", failures.get(0).bundle());
        assertEquals("$[0].colour: unknown field (allowed: bounds, description, id, name, polarity, sameAs, source, unit)",
                failures.get(0).reason());
        assertEquals(List.of("catalogue.json", "missing-catalogue.json", "packs.json"),
                failures.subList(1, 4).stream().map(f -> f.file()).toList());
        assertEquals("$[0].id: variable 'gdp' is already declared by good", failures.get(1).reason());
        assertTrue(failures.get(2).reason().contains("has no such entry"), failures.get(2).reason());
        assertEquals("$[0].file: 'gone.csv' is not in the bundle", failures.get(3).reason());

        // removing the good bundle frees 'gdp': the bundle refused for it is read again and now declares it
        ext.remove(1);
        assertEquals(List.of("gdp"), ext.variables().stream().map(Variable::id).toList());
        assertEquals("G", ext.find("gdp").orElseThrow().name().en());
        assertEquals(List.of("other"), ext.packs().stream().map(p -> p.name()).toList());
        assertEquals(List.of("bad d/catalogue.json", "dup missing-catalogue.json", "dup packs.json"),
                ext.failures().stream().map(f -> f.bundle() + " " + f.file()).toList());
    }

    private static String variableWith(String field, String value) {
        String base = "\"id\": \"v\", \"name\": {\"en\": \"V\"}, \"unit\": \"u\", \"polarity\": \"positive\", "
                + "\"description\": \"d\", \"source\": \"s\"";
        return "[{" + base + ", \"" + field + "\": " + value + "}]";
    }

    private static String failure(String json) {
        return assertThrows(FormatException.class,
                () -> CatalogueParser.parseCatalogue(json.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    void theCatalogueIsReadStrictly() {
        assertEquals("$[0].polarity: 'higher' is not 'positive' or 'negative'",
                failure("[{\"id\": \"v\", \"name\": {\"en\": \"V\"}, \"unit\": \"u\", \"polarity\": \"higher\", "
                        + "\"description\": \"d\", \"source\": \"s\"}]"));
        assertEquals("$[0].bounds: \"percent\" is not \"nonnegative\", \"share\" or null",
                failure(variableWith("bounds", "\"percent\"")));
        assertEquals("$[0].sameAs: must be an array of variable ids", failure(variableWith("sameAs", "\"x\"")));
        assertEquals("$[0].sameAs[0]: a variable cannot be sameAs itself", failure(variableWith("sameAs", "[\"v\"]")));
        assertEquals("$[0].name.fr: unknown field (allowed: en, zh)",
                failure("[{\"id\": \"v\", \"name\": {\"fr\": \"V\"}, \"unit\": \"u\", \"polarity\": \"positive\", "
                        + "\"description\": \"d\", \"source\": \"s\"}]"));
        assertEquals("$[0].unit: is required",
                failure("[{\"id\": \"v\", \"name\": {\"en\": \"V\"}, \"polarity\": \"positive\", "
                        + "\"description\": \"d\", \"source\": \"s\"}]"));
        String twice = variableWith("bounds", "null");
        assertEquals("$[1].id: duplicate variable id 'v'",
                failure(twice.substring(0, twice.length() - 1) + "," + twice.substring(1)));
        assertTrue(failure(variableWith("unit", "\"again\"")).startsWith("$: not valid JSON: Duplicate field 'unit'"),
                failure(variableWith("unit", "\"again\"")));
        assertEquals("$: must be a JSON array", failure("{}"));
    }

    @Test
    void thePackListIsReadStrictly() {
        var e = assertThrows(FormatException.class, () -> CatalogueParser.parsePacks(
                "[{\"name\": \"a\", \"file\": \"f\", \"description\": \"d\", \"format\": \"csv\"}]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("$[0].format: unknown field (allowed: description, file, name)", e.getMessage());
        e = assertThrows(FormatException.class, () -> CatalogueParser.parsePacks(
                "[{\"name\": \"a\", \"file\": \"f\", \"description\": \"d\"}, {\"name\": \"a\", \"file\": \"g\", \"description\": \"d\"}]"
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals("$[1].name: duplicate pack name 'a'", e.getMessage());
    }

    /** The China data pack as the extender sees it, from the sibling bundle's sources. */
    @Test
    void theChinaPackLoads() throws IOException {
        var ext = new DataPackExtender();
        DataPackExtender.Entries entries = path -> {
            Path p = CHINA.resolve(path);
            try {
                return Files.isRegularFile(p) ? p.toUri().toURL() : null;
            } catch (MalformedURLException ex) {
                throw new IllegalStateException(ex);
            }
        };
        // the header as bnd computes it (see the pack's bnd.bnd)
        ext.add(7, "org.cityeval.data.china", "OSGI-INF/cityeval/data/catalogue.json, OSGI-INF/cityeval/data/packs.json", entries);
        assertTrue(ext.failures().isEmpty(), ext.failures().toString());
        assertEquals(30, ext.variables().size()); // 18 statistics and census variables, 12 from the designations and institutions
        assertEquals(List.of("gdp_per_capita_yuan_reported"),
                ext.find("gdp_per_capita_yuan_derived").orElseThrow().sameAs());
        assertEquals(Direction.NEGATIVE, ext.find("co2_t").orElseThrow().polarity());
        assertEquals("share", ext.find("age_65_share_2020").orElseThrow().bounds());
        assertEquals("china-cities", ext.packs().get(0).name());
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                ext.open("china-cities").orElseThrow().openStream(), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            List<String> columns = List.of(header.split(","));
            assertEquals(List.of("adcode", "year"), columns.subList(0, 2));
            // every value column of the pack has a catalogue entry, and every entry a column
            assertEquals(ext.variables().stream().map(Variable::id).sorted().toList(),
                    columns.subList(2, columns.size()).stream().sorted().toList());
        }
    }
}
