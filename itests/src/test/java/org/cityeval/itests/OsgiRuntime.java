package org.cityeval.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.ModelCatalog;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A real Felix framework with the distribution's real bundles. The API bundle is left out and its
 * packages come from the system bundle instead (the test class path has the same API jar), so test code
 * and bundles share one copy of the API types and tests can call the services directly.
 */
final class OsgiRuntime implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    static final String SLF4J_PACKAGES = String.join(",", "org.slf4j;version=2.0.17", "org.slf4j.spi;version=2.0.17",
            "org.slf4j.event;version=2.0.17", "org.slf4j.helpers;version=2.0.17");

    /** Set once booted: by the constructors, or before the first test of a class for {@link #perClass()}. */
    Framework framework;
    Path storage;

    OsgiRuntime(Path dist, String... extraFolders) throws Exception {
        this(dist, Map.of(), extraFolders);
    }

    /** With extra framework properties (say the weight configuration folder). */
    OsgiRuntime(Path dist, Map<String, String> properties, String... extraFolders) throws Exception {
        boot(dist, properties, extraFolders);
    }

    private OsgiRuntime() {
    }

    /**
     * The full distribution's runtime shared by the tests of one class, as a JUnit extension: booted before the
     * first test, stopped after the last. Register it in a static field:
     *
     * <pre>
     * &#64;RegisterExtension
     * static final OsgiRuntime runtime = OsgiRuntime.perClass();
     * </pre>
     */
    static OsgiRuntime perClass() {
        return new OsgiRuntime();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        boot(Dist.home(), Map.of());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private void boot(Path dist, Map<String, String> properties, String... extraFolders) throws Exception {
        storage = Files.createTempDirectory("cityeval-itest-felix");
        Map<String, String> config = new HashMap<>(properties);
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, apiPackages(dist) + "," + SLF4J_PACKAGES);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.init();
        List<Path> jars = new ArrayList<>(jars(dist.resolve("bundle/core")));
        for (String f : extraFolders) {
            jars.addAll(jars(dist.resolve(f)));
        }
        jars.addAll(jars(dist.resolve("models")));
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            if (!jar.getFileName().toString().startsWith("org.cityeval.api-")) {
                bundles.add(context().installBundle("reference:" + jar.toUri()));
            }
        }
        framework.start();
        for (Bundle b : bundles) {
            b.start();
        }
    }

    /**
     * The API bundle's own Export-Package (packages with their versions), offered by the system bundle
     * instead: read from the jar, so that a new API package or version needs no change here.
     */
    static String apiPackages(Path dist) throws Exception {
        for (Path jar : jars(dist.resolve("bundle/core"))) {
            if (jar.getFileName().toString().startsWith("org.cityeval.api-")) {
                try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
                    return j.getManifest().getMainAttributes().getValue("Export-Package");
                }
            }
        }
        throw new IllegalStateException("no org.cityeval.api bundle in " + dist.resolve("bundle/core"));
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(context(), type, null);
        t.open();
        T s = t.waitForService(Waits.HANG_GUARD.toMillis());
        if (s == null) {
            throw new AssertionError("hang guard: no " + type.getSimpleName() + " service within "
                    + Waits.HANG_GUARD.toMinutes() + " min");
        }
        return s;
    }

    /** The loaded model, waiting a little in case a rule service it names is still starting. */
    EvaluationModel model(String id) throws Exception {
        ModelCatalog catalog = service(ModelCatalog.class);
        Waits.until(() -> id + " to load (" + catalog.failures() + ")", () -> catalog.find(id).isPresent());
        return catalog.find(id).orElseThrow(() -> new AssertionError(id + " not loaded: " + catalog.failures()))
                .model();
    }

    Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    static List<Path> jars(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    @Override
    public void close() throws Exception {
        if (framework == null) {
            return; // never booted (the boot failed, and said why)
        }
        framework.stop();
        framework.waitForStop(Waits.HANG_GUARD.toMillis());
        try (Stream<Path> s = Files.walk(storage)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
