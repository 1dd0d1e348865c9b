package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.ReferenceCheck;
import org.cityeval.api.service.CatalogOverview;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * Third-party model bundles written to hurt: one per hostile kind (deep nesting, huge arrays, strings and
 * numbers, NaN and infinite weights, zero-sum weights, duplicate ids and keys, reference cycles, an unknown
 * rule, unknown fields, wrong types, a descriptor just over 1 MiB and one of 100 MB), all installed into one
 * running Felix with the real bundles. Each is refused and reported through the introspection service
 * with bundle, descriptor, JSON path and reason; the seed models stay loaded and still evaluate; the
 * extender stays up. About 5 s, most of it booting the framework.
 */
class HostileBundlesTest {
    static final int LIMIT = ModelCatalog.MAX_DESCRIPTOR_BYTES;
    static final List<String> SEEDS = List.of("ccid-digital-city-2020", "cstc-smart-2021", "guomai-psdf-2024",
            "guomai-psft-2019", "national-smart-city-2016");
    static final String CYCLE = ": a binding variable names an indicator whose value depends on this one";

    /** A valid model with a group, tiers and groups; the hostile ones are edits of it. */
    static String model(String id) {
        return ("{\"id\": \"" + id + "\", \"title\": {\"en\": \"Hostile\"}, \"institution\": {\"en\": \"Test\"}, "
                + "\"edition\": \"1\", \"year\": 2024, \"scale\": {\"kind\": \"points\", \"max\": 10, \"precision\": 1}, "
                + "\"tree\": ["
                + "{\"id\": \"a\", \"name\": \"A\", \"weight\": {\"value\": 6, \"provenance\": \"published\"}, \"children\": ["
                + "{\"id\": \"a1\", \"name\": \"A1\", \"weight\": {\"value\": 2, \"provenance\": \"published\"}}, "
                + "{\"id\": \"a2\", \"name\": \"A2\", \"weight\": {\"provenance\": \"assumed\"}}]}, "
                + "{\"id\": \"b\", \"name\": \"B\", \"weight\": {\"value\": 4, \"provenance\": \"published\"}}], "
                + "\"tiers\": {\"rule\": \"score-bands\", \"tiers\": [{\"id\": \"high\", \"min\": 5}, {\"id\": \"low\", \"max\": 5}]}, "
                + "\"groups\": [{\"kind\": \"province\", \"membership\": \"province\"}]}");
    }

    /** A hostile descriptor and how it must be refused: the exact reason, or its start when it has a column. */
    record Case(String kind, String json, long size, String path, String reason, boolean prefix) {
        String bundle() {
            return "test.hostile." + kind;
        }

        String entry() {
            return "OSGI-INF/cityeval/models/" + kind + ".json";
        }
    }

    static List<Case> cases() {
        List<Case> cs = new ArrayList<>();
        Function<String, String> base = k -> model("hostile-" + k);
        String deepArrays = "{\"tree\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        cs.add(new Case("deep-arrays", deepArrays, 0, "$.tree" + "[0]".repeat(64),
                "JSON nested deeper than 64 levels at line 1, column 74", false));
        String deepObjects = "{\"notes\": " + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_001);
        cs.add(new Case("deep-objects", deepObjects, 0, "$.notes" + ".a".repeat(63),
                "JSON nested deeper than 64 levels at line 1, column 390", false));
        String chain = "{\"id\": \"n13\", \"name\": \"n\", \"weight\": {\"value\": 10, \"provenance\": \"published\"}}";
        for (int level = 12; level >= 1; level--) {
            chain = "{\"id\": \"n" + level + "\", \"name\": \"n\", \"weight\": {\"value\": 10, \"provenance\": \"published\"}, "
                    + "\"children\": [" + chain + "]}";
        }
        String deepTree = base.apply("deep-tree").replaceFirst("\"tree\": \\[.*], \"tiers\"", "\"tree\": [" + chain + "], \"tiers\"");
        cs.add(new Case("deep-tree", deepTree, 0, "$.tree[0]" + ".children[0]".repeat(11) + ".children",
                "the tree is deeper than 12 levels", false));
        String children = base.apply("huge-children").replace("\"children\": [", "\"children\": [" + "{},".repeat(300_000));
        cs.add(new Case("huge-children", children, 0, "$.tree[0].children[9999]", "more than 10000 indicators", false));
        String tiers = base.apply("huge-tiers").replace("\"tiers\": [", "\"tiers\": [" + "{},".repeat(1_000_000));
        cs.add(new Case("huge-tiers", tiers, 0, "$", "descriptor is larger than the limit of " + LIMIT + " bytes", false));
        String string = base.apply("huge-string").replace("\"name\": \"B\"", "\"name\": \"" + "x".repeat(200_000) + "\"");
        cs.add(new Case("huge-string", string, 0, "$.tree[1].name", "a string longer than 100000 characters at line 1", true));
        String number = base.apply("long-number").replace("\"year\": 2024", "\"year\": " + "9".repeat(100_000));
        cs.add(new Case("long-number", number, 0, "$.year", "a number longer than 1000 characters at line 1", true));
        for (String token : List.of("NaN", "Infinity", "-Infinity")) {
            String k = token.startsWith("-") ? "minus-infinity" : token.toLowerCase();
            cs.add(new Case(k, base.apply(k).replace("\"value\": 4", "\"value\": " + token), 0, "$.tree[1].weight.value",
                    "invalid JSON at line 1, column ", true));
        }
        cs.add(new Case("overflow", base.apply("overflow").replace("\"value\": 4", "\"value\": 1e999"), 0,
                "$.tree[1].weight.value", "not a finite number", false));
        cs.add(new Case("negative", base.apply("negative").replace("\"value\": 2", "\"value\": -2"), 0,
                "$.tree[0].children[0].weight.value", "a weight cannot be negative", false));
        cs.add(new Case("zero-sum", base.apply("zero-sum").replace("\"value\": 6", "\"value\": 0")
                .replace("\"value\": 4", "\"value\": 10").replace("\"value\": 2", "\"value\": 0"), 0, "$.tree[0].weight",
                "an indicator with children needs a positive weight; 'a' has 0, so its children's weights would add up to 0",
                false));
        cs.add(new Case("duplicate-id", base.apply("duplicate-id").replace("\"id\": \"a2\"", "\"id\": \"a1\""), 0,
                "$.tree[0].children[1].id", "duplicate indicator id 'a1'", false));
        cs.add(new Case("duplicate-tier", base.apply("duplicate-tier").replace("\"id\": \"low\"", "\"id\": \"high\""), 0,
                "$.tiers.tiers[1].id", "duplicate tier id 'high'", false));
        cs.add(new Case("duplicate-group", base.apply("duplicate-group").replace("\"membership\": \"province\"}",
                "\"membership\": \"province\"}, {\"kind\": \"province\", \"membership\": \"provincial-capital\"}"), 0,
                "$.groups[1].kind", "duplicate group kind 'province'", false));
        cs.add(new Case("duplicate-key", base.apply("duplicate-key").replace("\"name\": \"B\"", "\"name\": \"B\", \"name\": \"C\""),
                0, "$.tree[1].name", "invalid JSON at line 1, column ", true));
        cs.add(new Case("self-reference", base.apply("self-reference").replace("\"name\": \"B\"",
                "\"name\": \"B\", \"binding\": {\"variables\": [\"b\"]}"), 0, "$.tree[1].binding.variables[0]",
                "reference cycle b -> b" + CYCLE, false));
        cs.add(new Case("cycle", base.apply("cycle").replace("\"name\": \"A2\"",
                "\"name\": \"A2\", \"binding\": {\"formula\": \"ratio\", \"variables\": [\"gdp\", \"a\"]}"), 0,
                "$.tree[0].children[1].binding.variables[1]", "reference cycle a2 -> a -> a2" + CYCLE, false));
        cs.add(new Case("unknown-rule", base.apply("unknown-rule").replace("\"name\": \"B\"",
                "\"name\": \"B\", \"scoring\": \"log-points\""), 0, "$.tree[1].scoring",
                "waiting for a rule service: scoring rule 'log-points' is not available; available: ", true));
        cs.add(new Case("unknown-field", base.apply("unknown-field").replace("\"name\": \"B\"", "\"name\": \"B\", \"weigth\": 4"),
                0, "$.tree[1].weigth", "unknown field 'weigth'; allowed here: ", true));
        cs.add(new Case("wrong-type", base.apply("wrong-type").replace("\"id\": \"hostile-wrong-type\"", "\"id\": 7"), 0,
                "$.id", "expected a string", false));
        cs.add(new Case("just-over", base.apply("just-over"), LIMIT + 1, "$",
                "descriptor is larger than the limit of " + LIMIT + " bytes", false));
        cs.add(new Case("hundred-mb", base.apply("hundred-mb"), 100L << 20, "$",
                "descriptor is larger than the limit of " + LIMIT + " bytes", false));
        return cs;
    }

    @Test
    void eachHostileBundleIsRefusedWithItsReasonAndTheSeedModelsKeepWorking(@TempDir Path dir) throws Exception {
        List<Case> cases = cases();
        try (OsgiRuntime runtime = new OsgiRuntime(Dist.home())) {
            ModelCatalog catalog = runtime.service(ModelCatalog.class);
            for (String seed : SEEDS) {
                runtime.model(seed); // waits for the rule services the seeds name
            }
            List<Bundle> installed = new ArrayList<>();
            long started = System.nanoTime();
            for (Case c : cases) {
                Path jar = c.size() > 0 ? TestBundles.paddedModelBundle(dir, c.bundle(), c.entry(), c.json(), c.size())
                        : TestBundles.modelBundle(dir, c.bundle(), Map.of(c.entry(), c.json()));
                Bundle b;
                try (InputStream in = Files.newInputStream(jar)) {
                    b = runtime.context().installBundle(jar.toUri().toString(), in);
                }
                b.start(); // the extender reads the descriptor while the bundle starts
                installed.add(b);
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.println("HostileBundlesTest: " + cases.size() + " hostile bundles built, installed and refused in "
                    + ms + " ms");

            CatalogOverview overview = catalog.overview();
            Map<String, ModelLoadError> byBundle = overview.failures().stream()
                    .collect(Collectors.toMap(ModelLoadError::bundle, f -> f, (x, y) -> {
                        throw new AssertionError("two failures of one bundle: " + x + ", " + y);
                    }, LinkedHashMap::new));
            assertEquals(cases.stream().map(Case::bundle).sorted().toList(), byBundle.keySet().stream().sorted().toList(),
                    "every hostile bundle, and nothing else, is listed among the failures");
            List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
            for (Case c : cases) {
                ModelLoadError f = byBundle.get(c.bundle());
                checks.add(() -> {
                    assertEquals(c.entry(), f.descriptor(), c.kind());
                    assertEquals(c.path(), f.jsonPath(), c.kind());
                    if (c.prefix()) {
                        assertTrue(f.reason().startsWith(c.reason()), c.kind() + ": " + f.reason());
                    } else {
                        assertEquals(c.reason(), f.reason(), c.kind());
                    }
                    assertTrue(f.message().startsWith(c.bundle() + "/" + c.entry() + " at " + c.path() + ": "), f.message());
                });
            }
            assertAll(checks);
            // details of the few whose reason has a column
            assertTrue(byBundle.get("test.hostile.nan").reason().endsWith("'NaN' is not a JSON number; numbers in a "
                    + "descriptor are finite"), byBundle.get("test.hostile.nan").reason());
            assertTrue(byBundle.get("test.hostile.minus-infinity").reason().contains("'-Infinity' is not a JSON number"));
            assertTrue(byBundle.get("test.hostile.duplicate-key").reason().endsWith("Duplicate field 'name'"));
            String rules = byBundle.get("test.hostile.unknown-rule").reason();
            assertTrue(rules.contains("direct-points") && rules.contains("min-max") && rules.contains("z-score"), rules);

            // the seeds are still loaded, the extender still up, and a good model still evaluates
            assertEquals(SEEDS, overview.models().stream().map(m -> m.id()).toList());
            assertEquals(Bundle.ACTIVE, runtime.bundle("org.cityeval.extender").getState());
            EvaluationResult r = reproducePsdf(runtime, catalog);
            assertEquals(104, r.cities().size());
            assertTrue(r.checks().stream().allMatch(ReferenceCheck::passed), () -> r.checks().toString());

            // and a good bundle installed after them loads as usual
            Path good = TestBundles.modelBundle(dir, "test.after.hostile",
                    Map.of("OSGI-INF/cityeval/models/after.json", TestBundles.tinyModel("after-hostile")));
            Bundle g = runtime.context().installBundle(good.toUri().toString(), Files.newInputStream(good));
            g.start();
            assertTrue(catalog.find("after-hostile").isPresent(), catalog.failures()::toString);

            for (Bundle b : installed) {
                b.uninstall();
            }
            g.uninstall();
            assertEquals(List.of(), catalog.failures(), "failures leave with their bundles");
        }
    }

    private static EvaluationResult reproducePsdf(OsgiRuntime runtime, ModelCatalog catalog) throws Exception {
        URL ref = catalog.reference("guomai-psdf-2024").orElseThrow();
        assertNotNull(ref);
        CityDataset data;
        try (InputStream in = ref.openStream()) {
            data = runtime.service(DatasetReader.class).read("table1.csv", in);
        }
        return runtime.service(Evaluator.class).evaluate(catalog.find("guomai-psdf-2024").orElseThrow().model(), data);
    }
}
