package org.cityeval.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The runtime the benchmarks measure: an embedded Felix with SCR and the real cityeval bundles (the importers,
 * the city registry, the engine, the extender, COINr), so a benchmark reaches the code only through API and
 * SPI services, as every front end does, and never compiles against a bundle's internals. As in the
 * in-framework tests, the API bundle is not installed: its packages (and SLF4J's) are exported by the system
 * bundle, so this class path's API types are the ones the bundles use.
 *
 * <p>The bundles are jars inside this module's jar ({@code bundles/*.jar}, copied there by the build from the
 * module's runtime dependencies), so {@code benchmarks.jar} alone is enough to run, also in JMH's forks.
 */
public final class CityevalFramework implements AutoCloseable {
    private static final String SLF4J_PACKAGES = String.join(",", "org.slf4j;version=2.0.17",
            "org.slf4j.spi;version=2.0.17", "org.slf4j.event;version=2.0.17", "org.slf4j.helpers;version=2.0.17");
    /** Framework start and DS activation take a second or two; this is only the bound on a broken setup. */
    private static final long SERVICE_WAIT_MS = 60_000;

    private final Framework framework;
    private final Path storage;
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    private CityevalFramework(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /** Starts the framework and every bundle inside this jar. */
    public static CityevalFramework start() throws Exception {
        Path storage = Files.createTempDirectory("cityeval-bench-felix");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, apiPackages() + "," + SLF4J_PACKAGES);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.init();
        CityevalFramework runtime = new CityevalFramework(framework, storage);
        List<Bundle> bundles = new ArrayList<>();
        for (String jar : entries("bundles/")) {
            try (InputStream in = resource(jar)) {
                bundles.add(framework.getBundleContext().installBundle("cityeval-bench:" + jar, in));
            }
        }
        framework.start();
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        return runtime;
    }

    /** The service of this type, waiting for DS to activate it. */
    public <T> T service(Class<T> type) throws InterruptedException {
        return service(type, null);
    }

    /** The service of this type whose properties match the LDAP filter ({@code null}: any). */
    public <T> T service(Class<T> type, String filter) throws InterruptedException {
        BundleContext context = framework.getBundleContext();
        ServiceTracker<T, T> tracker;
        try {
            Filter f = context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")"
                    + (filter == null ? "" : filter) + ")");
            tracker = new ServiceTracker<>(context, f, null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
        tracker.open();
        trackers.add(tracker);
        T service = tracker.waitForService(SERVICE_WAIT_MS);
        if (service == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + (filter == null ? "" : " " + filter)
                    + " service: a bundle did not start? " + problems());
        }
        return service;
    }

    private String problems() {
        List<String> out = new ArrayList<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                out.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        return out.isEmpty() ? "all bundles active" : String.join(", ", out);
    }

    @Override
    public void close() throws Exception {
        trackers.forEach(ServiceTracker::close);
        framework.stop();
        framework.waitForStop(0);
        Files.walkFileTree(storage, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The API bundle's own Export-Package, read from its jar (copied beside the bundles as api/). */
    private static String apiPackages() throws IOException {
        List<String> api = entries("api/");
        if (api.size() != 1) {
            throw new IllegalStateException("expected one API jar under api/ in " + home() + ", found " + api);
        }
        try (InputStream in = resource(api.get(0)); java.util.jar.JarInputStream jar = new java.util.jar.JarInputStream(in)) {
            Manifest m = jar.getManifest();
            return m.getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = CityevalFramework.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " not found in " + home());
        }
        return in;
    }

    /** The jars under a folder of this module's jar (or of target/classes, run from an IDE), in name order. */
    private static List<String> entries(String folder) throws IOException {
        Path home = home();
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(home)) {
            Path dir = home.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    s.map(p -> folder + p.getFileName()).filter(n -> n.endsWith(".jar")).forEach(names::add);
                }
            }
        } else {
            try (ZipFile zip = new JarFile(home.toFile())) {
                for (var e = zip.entries(); e.hasMoreElements();) {
                    ZipEntry z = e.nextElement();
                    String n = z.getName();
                    if (n.startsWith(folder) && n.endsWith(".jar") && n.indexOf('/', folder.length()) < 0) {
                        names.add(n);
                    }
                }
            }
        }
        names.sort(null);
        return names;
    }

    private static Path home() {
        try {
            return Path.of(CityevalFramework.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
