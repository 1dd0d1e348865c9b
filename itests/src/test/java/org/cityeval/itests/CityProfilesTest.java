package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.CityProfile;
import org.cityeval.api.analysis.CityProfiles;
import org.cityeval.api.analysis.PipelineStages;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.spi.ModelFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * City profiles and the pipeline's stages in a real Felix with the distribution's bundles. On COINr's ASEM example
 * read through the COINr model format, the strengths and weaknesses of DEU, CHN and GBR are COINr 1.1.14's
 * {@code get_str_weak} (codes, groups, ranks, raw values at COINr's 3 significant figures) and their ranks at
 * levels 4, 3, 2 are {@code get_unit_summary}'s, with scores equal as shares of each node's points; reference
 * values and the R commands that made them are in {@code src/test/resources/coinr/}.
 */
class CityProfilesTest {
    static final Path REF = Dist.repo().resolve("itests/src/test/resources/coinr");
    static OsgiRuntime runtime;
    static EvaluationModel asem;
    static CityDataset asemData;
    @TempDir
    Path work;

    @BeforeAll
    static void boot() throws Exception {
        runtime = new OsgiRuntime(Dist.home());
        Path dir = Dist.repo().resolve("bundles/org.cityeval.coinr/src/test/resources/coinr-asem");
        ModelFormat.Imported imported = runtime.service(ModelFormat.class).read(
                Map.of("iMeta", Files.readAllBytes(dir.resolve("asem_iMeta.csv")), "iData",
                        Files.readAllBytes(dir.resolve("asem_iData.csv"))),
                Map.of("iMeta", "asem_iMeta.csv", "iData", "asem_iData.csv"));
        asem = runtime.service(ModelCatalog.class).read("asem_iMeta.csv", imported.descriptor());
        asemData = imported.data();
    }

    @AfterAll
    static void shutdown() throws Exception {
        runtime.close();
    }

    /** A CSV as written by R's write.csv: every field quoted, no embedded quotes in these files. */
    static List<Map<String, String>> csv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), f.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = { "DEU", "CHN", "GBR" })
    void asemStrengthsAndWeaknessesAreCoinrs(String unit) throws Exception {
        CityProfile p = runtime.service(CityProfiles.class).profile(asem, asemData, null, unit, 5, 5);
        List<Map<String, String>> ref = csv(REF.resolve("asem-str-weak.csv"));
        for (String kind : List.of("strength", "weakness")) {
            List<Map<String, String>> expected = ref.stream()
                    .filter(r -> r.get("uCode").equals(unit) && r.get("Kind").equals(kind)).toList();
            List<CityProfile.IndicatorRank> actual = kind.equals("strength") ? p.strengths() : p.weaknesses();
            assertEquals(expected.stream().map(r -> r.get("Code")).toList(),
                    actual.stream().map(CityProfile.IndicatorRank::id).toList(), unit + " " + kind);
            for (int i = 0; i < expected.size(); i++) {
                Map<String, String> e = expected.get(i);
                CityProfile.IndicatorRank a = actual.get(i);
                assertEquals(e.get("Level_2"), a.group(), e.toString());
                assertEquals(Integer.parseInt(e.get("Rank")), a.rank(), e.toString());
                assertEquals(e.get("Name"), a.name(), e.toString());
                double signif3 = new BigDecimal(a.value()).round(new MathContext(3)).doubleValue();
                assertEquals(Double.parseDouble(e.get("Value")), signif3, 1e-6, e.toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "DEU", "CHN", "GBR" })
    void asemRanksOfNAreCoinrsUnitSummary(String unit) throws Exception {
        CityProfile p = runtime.service(CityProfiles.class).profile(asem, asemData, null, unit, 5, 5);
        Map<String, Double> points = new HashMap<>();
        weights(asem.root(), points);
        List<Map<String, String>> ref = csv(REF.resolve("asem-unit-summary.csv")).stream()
                .filter(r -> r.get("uCode").equals(unit)).toList();
        assertEquals(11, ref.size());
        for (Map<String, String> e : ref) {
            // COINr's Index is cityeval's root
            String id = e.get("Code").equals("Index") ? asem.root().id() : e.get("Code");
            CityProfile.NodeRank n = p.nodes().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertEquals(Integer.parseInt(e.get("Rank")), n.rank(), e.toString());
            assertEquals(51, n.of());
            // a node scores between 0 and its points; COINr's aggregates are on 0..100
            assertEquals(Double.parseDouble(e.get("Score")), n.score() / points.get(id) * 100, 1e-6, e.toString());
        }
        assertEquals(p.rank(), p.nodes().get(0).rank());
    }

    static void weights(Indicator node, Map<String, Double> out) {
        out.put(node.id(), node.weight().value());
        node.children().forEach(c -> weights(c, out));
    }

    static CityDataset pack(String name) throws Exception {
        DataPackCatalog packs = runtime.service(DataPackCatalog.class);
        DataPackCatalog.DataPack p = packs.packs().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow();
        try (InputStream in = packs.open(name).orElseThrow().openStream()) {
            return runtime.service(DatasetReader.class).read(p.bundle() + "/" + p.file(), in);
        }
    }

    @Test
    void seedModelStagesAreEvaluatesAndProfilesRankWithinTheProvince() throws Exception {
        EvaluationModel model = runtime.model("ccid-digital-city-2020");
        CityDataset data = pack("china-cities");
        EvaluationOptions options = new EvaluationOptions(new MissingData("renormalise", null, null), null, null);
        EvaluationResult r = runtime.service(Evaluator.class).evaluate(model, data, options);
        PipelineStages s = runtime.service(CityProfiles.class).stages(model, data, options);
        assertEquals(List.of("raw", "imputed", "scored", "aggregated"),
                s.stages().stream().map(PipelineStages.Stage::name).toList());
        Map<String, Integer> unit = new HashMap<>();
        for (int u = 0; u < s.units().size(); u++) {
            unit.put(s.units().get(u).adcode(), u);
        }
        for (CityResult c : r.cities()) {
            for (Map.Entry<String, Double> e : c.scores().entrySet()) {
                Double staged = s.stage("aggregated").values().get(e.getKey()).get(unit.get(c.adcode()));
                // the result prints points at the model's precision + 4 decimals; the stage keeps them unrounded
                assertEquals(e.getValue(), staged, 0.5 * Math.pow(10, -(model.scale().precision() + 4)) + 1e-12,
                        c.name() + " " + e.getKey());
            }
        }
        // the imputed stage is the raw one where the policy imputes nothing
        long filled = 0;
        for (Map.Entry<String, List<Double>> e : s.stage("raw").values().entrySet()) {
            List<Double> imputed = s.stage("imputed").values().get(e.getKey());
            for (int u = 0; u < e.getValue().size(); u++) {
                if (e.getValue().get(u) == null) {
                    filled += imputed.get(u) == null ? 0 : 1;
                } else {
                    assertEquals(e.getValue().get(u), imputed.get(u));
                }
            }
        }
        assertEquals(0, filled, "renormalise imputes nothing");

        CityResult hangzhou = r.cities().stream().filter(c -> c.name().equals("杭州市")).findFirst().orElseThrow();
        CityProfile p = runtime.service(CityProfiles.class).profile(model, data, options, "杭州", 3, 3);
        assertEquals(hangzhou.rank(), p.rank());
        long ahead = r.cities().stream().filter(c -> "浙江省".equals(c.province()) && c.rank() != null
                && c.rank() < hangzhou.rank()).count();
        assertEquals((int) ahead + 1, (int) p.provinceRank());
        assertEquals(r.cities().stream().filter(c -> "浙江省".equals(c.province()) && c.rank() != null).count(),
                p.provinceRanked());
        assertTrue(p.strengths().size() >= 1 && p.strengths().size() <= 3, p.toString());
        assertNotNull(p.nodes().get(0).rank());
    }

    @Test
    void cliProfileAndStageExport() throws Exception {
        Dist.Run run = Dist.cityeval(work, "profile", "--model", "ccid-digital-city-2020", "--data", "pack:china-cities",
                "--missing", "renormalise", "杭州市", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode p = new ObjectMapper().readTree(run.out());
        assertEquals("杭州市", p.get("name").asText());
        assertTrue(p.get("strengths").size() >= 1, p.toString());
        assertTrue(p.get("provinceRank").asInt() >= 1, p.toString());

        Dist.Run table = Dist.cityeval(work, "profile", "--model", "ccid-digital-city-2020", "--data", "pack:china-cities",
                "--missing", "renormalise", "杭州市");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("strengths") && table.out().contains(" of "), table.out());

        Dist.Run unknown = Dist.cityeval(work, "profile", "--model", "ccid-digital-city-2020", "--data",
                "pack:china-cities", "Paris");
        assertEquals(2, unknown.exit(), unknown.out());
        assertTrue(unknown.err().contains("'Paris'"), unknown.err());

        Path out = work.resolve("stages");
        Dist.Run stages = Dist.cityeval(work, "export-stages", "--model", "ccid-digital-city-2020", "--data",
                "pack:china-cities", "--missing", "renormalise", "--out", out.toString());
        assertEquals(0, stages.exit(), stages.err());
        for (String f : List.of("raw.csv", "imputed.csv", "scored.csv", "aggregated.csv", "stages.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> aggregated = Files.readAllLines(out.resolve("aggregated.csv"));
        assertTrue(aggregated.get(0).startsWith("adcode,name,province,total"), aggregated.get(0));
        JsonNode json = new ObjectMapper().readTree(out.resolve("stages.json").toFile());
        assertEquals(aggregated.size() - 1, json.get("units").size());
    }

    @Test
    void leaveOneOutOnASeedModelReportsRankShifts() throws Exception {
        Dist.Run run = Dist.cityeval(work, "sensitivity", "--leave-one-out", "indicator", "--model",
                "ccid-digital-city-2020", "--data", "pack:china-cities", "--missing", "renormalise", "--format",
                "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertEquals("indicator", r.get("level").asText());
        int ranked = r.get("units").size();
        assertTrue(ranked > 100, "ranked " + ranked);
        boolean moved = false;
        for (JsonNode x : r.get("removals")) {
            assertEquals(ranked, x.get("ranks").size());
            moved |= x.get("meanAbsoluteShift").asDouble() > 0;
        }
        assertTrue(moved, "removing an indicator the data back moves some city");

        Dist.Run domains = Dist.cityeval(work, "sensitivity", "--leave-one-out", "domain", "--model",
                "ccid-digital-city-2020", "--data", "pack:china-cities", "--missing", "renormalise");
        assertEquals(0, domains.exit(), domains.err());
        assertTrue(domains.out().contains("mean shift"), domains.out());

        Dist.Run bad = Dist.cityeval(work, "sensitivity", "--leave-one-out", "pillar", "--model",
                "ccid-digital-city-2020", "--data", "pack:china-cities");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.err().contains("indicator or domain"), bad.err());
    }
}
