package org.cityeval.http.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.service.LoadedModel;

/** Data in and evaluations out: upload, evaluate, coverage, quality. */
final class DataEndpoints {
    static final Set<String> EVALUATE = Set.copyOf(Fields.names(fields("model", true), "save", "title"));
    static final Set<String> COVERAGE = Set.copyOf(Fields.names(DataRequests.DATA, "model", "year"));
    static final Set<String> QUALITY = DataRequests.DATA;

    private final Services services;
    private final DataRequests data;
    private final DatasetStore store;
    private final WorkbenchEndpoints workbench;

    DataEndpoints(Services services, DataRequests data, DatasetStore store, WorkbenchEndpoints workbench) {
        this.services = services;
        this.data = data;
        this.store = store;
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
        CityDataset dataset = services.reader().read(u.name(), new ByteArrayInputStream(u.bytes()));
        return store.put(u.name(), u.bytes(), dataset).summary();
    }

    /**
     * {@code POST /api/evaluate}: {@code {"model": ID, data..., "year", "missing", "minCoverage"}}; with
     * {@code "save": true} (and a {@code "title"}) the result is saved and answered with {@code "saved": {"id"}}.
     */
    Object evaluate(Call call) throws IOException, BadInputException {
        Fields f = call.fields(EVALUATE);
        LoadedModel m = services.model(f.text("model"));
        var options = DataRequests.options(f);
        boolean save = f.optBool("save", false);
        String title = f.optText("title");
        if (title != null && !save) {
            throw HttpError.badRequest(f.path("title") + ": a title is for a saved result; add \"save\": true");
        }
        var result = services.evaluator().evaluate(m.model(), data.read(f), options);
        return save ? workbench.save(result, title) : result;
    }

    /** {@code POST /api/coverage}: {@code {data..., "model" (default every model), "year"}}; a list. */
    Object coverage(Call call) throws IOException, BadInputException {
        Fields f = call.fields(COVERAGE);
        String id = f.optText("model");
        List<LoadedModel> models = id == null ? services.catalog().models() : List.of(services.model(id));
        Integer year = f.optInt("year", 1000, 9999);
        CityDataset dataset = data.read(f);
        List<Coverage> out = new ArrayList<>();
        for (LoadedModel m : models) {
            out.add(services.evaluator().coverage(m.model(), dataset, year));
        }
        return out;
    }

    /** {@code POST /api/quality}: {@code {data...}}; the data-quality report. */
    Object quality(Call call) throws IOException, BadInputException {
        Fields f = call.fields(QUALITY);
        var quality = services.requireQuality();
        return quality.check(data.read(f));
    }
}
