package org.cityeval.http.internal;

import java.io.IOException;
import java.util.Set;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.PanelOptions;
import org.cityeval.api.workflow.CoverageRequest;
import org.cityeval.api.workflow.EvaluateRequest;

/** Data in and evaluations out: upload, evaluate, coverage, quality. */
final class DataEndpoints {
    static final Set<String> EVALUATE = Set.copyOf(Fields.names(fields("model", true), "save", "title",
            "years", "normalise"));
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
     * {@code POST /api/evaluate}: {@code {"model": ID, data..., "year", "missing", "minCoverage"}}; with
     * {@code "save": true} (and a {@code "title"}) the result is saved and answered with {@code "saved": {"id"}}.
     */
    Object evaluate(Call call) throws IOException, BadInputException {
        Fields f = call.fields(EVALUATE);
        String model = f.text("model");
        if (f.has("years")) {
            return panel(f, model);
        }
        if (f.has("normalise")) {
            throw HttpError.badRequest(f.path("normalise") + ": only with \"years\" (a panel of several years)");
        }
        var options = DataRequests.options(f);
        boolean save = f.optBool("save", false);
        String title = f.optText("title");
        if (title != null && !save) {
            throw HttpError.badRequest(f.path("title") + ": a title is for a saved result; add \"save\": true");
        }
        var result = services.evaluations().evaluate(new EvaluateRequest(model, DataRequests.source(f)).options(options));
        return save ? workbench.save(result, title) : result;
    }

    /**
     * {@code POST /api/evaluate} with {@code "years"} ({@code "all"}, {@code "2019-2023"}, {@code "2019,2021"}):
     * a panel; {@code "normalise"} {@code year|panel}; {@code "missing"} may also be {@code interpolate} or
     * {@code locf} (over each city's years). Answers the {@code PanelResult}.
     */
    private Object panel(Fields f, String model) throws IOException, BadInputException {
        if (f.has("year")) {
            throw HttpError.badRequest(f.path("year") + ": one year or a panel of \"years\", not both");
        }
        if (f.optBool("save", false)) {
            throw HttpError.badRequest(f.path("save") + ": a panel result is not saved (evaluate one year to save)");
        }
        String missing = f.optText("missing");
        boolean timeSeries = missing != null && (missing.equalsIgnoreCase(PanelOptions.INTERPOLATE)
                || missing.equalsIgnoreCase(PanelOptions.LOCF));
        PanelOptions panel;
        try {
            panel = new PanelOptions(PanelOptions.parseYears(f.optText("years")), f.optText("normalise"),
                    timeSeries ? missing : null);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("years") ? "years"
                    : e.getMessage().startsWith("normalise") ? "normalise" : "missing";
            throw HttpError.badRequest(f.path(field) + ": " + e.getMessage());
        }
        EvaluationOptions options = new EvaluationOptions(timeSeries ? null : DataRequests.missing(f), null, null,
                f.optBool("clamp", false), f.optNumber("coverageThreshold", 0, 1));
        return services.evaluations().panel(new EvaluateRequest(model, DataRequests.source(f)).options(options)
                .panel(panel));
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
