package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.ValidateRequest;
import org.cityeval.api.workflow.ValidationReport;
import org.cityeval.api.workflow.ValidationWorkflow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Issue 13, {@code cityeval validate} in a real Felix with the real bundles: a model bundle's jar validates with
 * its own rule before it is deployed, a broken one reports every problem with its JSON path, an edit of a deployed
 * model is an update (a note, not a problem), the seed models validate clean with and without a pack, and a broken
 * hot update keeps the last good version serving with every problem said.
 */
class ValidationTest {
    static OsgiRuntime runtime;
    static ValidationWorkflow validation;
    static ModelCatalog catalog;

    @BeforeAll
    static void boot() throws Exception {
        runtime = new OsgiRuntime(Dist.home());
        validation = runtime.service(ValidationWorkflow.class);
        catalog = runtime.service(ModelCatalog.class);
        // the seeds' rules come from SCR components: wait for the last seed's model service (a service event)
        awaitModel("guomai-psdf-2024");
    }

    /** Waits for a model's service (its rules come from SCR components), with the hang guard only. */
    static void awaitModel(String id) throws Exception {
        ServiceTracker<EvaluationModel, EvaluationModel> t = new ServiceTracker<>(runtime.context(),
                runtime.context().createFilter("(&(objectClass=" + EvaluationModel.class.getName()
                        + ")(cityeval.model.id=" + id + "))"), null);
        t.open();
        try {
            assertNotNull(t.waitForService(Waits.HANG_GUARD.toMillis()), () -> id + " not loaded: " + catalog.failures());
        } finally {
            t.close();
        }
    }

    @AfterAll
    static void shutdown() throws Exception {
        runtime.close();
    }

    private static List<String> paths(List<ModelLoadError> errors) {
        return errors.stream().map(ModelLoadError::jsonPath).toList();
    }

    @Test
    void aJarValidatesWithItsOwnRuleBeforeItIsDeployed(@TempDir Path dir) throws Exception {
        Path jar = TestBundles.fromRecipe(dir, "own-rule.bnd");
        ValidationReport r = validation.validate(new ValidateRequest(DataSource.file(jar)).pack("china-cities"));
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("own-rule"), r.models());

        // the descriptor alone does not know the rule: named on the command line (--rule), it passes
        Path json = dir.resolve("own-rule.json");
        try (JarFile j = new JarFile(jar.toFile()); InputStream in = j.getInputStream(
                j.getEntry("OSGI-INF/cityeval/models/own-rule.json"))) {
            Files.write(json, in.readAllBytes());
        }
        ValidationReport alone = validation.validate(new ValidateRequest(DataSource.file(json)));
        assertEquals(List.of("$.tree[0].scoring"), paths(alone.problems()));
        assertTrue(alone.problems().get(0).reason().startsWith("scoring rule 'own-log-points' is not available"),
                alone.problems().toString());
        assertTrue(validation.validate(new ValidateRequest(DataSource.file(json)).rules(Set.of("own-log-points"))).valid());
    }

    @Test
    void aJarBrokenThreeWaysReportsAllThreeWithTheirPaths(@TempDir Path dir) throws Exception {
        Path jar = TestBundles.fromRecipe(dir, "own-rule-broken.bnd");
        ValidationReport r = validation.validate(new ValidateRequest(DataSource.file(jar)).pack("china-cities"));
        assertEquals(Set.of("$.tree", "$.tree[0].scoring.parameters.bse", "$.tree[1].binding.variables[0]"),
                Set.copyOf(paths(r.problems())), r.problems().toString());
        assertEquals(3, r.problems().size());
        for (ModelLoadError p : r.problems()) {
            assertEquals(jar + "!/OSGI-INF/cityeval/models/own-rule.json", p.descriptor());
        }
        ModelLoadError param = r.problems().stream().filter(p -> p.jsonPath().endsWith("bse")).findFirst().orElseThrow();
        assertEquals("'bse' is not a parameter of scoring rule 'own-log-points'; it accepts base", param.reason());
        ModelLoadError variable = r.problems().stream().filter(p -> p.jsonPath().contains("variables")).findFirst()
                .orElseThrow();
        assertTrue(variable.reason().endsWith("did you mean 'resident_pop_10k'?"), variable.reason());
        assertEquals(List.of(), r.models());
    }

    @Test
    void theSeedModelsValidateCleanWithAndWithoutAPackAndEachIsAnUpdate() throws Exception {
        List<Path> jars = OsgiRuntime.jars(Dist.home().resolve("models"));
        assertEquals(5, jars.size());
        for (Path jar : jars) {
            for (String pack : new String[] { null, "china-cities" }) {
                ValidationReport r = validation.validate(new ValidateRequest(DataSource.file(jar)).pack(pack));
                assertEquals(List.of(), r.problems(), jar + " --pack " + pack);
                String id = single(r.models());
                LoadedModel loaded = catalog.find(id).orElseThrow();
                // deployed already: validating it again (an edit of it) is an update, not "already provided"
                assertTrue(r.notes().contains("would update " + id + " served by " + loaded.bundle() + " "
                        + loaded.bundleVersion()), r.notes().toString());
            }
        }
    }

    @Test
    void aBrokenHotUpdateKeepsTheLastGoodVersionServingAndSaysEveryProblem(@TempDir Path dir) throws Exception {
        Path good = TestBundles.fromRecipe(Files.createDirectories(dir.resolve("good")), "own-rule.bnd");
        Path broken = TestBundles.fromRecipe(Files.createDirectories(dir.resolve("broken")), "own-rule-broken.bnd");
        Bundle b;
        try (InputStream in = Files.newInputStream(good)) {
            b = runtime.context().installBundle("test:own-rule", in);
        }
        try {
            b.start();
            awaitModel("own-rule");
            LoadedModel v1 = catalog.find("own-rule").orElseThrow(() -> new AssertionError(catalog.failures().toString()));
            try (InputStream in = Files.newInputStream(broken)) {
                b.update(in);
            }
            // the own rule is the bundle's and went with its old revision for a moment: whether or not it is back,
            // the last good version serves and the failure says why, each problem at its path
            LoadedModel serving = catalog.find("own-rule").orElseThrow(() -> new AssertionError("the old version went"));
            assertEquals(v1.bundleVersion(), serving.bundleVersion());
            List<ModelLoadError> failures = catalog.failures().stream().filter(f -> f.descriptor().endsWith("own-rule.json"))
                    .toList();
            assertTrue(failures.size() >= 2, failures::toString);
            assertTrue(paths(failures).contains("$.tree"), failures::toString);
            for (ModelLoadError f : failures) {
                assertTrue(f.failedUpdate(), f::toString);
                assertEquals("own-rule", f.servingModel());
            }
        } finally {
            b.uninstall();
        }
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), list::toString);
        return list.get(0);
    }
}
