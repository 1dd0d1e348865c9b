package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.GroupResult;
import org.cityeval.api.result.ReferenceCheck;
import org.cityeval.api.result.TierCount;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.service.ModelOverview;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The runtime inside a real Felix framework with SCR and the real bundles: the PSDF model loads through
 * the extender and reproduces its report; a bundle with a broken descriptor is reported while the good
 * model keeps working; uninstalling a model bundle removes its model.
 */
class InFrameworkTest {
    static final String PSDF = "guomai-psdf-2024";
    static final String PSDF_BUNDLE = "org.cityeval.model.guomai.psdf2024";
    @RegisterExtension
    static final OsgiRuntime runtime = OsgiRuntime.perClass();

    @Test
    void psdfModelLoadsWithItsTreeAndProvenance() throws Exception {
        ModelCatalog catalog = runtime.service(ModelCatalog.class);
        LoadedModel m = catalog.find(PSDF).orElseThrow(() -> new AssertionError("not loaded: " + catalog.failures()));
        assertEquals(PSDF_BUNDLE, m.bundle());
        ModelOverview o = catalog.overview().models().stream().filter(x -> x.id().equals(PSDF)).findFirst().orElseThrow();
        assertEquals(List.of(4, 11, 31), o.levels());
        assertEquals(Map.of("published", 21, "derived", 2, "inferred", 0, "assumed", 23), o.weights());
        assertWeightsAddUp(m.model().root());
        assertTrue(catalog.failures().isEmpty(), () -> "unexpected failures: " + catalog.failures());

        // the model is also a service, as the extender registers it
        var refs = runtime.context().getServiceReferences(EvaluationModel.class, "(cityeval.model.id=" + PSDF + ")");
        assertEquals(1, refs.size());
    }

    private static void assertWeightsAddUp(Indicator node) {
        if (node.leaf()) {
            return;
        }
        double sum = node.children().stream().mapToDouble(c -> c.weight().value()).sum();
        assertEquals(node.weight().value(), sum, 1e-9, "children of " + node.id());
        node.children().forEach(InFrameworkTest::assertWeightsAddUp);
    }

    @Test
    void psdfReproducesTheReportInsideTheFramework() throws Exception {
        EvaluationResult r = reproducePsdf();
        assertEquals(104, r.cities().size());
        for (ReferenceCheck c : r.checks()) {
            assertTrue(c.passed(), () -> c.what() + ": " + c.mismatches());
        }
        assertEquals(List.of("rank", "total"), r.checks().stream().map(ReferenceCheck::what).sorted().toList());
        Map<String, Integer> tiers = new LinkedHashMap<>();
        for (TierCount t : r.tiers()) {
            tiers.put(t.id(), t.count());
        }
        assertEquals(Map.of("80+", 3, "70-80", 12, "60-70", 12, "50-60", 46, "40-50", 23, "<40", 8), tiers);
        Map<String, Long> provinceTiers = r.groups().get("province").stream()
                .collect(Collectors.groupingBy(GroupResult::tier, Collectors.counting()));
        assertEquals(Map.of("第一梯队", 5L, "第二梯队", 16L, "第三梯队", 8L, "第四梯队", 2L), provinceTiers);
        assertEquals(27, r.groups().get("capital").get(0).count());
        assertTrue(r.model().assumedWeights().isEmpty(), "level-1 data use only published weights");
    }

    private static EvaluationResult reproducePsdf() throws Exception {
        ModelCatalog catalog = runtime.service(ModelCatalog.class);
        URL ref = catalog.reference(PSDF).orElseThrow();
        CityDataset data;
        try (InputStream in = ref.openStream()) {
            data = runtime.service(DatasetReader.class).read("table1.csv", in);
        }
        return runtime.service(Evaluator.class).evaluate(catalog.find(PSDF).orElseThrow().model(), data);
    }

    @Test
    void brokenDescriptorIsReportedAndTheOtherModelsKeepWorking(@TempDir Path dir) throws Exception {
        String broken = TestBundles.tinyModel("broken-model").replace("\"value\": 6", "\"value\": 5");
        Path jar = TestBundles.modelBundle(dir, "test.broken.model", Map.of(
                "OSGI-INF/cityeval/models/broken.json", broken,
                "OSGI-INF/cityeval/models/fine.json", TestBundles.tinyModel("fine-model")));
        Bundle b = runtime.context().installBundle(jar.toUri().toString(), Files.newInputStream(jar));
        b.start();
        ModelCatalog catalog = runtime.service(ModelCatalog.class);
        try {
            List<ModelLoadError> failures = catalog.failures();
            assertEquals(1, failures.size(), failures::toString);
            ModelLoadError f = failures.get(0);
            assertEquals("test.broken.model", f.bundle());
            assertEquals("OSGI-INF/cityeval/models/broken.json", f.descriptor());
            assertEquals("$.tree", f.jsonPath());
            assertTrue(f.reason().contains("add up to 9"), f.reason());
            // the same bundle's good descriptor, and every other model, still load and evaluate
            assertTrue(catalog.find("fine-model").isPresent());
            assertFalse(catalog.find("broken-model").isPresent());
            assertTrue(reproducePsdf().checks().stream().allMatch(ReferenceCheck::passed));
        } finally {
            b.uninstall();
        }
        assertTrue(catalog.failures().isEmpty(), "failures leave with their bundle");
        assertFalse(catalog.find("fine-model").isPresent(), "models leave with their bundle");
    }

    @Test
    void duplicateModelIdFromAnotherBundleIsRefused(@TempDir Path dir) throws Exception {
        Path jar = TestBundles.modelBundle(dir, "test.duplicate.model",
                Map.of("OSGI-INF/cityeval/models/dup.json", TestBundles.tinyModel(PSDF)));
        Bundle b = runtime.context().installBundle(jar.toUri().toString(), Files.newInputStream(jar));
        b.start();
        try {
            ModelCatalog catalog = runtime.service(ModelCatalog.class);
            ModelLoadError f = catalog.failures().get(0);
            assertEquals("$.id", f.jsonPath());
            assertTrue(f.reason().contains("already provided by " + PSDF_BUNDLE), f.reason());
            assertEquals(PSDF_BUNDLE, catalog.find(PSDF).orElseThrow().bundle());
        } finally {
            b.uninstall();
        }
    }

    @Test
    void uninstallingTheModelBundleRemovesTheModel() throws Exception {
        ModelCatalog catalog = runtime.service(ModelCatalog.class);
        Bundle b = runtime.bundle(PSDF_BUNDLE);
        assertNotNull(b);
        String location = b.getLocation();
        b.uninstall();
        try {
            assertFalse(catalog.find(PSDF).isPresent());
            ServiceReference<?>[] refs = runtime.context().getServiceReferences(EvaluationModel.class.getName(),
                    "(cityeval.model.id=" + PSDF + ")");
            assertEquals(null, refs);
        } finally {
            runtime.context().installBundle(location).start();
        }
        assertTrue(catalog.find(PSDF).isPresent(), "reinstalling brings it back");
    }
}
