package org.cityeval.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.analysis.ConcordanceAnalysis;
import org.cityeval.api.analysis.UncertaintyAnalysis;
import org.cityeval.api.analysis.WeightDerivation;
import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.EvaluationFailure;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ReportWriter;
import org.cityeval.api.spi.ModelFormat;
import org.cityeval.api.spi.WeightingMethod;

import com.fasterxml.jackson.core.type.TypeReference;

/** Comparative analysis: compare, uncertainty, weights, COINr evaluation, reports. */
final class AnalysisEndpoints {
    static final Set<String> COMPARE = Set.copyOf(Fields.names(DataEndpoints.fields("models", true), "published", "crosswalk",
            "top"));
    static final Set<String> UNCERTAINTY = uncertaintyFields();
    static final Set<String> WEIGHTS = Set.copyOf(Fields.names(DataEndpoints.fields("model", true), "node", "method",
            "parameters"));
    static final Set<String> COINR = Set.of("iMeta", "iData");
    static final Set<String> REPORT = Set.copyOf(Fields.names(DataEndpoints.fields("models", true), "published", "title"));
    /** Report formats by name: content type and file extension. */
    static final Map<String, String> REPORT_TYPES = Map.of("html", "text/html;charset=utf-8", "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Services services;
    private final DataRequests data;
    private final CatalogEndpoints catalog;
    private final Path home;

    AnalysisEndpoints(Services services, DataRequests data, CatalogEndpoints catalog, Path home) {
        this.services = services;
        this.data = data;
        this.catalog = catalog;
        this.home = home;
    }

    /**
     * Without the run options: the analysis takes none (the CLI's uncertainty command accepts --year and
     * --missing but does not use them; here they are refused rather than ignored).
     */
    private static Set<String> uncertaintyFields() {
        Set<String> s = Fields.names(DataEndpoints.fields("model", false), "models", "iMeta", "iData");
        s.addAll(UncertaintyRequests.FIELDS);
        return Set.copyOf(s);
    }

    /**
     * {@code POST /api/compare}: {@code {"models": [A, B, ...], data..., "crosswalk", "top"}} or
     * {@code {"published": [A, B, ...], "crosswalk", "top"}}; the concordance.
     */
    Object compare(Call call) throws IOException, BadInputException {
        Fields f = call.fields(COMPARE);
        ConcordanceAnalysis analysis = services.requireConcordance();
        Integer top = f.optInt("top", 1, 1000);
        if (f.has("models") == f.has("published")) {
            throw HttpError.badRequest("give {\"models\": [A, B, ...], data...} or {\"published\": [A, B, ...]}");
        }
        List<EvaluationResult> results = new ArrayList<>();
        List<Concordance.Failed> failed = new ArrayList<>();
        if (f.has("published")) {
            if (DataRequests.given(f)) {
                throw HttpError.badRequest("$.published compares the shipped reference results; it takes no data");
            }
            for (LoadedModel m : models(f, "published")) {
                results.add(catalog.reproduce(m));
            }
        } else {
            List<LoadedModel> models = models(f, "models");
            EvaluationOptions options = DataRequests.options(f);
            CityDataset dataset = data.read(f);
            if (models.size() < 2) {
                throw HttpError.badRequest("name at least two models to compare");
            }
            for (LoadedModel m : models) {
                try {
                    results.add(services.evaluator().evaluate(m.model(), dataset, options));
                } catch (EvaluationFailure e) {
                    failed.add(Concordance.Failed.of(e)); // reported beside the comparison of the others
                }
            }
            if (results.size() < 2 && !failed.isEmpty()) {
                throw new HttpError(500, "fewer than two models could be evaluated: " + String.join("; ",
                        failed.stream().map(Concordance.Failed::message).toList()));
            }
        }
        if (results.size() < 2) {
            throw HttpError.badRequest("name at least two models to compare");
        }
        List<String> ids = results.stream().map(r -> r.model().id()).toList();
        return analysis.compare(results, Crosswalks.of(f.get("crosswalk"), home, ids), top == null ? 10 : top, failed);
    }

    private List<LoadedModel> models(Fields f, String field) {
        List<LoadedModel> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(f.texts(field))) {
            out.add(services.model(id));
        }
        return out;
    }

    /**
     * {@code POST /api/uncertainty}: {@code {"model": ID or "models": [...], data...}} or {@code {"iMeta": csv,
     * "iData": csv}}, with the {@link UncertaintySpec} fields; the Monte Carlo result.
     */
    Object uncertainty(Call call) throws IOException, BadInputException {
        Fields f = call.fields(UNCERTAINTY);
        UncertaintyAnalysis analysis = services.requireUncertainty();
        List<EvaluationModel> models = new ArrayList<>();
        CityDataset dataset;
        boolean coinr = f.has("iMeta") || f.has("iData");
        if (coinr) {
            if (f.has("model") || f.has("models") || DataRequests.given(f)) {
                throw HttpError.badRequest("give {\"iMeta\": csv, \"iData\": csv} or {\"model\": ID, data...}, not both");
            }
            ModelFormat.Imported imported = coinr(f);
            models.add(services.catalog().read("iMeta.csv", imported.descriptor()));
            dataset = imported.data();
        } else {
            if (f.has("model") == f.has("models")) {
                throw HttpError.badRequest("give \"model\": ID or \"models\": [ID, ...] (or the COINr \"iMeta\" and \"iData\")");
            }
            for (LoadedModel m : f.has("model") ? List.of(services.model(f.text("model"))) : models(f, "models")) {
                models.add(m.model());
            }
            dataset = data.read(f);
        }
        UncertaintySpec spec = UncertaintyRequests.spec(f, models.size());
        return analysis.run(models, dataset, spec, null);
    }

    /**
     * {@code POST /api/weights}: {@code {"model", "node" (default total), "method", "parameters", data...}}; the
     * derived weights of the node's children beside the current ones, as {@code cityeval weights --format json}
     * (without {@code --write-config}: the API writes no files).
     */
    Object weights(Call call) throws IOException, BadInputException {
        Fields f = call.fields(WEIGHTS);
        LoadedModel lm = services.model(f.text("model"));
        String node = f.has("node") ? f.text("node") : EvaluationModel.ROOT_ID;
        String method = f.text("method");
        Map<String, WeightingMethod> methods = services.weighting().get();
        if (methods.isEmpty()) {
            throw HttpError.unavailable("weighting methods (bundle org.cityeval.weighting) are");
        }
        WeightingMethod m = methods.get(method);
        if (m == null) {
            throw HttpError.badRequest(f.path("method") + ": unknown weighting method " + HttpError.quote(method)
                    + "; available: " + String.join(", ", new java.util.TreeSet<>(methods.keySet())));
        }
        Indicator parent = find(lm.model().root(), node);
        if (parent == null || parent.leaf()) {
            throw HttpError.badRequest(f.path("node") + ": " + HttpError.quote(node) + " is not an indicator with children in "
                    + lm.model().id());
        }
        Map<String, Object> parameters = f.has("parameters")
                ? ApiJson.MAPPER.convertValue(f.optObject("parameters"), new TypeReference<Map<String, Object>>() {
                })
                : Map.of();
        WeightDerivation derivation = services.derivation().get();
        if (derivation == null) {
            throw HttpError.unavailable("weighting methods (bundle org.cityeval.weighting) are");
        }
        try {
            return derivation.derive(lm.model(), node, method, parameters,
                    DataRequests.given(f) ? data.read(f) : null, DataRequests.options(f));
        } catch (BadInputException e) {
            if (!DataRequests.given(f) || e.position() != null && e.position().equals(node)) {
                // the method refused its parameters (or the node): say where in the request
                throw HttpError.badRequest(f.path("parameters") + ": " + method + " weights of " + HttpError.quote(node)
                        + ": " + e.reason());
            }
            throw e;
        }
    }

    private static Indicator find(Indicator n, String id) {
        if (n.id().equals(id)) {
            return n;
        }
        for (Indicator c : n.children()) {
            Indicator f = find(c, id);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** {@code POST /api/coinr/evaluate}: {@code {"iMeta": csv, "iData": csv}}; evaluated with COINr's defaults. */
    Object coinrEvaluate(Call call) throws IOException, BadInputException {
        Fields f = call.fields(COINR);
        ModelFormat.Imported imported = coinr(f);
        EvaluationModel model = services.catalog().read("iMeta.csv", imported.descriptor());
        return services.evaluator().evaluate(model, imported.data());
    }

    private ModelFormat.Imported coinr(Fields f) throws BadInputException {
        String meta = f.text("iMeta");
        String idata = f.text("iData");
        ModelFormat format = services.requireCoinr();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("iMeta", meta.getBytes(StandardCharsets.UTF_8));
        files.put("iData", idata.getBytes(StandardCharsets.UTF_8));
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("iMeta", "iMeta.csv");
        sources.put("iData", "iData.csv");
        return format.read(files, sources);
    }

    /**
     * {@code POST /api/report?format=html|xlsx}: {@code {"models": [...], data...}} (or without data, or with
     * {@code "published": true}: the shipped reference results) and {@code "title"}; the file.
     */
    Object report(Call call) throws IOException, BadInputException {
        String format = call.query("format");
        format = format == null ? "html" : format;
        if (!REPORT_TYPES.containsKey(format)) {
            throw HttpError.badRequest("?format=" + HttpError.quote(format) + ": html or xlsx");
        }
        Fields f = call.fields(REPORT);
        boolean published = f.optBool("published", false);
        boolean withData = DataRequests.given(f);
        if (published && withData) {
            throw HttpError.badRequest("$.published: the shipped reference results take no data; drop one");
        }
        ReportWriter writer = services.requireReports();
        if (!writer.formats().contains(format)) {
            throw HttpError.badRequest("?format=" + format + ": this runtime's report writer writes "
                    + String.join(", ", writer.formats()));
        }
        List<LoadedModel> models = models(f, "models");
        String title = f.optText("title");
        List<ReportWriter.Evaluated> evaluations = new ArrayList<>();
        if (withData) {
            EvaluationOptions options = DataRequests.options(f);
            CityDataset dataset = data.read(f);
            for (LoadedModel m : models) {
                evaluations.add(new ReportWriter.Evaluated(m.model(), services.evaluator().evaluate(m.model(), dataset,
                        options)));
            }
        } else {
            for (LoadedModel m : models) {
                evaluations.add(new ReportWriter.Evaluated(m.model(), catalog.reproduce(m)));
            }
        }
        Concordance comparison = null;
        ConcordanceAnalysis analysis = services.concordance().get();
        if (evaluations.size() > 1 && analysis != null) {
            comparison = analysis.compare(evaluations.stream().map(ReportWriter.Evaluated::result).toList(), Map.of(), 10);
        }
        String t = title != null ? title : String.join(" · ", models.stream().map(m -> m.model().id()).toList());
        byte[] bytes = writer.write(format, new ReportWriter.Report(t, evaluations, comparison, null));
        return new Download(bytes, REPORT_TYPES.get(format), "cityeval-report." + format);
    }
}
