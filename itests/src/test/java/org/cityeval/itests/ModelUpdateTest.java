package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.ReferenceCheck;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Hot update of a deployed model in a real Felix with the real bundles, the way FileInstall updates a changed
 * jar ({@link Bundle#update(InputStream)}): an update whose descriptor is broken leaves the last good version
 * serving (registered by the model bundle itself, its reference data still readable) and the catalog reports
 * the failed update; a good update replaces it; uninstalling removes the model at once. Bundle events and
 * service events are synchronous, so each check runs right after the call that caused it, with no waiting.
 */
class ModelUpdateTest {
    static final String PSDF = "guomai-psdf-2024";
    static final String PSDF_BUNDLE = "org.cityeval.model.guomai.psdf2024";
    static final String PSDF_DESCRIPTOR = "OSGI-INF/cityeval/models/guomai-psdf-2024.json";

    OsgiRuntime runtime;
    ModelCatalog catalog;

    @BeforeEach
    void boot() throws Exception {
        runtime = new OsgiRuntime(Dist.home());
        catalog = runtime.service(ModelCatalog.class);
        // the rule services PSDF names come from SCR components: wait for its model service (a service event)
        ServiceTracker<EvaluationModel, EvaluationModel> psdf = new ServiceTracker<>(runtime.context(),
                runtime.context().createFilter("(&(objectClass=" + EvaluationModel.class.getName() + ")(cityeval.model.id="
                        + PSDF + "))"), null);
        psdf.open();
        try {
            assertNotNull(psdf.waitForService(Waits.HANG_GUARD.toMillis()),
                    () -> PSDF + " not loaded: " + catalog.failures());
        } finally {
            psdf.close();
        }
    }

    @AfterEach
    void shutdown() throws Exception {
        runtime.close();
    }

    @Test
    void aBrokenUpdateOfATestBundleKeepsTheOldModelServingAndUninstallRemovesIt(@TempDir Path dir) throws Exception {
        Path good = TestBundles.fromRecipe(Files.createDirectories(dir.resolve("good")), "updating-good.bnd");
        Path broken = TestBundles.fromRecipe(Files.createDirectories(dir.resolve("broken")), "updating-broken.bnd");
        Bundle b;
        try (InputStream in = Files.newInputStream(good)) {
            b = runtime.context().installBundle("test:updating", in);
        }
        b.start();
        LoadedModel v1 = catalog.find("updating").orElseThrow(() -> new AssertionError(catalog.failures().toString()));
        assertEquals("1.0.0", v1.bundleVersion());

        try (InputStream in = Files.newInputStream(broken)) {
            b.update(in);
        }
        assertEquals("1.1.0", b.getVersion().toString(), "the bundle itself is the new version");
        LoadedModel serving = catalog.find("updating").orElseThrow(() -> new AssertionError("the old version went"));
        assertEquals("1.0.0", serving.bundleVersion());
        assertEquals("1", serving.model().edition(), "the last good descriptor's model");
        ModelLoadError f = single(catalog.failures());
        assertEquals("org.cityeval.itests.updating", f.bundle());
        assertEquals("OSGI-INF/cityeval/models/updating.json", f.descriptor());
        assertEquals("$.tree", f.jsonPath());
        assertTrue(f.failedUpdate(), f::toString);
        assertEquals("updating", f.servingModel());
        assertEquals("1.0.0", f.servingVersion());
        assertEquals(List.of(f), catalog.overview().failures());
        assertEquals("1.0.0", catalog.overview().models().stream().filter(m -> m.id().equals("updating")).findFirst()
                .orElseThrow().bundleVersion());
        ServiceReference<?> ref = single(modelServices("updating"));
        assertSame(b, ref.getBundle(), "registered through the model bundle's own context");

        // going back to the good version clears the failure
        try (InputStream in = Files.newInputStream(good)) {
            b.update(in);
        }
        assertEquals("1.0.0", catalog.find("updating").orElseThrow().bundleVersion());
        assertEquals(List.of(), catalog.failures());

        // and after a broken update again, uninstalling removes the model and its failure at once
        try (InputStream in = Files.newInputStream(broken)) {
            b.update(in);
        }
        assertTrue(catalog.find("updating").isPresent());
        b.uninstall();
        assertFalse(catalog.find("updating").isPresent());
        assertEquals(List.of(), catalog.failures());
        assertNull(runtime.context().getServiceReferences(EvaluationModel.class.getName(), "(cityeval.model.id=updating)"));
    }

    @Test
    void aBrokenUpdateOfASeedModelKeepsItReproducingItsPublishedTable(@TempDir Path dir) throws Exception {
        Bundle psdf = runtime.bundle(PSDF_BUNDLE);
        String version = psdf.getVersion().toString();
        Path jar = OsgiRuntime.jars(Dist.home().resolve("models")).stream()
                .filter(p -> p.getFileName().toString().startsWith(PSDF_BUNDLE + "-")).findFirst().orElseThrow();
        // the same jar, a newer version, with a misspelt field in the descriptor
        Path broken = rewrite(jar, dir.resolve("psdf-broken.jar"), "9.9.9", json -> json.replaceFirst("\"year\":", "\"yeer\":"));
        try (InputStream in = Files.newInputStream(broken)) {
            psdf.update(in);
        }
        assertEquals("9.9.9", psdf.getVersion().toString());

        LoadedModel serving = catalog.find(PSDF).orElseThrow(() -> new AssertionError("the working version went"));
        assertEquals(version, serving.bundleVersion());
        // every problem is said (issue 13): the misspelt field, and the field it was meant to be, now missing
        List<ModelLoadError> failures = catalog.failures();
        assertEquals(List.of("$.yeer", "$.year"), failures.stream().map(ModelLoadError::jsonPath).toList(),
                failures::toString);
        ModelLoadError f = failures.get(0);
        assertTrue(f.reason().startsWith("unknown field 'yeer'"), f.reason());
        for (ModelLoadError each : failures) {
            assertEquals(PSDF_BUNDLE, each.bundle());
            assertEquals(PSDF_DESCRIPTOR, each.descriptor());
            assertEquals(PSDF, each.servingModel());
            assertEquals(version, each.servingVersion());
        }
        assertSame(psdf, single(modelServices(PSDF)).getBundle());

        // the published table is the last good version's, kept by the extender when its revision went
        URL reference = catalog.reference(PSDF).orElseThrow();
        CityDataset data;
        try (InputStream in = reference.openStream()) {
            data = runtime.service(DatasetReader.class).read("table1.csv", in);
        }
        EvaluationResult r = runtime.service(Evaluator.class).evaluate(serving.model(), data);
        assertEquals(104, r.cities().size());
        assertTrue(r.checks().stream().allMatch(ReferenceCheck::passed), () -> r.checks().toString());

        psdf.uninstall();
        assertFalse(catalog.find(PSDF).isPresent(), "uninstalling removes the model at once");
        assertEquals(List.of(), catalog.failures());
    }

    private List<ServiceReference<?>> modelServices(String id) throws Exception {
        ServiceReference<?>[] refs = runtime.context().getServiceReferences(EvaluationModel.class.getName(),
                "(cityeval.model.id=" + id + ")");
        return refs == null ? List.of() : List.of(refs);
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), list::toString);
        assertNotNull(list.get(0));
        return list.get(0);
    }

    /** A copy of a model bundle with another Bundle-Version and its descriptors edited. */
    private static Path rewrite(Path jar, Path out, String version, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest mf = new Manifest(in.getManifest());
            mf.getMainAttributes().putValue("Bundle-Version", version);
            try (OutputStream os = Files.newOutputStream(out); JarOutputStream j = new JarOutputStream(os, mf)) {
                for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements();) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    j.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        byte[] bytes = content.readAllBytes();
                        if (entry.getName().equals(PSDF_DESCRIPTOR)) {
                            bytes = edit.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                        }
                        j.write(bytes);
                    }
                    j.closeEntry();
                }
            }
        }
        return out;
    }
}
