package org.cityeval.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.workflow.CompareRequest;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.OutputFormat;
import org.cityeval.api.workflow.PublishedSource;
import org.cityeval.api.workflow.ReportRequest;
import org.cityeval.api.workflow.UncertaintyRequest;
import org.cityeval.api.workflow.WeightsRequest;

import com.fasterxml.jackson.core.type.TypeReference;

/** Comparative analysis: compare, uncertainty, weights, COINr evaluation, reports. */
final class AnalysisEndpoints {
    static final Set<String> COMPARE = Set.copyOf(Fields.names(DataEndpoints.fields("models", true), "published", "crosswalk",
            "top"));
    static final Set<String> UNCERTAINTY = uncertaintyFields();
    static final Set<String> WEIGHTS = Set.copyOf(Fields.names(DataEndpoints.fields("model", true), "node", "method",
            "parameters"));
    static final Set<String> COINR = Set.of("iMeta", "iData");
    static final Set<String> REPORT = Set.copyOf(Fields.names(DataEndpoints.fields("models", true), "published", "title",
            "years", "normalise"));
    /** The report formats ({@code ?format=}). */
    static final List<OutputFormat> REPORT_FORMATS = List.of(OutputFormat.HTML, OutputFormat.XLSX);

    private final Services services;

    AnalysisEndpoints(Services services) {
        this.services = services;
    }

    /**
     * The data fields without "year" (the analysis takes the latest year; a year is refused rather than ignored);
     * "missing" and "minCoverage" are the spec's (the run's missing-data policy, as in evaluate).
     */
    private static Set<String> uncertaintyFields() {
        Set<String> s = Fields.names(DataEndpoints.fields("model", false), "models", "iMeta", "iData");
        s.addAll(UncertaintyRequests.FIELDS);
        return Set.copyOf(s);
    }

    /**
     * {@code POST /api/compare}: {@code {"models": [A, B, ...], data..., "crosswalk", "top"}} or
     * {@code {"published": [A, B, ...], "crosswalk", "top"}}, or both; the concordance. A published entry is a
     * model id (its shipped reference result) or a file given inline:
     * {@code {"name": "report.csv", "csv": "city,rank\n...", "meta": {"title": ..., "year": ...}}}.
     */
    Object compare(Call call) throws IOException, BadInputException {
        Fields f = call.fields(COMPARE);
        Integer top = f.optInt("top", 1, 1000);
        if (!f.has("models") && !f.has("published")) {
            throw HttpError.badRequest("give {\"models\": [A, B, ...], data...} or {\"published\": [A, B, ...]}, or both");
        }
        CompareRequest request;
        if (!f.has("models")) {
            if (DataRequests.given(f)) {
                throw HttpError.badRequest("$.published compares rankings as published; data are for \"models\"");
            }
            request = null;
        } else {
            request = CompareRequest.evaluated(ids(f, "models"), DataRequests.source(f)).options(DataRequests.options(f));
        }
        if (f.has("published")) {
            request = published(f, request);
        }
        if (f.has("crosswalk")) {
            request.crosswalk(ApiJson.write(f.get("crosswalk")), f.path("crosswalk"));
        }
        return services.comparison().compare(request.top(top == null ? 10 : top));
    }

    /** The {@code "published"} entries: model ids, or {@code {"name", "csv", "meta"}} objects. */
    private static CompareRequest published(Fields f, CompareRequest request) {
        java.util.List<PublishedSource> sources = sources(f);
        if (request == null) {
            // published only: the entries in order, as the CLI's --published
            CompareRequest only = CompareRequest.published(List.of());
            sources.forEach(only::addPublished);
            return only;
        }
        sources.forEach(request::addPublished);
        return request;
    }

    /** The {@code "published"} array's entries. */
    private static List<PublishedSource> sources(Fields f) {
        com.fasterxml.jackson.databind.JsonNode list = f.get("published");
        String path = f.path("published");
        if (!list.isArray() || list.isEmpty()) {
            throw HttpError.badRequest(path + ": expected a non-empty array of model ids or {\"name\", \"csv\", \"meta\"}");
        }
        java.util.List<PublishedSource> sources = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            com.fasterxml.jackson.databind.JsonNode e = list.get(i);
            String at = path + "[" + i + "]";
            if (e.isTextual()) {
                if (PublishedSource.isFile(e.asText())) {
                    throw HttpError.badRequest(at + ": '" + e.asText() + "' looks like a file; the web API reads no "
                            + "server files: give {\"name\": \"x.csv\", \"csv\": \"...\"}");
                }
                sources.add(PublishedSource.model(e.asText()));
            } else if (e.isObject()) {
                sources.add(publishedFile(e, at));
            } else {
                throw HttpError.badRequest(at + ": expected a model id or {\"name\", \"csv\", \"meta\"}");
            }
        }
        return sources;
    }

    private static PublishedSource publishedFile(com.fasterxml.jackson.databind.JsonNode e, String at) {
        java.util.Iterator<String> names = e.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!Set.of("name", "csv", "meta").contains(n)) {
                throw HttpError.badRequest(at + "." + n + ": unknown field; expected csv, meta, name");
            }
        }
        if (e.get("csv") == null || !e.get("csv").isTextual()) {
            throw HttpError.badRequest(at + ".csv: required (the file's text)");
        }
        String name = e.has("name") && e.get("name").isTextual() ? e.get("name").asText() : "published-" + at.replaceAll(
                "\\D", "") + ".csv";
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") || name.contains("/") || name.contains("\\")) {
            throw HttpError.badRequest(at + ".name: a file name ending in .csv, without folders");
        }
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
        if (e.has("meta")) {
            com.fasterxml.jackson.databind.JsonNode m = e.get("meta");
            if (!m.isObject()) {
                throw HttpError.badRequest(at + ".meta: expected an object");
            }
            java.util.Iterator<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = m.fields();
            while (it.hasNext()) {
                java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> x = it.next();
                if (!x.getValue().isTextual() && !x.getValue().isNumber()) {
                    throw HttpError.badRequest(at + ".meta." + x.getKey() + ": a text or a number");
                }
                meta.put(x.getKey(), x.getValue().asText());
            }
        }
        return PublishedSource.file(DataSource.inline(name, e.get("csv").asText().getBytes(StandardCharsets.UTF_8)), meta);
    }

    private static List<String> ids(Fields f, String field) {
        return List.copyOf(new LinkedHashSet<>(f.texts(field)));
    }

    /**
     * {@code POST /api/uncertainty}: {@code {"model": ID or "models": [...], data...}} or {@code {"iMeta": csv,
     * "iData": csv}}, with the {@link UncertaintySpec} fields; the Monte Carlo result.
     */
    Object uncertainty(Call call) throws IOException, BadInputException {
        return services.uncertainty().run(uncertaintyRequest(call), null);
    }

    /** The request of {@code POST /api/uncertainty} (and of a job), within the server's limits. */
    UncertaintyRequest uncertaintyRequest(Call call) throws IOException {
        Fields f = call.fields(UNCERTAINTY);
        UncertaintyRequest request;
        if (f.has("iMeta") || f.has("iData")) {
            if (f.has("model") || f.has("models") || DataRequests.given(f)) {
                throw HttpError.badRequest("give {\"iMeta\": csv, \"iData\": csv} or {\"model\": ID, data...}, not both");
            }
            DataSource[] coinr = coinr(f);
            request = UncertaintyRequest.coinr(coinr[0], coinr[1], UncertaintyRequests.spec(f));
        } else {
            if (f.has("model") == f.has("models")) {
                throw HttpError.badRequest("give \"model\": ID or \"models\": [ID, ...] (or the COINr \"iMeta\" and \"iData\")");
            }
            request = UncertaintyRequest.of(f.has("model") ? List.of(f.text("model")) : ids(f, "models"),
                    DataRequests.source(f), UncertaintyRequests.spec(f));
        }
        UncertaintyRequests.limit(f, request.spec(), services.uncertainty().runs(request));
        return request;
    }

    /**
     * {@code POST /api/weights}: {@code {"model", "node" (default total), "method", "parameters", data...}}; the
     * derived weights of the node's children beside the current ones, as {@code cityeval weights --format json}
     * (without {@code --write-config}: the API writes no files).
     */
    Object weights(Call call) throws IOException, BadInputException {
        Fields f = call.fields(WEIGHTS);
        String node = f.has("node") ? f.text("node") : EvaluationModel.ROOT_ID;
        String method = f.text("method");
        Map<String, Object> parameters = f.has("parameters")
                ? ApiJson.MAPPER.convertValue(f.optObject("parameters"), new TypeReference<Map<String, Object>>() {
                })
                : Map.of();
        boolean withData = DataRequests.given(f);
        WeightsRequest request = new WeightsRequest(f.text("model"), method).node(node).parameters(parameters)
                .data(withData ? DataRequests.source(f) : null).options(DataRequests.options(f));
        try {
            return services.weights().derive(request);
        } catch (BadInputException e) {
            if (!withData || e.position() != null && e.position().equals(node)) {
                // the method refused its parameters (or the node): say where in the request
                throw HttpError.badRequest(f.path("parameters") + ": " + method + " weights of " + HttpError.quote(node)
                        + ": " + e.reason());
            }
            throw e;
        }
    }

    /** {@code POST /api/coinr/evaluate}: {@code {"iMeta": csv, "iData": csv}}; evaluated with COINr's defaults. */
    Object coinrEvaluate(Call call) throws IOException, BadInputException {
        DataSource[] coinr = coinr(call.fields(COINR));
        return services.evaluations().evaluateCoinr(coinr[0], coinr[1]);
    }

    /** The request's iMeta and iData texts, named as the files they stand for. */
    private static DataSource[] coinr(Fields f) {
        return new DataSource[] { DataSource.inline("iMeta.csv", f.text("iMeta").getBytes(StandardCharsets.UTF_8)),
                DataSource.inline("iData.csv", f.text("iData").getBytes(StandardCharsets.UTF_8)) };
    }

    /**
     * {@code POST /api/report?format=html|xlsx}: {@code {"models": [...], data...}} (or without data, or with
     * {@code "published": true}: the shipped reference results) and {@code "title"}; the file. {@code "published"}
     * may instead list published rankings, as for {@code /api/compare}, added to the report's comparison. With
     * {@code "years"} (and {@code "normalise"}, {@code "missing"} as in {@code /api/evaluate}) the first model is
     * also evaluated as a panel: the workbook's Panel sheet, the HTML report's rank trajectories.
     */
    Object report(Call call) throws IOException, BadInputException {
        String name = call.query("format");
        OutputFormat format;
        try {
            format = name == null ? OutputFormat.HTML : OutputFormat.parse(name, REPORT_FORMATS);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("?format=" + e.getMessage());
        }
        Fields f = call.fields(REPORT);
        List<PublishedSource> rankings = f.has("published") && f.get("published").isArray() ? sources(f)
                : List.of();
        boolean published = rankings.isEmpty() && f.optBool("published", false);
        boolean withData = DataRequests.given(f);
        if (published && withData) {
            throw HttpError.badRequest("$.published: the shipped reference results take no data; drop one");
        }
        ReportRequest request = new ReportRequest(ids(f, "models"), format).title(f.optText("title"));
        rankings.forEach(request::addPublished);
        PanelRequests.Panel panel = PanelRequests.of(f);
        if (panel != null && !withData) {
            throw HttpError.badRequest(f.path("years") + ": a panel needs data with years (dataset, csv, rows or pack)");
        }
        if (withData) {
            request.data(DataRequests.source(f)).options(panel == null ? DataRequests.options(f) : panel.options())
                    .panel(panel == null ? null : panel.panel());
        }
        byte[] bytes = services.reports().write(request);
        // the model's reference data (evaluated, or its shipped results), or published rankings given inline
        String data = withData ? dataName(DataRequests.source(f)) : rankings.isEmpty() ? "reference" : "published";
        Integer year = withData ? DataRequests.options(f).year() : null;
        return new Download(bytes, format.mediaType(), ReportNames.fileName(ids(f, "models"), data, year,
                LocalDate.now(), format.extension()));
    }

    /** What the data are called in a download's name: the pack's name, the upload's file name, csv or rows. */
    private String dataName(DataSource source) {
        return switch (source.kind()) {
            case PACK -> source.name();
            case UPLOAD -> {
                try {
                    yield services.sources().read(source).source();
                } catch (IOException | BadInputException | RuntimeException e) {
                    yield "upload"; // the report was written from it: it reads; a name is not worth a failure
                }
            }
            case INLINE -> "request.json".equals(source.name()) ? "rows" : "csv";
            default -> ReportNames.stem(source.name());
        };
    }
}
