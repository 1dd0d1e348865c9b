package org.cityeval.extender.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.extender.internal.DescriptorParser.RuleKind;
import org.cityeval.extender.internal.ModelBundle.Descriptor;
import org.cityeval.extender.internal.ModelBundle.Version;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bundle's lifecycle as the extender sees it (Felix SCR's {@code BundleComponentActivator}, Sling Models'
 * {@code ModelPackageBundleListener}): the customizer of a {@code BundleTracker} over every installed bundle.
 * The tracked object of a bundle with the {@value #HEADER} header is its {@link ModelBundle}, which holds its
 * registrations; models are registered through the bundle's own context (they are attributed to it and cannot
 * outlive it) while it is STARTING or ACTIVE, and unregistered when it stops. The tracked object lives until
 * the bundle is uninstalled, so the last good version of each descriptor survives an update: if the updated
 * descriptor fails, the model is registered again from that version, and the failure says so.
 * <p>
 * Concurrency: bundle events of one bundle come one at a time (the framework holds the bundle's lock), but a
 * rule service can appear on any thread. Every operation (a bundle event, a rule appearing or going) holds
 * {@link ModelRegistry#lock} from start to end, registrations and unregistrations included, so a reload
 * triggered by a rule can neither register a model of a bundle that has begun to stop nor miss a descriptor
 * that began waiting concurrently. The lock is held while calling the framework's registry (whose service
 * events reach the catalog on this thread), never while waiting for another thread; readers of the catalog
 * never take it.
 */
final class ModelBundles implements BundleTrackerCustomizer<ModelBundle> {
    /** Manifest header listing descriptor entries, comma-separated. */
    static final String HEADER = "CityEval-Model";
    /** Every state but UNINSTALLED: a bundle is tracked from install to uninstall. */
    static final int TRACKED = Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;
    /** States in which a bundle's models are registered (its context is valid). */
    static final int SERVING = Bundle.STARTING | Bundle.ACTIVE;
    /** Largest reference file kept in memory for a last good version; the seed models' are under 6 KB. */
    static final int MAX_REFERENCE_BYTES = 16 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ModelBundles.class);

    private final ModelRegistry registry;
    /** Guarded by the registry's lock. */
    private final Map<Long, ModelBundle> bundles = new HashMap<>();
    /**
     * Names of the rule services registered now, per kind: immutable, replaced under the registry's lock, so
     * {@code validate} and {@code read} take a consistent copy without waiting for an operation.
     */
    private volatile Map<RuleKind, Set<String>> rules;
    /** The parameters each rule service declares, by kind and name (absent: not declared); as {@link #rules}. */
    private volatile Map<RuleKind, Map<String, Set<String>>> parameters;
    private volatile Path configDir;

    ModelBundles(ModelRegistry registry) {
        this.registry = registry;
        Map<RuleKind, Set<String>> none = new EnumMap<>(RuleKind.class);
        for (RuleKind k : RuleKind.values()) {
            none.put(k, Set.of());
        }
        this.rules = none;
        Map<RuleKind, Map<String, Set<String>>> noParameters = new EnumMap<>(RuleKind.class);
        for (RuleKind k : RuleKind.values()) {
            noParameters.put(k, Map.of());
        }
        this.parameters = noParameters;
    }

    /** The folder of per-model weight configuration, or null. */
    void configDir(Path dir) {
        this.configDir = dir;
    }

    // --- bundle events -----------------------------------------------------------------------------------------

    @Override
    public ModelBundle addingBundle(Bundle bundle, BundleEvent event) {
        if (header(bundle) == null) {
            return null; // asked again on the bundle's next event, so an update that adds the header is seen
        }
        ModelBundle mb = new ModelBundle(bundle);
        registry.update(() -> {
            bundles.put(bundle.getBundleId(), mb);
            if (serving(bundle)) {
                load(mb);
            }
        });
        return mb;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, ModelBundle mb) {
        registry.update(() -> {
            if (mb.closed) {
                return;
            }
            boolean serving = serving(bundle);
            if (serving && !mb.active) {
                load(mb);
            } else if (!serving && mb.active) {
                unload(mb, true); // stopping, perhaps for an update: keep the last good versions
            }
        });
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, ModelBundle mb) {
        registry.update(() -> close(mb));
    }

    /** Uninstalled, or the extender stops: its models and failures go at once, and nothing of it is kept. */
    private void close(ModelBundle mb) {
        if (mb.closed) {
            return;
        }
        if (mb.active) {
            unload(mb, false);
        }
        mb.closed = true;
        mb.descriptors.clear();
        bundles.remove(mb.bundle.getBundleId(), mb);
    }

    private static boolean serving(Bundle bundle) {
        return (bundle.getState() & SERVING) != 0;
    }

    private static String header(Bundle bundle) {
        String h = bundle.getHeaders("").get(HEADER);
        return h == null || h.isBlank() ? null : h;
    }

    // --- rules ---------------------------------------------------------------------------------------------------

    /** A rule service that does not declare its parameters appeared. */
    void ruleAdded(RuleKind kind, String name) {
        ruleAdded(kind, name, null);
    }

    /**
     * A rule service appeared: descriptors that waited for a rule are tried again.
     *
     * @param accepted the parameters it declares, or null when it declares none
     */
    void ruleAdded(RuleKind kind, String name, Set<String> accepted) {
        registry.update(() -> {
            Map<RuleKind, Map<String, Set<String>>> copy = new EnumMap<>(parameters);
            Map<String, Set<String>> byName = new HashMap<>(copy.get(kind));
            if (accepted == null) {
                byName.remove(name);
            } else {
                byName.put(name, Set.copyOf(accepted));
            }
            copy.put(kind, Map.copyOf(byName));
            parameters = copy;
            if (!rules.get(kind).contains(name)) {
                rules = with(kind, name, true);
                for (ModelBundle mb : List.copyOf(bundles.values())) {
                    retryWaiting(mb);
                }
            }
        });
    }

    /** A rule service went. Models naming it stay registered; evaluating them reports the missing rule by name. */
    void ruleRemoved(RuleKind kind, String name) {
        registry.update(() -> rules = with(kind, name, false));
    }

    private Map<RuleKind, Set<String>> with(RuleKind kind, String name, boolean add) {
        Map<RuleKind, Set<String>> copy = new EnumMap<>(rules);
        Set<String> names = new HashSet<>(copy.get(kind));
        if (add) {
            names.add(name);
        } else {
            names.remove(name);
        }
        copy.put(kind, Set.copyOf(names));
        return copy;
    }

    /** The rule names registered now, as one immutable copy. */
    DescriptorParser.RuleNames ruleNames() {
        return ruleNames(Map.of(), Map.of());
    }

    /**
     * The rule names registered now and some more, as one immutable copy.
     *
     * @param more           more rule names by kind (a model project's own rules, not deployed)
     * @param moreParameters their declared parameters, by kind and name (absent: not declared)
     */
    DescriptorParser.RuleNames ruleNames(Map<RuleKind, Set<String>> more, Map<RuleKind, Map<String, Set<String>>> moreParameters) {
        Map<RuleKind, Set<String>> now = rules;
        Map<RuleKind, Map<String, Set<String>>> declared = parameters;
        return new DescriptorParser.RuleNames() {
            @Override
            public boolean known(RuleKind kind, String name) {
                return now.get(kind).contains(name) || more.getOrDefault(kind, Set.of()).contains(name);
            }

            @Override
            public Set<String> available(RuleKind kind) {
                Set<String> all = new HashSet<>(now.get(kind));
                all.addAll(more.getOrDefault(kind, Set.of()));
                return all;
            }

            @Override
            public Set<String> parameters(RuleKind kind, String name) {
                Set<String> own = moreParameters.getOrDefault(kind, Map.of()).get(name);
                if (own != null) {
                    return own; // the project's own declaration wins over a deployed older version
                }
                // named without a declaration (--rule NAME, the Maven plugin's project rules): a running service
                // of that name, e.g. the project's own rule started in the plugin's runtime, still declares them
                return declared.get(kind).get(name);
            }
        };
    }

    // --- loading and unloading, under the lock --------------------------------------------------------------------

    /** The bundle became STARTING or ACTIVE: every descriptor its header names now is tried. */
    private void load(ModelBundle mb) {
        mb.active = true;
        String header = header(mb.bundle);
        Set<String> paths = new LinkedHashSet<>();
        if (header != null) {
            for (String p : header.split(",")) {
                if (!p.isBlank()) {
                    paths.add(p.trim());
                }
            }
        }
        // a descriptor the new revision no longer names was removed on purpose: its last good version goes too
        mb.descriptors.keySet().retainAll(paths);
        for (String path : paths) {
            attempt(mb, mb.descriptors.computeIfAbsent(path, Descriptor::new));
        }
        publishFailures(mb);
    }

    private void retryWaiting(ModelBundle mb) {
        if (mb.closed || !mb.active) {
            return; // stopping or gone: nothing may be registered for it
        }
        boolean any = false;
        for (Descriptor d : mb.descriptors.values()) {
            if (d.waiting) {
                attempt(mb, d);
                any = true;
            }
        }
        if (any) {
            publishFailures(mb);
        }
    }

    /** Reads, checks and registers one descriptor; on failure falls back to its last good version, if any. */
    private void attempt(ModelBundle mb, Descriptor d) {
        String bsn = mb.bundle.getSymbolicName();
        try {
            Version v = read(mb.bundle, d.path);
            String id = v.model().id();
            Optional<ModelRegistry.Entry> owner = registry.owner(id);
            if (owner.isPresent() && !isCurrent(d, owner.get())) {
                // another bundle's: an update of this bundle's own model is isCurrent and replaces it
                throw new DescriptorException("$.id", "model id '" + id + "' is already provided by "
                        + owner.get().loaded().bundle() + "/" + owner.get().loaded().descriptor());
            }
            register(mb, d, v);
            d.lastGood = v;
            d.errors = List.of();
            d.waiting = false;
            LOG.info("Loaded model {} from {}/{}", id, bsn, d.path);
        } catch (DescriptorException e) {
            // every problem is reported, one load error each; a descriptor that waits only for rules says so
            List<String[]> problems = new ArrayList<>();
            for (DescriptorException p : e.problems()) {
                problems.add(new String[] { p.jsonPath(),
                        e.missingRule() ? "waiting for a rule service: " + p.reason() : p.reason() });
            }
            failed(mb, d, problems, e.missingRule(), null);
        } catch (IOException | RuntimeException e) {
            // a broken plug-in never takes the runtime down
            failed(mb, d, List.<String[]>of(new String[] { "$", "cannot read: " + e }), false, e);
        }
    }

    private static boolean isCurrent(Descriptor d, ModelRegistry.Entry owner) {
        return d.registration != null && owner.ref().equals(d.registration.getReference());
    }

    /** @param problems JSON path and reason of each problem */
    private void failed(ModelBundle mb, Descriptor d, List<String[]> problems, boolean waiting, Exception cause) {
        String bsn = mb.bundle.getSymbolicName();
        d.waiting = waiting;
        if (d.registration == null && d.lastGood != null) {
            // the descriptor loaded before: keep serving that version until a good one replaces it
            String id = d.lastGood.model().id();
            Optional<ModelRegistry.Entry> owner = registry.owner(id);
            if (owner.isEmpty()) {
                try {
                    register(mb, d, d.lastGood);
                } catch (RuntimeException e) {
                    LOG.warn("Last good version of {} from {}/{} not registered", id, bsn, d.path, e);
                }
            } else {
                LOG.warn("Last good version of {} from {}/{} not served: the id is provided by {}/{}", id, bsn, d.path,
                        owner.get().loaded().bundle(), owner.get().loaded().descriptor());
            }
        }
        List<ModelLoadError> errors = new ArrayList<>();
        for (String[] p : problems) {
            errors.add(d.registration != null
                    ? new ModelLoadError(bsn, d.path, p[0], p[1], d.lastGood.model().id(), d.lastGood.bundleVersion())
                    : new ModelLoadError(bsn, d.path, p[0], p[1]));
        }
        d.errors = List.copyOf(errors);
        if (cause != null) {
            LOG.warn("Model descriptor {}/{} not loaded", bsn, d.path, cause);
        }
        for (ModelLoadError error : d.errors) {
            if (cause != null) {
                continue;
            } else if (waiting) {
                // usually transient: the bundle's own rule services register just after it starts
                LOG.info("Model descriptor {}: not loaded yet", error.message());
            } else {
                LOG.warn("Model descriptor {}", error.message());
            }
        }
    }

    /** Registers a version through the bundle's own context, replacing what the descriptor served before. */
    private void register(ModelBundle mb, Descriptor d, Version v) {
        BundleContext ctx = mb.bundle.getBundleContext();
        if (ctx == null) {
            throw new IllegalStateException("bundle " + mb.bundle.getSymbolicName() + " has no context");
        }
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(EvaluationModel.SERVICE_PROPERTY_ID, v.model().id());
        p.put(ModelRegistry.PROPERTY_BUNDLE, mb.bundle.getSymbolicName());
        p.put(ModelRegistry.PROPERTY_BUNDLE_VERSION, v.bundleVersion());
        p.put(ModelRegistry.PROPERTY_DESCRIPTOR, d.path);
        p.put("cityeval.model.year", v.model().year());
        ServiceRegistration<EvaluationModel> reg = ctx.registerService(EvaluationModel.class, v.model(), p);
        ServiceRegistration<EvaluationModel> old = d.registration;
        d.registration = reg;
        unregister(old);
        if (v.reference() != null) {
            // a last good version of an earlier revision: its reference file is gone with that revision
            URL url = memoryUrl(mb.bundle.getSymbolicName() + "/" + v.bundleVersion() + "/"
                    + v.model().reference().path(), v.reference());
            registry.reference(reg.getReference(), () -> Optional.of(url));
        }
    }

    /**
     * The bundle stops (perhaps for an update) or goes: unregisters exactly what it registered. With
     * {@code keep}, each served version stays as the descriptor's last good one, with its reference file read
     * now, while this revision's entries can still be read.
     */
    private void unload(ModelBundle mb, boolean keep) {
        mb.active = false;
        int removed = 0;
        for (Descriptor d : mb.descriptors.values()) {
            if (d.registration != null) {
                if (keep) {
                    d.lastGood = withReference(mb.bundle, d.lastGood);
                }
                unregister(d.registration);
                d.registration = null;
                removed++;
            }
            d.errors = List.of();
            d.waiting = false;
        }
        registry.failures(mb.bundle.getBundleId(), List.of());
        LOG.info("Removed {} model(s) of bundle {}", removed, mb.bundle.getSymbolicName());
    }

    private static Version withReference(Bundle bundle, Version v) {
        if (v == null || v.reference() != null || v.model().reference() == null) {
            return v;
        }
        URL entry = bundle.getEntry(v.model().reference().path());
        if (entry == null) {
            return v;
        }
        try (InputStream in = entry.openStream()) {
            byte[] bytes = in.readNBytes(MAX_REFERENCE_BYTES + 1);
            if (bytes.length > MAX_REFERENCE_BYTES) {
                LOG.warn("Reference data of {} not kept: larger than {} bytes", v.model().id(), MAX_REFERENCE_BYTES);
                return v;
            }
            return v.withReference(bytes);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Reference data of {} not kept", v.model().id(), e);
            return v;
        }
    }

    private static void unregister(ServiceRegistration<?> reg) {
        if (reg == null) {
            return;
        }
        try {
            reg.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework removed it with its bundle
        }
    }

    private void publishFailures(ModelBundle mb) {
        List<ModelLoadError> errors = new ArrayList<>();
        for (Descriptor d : mb.descriptors.values()) {
            errors.addAll(d.errors);
        }
        registry.failures(mb.bundle.getBundleId(), errors);
    }

    /** Reads and checks one descriptor of the bundle's current revision. */
    private Version read(Bundle bundle, String path) throws IOException, DescriptorException {
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            throw new DescriptorException("$", "the " + HEADER + " header names '" + path + "' but the bundle has no such entry");
        }
        byte[] json;
        try (InputStream in = entry.openStream()) {
            json = DescriptorJson.readBounded(in, "descriptor");
        }
        DescriptorParser.RuleNames known = ruleNames();
        EvaluationModel model = DescriptorParser.parse(json, known);
        Path dir = configDir;
        Path config = dir == null ? null : dir.resolve(model.id() + ".json");
        if (config != null && Files.isRegularFile(config)) {
            model = DescriptorParser.parse(json, known, WeightConfiguration.read(config), config.toString());
            LOG.info("Weights of {} set by {}", model.id(), config);
        }
        if (model.reference() != null && bundle.getEntry(model.reference().path()) == null) {
            throw new DescriptorException("$.reference.path", "'" + model.reference().path() + "' is not in the bundle");
        }
        return new Version(model, bundle.getVersion().toString(), null);
    }

    /** A URL whose content is these bytes: the reference file of a version whose bundle revision is gone. */
    static URL memoryUrl(String name, byte[] bytes) {
        URLStreamHandler handler = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                return new URLConnection(u) {
                    @Override
                    public void connect() {
                        connected = true;
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(bytes);
                    }

                    @Override
                    public long getContentLengthLong() {
                        return bytes.length;
                    }
                };
            }
        };
        try {
            return new URL("cityeval-kept", "", -1, "/" + name, handler);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For tests: the tracked object of a bundle id. */
    ModelBundle tracked(long bundleId) {
        registry.lock.lock();
        try {
            return bundles.get(bundleId);
        } finally {
            registry.lock.unlock();
        }
    }
}
