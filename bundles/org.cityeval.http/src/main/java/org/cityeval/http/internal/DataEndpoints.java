package org.cityeval.http.internal;

import java.io.IOException;
import java.util.Set;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.workflow.CoverageRequest;
import org.cityeval.api.workflow.EvaluateRequest;

/** Data in and evaluations out: upload, evaluate, coverage, quality. */
final class DataEndpoints {
    static final Set<String> EVALUATE = Set.copyOf(Fields.names(fields("model", true), "save", "title",
            "years", "normalise", "weights", "weightConfiguration"));
    static final Set<String> COVERAGE = Set.copyOf(Fields.names(DataRequests.DATA, "model", "year"));
    static final Set<String> QUALITY = DataRequests.DATA;

    private final Services services;
    private final WorkbenchEndpoints workbench;

    DataEndpoints(Services services, WorkbenchEndpoints workbench) {
        this.services = services;
        this.workbench = workbench;
    }

    /** The data fields, the run's options if asked, and {@code more}. */
    static Set<String> fields(String more, boolean options) {
        Set<String> s = Fields.names(DataRequests.DATA, more);
        if (options) {
            s.addAll(DataRequests.OPTIONS);
        }
        return Set.copyOf(s);
    }

    /**
     * {@code POST /api/upload}: reads the file with the importer its name calls for and keeps the dataset;
     * answers its token, cities, columns and years, and whether it is kept on disk ({@code "persistent"}).
     */
    Object upload(Call call) throws IOException, BadInputException {
        Uploads.Upload u = Uploads.read(call);
        return services.sources().upload(u.name(), u.bytes()).summary();
    }

    /**
     * {@code POST /api/evaluate}: {@code {"model": ID, data..., "year", "missing", "minCoverage"}}; what-if {@code "weights"}
     * ({node id: relative weight}) or a saved {@code "weightConfiguration"} re-weight the model (assumed); with
     * {@code "save": true} (and a {@code "title"}) the result is saved and answered with {@code "saved": {"id"}}.
     */
    Object evaluate(Call call) throws IOException, BadInputException {
        Fields f = call.fields(EVALUATE);
        String model = f.text("model");
        if (f.has("years") || f.has("normalise")) {
            if (f.has("weights") || f.has("weightConfiguration")) {
                throw HttpError.badRequest(f.path(f.has("weights") ? "weights" : "weightConfiguration")
                        + ": what-if weights are for a one-year evaluation, not a panel");
            }
            return panel(f, model);
        }
        var options = DataRequests.options(f);
        boolean save = f.optBool("save", false);
        String title = f.optText("title");
        if (title != null && !save) {
            throw HttpError.badRequest(f.path("title") + ": a title is for a saved result; add \"save\": true");
        }
        var weights = WhatIfEndpoints.forEvaluation(services, f, model);
        var result = services.evaluations().evaluate(new EvaluateRequest(model, DataRequests.source(f)).options(options)
                .weights(weights));
        return save ? workbench.save(result, title) : result;
    }

    /**
     * {@code POST /api/evaluate} with {@code "years"} ({@code "all"}, {@code "2019-2023"}, {@code "2019,2021"}):
     * a panel; {@code "normalise"} {@code year|panel}; {@code "missing"} may also be {@code interpolate} or
     * {@code locf} (over each city's years). Answers the {@code PanelResult}; with {@code "save": true} it is saved
     * as a one-year result is (and reloads from {@code GET /api/results/{id}}).
     */
    private Object panel(Fields f, String model) throws IOException, BadInputException {
        boolean save = f.optBool("save", false);
        String title = f.optText("title");
        if (title != null && !save) {
            throw HttpError.badRequest(f.path("title") + ": a title is for a saved result; add \"save\": true");
        }
        PanelRequests.Panel p = PanelRequests.of(f);
        var result = services.evaluations().panel(new EvaluateRequest(model, DataRequests.source(f))
                .options(p.options()).panel(p.panel()));
        return save ? workbench.save(result, title) : result;
    }

    /** {@code POST /api/coverage}: {@code {data..., "model" (default every model), "year"}}; a list. */
    Object coverage(Call call) throws IOException, BadInputException {
        Fields f = call.fields(COVERAGE);
        String id = f.optText("model");
        Integer year = f.optInt("year", 1000, 9999);
        return services.evaluations().coverage(new CoverageRequest(DataRequests.source(f)).model(id).year(year));
    }

    /** {@code POST /api/quality}: {@code {data...}}; the data-quality report. */
    Object quality(Call call) throws IOException, BadInputException {
        Fields f = call.fields(QUALITY);
        return services.evaluations().quality(DataRequests.source(f));
    }
}
