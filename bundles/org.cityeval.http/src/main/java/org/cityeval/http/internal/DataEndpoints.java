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
    static final Set<String> EVALUATE = fields("model", true);
    static final Set<String> COVERAGE = Set.copyOf(Fields.names(DataRequests.DATA, "model", "year"));
    static final Set<String> QUALITY = DataRequests.DATA;

    private final Services services;
    private final DataRequests data;
    private final DatasetStore store;

    DataEndpoints(Services services, DataRequests data, DatasetStore store) {
        this.services = services;
        this.data = data;
        this.store = store;
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
     * answers its token, cities, columns and years.
     */
    Object upload(Call call) throws IOException, BadInputException {
        Uploads.Upload u = Uploads.read(call);
        CityDataset dataset = services.reader().read(u.name(), new ByteArrayInputStream(u.bytes()));
        return store.put(u.name(), dataset).summary();
    }

    /** {@code POST /api/evaluate}: {@code {"model": ID, data..., "year", "missing", "minCoverage"}}. */
    Object evaluate(Call call) throws IOException, BadInputException {
        Fields f = call.fields(EVALUATE);
        LoadedModel m = services.model(f.text("model"));
        var options = DataRequests.options(f);
        return services.evaluator().evaluate(m.model(), data.read(f), options);
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
