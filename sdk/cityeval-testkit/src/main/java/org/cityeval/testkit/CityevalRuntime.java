package org.cityeval.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.ReferenceCheck;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.service.WorkbenchStore;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.EvaluateRequest;
import org.cityeval.api.workflow.EvaluationWorkflow;
import org.cityeval.api.workflow.ModelLookup;
import org.cityeval.api.workflow.ValidateRequest;
import org.cityeval.api.workflow.ValidationReport;
import org.cityeval.api.workflow.ValidationWorkflow;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * An embedded cityeval runtime for a model project: a real Felix with SCR and the runtime bundles (store, engine,
 * extender, importers, city registry, variable catalogue and data packs, workflows), and the project's own
 * bundle. The API bundle is not installed: the system bundle exports its packages, so the caller's API types are
 * the ones the bundles use and the workflow services can be called directly.
 * <p>
 * The project's bundle is installed in one of two ways, switched as needed:
 * <ul>
 * <li>for {@link #validate()}: its rules only (the bundle without its descriptors, so its scoring rules run but
 * no model of it is loaded and a descriptor validates as a new model, not as an update of itself);</li>
 * <li>for {@link #evaluate} and {@link #reproduce}: as built ({@code reference:} the class folder or jar), so the
 * extender loads its models.</li>
 * </ul>
 * Example, in a JUnit 5 test of a model project (after {@code process-classes}, when bnd has written
 * {@code target/classes/META-INF/MANIFEST.MF}):
 *
 * <pre>
 * try (CityevalRuntime runtime = CityevalRuntime.forProject()) {
 *     assertEquals(List.of(), CityevalRuntime.lines(runtime.validate()));
 *     EvaluationResult r = runtime.evaluate(Path.of("src/test/resources/sample-data.csv"));
 * }
 * </pre>
 */
public final class CityevalRuntime implements AutoCloseable {
    /** The bundles the runtime installs when they are on the class path, by symbolic name. */
    public static final Set<String> RUNTIME = Set.of("org.cityeval.store", "org.cityeval.engine",
            "org.cityeval.extender", "org.cityeval.cities", "org.cityeval.io", "org.cityeval.data",
            "org.cityeval.data.china", "org.cityeval.workflow", "org.apache.felix.scr", "org.osgi.service.component",
            "org.osgi.util.promise", "org.osgi.util.function", "com.fasterxml.jackson.core.jackson-databind",
            "com.fasterxml.jackson.core.jackson-core", "com.fasterxml.jackson.core.jackson-annotations",
            "com.fasterxml.jackson.dataformat.jackson-dataformat-csv");
    /** The bundles without which nothing works: their absence is a setup error, named at once. */
    static final Set<String> REQUIRED = Set.of("org.cityeval.engine", "org.cityeval.extender",
            "org.cityeval.workflow", "org.apache.felix.scr");
    static final String API = "org.cityeval.api";
    static final String MODEL_HEADER = "CityEval-Model";
    static final String MODELS_FOLDER = "OSGI-INF/cityeval/models/";
    private static final String SLF4J_PACKAGES = String.join(",", "org.slf4j;version=2.0.17",
            "org.slf4j.spi;version=2.0.17", "org.slf4j.event;version=2.0.17", "org.slf4j.helpers;version=2.0.17");
    /** Only the bound on a broken setup (DS activation takes a second or two): no timing is asserted. */
    static final long HANG_GUARD_MS = 120_000;
    private static final String RULE_PROPERTY_NAME = "cityeval.rule";
    private static final Pattern RULE_PROPERTY = Pattern.compile(
            "<property\\s+name=\"cityeval\\.rule\"[^>]*?value=\"([^\"]+)\"");

    private final Framework framework;
    private final Path storage;
    private final boolean deleteStorage;
    private final Path model;
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();
    private Bundle installed;
    private boolean deployed;

    private CityevalRuntime(Framework framework, Path storage, boolean deleteStorage, Path model) {
        this.framework = framework;
        this.storage = storage;
        this.deleteStorage = deleteStorage;
        this.model = model;
    }

    /** A runtime of the bundles on the class path and the model project in the working folder ({@code target/classes}). */
    public static CityevalRuntime forProject() throws Exception {
        return builder().model(Path.of("target", "classes")).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How to start a runtime: where its bundles come from, which model bundle to add. */
    public static final class Builder {
        private final List<Path> bundles = new ArrayList<>();
        private boolean classPath = true;
        private Path model;
        private Path storage;
        private final Map<String, String> properties = new HashMap<>();

        private Builder() {
        }

        /** A runtime bundle given as a file (added to, or instead of, those on the class path). */
        public Builder bundle(Path jar) {
            bundles.add(jar);
            return this;
        }

        /** Runtime bundles given as files: every runtime bundle, the API jar among them. */
        public Builder bundles(List<Path> jars) {
            bundles.addAll(jars);
            return this;
        }

        /** @param scan whether the class path is searched for the runtime bundles and the API (default true) */
        public Builder classPath(boolean scan) {
            this.classPath = scan;
            return this;
        }

        /** @param bundle the model project's bundle: its class folder (with {@code META-INF/MANIFEST.MF}) or jar */
        public Builder model(Path bundle) {
            this.model = bundle;
            return this;
        }

        /**
         * @param folder the runtime's folder: the framework's cache ({@code felix-cache}, cleaned at start) and the
         *               workbench store ({@code store}); default a temporary folder, deleted on close
         */
        public Builder storage(Path folder) {
            this.storage = folder;
            return this;
        }

        /** A framework property, e.g. {@code cityeval.model.config}. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public CityevalRuntime start() throws Exception {
            Map<String, Path> found = new LinkedHashMap<>();
            if (classPath) {
                found.putAll(fromClassPath(CityevalRuntime.class.getClassLoader()));
            }
            for (Path p : bundles) {
                String bsn = symbolicName(p);
                if (bsn == null) {
                    throw new IllegalArgumentException(p + ": not an OSGi bundle (no Bundle-SymbolicName)");
                }
                found.put(bsn, p);
            }
            Path api = found.remove(API);
            if (api == null) {
                throw new IllegalStateException("the API jar (" + API + ") is neither on the class path nor given");
            }
            Set<String> missing = new TreeSet<>(REQUIRED);
            missing.removeAll(found.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("runtime bundles missing: " + missing + "; found " + found.keySet()
                        + " (a model project needs the test dependency org.cityeval:cityeval-testkit)");
            }
            if (model != null && !Files.exists(model)) {
                throw new IllegalStateException(model + ": no model bundle there (run at least "
                        + "'mvn process-classes' so bnd writes META-INF/MANIFEST.MF)");
            }
            if (model != null && Files.isDirectory(model)
                    && !Files.isRegularFile(model.resolve("META-INF/MANIFEST.MF"))) {
                throw new IllegalStateException(model + ": no META-INF/MANIFEST.MF; the bnd-maven-plugin writes it "
                        + "at process-classes");
            }
            boolean temporary = storage == null;
            Path dir = temporary ? Files.createTempDirectory("cityeval-testkit") : Files.createDirectories(storage);
            Map<String, String> config = new HashMap<>(properties);
            config.put(Constants.FRAMEWORK_STORAGE, dir.resolve("felix-cache").toString());
            config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, exports(api) + "," + SLF4J_PACKAGES);
            if (!config.containsKey(WorkbenchStore.FOLDER)) {
                // the workbench store in the framework's folder, not in memory (which it would warn about)
                Path store = Files.createDirectories(dir.resolve("store"));
                config.put(WorkbenchStore.FOLDER, store.toString());
            }
            FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, CityevalRuntime.class.getClassLoader())
                    .iterator().next();
            Framework framework = factory.newFramework(config);
            framework.init();
            CityevalRuntime runtime = new CityevalRuntime(framework, dir, temporary,
                    model == null ? null : model.toAbsolutePath().normalize());
            try {
                List<Bundle> started = new ArrayList<>();
                for (Map.Entry<String, Path> e : found.entrySet()) {
                    started.add(framework.getBundleContext().installBundle(
                            "reference:" + e.getValue().toAbsolutePath().toUri()));
                }
                framework.start();
                for (Bundle b : started) {
                    if (b.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                        b.start();
                    }
                }
            } catch (Exception | Error e) {
                runtime.close();
                throw e;
            }
            return runtime;
        }
    }

    // ---- services

    /** The service of this type, waiting (up to a generous hang guard) for DS to activate it. */
    public <T> T service(Class<T> type) {
        return service(type, null);
    }

    /** The service of this type whose properties match the LDAP filter ({@code null}: any). */
    public <T> T service(Class<T> type, String filter) {
        return type.cast(await("(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")"
                + (filter == null ? "" : filter) + ")", type.getSimpleName()));
    }

    /** Any service matching the LDAP filter, waiting (hang guard only) for it. */
    private Object await(String filter, String what) {
        BundleContext context = framework.getBundleContext();
        ServiceTracker<Object, Object> tracker;
        try {
            Filter f = context.createFilter(filter);
            tracker = new ServiceTracker<>(context, f, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
        tracker.open();
        trackers.add(tracker);
        Object service;
        try {
            service = tracker.waitForService(HANG_GUARD_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
        if (service == null) {
            throw new IllegalStateException("hang guard: no " + what + " service " + filter + "; " + problems());
        }
        return service;
    }

    public ValidationWorkflow validation() {
        return service(ValidationWorkflow.class);
    }

    public EvaluationWorkflow evaluations() {
        return service(EvaluationWorkflow.class);
    }

    public ModelLookup models() {
        return service(ModelLookup.class);
    }

    public ModelCatalog catalog() {
        return service(ModelCatalog.class);
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    // ---- the model project

    /** @return the model bundle given to the builder, or {@code null} */
    public Path modelBundle() {
        return model;
    }

    /** @return the descriptors the model bundle's {@code CityEval-Model} header names (paths inside the bundle) */
    public List<String> descriptors() throws IOException {
        requireModel();
        return descriptors(model);
    }

    /** @return the ids of the models the bundle's descriptors declare, in header order */
    public List<String> modelIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String d : descriptors()) {
            String file = d.substring(d.lastIndexOf('/') + 1);
            ids.add(file.endsWith(".json") ? file.substring(0, file.length() - 5) : file);
        }
        return ids;
    }

    /** @return the scoring, aggregation, tier and grouping rule names the bundle's DS components declare */
    public Set<String> ruleNames() throws IOException {
        requireModel();
        return ruleNames(model);
    }

    /** Every descriptor of the model bundle through {@link ValidationWorkflow}, against every installed pack. */
    public List<ValidationReport> validate() throws IOException {
        return validate(null);
    }

    /**
     * Every descriptor of the model bundle through {@link ValidationWorkflow}, the bundle's own rules running.
     *
     * @param pack the data pack whose variables the leaves must bind to, or {@code null}
     * @return one report per descriptor, in header order (each names its descriptor file as its source)
     */
    public List<ValidationReport> validate(String pack) throws IOException {
        requireModel();
        useRulesOnly();
        List<ValidationReport> reports = new ArrayList<>();
        Set<String> rules = ruleNames();
        for (String d : descriptors()) {
            Path file = descriptorFile(d);
            reports.add(validation().validate(new ValidateRequest(DataSource.file(file)).pack(pack).rules(rules)));
        }
        return reports;
    }

    /** @return every problem of the reports as {@code <source> at <jsonPath>: <reason>}, in order */
    public static List<String> lines(List<ValidationReport> reports) {
        List<String> out = new ArrayList<>();
        for (ValidationReport r : reports) {
            for (ModelLoadError p : r.problems()) {
                out.add(line(r, p));
            }
        }
        return out;
    }

    /** @return {@code <file> at <jsonPath>: <reason>} for a problem of the report */
    public static String line(ValidationReport report, ModelLoadError problem) {
        String file = problem.descriptor() == null || problem.descriptor().isBlank() || "-".equals(problem.descriptor())
                ? report.source() : problem.descriptor();
        return file + " at " + (problem.jsonPath() == null ? "$" : problem.jsonPath()) + ": " + problem.reason();
    }

    /** Evaluates the bundle's only model on a data file (CSV, XLSX or JSON). */
    public EvaluationResult evaluate(Path data) throws IOException, BadInputException {
        List<String> ids = modelIds();
        if (ids.size() != 1) {
            throw new IllegalStateException(model + " declares " + ids.size() + " models " + ids
                    + "; name one: evaluate(id, data)");
        }
        return evaluate(ids.get(0), DataSource.file(data));
    }

    /** Evaluates a loaded model on a data source (a file, or {@code DataSource.pack("china-cities")}). */
    public EvaluationResult evaluate(String modelId, DataSource data) throws IOException, BadInputException {
        awaitModel(modelId);
        return evaluations().evaluate(new EvaluateRequest(modelId, data));
    }

    /** Evaluates a model's shipped reference data (the report's own table) and checks every printed figure. */
    public EvaluationResult reproduce(String modelId) throws IOException, BadInputException {
        awaitModel(modelId);
        return evaluations().reproduce(modelId);
    }

    /** @return whether the loaded model ships reference data (its descriptor's {@code reference} table) */
    public boolean hasReference(String modelId) {
        awaitModel(modelId);
        return catalog().reference(modelId).isPresent();
    }

    /**
     * @return every figure a reproduction did not match, as {@code check: line} (a city and figure per line), or
     *         a line saying nothing was compared; empty when the result reproduces its reference exactly
     */
    public static List<String> differences(EvaluationResult result) {
        List<String> out = new ArrayList<>();
        if (result.checks().isEmpty()) {
            out.add("no reference figure was compared");
        }
        for (ReferenceCheck c : result.checks()) {
            for (String m : c.mismatches()) {
                out.add(c.what() + ": " + m);
            }
            if (c.compared() != c.matched() && c.mismatches().isEmpty()) {
                out.add(c.what() + ": " + (c.compared() - c.matched()) + " of " + c.compared() + " differ");
            }
        }
        return out;
    }

    /** Waits (hang guard only) for the extender to load the model; fails with the catalog's failures. */
    public void awaitModel(String modelId) {
        useDeployed();
        ModelCatalog catalog = catalog();
        long slices = HANG_GUARD_MS / 50;
        for (long i = 0; i < slices; i++) {
            if (catalog.find(modelId).isPresent()) {
                return;
            }
            if (!catalog.failures().isEmpty() && installed != null && failedFor(catalog, installed)) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (catalog.find(modelId).isEmpty()) {
            throw new IllegalStateException("model " + modelId + " did not load: " + catalog.failures());
        }
    }

    private static boolean failedFor(ModelCatalog catalog, Bundle bundle) {
        return catalog.failures().stream().anyMatch(f -> bundle.getSymbolicName().equals(f.bundle()));
    }

    // ---- switching how the model bundle is installed

    private void requireModel() {
        if (model == null) {
            throw new IllegalStateException("no model bundle: give one with builder().model(path)");
        }
    }

    private void useRulesOnly() throws IOException {
        if (installed != null && !deployed) {
            return;
        }
        uninstall();
        Set<String> rules = ruleNames();
        if (rules.isEmpty()) {
            deployed = false;
            return;
        }
        try {
            installed = context().installBundle("cityeval-testkit:rules-of:" + model.toUri(),
                    new ByteArrayInputStream(rulesOnly(model)));
            installed.start();
        } catch (BundleException e) {
            throw new IllegalStateException(model + ": its rules do not start: " + e.getMessage(), e);
        }
        deployed = false;
        for (String rule : rules) {
            await("(" + RULE_PROPERTY_NAME + "=" + rule + ")", "rule " + rule);
        }
    }

    private void useDeployed() {
        requireModel();
        if (installed != null && deployed) {
            return;
        }
        uninstall();
        try {
            installed = context().installBundle("reference:" + model.toUri());
            installed.start();
        } catch (BundleException e) {
            throw new IllegalStateException(model + ": the model bundle does not start: " + e.getMessage(), e);
        }
        deployed = true;
    }

    private void uninstall() {
        if (installed != null) {
            try {
                installed.uninstall();
            } catch (BundleException e) {
                throw new IllegalStateException(e);
            }
            installed = null;
            framework.adapt(org.osgi.framework.wiring.FrameworkWiring.class).refreshBundles(null);
        }
    }

    private String problems() {
        List<String> out = new ArrayList<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                out.add(b.getSymbolicName() + " not active (state " + b.getState() + ")");
            }
        }
        return out.isEmpty() ? "all bundles are active" : String.join(", ", out);
    }

    @Override
    public void close() throws Exception {
        trackers.forEach(ServiceTracker::close);
        trackers.clear();
        try {
            framework.stop();
            framework.waitForStop(HANG_GUARD_MS);
        } finally {
            if (deleteStorage && Files.isDirectory(storage)) {
                try (Stream<Path> s = Files.walk(storage)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    // ---- reading bundles

    /** The runtime bundles and the API jar among the class loader's jars, by symbolic name. */
    static Map<String, Path> fromClassPath(ClassLoader loader) throws IOException {
        Map<String, Path> found = new LinkedHashMap<>();
        Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            URL url = manifests.nextElement();
            Path jar = jarOf(url);
            if (jar == null) {
                continue;
            }
            Manifest m;
            try (InputStream in = url.openStream()) {
                m = new Manifest(in);
            }
            String bsn = bsn(m);
            if (bsn != null && (RUNTIME.contains(bsn) || API.equals(bsn)) && !found.containsKey(bsn)) {
                found.put(bsn, jar);
            }
        }
        return found;
    }

    static Path jarOf(URL url) {
        String s = url.toString();
        if (!s.startsWith("jar:file:") || !s.contains("!/")) {
            return null;
        }
        try {
            return Path.of(new java.net.URI(s.substring(4, s.indexOf("!/"))));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    static String symbolicName(Path bundle) throws IOException {
        Manifest m = manifest(bundle);
        return m == null ? null : bsn(m);
    }

    private static String bsn(Manifest m) {
        String v = m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        return v == null ? null : v.split(";")[0].trim();
    }

    static Manifest manifest(Path bundle) throws IOException {
        if (Files.isDirectory(bundle)) {
            Path mf = bundle.resolve("META-INF/MANIFEST.MF");
            if (!Files.isRegularFile(mf)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(mf)) {
                return new Manifest(in);
            }
        }
        try (JarFile jar = new JarFile(bundle.toFile())) {
            return jar.getManifest();
        }
    }

    private static String exports(Path api) throws IOException {
        Manifest m = manifest(api);
        String e = m == null ? null : m.getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
        if (e == null) {
            throw new IllegalStateException(api + ": the API jar has no Export-Package");
        }
        return e;
    }

    static List<String> descriptors(Path bundle) throws IOException {
        Manifest m = manifest(bundle);
        String header = m == null ? null : m.getMainAttributes().getValue(MODEL_HEADER);
        List<String> out = new ArrayList<>();
        if (header != null) {
            for (String s : header.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** The descriptor as a file: in the class folder, or copied out of the jar into a temporary folder. */
    private Path descriptorFile(String entry) throws IOException {
        if (Files.isDirectory(model)) {
            return model.resolve(entry);
        }
        Path dir = storage.resolve("descriptors");
        Files.createDirectories(dir);
        Path out = dir.resolve(entry.substring(entry.lastIndexOf('/') + 1));
        Files.write(out, read(model, entry));
        return out;
    }

    static byte[] read(Path bundle, String entry) throws IOException {
        if (Files.isDirectory(bundle)) {
            return Files.readAllBytes(bundle.resolve(entry));
        }
        try (JarFile jar = new JarFile(bundle.toFile())) {
            JarEntry e = jar.getJarEntry(entry);
            if (e == null) {
                throw new IOException(bundle + ": no entry " + entry);
            }
            try (InputStream in = jar.getInputStream(e)) {
                return in.readAllBytes();
            }
        }
    }

    /** Every entry name of the bundle (files only), in name order. */
    static List<String> entries(Path bundle) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(bundle)) {
            try (Stream<Path> s = Files.walk(bundle)) {
                s.filter(Files::isRegularFile).forEach(p -> out.add(bundle.relativize(p).toString().replace('\\', '/')));
            }
        } else {
            try (JarFile jar = new JarFile(bundle.toFile())) {
                jar.stream().filter(e -> !e.isDirectory()).forEach(e -> out.add(e.getName()));
            }
        }
        out.sort(null);
        return out;
    }

    static Set<String> ruleNames(Path bundle) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Manifest m = manifest(bundle);
        String components = m == null ? null : m.getMainAttributes().getValue("Service-Component");
        if (components == null) {
            return names;
        }
        for (String entry : entries(bundle)) {
            if (entry.startsWith("OSGI-INF/") && entry.endsWith(".xml")) {
                Matcher matcher = RULE_PROPERTY.matcher(new String(read(bundle, entry), StandardCharsets.UTF_8));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    /**
     * The bundle without its models: the same classes and component descriptions under another symbolic name,
     * without the {@code CityEval-Model} header, the model capability and the extender requirement, so its rules
     * run while nothing of it is loaded as a model.
     */
    static byte[] rulesOnly(Path bundle) throws IOException {
        Manifest m = new Manifest(manifest(bundle));
        Attributes a = m.getMainAttributes();
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, bsn(m) + ".rules");
        a.remove(new Attributes.Name(MODEL_HEADER));
        a.remove(new Attributes.Name(Constants.PROVIDE_CAPABILITY));
        String req = a.getValue(Constants.REQUIRE_CAPABILITY);
        if (req != null && req.contains("cityeval.model")) {
            a.remove(new Attributes.Name(Constants.REQUIRE_CAPABILITY));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            for (String e : entries(bundle)) {
                if (e.equals("META-INF/MANIFEST.MF") || e.startsWith("OSGI-INF/cityeval/")) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(e));
                jar.write(read(bundle, e));
                jar.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** @return the descriptor file in the project's sources a bundle entry was copied from, if there is one */
    public static Optional<Path> sourceOf(Path projectDir, String entry) {
        Path p = projectDir.resolve("src/main/resources").resolve(entry);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

}
