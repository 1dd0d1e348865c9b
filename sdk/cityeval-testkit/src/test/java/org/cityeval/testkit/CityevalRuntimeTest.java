package org.cityeval.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.workflow.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit as a model project uses it, with a seed model bundle standing in for the project's: unpacked into
 * a class folder (as {@code target/classes} is after bnd's {@code process-classes}), validated, evaluated.
 */
class CityevalRuntimeTest {
    static final String MODEL = "national-smart-city-2016";
    static final String LEAVES = "L1.1,L1.2,L1.3,L1.4,L1.5,L1.6,L1.7,L1.8,L1.9,L2.1,L2.2,L3,L4,L5,L6,L7,L8";

    @TempDir
    Path dir;

    @Test
    void validatesAndEvaluatesAClassFolder() throws Exception {
        Path classes = unpack(seedJar(), dir.resolve("classes"));
        Path data = dir.resolve("sample-data.csv");
        Files.writeString(data, "adcode," + LEAVES + "\n" + row("110000", 0.9) + row("310000", 0.8) + row("440300", 0.5),
                StandardCharsets.UTF_8);
        try (CityevalRuntime runtime = CityevalRuntime.builder().model(classes).start()) {
            assertEquals(List.of(MODEL), runtime.modelIds());
            List<ValidationReport> reports = runtime.validate();
            assertEquals(1, reports.size());
            assertEquals(List.of(), CityevalRuntime.lines(reports));

            EvaluationResult r = runtime.evaluate(data);
            assertEquals(3, r.cities().size());
            assertEquals("110000", r.cities().stream().filter(c -> c.rank() == 1).findFirst().orElseThrow().adcode());
            assertFalse(runtime.hasReference(MODEL));

            // and back: validating again after deploying still sees the descriptor as new, not as its own update
            assertEquals(List.of(), CityevalRuntime.lines(runtime.validate()));
        }
    }

    @Test
    void reportsAProblemWithItsFileAndJsonPath() throws Exception {
        Path classes = unpack(seedJar(), dir.resolve("classes"));
        Path descriptor = classes.resolve("OSGI-INF/cityeval/models/" + MODEL + ".json");
        String json = Files.readString(descriptor, StandardCharsets.UTF_8);
        Files.writeString(descriptor, json.replaceFirst("\"value\": 37", "\"value\": 38"), StandardCharsets.UTF_8);
        try (CityevalRuntime runtime = CityevalRuntime.builder().model(classes).start()) {
            List<String> lines = CityevalRuntime.lines(runtime.validate());
            assertFalse(lines.isEmpty());
            assertTrue(lines.get(0).contains(MODEL + ".json at $"), lines.toString());
        }
    }

    @Test
    void listsEveryFigureAReproductionMisses() throws Exception {
        Path classes = unpack(seedJar(), dir.resolve("classes"));
        Path descriptor = classes.resolve("OSGI-INF/cityeval/models/" + MODEL + ".json");
        String json = Files.readString(descriptor, StandardCharsets.UTF_8);
        Files.writeString(descriptor, json.replaceFirst("\"tree\": \\[", "\"reference\": {\"path\": "
                + "\"OSGI-INF/cityeval/reference/t.csv\", \"source\": \"a test table\"},\n  \"tree\": ["),
                StandardCharsets.UTF_8);
        Path table = classes.resolve("OSGI-INF/cityeval/reference/t.csv");
        Files.createDirectories(table.getParent());
        // level-1 scores as a report prints them; L1, L2 are inner nodes (points), L3-L8 leaves (shares); 上海 prints 65 where its figures make 64
        Files.writeString(table, "rank,adcode,L1,L2,L3,L4,L5,L6,L7,L8,total\n"
                + "1,310000,30,5,0.5,0.5,0.5,0.5,0.5,0.6,65\n2,110000,30,5,0.5,0.5,0.5,0.5,0.5,0.5,62\n", StandardCharsets.UTF_8);
        try (CityevalRuntime runtime = CityevalRuntime.builder().model(classes).start()) {
            assertTrue(runtime.hasReference(MODEL));
            List<String> diff = CityevalRuntime.differences(runtime.reproduce(MODEL));
            assertEquals(1, diff.size(), diff.toString());
            assertTrue(diff.get(0).startsWith("total: ") && diff.get(0).contains("上海"), diff.toString());
        }
    }

    static String row(String adcode, double share) {
        StringBuilder b = new StringBuilder(adcode);
        for (int i = 0; i < LEAVES.split(",").length; i++) {
            b.append(',').append(share);
        }
        return b.append('\n').toString();
    }

    static Path seedJar() throws Exception {
        return CityevalRuntime.jarOf(CityevalRuntime.class.getClassLoader().getResource(
                "OSGI-INF/cityeval/models/" + MODEL + ".json"));
    }

    static Path unpack(Path jar, Path to) throws Exception {
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) j.stream()::iterator) {
                Path out = to.resolve(e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = j.getInputStream(e)) {
                    Files.copy(in, out);
                }
            }
        }
        return to;
    }
}
