package org.cityeval.extender.internal;

import java.net.URL;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.CatalogOverview;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.RuleDeclaration;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;
import org.cityeval.api.workflow.ValidationReport;
import org.cityeval.extender.internal.DescriptorParser.RuleKind;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The model extender and the introspection service ({@link ModelCatalog}).
 * <ul>
 * <li>A {@link BundleTracker} ({@link ModelBundles}) watches bundles with a {@value #HEADER} header (the build
 * writes it from the descriptors the bundle holds), validates each descriptor and registers the model as an
 * {@link EvaluationModel} service <em>through the model bundle's own context</em>; it reports what failed, per
 * bundle and descriptor, and carries on. Descriptors are read as entries, so a model bundle's classes are
 * never loaded to find its models.</li>
 * <li>The catalog is the whiteboard of {@link EvaluationModel} services ({@link ModelRegistry}): what it lists
 * is what is registered, whoever registered it (a model can be registered by plain code too), plus the load
 * failures. There is no second list of models.</li>
 * </ul>
 * A descriptor that names a rule the runtime does not have yet waits: it is listed among the failures and
 * loaded as soon as a service with that rule name appears (a custom-rule bundle started later). When an
 * update of a bundle breaks a descriptor that had loaded, the last good version keeps serving.
 */
@Component(immediate = true, service = ModelCatalog.class)
@Capability(namespace = "osgi.extender", name = ModelExtender.EXTENDER_NAME, version = "1.0.0")
public class ModelExtender implements ModelCatalog {
    /** Manifest header listing descriptor entries, comma-separated. */
    public static final String HEADER = ModelBundles.HEADER;
    static final String EXTENDER_NAME = "cityeval.model";
    /** Framework property: folder of per-model weight configuration, {@code <model id>.json}. */
    public static final String CONFIG_DIR = "cityeval.model.config";

    private final ModelRegistry registry = new ModelRegistry();
    private final ModelBundles bundles = new ModelBundles(registry);
    private ServiceTracker<EvaluationModel, EvaluationModel> services;
    private BundleTracker<ModelBundle> tracker;

    private volatile BundleContext context;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        String dir = ctx.getProperty(CONFIG_DIR);
        bundles.configDir(dir == null || dir.isBlank() ? null : Paths.get(dir));
        // the whiteboard first, so that the models registered below reach the catalog
        services = new ServiceTracker<>(ctx, EvaluationModel.class, new ServiceTrackerCustomizer<>() {
            @Override
            public EvaluationModel addingService(ServiceReference<EvaluationModel> ref) {
                EvaluationModel m = ctx.getService(ref);
                if (m != null) {
                    registry.added(ref, m);
                }
                return m;
            }

            @Override
            public void modifiedService(ServiceReference<EvaluationModel> ref, EvaluationModel m) {
                registry.modified(ref, m);
            }

            @Override
            public void removedService(ServiceReference<EvaluationModel> ref, EvaluationModel m) {
                registry.removed(ref);
                ctx.ungetService(ref);
            }
        });
        services.open();
        tracker = new BundleTracker<>(ctx, ModelBundles.TRACKED, bundles);
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close(); // removedBundle for each: their models are unregistered
        services.close();
    }

    // --- rule whiteboard: names only, rule components are not activated by this ------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addScoring(ServiceReference<ScoringRule> ref) {
        bundles.ruleAdded(RuleKind.SCORING, name(ref), parameters(ref));
    }

    void removeScoring(ServiceReference<ScoringRule> ref) {
        bundles.ruleRemoved(RuleKind.SCORING, name(ref));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addAggregation(ServiceReference<AggregationRule> ref) {
        bundles.ruleAdded(RuleKind.AGGREGATION, name(ref), parameters(ref));
    }

    void removeAggregation(ServiceReference<AggregationRule> ref) {
        bundles.ruleRemoved(RuleKind.AGGREGATION, name(ref));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addTier(ServiceReference<TierRule> ref) {
        bundles.ruleAdded(RuleKind.TIER, name(ref), parameters(ref));
    }

    void removeTier(ServiceReference<TierRule> ref) {
        bundles.ruleRemoved(RuleKind.TIER, name(ref));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addGrouping(ServiceReference<GroupingRule> ref) {
        bundles.ruleAdded(RuleKind.GROUPING, name(ref), parameters(ref));
    }

    void removeGrouping(ServiceReference<GroupingRule> ref) {
        bundles.ruleRemoved(RuleKind.GROUPING, name(ref));
    }

    private static String name(ServiceReference<?> ref) {
        return String.valueOf(ref.getProperty(Rules.NAME));
    }

    private static Set<String> parameters(ServiceReference<?> ref) {
        return Rules.parameters(ref.getProperty(Rules.PARAMETERS)).orElse(null);
    }

    /** The kind of rule a service interface names, or null. */
    static RuleKind kind(String service) {
        if (ScoringRule.class.getName().equals(service)) {
            return RuleKind.SCORING;
        } else if (AggregationRule.class.getName().equals(service)) {
            return RuleKind.AGGREGATION;
        } else if (TierRule.class.getName().equals(service)) {
            return RuleKind.TIER;
        } else if (GroupingRule.class.getName().equals(service)) {
            return RuleKind.GROUPING;
        }
        return null;
    }

    // --- introspection: answered from the registry's snapshot ---------------------------------------------------

    @Override
    public List<LoadedModel> models() {
        return registry.snapshot().models();
    }

    @Override
    public CatalogOverview overview() {
        return registry.snapshot().overview();
    }

    @Override
    public Optional<LoadedModel> find(String modelId) {
        return registry.find(modelId);
    }

    @Override
    public List<ModelLoadError> failures() {
        return registry.snapshot().failures();
    }

    @Override
    public Optional<URL> reference(String modelId) {
        return registry.referenceOf(modelId);
    }

    @Override
    public EvaluationModel read(String source, byte[] descriptor) throws BadInputException {
        try {
            return parse(descriptor);
        } catch (DescriptorException e) {
            throw new BadInputException(source, e.jsonPath(), e.reason());
        }
    }

    @Override
    public List<ModelLoadError> validate(String source, byte[] descriptor) {
        return check(source, descriptor, List.of()).problems();
    }

    @Override
    public ValidationReport check(String source, byte[] descriptor, Collection<RuleDeclaration> moreRules) {
        Map<RuleKind, Set<String>> more = new EnumMap<>(RuleKind.class);
        Map<RuleKind, Map<String, Set<String>>> moreParameters = new EnumMap<>(RuleKind.class);
        for (RuleDeclaration r : moreRules) {
            RuleKind kind = kind(r.service());
            if (kind != null) {
                more.computeIfAbsent(kind, k -> new HashSet<>()).add(r.name());
                if (r.parameters() != null) {
                    moreParameters.computeIfAbsent(kind, k -> new HashMap<>()).put(r.name(), r.parameters());
                }
            }
        }
        try {
            DescriptorParser.Checked checked = DescriptorParser.check(descriptor, bundles.ruleNames(more, moreParameters),
                    Map.of(), null);
            EvaluationModel model = checked.model();
            List<ModelLoadError> warnings = checked.warnings().stream()
                    .map(w -> new ModelLoadError("-", source, w.jsonPath(), w.reason())).toList();
            List<String> notes = new ArrayList<>();
            Optional<LoadedModel> owner = registry.find(model.id());
            if (owner.isPresent()) {
                // an edit of a deployed model is the normal case: deploying it updates the model in place
                notes.add("would update " + model.id() + " served by " + owner.get().bundle() + " "
                        + owner.get().bundleVersion());
            }
            return new ValidationReport(source, List.of(model.id()), List.of(), warnings, notes);
        } catch (DescriptorException e) {
            List<ModelLoadError> problems = e.problems().stream()
                    .map(p -> new ModelLoadError("-", source, p.jsonPath(), p.reason())).toList();
            return new ValidationReport(source, List.of(), problems, List.of(), List.of());
        }
    }

    @Override
    public List<ModelLoadError> validateConfiguration(String modelId, String name, byte[] configuration) {
        Optional<LoadedModel> found = registry.find(modelId);
        if (found.isEmpty()) {
            return List.of(new ModelLoadError("-", name, "$", "unknown model '" + modelId + "'"));
        }
        LoadedModel lm = found.get();
        BundleContext ctx = context;
        java.net.URL entry = null;
        for (org.osgi.framework.Bundle b : ctx == null ? new org.osgi.framework.Bundle[0] : ctx.getBundles()) {
            if (lm.bundle().equals(b.getSymbolicName()) && lm.bundleVersion().equals(b.getVersion().toString())) {
                entry = b.getEntry(lm.descriptor());
            }
        }
        if (entry == null) {
            return List.of(new ModelLoadError(lm.bundle(), lm.descriptor(), "$", "the descriptor of " + modelId
                    + " is not readable from its bundle, so a weight configuration for it cannot be checked"));
        }
        try (java.io.InputStream in = entry.openStream()) {
            byte[] json = DescriptorJson.readBounded(in, "descriptor");
            DescriptorParser.parse(json, bundles.ruleNames(), WeightConfiguration.read(name, configuration), name);
            return List.of();
        } catch (DescriptorException e) {
            return e.problems().stream().map(p -> new ModelLoadError(lm.bundle(), lm.descriptor(), p.jsonPath(), p.reason()))
                    .toList();
        } catch (java.io.IOException e) {
            return List.of(new ModelLoadError(lm.bundle(), lm.descriptor(), "$", "cannot read: " + e.getMessage()));
        }
    }

    private EvaluationModel parse(byte[] descriptor) throws DescriptorException {
        return DescriptorParser.parse(descriptor, bundles.ruleNames());
    }
}
