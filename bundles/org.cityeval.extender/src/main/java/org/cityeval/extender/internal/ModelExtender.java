package org.cityeval.extender.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.CatalogOverview;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.service.ModelOverview;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;
import org.cityeval.extender.internal.DescriptorParser.RuleKind;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model extender. Watches bundles with a {@value #HEADER} header (the build writes it from the
 * descriptors the bundle holds), validates each descriptor and registers the model as an
 * {@link EvaluationModel} service; reports what failed, per bundle and descriptor, and carries on.
 * Descriptors are read as entries, so a model bundle's classes are never loaded to find its models.
 * <p>
 * A descriptor that names a rule the runtime does not have yet waits: it is listed among the failures
 * and loaded as soon as a service with that rule name appears (a custom-rule bundle started later).
 * <p>
 * It is also the introspection service ({@link ModelCatalog}): it knows what it loaded and what failed.
 */
@Component(immediate = true, service = ModelCatalog.class)
@Capability(namespace = "osgi.extender", name = ModelExtender.EXTENDER_NAME, version = "1.0.0")
public class ModelExtender implements ModelCatalog, BundleTrackerCustomizer<Long> {
    /** Manifest header listing descriptor entries, comma-separated. */
    public static final String HEADER = "CityEval-Model";
    static final String EXTENDER_NAME = "cityeval.model";
    private static final Logger LOG = LoggerFactory.getLogger(ModelExtender.class);

    private final Map<RuleKind, Set<String>> ruleNames = new ConcurrentHashMap<>();
    private final Map<Long, Contribution> contributions = new ConcurrentHashMap<>();
    /** Framework property: folder of per-model weight configuration, {@code <model id>.json}. */
    public static final String CONFIG_DIR = "cityeval.model.config";
    private BundleContext context;
    private Path configDir;
    private BundleTracker<Long> tracker;

    public ModelExtender() {
        for (RuleKind k : RuleKind.values()) {
            ruleNames.put(k, ConcurrentHashMap.newKeySet());
        }
    }

    @Activate
    void activate(BundleContext ctx) {
        this.context = ctx;
        String dir = ctx.getProperty(CONFIG_DIR);
        this.configDir = dir == null || dir.isBlank() ? null : Paths.get(dir);
        tracker = new BundleTracker<>(ctx, Bundle.STARTING | Bundle.ACTIVE, this);
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        contributions.values().forEach(Contribution::unregister);
        contributions.clear();
    }

    // --- bundle tracking -----------------------------------------------------------------------------

    @Override
    public Long addingBundle(Bundle bundle, BundleEvent event) {
        String header = bundle.getHeaders("").get(HEADER);
        if (header == null || header.isBlank()) {
            return null;
        }
        load(bundle);
        return bundle.getBundleId();
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Long id) {
        // state changes between STARTING and ACTIVE do not change the descriptors
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Long id) {
        Contribution c = contributions.remove(id);
        if (c != null) {
            c.unregister();
            LOG.info("Removed {} model(s) of bundle {}", c.loaded.size(), bundle.getSymbolicName());
        }
    }

    /** Loads every descriptor of a bundle; one bad descriptor never stops the others. */
    private synchronized void load(Bundle bundle) {
        Contribution previous = contributions.remove(bundle.getBundleId());
        if (previous != null) {
            previous.unregister();
        }
        Contribution c = new Contribution(bundle);
        String bsn = bundle.getSymbolicName();
        String version = bundle.getVersion().toString();
        for (String path : bundle.getHeaders("").get(HEADER).split(",")) {
            path = path.trim();
            if (path.isEmpty()) {
                continue;
            }
            try {
                byte[] json = read(bundle, path);
                DescriptorParser.RuleNames known = ruleNames();
                EvaluationModel model = DescriptorParser.parse(json, known);
                Path config = configDir == null ? null : configDir.resolve(model.id() + ".json");
                if (config != null && Files.isRegularFile(config)) {
                    model = DescriptorParser.parse(json, known, WeightConfiguration.read(config), config.toString());
                    LOG.info("Weights of {} set by {}", model.id(), config);
                }
                if (model.reference() != null && bundle.getEntry(model.reference().path()) == null) {
                    throw new DescriptorException("$.reference.path",
                            "'" + model.reference().path() + "' is not in the bundle");
                }
                String owner = ownerOf(model.id(), c);
                if (owner != null) {
                    throw new DescriptorException("$.id", "model id '" + model.id() + "' is already provided by " + owner);
                }
                LoadedModel loaded = new LoadedModel(model, bsn, version, path);
                c.loaded.add(loaded);
                c.registrations.add(context.registerService(EvaluationModel.class, model, properties(loaded)));
                LOG.info("Loaded model {} from {}/{}", model.id(), bsn, path);
            } catch (DescriptorException e) {
                c.waiting |= e.missingRule();
                String reason = e.missingRule() ? "waiting for a rule service: " + e.reason() : e.reason();
                c.errors.add(new ModelLoadError(bsn, path, e.jsonPath(), reason));
                if (e.missingRule()) {
                    // usually transient: the bundle's own rule services register just after it starts
                    LOG.info("Model descriptor {}/{} not loaded yet: {}: {}", bsn, path, e.jsonPath(), reason);
                } else {
                    LOG.warn("Model descriptor {}/{} not loaded: {}: {}", bsn, path, e.jsonPath(), reason);
                }
            } catch (IOException | RuntimeException e) {
                // a broken plug-in never takes the runtime down
                c.errors.add(new ModelLoadError(bsn, path, "$", "cannot read: " + e));
                LOG.warn("Model descriptor {}/{} not loaded", bsn, path, e);
            }
        }
        contributions.put(bundle.getBundleId(), c);
    }

    private String ownerOf(String modelId, Contribution self) {
        for (LoadedModel m : self.loaded) {
            if (m.model().id().equals(modelId)) {
                return m.bundle() + "/" + m.descriptor();
            }
        }
        for (Contribution other : contributions.values()) {
            for (LoadedModel m : other.loaded) {
                if (m.model().id().equals(modelId)) {
                    return m.bundle() + "/" + m.descriptor();
                }
            }
        }
        return null;
    }

    private static byte[] read(Bundle bundle, String path) throws IOException, DescriptorException {
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            throw new DescriptorException("$", "the " + HEADER + " header names '" + path + "' but the bundle has no such entry");
        }
        try (InputStream in = entry.openStream()) {
            return DescriptorParser.readBounded(in, "descriptor");
        }
    }

    /** The rule names registered now, and which they are for messages about an unknown one. */
    private DescriptorParser.RuleNames ruleNames() {
        return new DescriptorParser.RuleNames() {
            @Override
            public boolean known(RuleKind kind, String name) {
                return ruleNames.get(kind).contains(name);
            }

            @Override
            public Set<String> available(RuleKind kind) {
                return Set.copyOf(ruleNames.get(kind));
            }
        };
    }

    private static Dictionary<String, Object> properties(LoadedModel loaded) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(EvaluationModel.SERVICE_PROPERTY_ID, loaded.model().id());
        p.put("cityeval.model.bundle", loaded.bundle());
        p.put("cityeval.model.year", loaded.model().year());
        return p;
    }

    // --- rule whiteboard: names only, rule components are not activated by this ------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addScoring(ServiceReference<ScoringRule> ref) {
        ruleAdded(RuleKind.SCORING, ref);
    }

    void removeScoring(ServiceReference<ScoringRule> ref) {
        ruleRemoved(RuleKind.SCORING, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addAggregation(ServiceReference<AggregationRule> ref) {
        ruleAdded(RuleKind.AGGREGATION, ref);
    }

    void removeAggregation(ServiceReference<AggregationRule> ref) {
        ruleRemoved(RuleKind.AGGREGATION, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addTier(ServiceReference<TierRule> ref) {
        ruleAdded(RuleKind.TIER, ref);
    }

    void removeTier(ServiceReference<TierRule> ref) {
        ruleRemoved(RuleKind.TIER, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addGrouping(ServiceReference<GroupingRule> ref) {
        ruleAdded(RuleKind.GROUPING, ref);
    }

    void removeGrouping(ServiceReference<GroupingRule> ref) {
        ruleRemoved(RuleKind.GROUPING, ref);
    }

    private void ruleAdded(RuleKind kind, ServiceReference<?> ref) {
        if (ruleNames.get(kind).add(String.valueOf(ref.getProperty(Rules.NAME))) && tracker != null) {
            // descriptors that waited for this rule can load now
            for (Contribution c : List.copyOf(contributions.values())) {
                if (c.waiting && (c.bundle.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                    load(c.bundle);
                }
            }
        }
    }

    private void ruleRemoved(RuleKind kind, ServiceReference<?> ref) {
        // Models naming the rule stay listed; evaluating them reports the missing rule by name.
        ruleNames.get(kind).remove(String.valueOf(ref.getProperty(Rules.NAME)));
    }

    // --- introspection ---------------------------------------------------------------------------------

    @Override
    public List<LoadedModel> models() {
        List<LoadedModel> all = new ArrayList<>();
        contributions.values().forEach(c -> all.addAll(c.loaded));
        all.sort(Comparator.comparing(m -> m.model().id()));
        return all;
    }

    @Override
    public CatalogOverview overview() {
        List<ModelOverview> list = new ArrayList<>();
        for (LoadedModel lm : models()) {
            list.add(Overviews.of(lm));
        }
        return new CatalogOverview(list, failures());
    }

    @Override
    public EvaluationModel read(String source, byte[] descriptor) throws BadInputException {
        try {
            return DescriptorParser.parse(descriptor, ruleNames());
        } catch (DescriptorException e) {
            throw new BadInputException(source, e.jsonPath(), e.reason());
        }
    }

    @Override
    public List<ModelLoadError> validate(String source, byte[] descriptor) {
        try {
            EvaluationModel model = DescriptorParser.parse(descriptor, ruleNames());
            String owner = ownerOf(model.id(), new Contribution(null));
            if (owner != null) {
                return List.of(new ModelLoadError("-", source, "$.id",
                        "model id '" + model.id() + "' is already provided by " + owner + " (fine for an update of it)"));
            }
            return List.of();
        } catch (DescriptorException e) {
            return List.of(new ModelLoadError("-", source, e.jsonPath(), e.reason()));
        }
    }

    @Override
    public Optional<LoadedModel> find(String modelId) {
        return models().stream().filter(m -> m.model().id().equals(modelId)).findFirst();
    }

    @Override
    public List<ModelLoadError> failures() {
        List<ModelLoadError> all = new ArrayList<>();
        contributions.values().forEach(c -> all.addAll(c.errors));
        all.sort(Comparator.comparing(ModelLoadError::bundle).thenComparing(ModelLoadError::descriptor));
        return all;
    }

    @Override
    public Optional<URL> reference(String modelId) {
        for (Contribution c : contributions.values()) {
            for (LoadedModel m : c.loaded) {
                if (m.model().id().equals(modelId) && m.model().reference() != null) {
                    return Optional.ofNullable(c.bundle.getEntry(m.model().reference().path()));
                }
            }
        }
        return Optional.empty();
    }

    /** What one bundle contributed. */
    private static final class Contribution {
        final Bundle bundle;
        final List<LoadedModel> loaded = new ArrayList<>();
        final List<ModelLoadError> errors = new ArrayList<>();
        final List<ServiceRegistration<EvaluationModel>> registrations = new ArrayList<>();
        boolean waiting;

        Contribution(Bundle bundle) {
            this.bundle = bundle;
        }

        void unregister() {
            for (ServiceRegistration<EvaluationModel> r : registrations) {
                try {
                    r.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework already removed it
                }
            }
        }
    }
}
