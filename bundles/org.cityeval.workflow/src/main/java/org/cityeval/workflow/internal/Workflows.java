package org.cityeval.workflow.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.analysis.ConcordanceAnalysis;
import org.cityeval.api.analysis.DerivedWeights;
import org.cityeval.api.analysis.UncertaintyAnalysis;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.analysis.WeightDerivation;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.QualityReport;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.api.service.DataQuality;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.EvaluationFailure;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ReportWriter;
import org.cityeval.api.service.WorkbenchStore;
import org.cityeval.api.spi.ModelFormat;
import org.cityeval.api.spi.WeightingMethod;
import org.cityeval.api.workflow.CatalogueVariable;
import org.cityeval.api.workflow.CompareRequest;
import org.cityeval.api.workflow.ComparisonWorkflow;
import org.cityeval.api.workflow.CoverageRequest;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.DataSources;
import org.cityeval.api.workflow.EvaluateRequest;
import org.cityeval.api.workflow.EvaluationWorkflow;
import org.cityeval.api.workflow.ImportedModel;
import org.cityeval.api.workflow.ModelLookup;
import org.cityeval.api.workflow.OutputFormat;
import org.cityeval.api.workflow.PublishedRankings;
import org.cityeval.api.workflow.PublishedSource;
import org.cityeval.api.workflow.ReportRequest;
import org.cityeval.api.workflow.ReportWorkflow;
import org.cityeval.api.workflow.UncertaintyWorkflow;
import org.cityeval.api.workflow.ValidateRequest;
import org.cityeval.api.workflow.ValidationReport;
import org.cityeval.api.workflow.ValidationWorkflow;
import org.cityeval.api.workflow.VariablesWorkflow;
import org.cityeval.api.workflow.UncertaintyRequest;
import org.cityeval.api.workflow.WeightsWorkflow;
import org.cityeval.api.workflow.WeightsRequest;
import org.cityeval.api.workflow.WorkflowException;
import org.cityeval.store.AtomicFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every workflow, once, over the runtime's services: what the CLI, the Gogo commands and the web API did each
 * on their own before. The model catalog, evaluator and dataset reader are required; the rest are optional
 * ({@link Optionals}, set by the DS component's dynamic references, read at each call), and a workflow that
 * needs an absent one says so with {@link WorkflowException.Kind#UNAVAILABLE}.
 */
public class Workflows implements ModelLookup, DataSources, EvaluationWorkflow, ComparisonWorkflow, UncertaintyWorkflow, WeightsWorkflow, ReportWorkflow,
        PublishedRankings, ValidationWorkflow, VariablesWorkflow {
    /** Data packs kept parsed: a distribution ships one or two. */
    static final int PACKS_KEPT = 4;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The optional services, each {@code null} (or empty) while absent; read at each call. */
    public static class Optionals {
        public volatile DataQuality quality;
        public volatile DataPackCatalog packs;
        public volatile org.cityeval.api.data.VariableCatalog variables;
        public volatile ConcordanceAnalysis concordance;
        public volatile UncertaintyAnalysis uncertainty;
        public volatile org.cityeval.api.analysis.CityProfiles profiles;
        public volatile WeightDerivation derivation;
        public volatile ReportWriter reports;
        public volatile WorkbenchStore store;
        public final Map<String, ModelFormat> formats = new ConcurrentHashMap<>();
        public final Map<String, WeightingMethod> weighting = new ConcurrentHashMap<>();
    }

    protected final Optionals optional;
    private final ModelCatalog catalog;
    private final Evaluator evaluator;
    private final DatasetReader reader;
    private final Path home;
    private final PackCache packCache = new PackCache(PACKS_KEPT);
    private final PublishedFiles publishedFiles;
    private volatile DatasetStore uploads;

    /**
     * @param home     the distribution's folder (for {@code conf/}), or {@code null}
     * @param optional the optional services, set and cleared by whoever tracks them
     */
    public Workflows(ModelCatalog catalog, Evaluator evaluator, DatasetReader reader, Path home, Optionals optional) {
        this.optional = optional;
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.reader = reader;
        this.home = home;
        this.publishedFiles = new PublishedFiles(reader);
    }

    private static <T> T require(T service, String what) {
        if (service == null) {
            throw WorkflowException.unavailable(what);
        }
        return service;
    }

    // ---- models

    @Override
    public LoadedModel model(String id) {
        return catalog.find(id).orElseThrow(() -> WorkflowException.notFound("unknown model " + WorkflowException.quote(id)
                + "; loaded: " + (catalog.models().isEmpty() ? "none"
                        : String.join(", ", catalog.models().stream().map(m -> m.model().id()).toList()))));
    }


    private List<LoadedModel> models(List<String> ids) {
        List<LoadedModel> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            out.add(model(id));
        }
        return out;
    }

    // ---- data

    @Override
    public CityDataset read(DataSource source) throws IOException, BadInputException {
        return switch (source.kind()) {
            case PACK -> pack(source.name());
            case UPLOAD -> uploads().get(source.name()).orElseThrow(() -> WorkflowException.notFound("no upload "
                    + WorkflowException.quote(source.name()) + " (the store keeps " + uploads().store().status().retention()
                    + "; upload again)")).data();
            case INLINE -> reader.read(source.name(), new ByteArrayInputStream(source.content()));
            case MERGED -> merged(source, org.cityeval.api.workflow.DatasetMerging.TOLERANCE, this::read);
            case FILE -> {
                Path file = source.path();
                if (Files.isDirectory(file)) {
                    throw WorkflowException.invalid(file + ": is a folder, not a data file");
                }
                try (InputStream in = Files.newInputStream(file)) {
                    yield reader.read(file.toString(), in);
                } catch (NoSuchFileException e) {
                    throw WorkflowException.notFound(file + ": no such file");
                }
            }
        };
    }

    /**
     * Reads data for these models, at the level of units they evaluate (city, county or free: see the descriptor's
     * {@code units}). Models of different levels cannot share one dataset; data packs and uploads hold cities.
     */
    CityDataset read(DataSource source, List<LoadedModel> models) throws IOException, BadInputException {
        String units = null;
        for (LoadedModel m : models) {
            if (units != null && !units.equals(m.model().units())) {
                throw WorkflowException.invalid("the models evaluate different units (" + models.get(0).model().id()
                        + ": " + units + ", " + m.model().id() + ": " + m.model().units()
                        + "): one dataset cannot be both; run them separately");
            }
            units = m.model().units();
        }
        if (units == null || units.equals(EvaluationModel.UNITS_CITY)) {
            return read(source);
        }
        String level = units;
        String model = models.get(0).model().id();
        return switch (source.kind()) {
            case INLINE -> reader.read(source.name(), new ByteArrayInputStream(source.content()), level);
            case MERGED -> merged(source, org.cityeval.api.workflow.DatasetMerging.TOLERANCE, s -> read(s, models));
            case FILE -> {
                Path file = source.path();
                if (Files.isDirectory(file)) {
                    throw WorkflowException.invalid(file + ": is a folder, not a data file");
                }
                try (InputStream in = Files.newInputStream(file)) {
                    yield reader.read(file.toString(), in, level);
                } catch (NoSuchFileException e) {
                    throw WorkflowException.notFound(file + ": no such file");
                }
            }
            case PACK, UPLOAD -> throw WorkflowException.invalid(model + " evaluates " + level + " units, but "
                    + source.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + WorkflowException.quote(source.name()) + " holds cities: give a file keyed by " + level
                    + (level.equals(EvaluationModel.UNITS_FREE) ? " codes" : " names or adcodes"));
        };
    }

    /** Reads of one part of a merged source. */
    interface PartReader {
        CityDataset read(DataSource part) throws IOException, BadInputException;
    }

    /** Reads each part of a merged source and merges them, the first winning ({@link DatasetMerger}). */
    static CityDataset merged(DataSource source, double tolerance, PartReader parts) throws IOException, BadInputException {
        List<CityDataset> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (DataSource part : source.parts()) {
            inputs.add(parts.read(part));
            names.add(part.toString());
        }
        return DatasetMerger.merge(inputs, names, tolerance);
    }

    @Override
    public byte[] bytes(DataSource source) throws IOException {
        switch (source.kind()) {
            case INLINE:
                return source.content();
            case FILE:
                try {
                    return Files.readAllBytes(source.path());
                } catch (NoSuchFileException e) {
                    throw WorkflowException.notFound(source.path() + ": no such file");
                }
            default:
                throw WorkflowException.invalid(source + ": a file is needed here");
        }
    }

    @Override
    public List<DataPackCatalog.DataPack> packs() {
        return requirePacks().packs();
    }

    private DataPackCatalog requirePacks() {
        return require(optional.packs, "data packs (bundle org.cityeval.data) are");
    }

    private CityDataset pack(String name) throws IOException, BadInputException {
        DataPackCatalog catalogue = requirePacks();
        DataPackCatalog.DataPack pack = catalogue.packs().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> WorkflowException.notFound("no data pack " + WorkflowException.quote(name)
                        + "; shipped: " + catalogue.packs().stream().map(DataPackCatalog.DataPack::name).toList()));
        URL url = catalogue.open(name).orElseThrow(() -> WorkflowException.notFound("data pack "
                + WorkflowException.quote(name) + " is not readable"));
        // read once per bundle revision (the entry URL names it), not once per request
        return packCache.get(name, url.toExternalForm(), () -> {
            try (InputStream in = url.openStream()) {
                return reader.read(pack.bundle() + "/" + pack.file(), in);
            }
        });
    }

    private DatasetStore uploads() {
        WorkbenchStore store = require(optional.store, "the workbench store (bundle org.cityeval.store) is");
        DatasetStore d = uploads;
        if (d == null || d.store() != store) {
            synchronized (this) {
                d = uploads;
                if (d == null || d.store() != store) {
                    d = new DatasetStore(store, reader);
                    uploads = d;
                }
            }
        }
        return d;
    }

    @Override
    public Upload upload(String name, byte[] bytes) throws IOException, BadInputException {
        CityDataset data = reader.read(name, new ByteArrayInputStream(bytes));
        return uploads().put(name, bytes, data);
    }

    /** Forgets what was read (the component's deactivation). */
    void clear() {
        packCache.clear();
        DatasetStore d = uploads;
        if (d != null) {
            d.clear();
        }
    }

    // ---- evaluations

    @Override
    public EvaluationResult reproduce(String id) throws IOException, BadInputException {
        return reproduce(model(id));
    }

    private EvaluationResult reproduce(LoadedModel m) throws IOException, BadInputException {
        String id = m.model().id();
        if (m.model().reference() == null) {
            throw WorkflowException.notFound("model " + WorkflowException.quote(id) + " ships no reference data");
        }
        URL url = catalog.reference(id).orElseThrow(() -> WorkflowException.notFound("model "
                + WorkflowException.quote(id) + " ships no readable reference data"));
        try (InputStream in = url.openStream()) {
            return evaluator.evaluate(m.model(), reader.read(m.bundle() + "/" + m.model().reference().path(), in));
        }
    }

    @Override
    public EvaluationResult evaluate(EvaluateRequest request) throws IOException, BadInputException {
        LoadedModel m = model(request.model());
        EvaluationModel model = WhatIfWeights.apply(m.model(), request.weights());
        CityDataset dataset = read(request.data(), List.of(m));
        EvaluationResult result = DatasetMerger.said(ranked(model, dataset, evaluator.evaluate(model, dataset,
                request.options()), request.options()), dataset);
        return request.weights().isEmpty() ? result : WhatIfWeights.said(result, request.weights());
    }

    @Override
    public org.cityeval.api.result.PanelResult panel(EvaluateRequest request) throws IOException, BadInputException {
        LoadedModel m = model(request.model());
        CityDataset dataset = read(request.data());
        try {
            return evaluator.evaluatePanel(m.model(), dataset, request.options(), request.panel());
        } catch (UnsupportedOperationException e) {
            throw new WorkflowException(WorkflowException.Kind.UNAVAILABLE, e.getMessage());
        }
    }

    /**
     * A result that ranks nobody is not a result: every city lacks data somewhere on the way up to the total.
     * Rather than exit 0 with an empty ranking (or compare empty rankings), the request is refused with the
     * option that would rank the cities when there is one.
     *
     * @throws WorkflowException ({@link WorkflowException.Kind#INVALID}) when cities were read but none is ranked
     */
    EvaluationResult ranked(EvaluationModel model, CityDataset dataset, EvaluationResult result,
            EvaluationOptions options) {
        if (result.cities().isEmpty() || result.cities().stream().anyMatch(c -> c.rank() != null)) {
            return result;
        }
        Coverage coverage = evaluator.coverage(model, dataset, options.year());
        String backed = java.math.BigDecimal.valueOf(coverage.weightBacked() * 100)
                .setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
        MissingData chosen = options.missing() != null ? options.missing() : model.missing();
        boolean none = chosen == null || chosen.kind() == MissingData.Method.NONE;
        String message = model.id() + " ranks none of the " + result.cities().size() + " cities of "
                + dataset.source() + ": every city lacks data on the way up to the total (the data back " + backed
                + " of the model's weight; see 'cityeval coverage')";
        if (none && coverage.weightBacked() > 0) {
            message += ", and the missing-data treatment is 'none'. Add --missing renormalise (web API: \"missing\": "
                    + "\"renormalise\") to score each node from the indicators that have data, and read the result "
                    + "with its coverage in mind";
        }
        throw WorkflowException.invalid(message);
    }

    @Override
    public List<Coverage> coverage(CoverageRequest request) throws IOException, BadInputException {
        List<LoadedModel> models = request.model() == null ? catalog.models() : List.of(model(request.model()));
        CityDataset dataset = request.model() == null ? read(request.data()) : read(request.data(), models);
        List<Coverage> out = new ArrayList<>();
        for (LoadedModel m : models) {
            out.add(evaluator.coverage(m.model(), dataset, request.year()));
        }
        return out;
    }

    @Override
    public QualityReport quality(DataSource data) throws IOException, BadInputException {
        DataQuality q = require(optional.quality, "the data-quality service (bundle org.cityeval.data) is");
        return q.check(read(data));
    }

    private ModelFormat coinrFormat() {
        return require(optional.formats.get("coinr"), "the COINr format (bundle org.cityeval.coinr) is");
    }

    @Override
    public Map<String, byte[]> exportCoinr(String id, DataSource data) throws IOException, BadInputException {
        LoadedModel m = model(id);
        ModelFormat format = coinrFormat();
        CityDataset dataset = read(data);
        refuseEmptyExport(m.model(), dataset);
        return format.write(m.model(), dataset);
    }

    /**
     * iData carries one column per leaf, by the leaf's id. Data that give no leaf a value (a data pack, whose
     * variables stand in for leaves only through the model's catalogue bindings) would export a table of NA:
     * refused, saying what the export needs.
     */
    static void refuseEmptyExport(EvaluationModel model, CityDataset dataset) {
        List<String> leaves = new ArrayList<>();
        leaves(model.root(), leaves);
        // a table of the model's own indicators at any level (a report's level-1 table) still exports the tree
        Set<String> ids = new java.util.HashSet<>();
        nodes(model.root(), ids);
        boolean any = dataset.records().stream().anyMatch(r -> ids.stream().anyMatch(r.values()::containsKey));
        if (!any) {
            throw WorkflowException.invalid(dataset.source() + ": no value for any indicator of " + model.id()
                    + " (COINr's iData has one column per leaf indicator, named by its id, e.g. "
                    + String.join(", ", leaves.subList(0, Math.min(3, leaves.size())))
                    + "); the export would be all NA. Data packs give catalogue variables, which reach a model only "
                    + "through its bindings when evaluated: export from a file with the leaf columns");
        }
    }

    private static void nodes(Indicator node, Set<String> out) {
        out.add(node.id());
        for (Indicator c : node.children()) {
            nodes(c, out);
        }
    }

    private static void leaves(Indicator node, List<String> out) {
        if (node.children().isEmpty()) {
            if (node.level() > 0) {
                out.add(node.id());
            }
            return;
        }
        for (Indicator c : node.children()) {
            leaves(c, out);
        }
    }

    @Override
    public ImportedModel coinr(DataSource meta, DataSource data) throws IOException, BadInputException {
        ModelFormat format = coinrFormat();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("iMeta", bytes(meta));
        files.put("iData", bytes(data));
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("iMeta", meta.name());
        sources.put("iData", data.name());
        ModelFormat.Imported imported = format.read(files, sources);
        EvaluationModel model = catalog.read(meta.name(), imported.descriptor()); // validated as the extender would
        byte[] descriptor = imported.descriptor();
        CityDataset dataset = imported.data();
        return new ImportedModel() {
            @Override
            public EvaluationModel model() {
                return model;
            }

            @Override
            public CityDataset data() {
                return dataset;
            }

            @Override
            public byte[] descriptor() {
                return descriptor.clone();
            }
        };
    }

    @Override
    public EvaluationResult evaluateCoinr(DataSource meta, DataSource data) throws IOException, BadInputException {
        ImportedModel imported = coinr(meta, data);
        return ranked(imported.model(), imported.data(), evaluator.evaluate(imported.model(), imported.data()),
                EvaluationOptions.DEFAULTS);
    }

    @Override
    public org.cityeval.api.analysis.CityProfile profile(EvaluateRequest request, String city, int topN, int bottomN)
            throws IOException, BadInputException {
        org.cityeval.api.analysis.CityProfiles profiles = require(optional.profiles,
                "city profiles (bundle org.cityeval.engine) are");
        LoadedModel m = model(request.model());
        CityDataset dataset = read(request.data());
        return profiles.profile(m.model(), dataset, request.options(), city, topN, bottomN);
    }

    @Override
    public org.cityeval.api.analysis.LeaveOneOut leaveOneOut(EvaluateRequest request, String level)
            throws IOException, BadInputException {
        org.cityeval.api.analysis.CityProfiles profiles = require(optional.profiles,
                "leave-one-out (bundle org.cityeval.engine) is");
        LoadedModel m = model(request.model());
        CityDataset dataset = read(request.data());
        return profiles.leaveOneOut(m.model(), dataset, request.options(), level);
    }

    @Override
    public org.cityeval.api.analysis.PipelineStages stages(EvaluateRequest request)
            throws IOException, BadInputException {
        return stages(request, model(request.model()), read(request.data()));
    }

    private org.cityeval.api.analysis.PipelineStages stages(EvaluateRequest request, LoadedModel m, CityDataset dataset)
            throws BadInputException {
        org.cityeval.api.analysis.CityProfiles profiles = require(optional.profiles,
                "intermediate datasets (bundle org.cityeval.engine) are");
        return profiles.stages(m.model(), dataset, request.options());
    }

    @Override
    public byte[] stagesWorkbook(EvaluateRequest request) throws IOException, BadInputException {
        ReportWriter writer = require(optional.reports, "the report writer is");
        LoadedModel m = model(request.model());
        CityDataset dataset = read(request.data()); // read once: the stages and the options sheet's year
        org.cityeval.api.analysis.PipelineStages stages = stages(request, m, dataset);
        EvaluationOptions o = request.options();
        Map<String, String> options = new java.util.LinkedHashMap<>();
        if (o.year() != null) {
            options.put("Year", String.valueOf(o.year()));
        } else {
            Integer latest = dataset.records().stream().map(org.cityeval.api.data.CityRecord::year)
                    .filter(java.util.Objects::nonNull).max(Integer::compare).orElse(null);
            options.put("Year", latest == null ? "none (the data have no year column)"
                    : latest + " (the latest in the data)");
        }
        options.put("Missing data", o.missing() == null ? missing(m.model().missing()) + " (the model's own)"
                : missing(o.missing()));
        options.put("Treatment", o.treatment() == null ? "the model's own" : o.treatment());
        options.put("Coverage threshold", String.valueOf(o.coverageThreshold() == null
                ? EvaluationOptions.DEFAULT_COVERAGE_THRESHOLD : o.coverageThreshold()));
        options.put("Clamp supplied points", o.clamp() ? "yes" : "no");
        String title = m.model().title() == null ? null : m.model().title().preferred();
        return writer.writeStages(new ReportWriter.StagesWorkbook(stages, title, request.data().toString(), options));
    }

    /** A missing-data policy as the CLI's {@code --missing} writes it. */
    private static String missing(org.cityeval.api.model.MissingData d) {
        if (d == null) {
            return "none";
        }
        return d.method() + (d.groupBy() == null ? "" : ":" + d.groupBy())
                + (d.minCoverage() == null ? "" : ", min-coverage " + d.minCoverage());
    }

    // ---- comparison

    @Override
    public EvaluationResult read(PublishedSource source) throws IOException, BadInputException {
        if (source.model() != null) {
            return reproduce(model(source.model()));
        }
        DataSource data = source.data();
        if (data.kind() == DataSource.Kind.FILE && Files.isDirectory(data.path())) {
            throw WorkflowException.invalid(data.path() + ": is a folder, not a published ranking");
        }
        return publishedFiles.read(data, bytes(data), source.metadata());
    }

    @Override
    public Concordance compare(CompareRequest request) throws IOException, BadInputException {
        ConcordanceAnalysis analysis = require(optional.concordance,
                "the concordance analysis (bundle org.cityeval.analysis) is");
        List<EvaluationResult> results = new ArrayList<>();
        List<Concordance.Failed> failed = new ArrayList<>();
        if (request.data() != null) {
            List<LoadedModel> models = models(request.models());
            CityDataset dataset = read(request.data(), models);
            if (models.size() + request.publishedSources().size() < 2) {
                throw WorkflowException.invalid("name at least two models (or published rankings) to compare");
            }
            for (LoadedModel m : models) {
                try {
                    results.add(ranked(m.model(), dataset, evaluator.evaluate(m.model(), dataset, request.options()),
                            request.options()));
                } catch (EvaluationFailure e) {
                    failed.add(Concordance.Failed.of(e)); // reported beside the comparison of the others
                }
            }
        } else {
            // checked before anything is read: an unknown model is named before a file's problem
            for (PublishedSource p : request.publishedSources()) {
                if (p.model() != null) {
                    model(p.model());
                }
            }
        }
        results.addAll(published(results, request.publishedSources()));
        if (results.size() < 2 && !failed.isEmpty()) {
            throw new WorkflowException(WorkflowException.Kind.EVALUATION_FAILED, "fewer than two models could "
                    + "be evaluated: " + String.join("; ", failed.stream().map(Concordance.Failed::message).toList()));
        }
        if (results.size() < 2) {
            throw WorkflowException.invalid("name at least two models (or published rankings) to compare");
        }
        List<String> ids = results.stream().map(r -> r.model().id()).toList();
        return analysis.compare(results, Crosswalks.of(request, home, ids), request.top(), failed, trees(ids));
    }

    /**
     * Per compared result: its model's nodes with their labels, so that movers are explained in words (a
     * published table of a loaded model, also one named apart, has its model's tree; a file of another report
     * has none and is explained by ids).
     */
    private Map<String, Map<String, Concordance.NodeLabel>> trees(List<String> ids) {
        Map<String, Map<String, Concordance.NodeLabel>> out = new java.util.LinkedHashMap<>();
        org.cityeval.api.data.VariableCatalog variables = optional.variables;
        for (String id : ids) {
            String modelId = id.endsWith(" (published)") ? id.substring(0, id.length() - " (published)".length()) : id;
            catalog.find(modelId).ifPresent(m -> {
                Map<String, Concordance.NodeLabel> nodes = new java.util.LinkedHashMap<>();
                for (org.cityeval.api.model.Indicator c : m.model().root().children()) {
                    label(c, null, variables, nodes);
                }
                out.put(id, Map.copyOf(nodes));
            });
        }
        return out;
    }

    private static void label(org.cityeval.api.model.Indicator n, String parent,
            org.cityeval.api.data.VariableCatalog variables, Map<String, Concordance.NodeLabel> out) {
        final String baseZh = n.name() == null ? n.id() : n.name().zh();
        final String baseEn = n.name() == null ? null : n.name().en();
        String zh = baseZh;
        String en = baseEn;
        if (n.binding() != null && variables != null && !n.binding().variables().isEmpty()) {
            List<String> vzh = new ArrayList<>();
            List<String> ven = new ArrayList<>();
            for (String v : n.binding().variables()) {
                variables.find(v).map(org.cityeval.api.data.Variable::name).ifPresent(t -> {
                    if (t.zh() != null && !t.zh().equals(baseZh)) {
                        vzh.add(t.zh());
                    }
                    if (t.en() != null && !t.en().equals(baseEn)) {
                        ven.add(t.en());
                    }
                });
            }
            zh = vzh.isEmpty() ? zh : zh + "：" + String.join("、", vzh);
            en = ven.isEmpty() || en == null ? en : en + ": " + String.join(", ", ven);
        }
        out.put(n.id(), new Concordance.NodeLabel(parent, zh, en));
        for (org.cityeval.api.model.Indicator c : n.children()) {
            label(c, n.id(), variables, out);
        }
    }

    /** The published rankings; one whose id an evaluated result carries is named apart. */
    private List<EvaluationResult> published(List<EvaluationResult> evaluatedResults, List<PublishedSource> sources)
            throws IOException, BadInputException {
        Set<String> evaluated = new java.util.HashSet<>();
        evaluatedResults.forEach(r -> evaluated.add(r.model().id()));
        List<EvaluationResult> out = new ArrayList<>();
        for (PublishedSource p : new LinkedHashSet<>(sources)) {
            EvaluationResult r = read(p);
            if (evaluated.contains(r.model().id())) {
                // a model beside its own published table: name them apart ("how far does this data reproduce it")
                r = renamed(r, r.model().id() + " (published)");
            }
            out.add(r);
        }
        return out;
    }

    private static EvaluationResult renamed(EvaluationResult r, String id) {
        org.cityeval.api.result.ModelSummary m = r.model();
        return new EvaluationResult(new org.cityeval.api.result.ModelSummary(id, m.title(), m.institution(), m.edition(),
                m.year(), m.scaleMax(), m.precision(), m.basisLevel(), m.assumedWeights(), m.dataYear(), m.missing()),
                r.cities(), r.tiers(), r.groups(), r.statistics(), r.checks(), r.warnings());
    }

    // ---- uncertainty

    @Override
    public UncertaintyResult run(UncertaintyRequest request, IntConsumer progress) throws IOException, BadInputException {
        UncertaintyAnalysis analysis = require(optional.uncertainty,
                "the uncertainty analysis (bundle org.cityeval.engine) is");
        List<EvaluationModel> models = new ArrayList<>();
        CityDataset dataset;
        if (request.coinrMeta() != null) {
            ImportedModel imported = coinr(request.coinrMeta(), request.data());
            models.add(imported.model());
            dataset = imported.data();
        } else {
            List<LoadedModel> loaded = models(request.models());
            for (LoadedModel m : loaded) {
                models.add(m.model());
            }
            dataset = read(request.data(), loaded);
        }
        return analysis.run(models, dataset, request.spec(), progress);
    }

    @Override
    public long runs(UncertaintyRequest request) {
        UncertaintySpec s = request.spec();
        int models = request.coinrMeta() != null ? 1 : new LinkedHashSet<>(request.models()).size();
        int aggregations = s.aggregations().size() + s.aggregationAlternatives().size();
        int inputs = s.weightNoise().size() + (s.normalisations().size() > 1 ? 1 : 0)
                + (aggregations > 1 ? 1 : 0) + (s.winsorisation().isEmpty() ? 0 : 1) + (models > 1 ? 1 : 0)
                + (s.imputations().size() > 1 ? 1 : 0);
        return s.sobol() ? (long) s.replications() * (inputs + 2) : s.replications();
    }

    // ---- weights

    @Override
    public Set<String> methods() {
        Map<String, WeightingMethod> methods = Map.copyOf(optional.weighting);
        if (methods.isEmpty()) {
            throw WorkflowException.unavailable("weighting methods (bundle org.cityeval.weighting) are");
        }
        return new TreeSet<>(methods.keySet());
    }

    @Override
    public DerivedWeights derive(WeightsRequest request) throws IOException, BadInputException {
        LoadedModel lm = model(request.model());
        Set<String> methods = methods();
        if (!methods.contains(request.method())) {
            throw WorkflowException.invalid("unknown weighting method " + WorkflowException.quote(request.method())
                    + "; available: " + String.join(", ", methods));
        }
        Indicator parent = lm.model().node(request.node()).orElse(null);
        if (parent == null || parent.leaf()) {
            throw WorkflowException.invalid(WorkflowException.quote(request.node())
                    + " is not an indicator with children in " + lm.model().id());
        }
        WeightDerivation derivation = require(optional.derivation,
                "weighting methods (bundle org.cityeval.weighting) are");
        return derivation.derive(lm.model(), request.node(), request.method(), request.parameters(),
                request.data() == null ? null : read(request.data()), request.options());
    }

    @Override
    public Path writeConfiguration(DerivedWeights weights, String note) throws IOException {
        if (home == null) {
            throw WorkflowException.unavailable("the distribution's folder (framework property cityeval.home), needed "
                    + "to write weight configuration, is");
        }
        for (DerivedWeights.Row c : weights.weights()) {
            if (!c.provenance().equals(Provenance.ASSUMED.toString())
                    && !c.provenance().equals(Provenance.INFERRED.toString())) {
                throw WorkflowException.invalid("the weight of " + WorkflowException.quote(c.id()) + " is "
                        + c.provenance() + "; only assumed or inferred weights can be set by configuration");
            }
        }
        Path file = home.resolve("conf/models/" + weights.model() + ".json");
        AtomicFiles.createDirectories(file.getParent());
        ObjectNode root = Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(Files.readAllBytes(file))
                : JSON.createObjectNode();
        ObjectNode w = root.has("weights") ? (ObjectNode) root.get("weights") : root.putObject("weights");
        for (DerivedWeights.Row c : weights.weights()) {
            ObjectNode entry = w.putObject(c.id());
            entry.put("value", c.points());
            entry.put("provenance", "derived");
            entry.put("note", note);
        }
        byte[] bytes = JSON.writeValueAsBytes(root);
        // checked as the extender will read it when the model loads: a configuration that would stop the model
        // loading is never written
        List<org.cityeval.api.service.ModelLoadError> problems = catalog.validateConfiguration(weights.model(),
                file.toString(), bytes);
        if (!problems.isEmpty()) {
            throw WorkflowException.invalid("not written: with this configuration " + weights.model()
                    + " would not load: " + String.join("; ", problems.stream()
                            .map(p -> (p.jsonPath().equals("$") ? "" : p.jsonPath() + ": ") + p.reason()).toList()));
        }
        AtomicFiles.write(file, bytes);
        return file;
    }

    // ---- named what-if weight configurations (conf/weights/ID.json)

    private static final java.util.regex.Pattern CONFIGURATION_NAME =
            java.util.regex.Pattern.compile("[\\p{L}\\p{N}_. -]{1,64}");

    @Override
    public Path saveConfiguration(String modelId, String name, Map<String, Double> weights) throws IOException {
        if (home == null) {
            throw WorkflowException.unavailable("the distribution's folder (framework property cityeval.home), needed "
                    + "to save a weight configuration, is");
        }
        LoadedModel lm = model(modelId);
        if (name == null || !CONFIGURATION_NAME.matcher(name).matches() || name.isBlank()) {
            throw WorkflowException.invalid("name: " + WorkflowException.quote(String.valueOf(name))
                    + " is not a configuration name (1–64 letters, digits, spaces, '_', '-', '.')");
        }
        if (weights.isEmpty()) {
            throw WorkflowException.invalid("weights: a weight configuration needs at least one weight");
        }
        WhatIfWeights.apply(lm.model(), weights); // refused here, never written, when it would not evaluate
        Path file = home.resolve("conf/weights/" + lm.model().id() + ".json");
        AtomicFiles.createDirectories(file.getParent());
        ObjectNode root = Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(Files.readAllBytes(file))
                : JSON.createObjectNode();
        ObjectNode all = root.has("configurations") ? (ObjectNode) root.get("configurations")
                : root.putObject("configurations");
        ObjectNode c = all.putObject(name);
        c.put("provenance", Provenance.ASSUMED.toString());
        ObjectNode w = c.putObject("weights");
        weights.forEach(w::put);
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        return file;
    }

    @Override
    public java.util.SortedMap<String, Map<String, Double>> configurations(String modelId) throws IOException {
        java.util.SortedMap<String, Map<String, Double>> out = new java.util.TreeMap<>();
        String id = model(modelId).model().id();
        if (home == null) {
            return out;
        }
        Path file = home.resolve("conf/weights/" + id + ".json");
        if (!Files.isRegularFile(file)) {
            return out;
        }
        com.fasterxml.jackson.databind.JsonNode all = JSON.readTree(Files.readAllBytes(file)).path("configurations");
        all.fields().forEachRemaining(e -> {
            Map<String, Double> w = new LinkedHashMap<>();
            e.getValue().path("weights").fields().forEachRemaining(x -> w.put(x.getKey(), x.getValue().asDouble()));
            out.put(e.getKey(), w);
        });
        return out;
    }

    // ---- reports

    @Override
    public List<OutputFormat> formats() {
        ReportWriter writer = require(optional.reports, "the report writer is");
        return writer.formats().stream().map(f -> OutputFormat.parse(f, List.of(OutputFormat.values()))).toList();
    }

    @Override
    public byte[] write(ReportRequest request) throws IOException, BadInputException {
        ReportWriter writer = require(optional.reports, "the report writer is");
        String format = request.format().label();
        if (!writer.formats().contains(format)) {
            throw WorkflowException.invalid("format " + WorkflowException.quote(format) + ": this runtime's report "
                    + "writer writes " + String.join(", ", writer.formats()));
        }
        List<LoadedModel> models = models(request.models());
        List<ReportWriter.Evaluated> evaluations = new ArrayList<>();
        CityDataset dataset = request.data() == null ? null : read(request.data(), models);
        for (LoadedModel m : models) {
            EvaluationResult r = dataset == null ? reproduce(m)
                    : ranked(m.model(), dataset, evaluator.evaluate(m.model(), dataset, request.options()), request.options());
            evaluations.add(new ReportWriter.Evaluated(m.model(), r));
        }
        List<EvaluationResult> compared = new ArrayList<>(evaluations.stream().map(ReportWriter.Evaluated::result).toList());
        compared.addAll(published(compared, request.publishedSources()));
        Concordance comparison = null;
        ConcordanceAnalysis analysis = optional.concordance;
        if (!request.publishedSources().isEmpty() && analysis == null) {
            throw WorkflowException.unavailable("the concordance analysis (bundle org.cityeval.analysis), needed to "
                    + "compare published rankings, is");
        }
        if (compared.size() > 1 && analysis != null) {
            comparison = analysis.compare(compared, Map.of(), 10, List.of(),
                    trees(compared.stream().map(r -> r.model().id()).toList()));
        }
        String title = request.title() != null ? request.title()
                : String.join(" · ", models.stream().map(m -> m.model().id()).toList());
        ReportWriter.Report report = new ReportWriter.Report(title, evaluations, comparison, null,
                dataset == null ? null : dataset.source()).withData(dataset);
        if (request.panel() != null) {
            if (dataset == null) {
                throw WorkflowException.invalid("a panel needs data with years (--data)");
            }
            // the first model over the panel's years: the workbook's Panel sheet
            report = report.withPanel(evaluator.evaluatePanel(models.get(0).model(), dataset,
                    request.options(), request.panel()));
        }
        return writer.write(format, report);
    }

    // ---- validation

    @Override
    public ValidationReport validate(ValidateRequest request) throws IOException {
        // the logic is Validation's; the pack is read through this workflow's cache
        return new Validation(catalog, optional.variables, this::pack).validate(request);
    }

    // ---- catalogue variables

    @Override
    public List<CatalogueVariable> variables(String pack) throws IOException, BadInputException {
        var catalogue = require(optional.variables, "the variable catalogue (bundle org.cityeval.data) is");
        Map<String, org.cityeval.api.data.Variable> byId = new java.util.LinkedHashMap<>();
        catalogue.variables().forEach(v -> byId.put(v.id(), v));
        if (pack != null) {
            return VariableListing.of(pack, pack(pack), byId);
        }
        List<CatalogueVariable> all = new ArrayList<>();
        Set<String> carried = new java.util.HashSet<>();
        for (DataPackCatalog.DataPack p : requirePacks().packs()) {
            for (CatalogueVariable v : VariableListing.of(p.name(), pack(p.name()), byId)) {
                all.add(v);
                carried.add(v.id());
            }
        }
        byId.values().stream().filter(v -> !carried.contains(v.id()))
                .sorted(java.util.Comparator.comparing(org.cityeval.api.data.Variable::id))
                .forEach(v -> all.add(VariableListing.unpacked(v)));
        return all;
    }
}
