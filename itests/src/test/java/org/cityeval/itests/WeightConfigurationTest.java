package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.Weight;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.service.ModelOverview;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weight configuration ({@code cityeval.model.config}, a folder of {@code <model id>.json}) inside a real
 * Felix: it sets weights the record leaves open, the remaining assumed siblings share what is left, and a
 * configuration that tries to change a published weight makes that one model fail to load.
 */
class WeightConfigurationTest {
    static final String CONFIG_DIR = "cityeval.model.config";
    static final String CSTC = "cstc-smart-2021";
    static final String PSDF = "guomai-psdf-2024";

    @Test
    void configurationSetsAnOpenWeightAndTheAssumedSiblingsShareTheRest(@TempDir Path config) throws Exception {
        Path file = config.resolve(CSTC + ".json");
        write(file, """
                {"weights": {"service_completeness": {"value": 0.4, "provenance": "published", "note": "test"}}}
                """);
        try (OsgiRuntime runtime = new OsgiRuntime(Dist.home(), Map.of(CONFIG_DIR, config.toString()))) {
            ModelCatalog catalog = runtime.service(ModelCatalog.class);
            EvaluationModel m = runtime.model(CSTC);
            assertTrue(catalog.failures().isEmpty(), () -> "unexpected failures: " + catalog.failures());

            Weight service = node(m.root(), "service_completeness").weight();
            assertEquals(0.4, service.value(), 1e-12);
            assertEquals(Provenance.PUBLISHED, service.provenance());
            assertTrue(service.note().contains(file.toString()), service.note());
            assertTrue(service.note().contains("test"), service.note());
            assertTrue(service.note().contains("the descriptor's was assumed"), service.note());

            // (0.8 − 0.4) / 2 = 0.2 each for the still-assumed M and A; R and T keep their inferred 0.1
            for (String id : List.of("management_maturity", "application_platform_maturity")) {
                Weight w = node(m.root(), id).weight();
                assertEquals(0.2, w.value(), 1e-9, id);
                assertEquals(Provenance.ASSUMED, w.provenance(), id);
            }
            for (String id : List.of("resource_readiness", "technology_support")) {
                Weight w = node(m.root(), id).weight();
                assertEquals(0.1, w.value(), 1e-9, id);
                assertEquals(Provenance.INFERRED, w.provenance(), id);
            }
            // level 2 follows its parent: 0.4 / 2 under S, 0.2 / 3 under M, 0.2 / 4 under A
            for (Indicator c : node(m.root(), "service_completeness").children()) {
                assertEquals(0.2, c.weight().value(), 1e-9, c.id());
            }
            for (Indicator c : node(m.root(), "management_maturity").children()) {
                assertEquals(0.2 / 3, c.weight().value(), 1e-9, c.id());
            }
            for (Indicator c : node(m.root(), "application_platform_maturity").children()) {
                assertEquals(0.05, c.weight().value(), 1e-9, c.id());
            }
            assertWeightsAddUp(m.root());

            ModelOverview o = catalog.overview().models().stream().filter(x -> x.id().equals(CSTC)).findFirst()
                    .orElseThrow();
            assertEquals(Map.of("published", 1, "derived", 0, "inferred", 2, "assumed", 18), o.weights());

            // the new weights are what the evaluator uses: 0.4 × 1 + 0.2 × 0.5 + 0.2 × 0.5 + 0 + 0 = 0.6
            // (with the descriptor's weights it would be 0.8/3 × 2 = 0.53)
            CityDataset data = new CityDataset("hand-made", SeedModelsTest.CSTC_FACTORS, List.of(new CityRecord(
                    runtime.service(CityRegistry.class).byAdcode("330100").orElseThrow(), 2,
                    Map.of("service_completeness", 1.0, "management_maturity", 0.5,
                            "application_platform_maturity", 0.5, "resource_readiness", 0.0, "technology_support", 0.0),
                    Map.of())));
            EvaluationResult r = runtime.service(Evaluator.class).evaluate(m, data);
            assertEquals(0.6, r.cities().get(0).score());
            assertEquals(List.of("management_maturity", "application_platform_maturity"), r.model().assumedWeights(),
                    "the configured weight is no longer assumed");
        }
    }

    @Test
    void configuringAPublishedWeightFailsThatModelOnly(@TempDir Path config) throws Exception {
        write(config.resolve(PSDF + ".json"), """
                {"weights": {"digital_support": {"value": 25, "provenance": "published", "note": "test"}}}
                """);
        try (OsgiRuntime runtime = new OsgiRuntime(Dist.home(), Map.of(CONFIG_DIR, config.toString()))) {
            ModelCatalog catalog = runtime.service(ModelCatalog.class);
            for (String id : List.of("ccid-digital-city-2020", CSTC, "guomai-psft-2019")) {
                runtime.model(id);
            }
            assertFalse(catalog.find(PSDF).isPresent(), "a published weight cannot be configured");
            List<ModelLoadError> failures = catalog.failures();
            assertEquals(1, failures.size(), failures::toString);
            ModelLoadError f = failures.get(0);
            assertEquals("org.cityeval.model.guomai.psdf2024", f.bundle());
            assertEquals("OSGI-INF/cityeval/models/" + PSDF + ".json", f.descriptor());
            assertEquals("$.tree[0].weight", f.jsonPath());
            assertTrue(f.reason().contains("only assumed or inferred weights can be set by configuration"), f.reason());
            assertTrue(f.reason().contains("published weight of 'digital_support'"), f.reason());
            assertTrue(f.reason().contains(PSDF + ".json"), f.reason());
        }
    }

    /** {@code "service"} (the short name in WeightConfiguration's Javadoc) is not an indicator id of the model. */
    @Test
    void configuringAnUnknownIndicatorFailsThatModelOnly(@TempDir Path config) throws Exception {
        write(config.resolve(CSTC + ".json"), """
                {"weights": {"service": {"value": 0.4, "provenance": "published", "note": "test"}}}
                """);
        try (OsgiRuntime runtime = new OsgiRuntime(Dist.home(), Map.of(CONFIG_DIR, config.toString()))) {
            ModelCatalog catalog = runtime.service(ModelCatalog.class);
            runtime.model(PSDF);
            assertFalse(catalog.find(CSTC).isPresent());
            List<ModelLoadError> failures = catalog.failures();
            assertEquals(1, failures.size(), failures::toString);
            assertEquals("$", failures.get(0).jsonPath());
            assertTrue(failures.get(0).reason().contains("overrides the weight of 'service', but the model has no such "
                    + "indicator"), failures.get(0).reason());
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static void write(Path file, String json) throws Exception {
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private static Indicator node(Indicator root, String id) {
        return SeedModelsTest.node(root, id);
    }

    private static void assertWeightsAddUp(Indicator node) {
        SeedModelsTest.assertWeightsAddUp(node);
    }
}
