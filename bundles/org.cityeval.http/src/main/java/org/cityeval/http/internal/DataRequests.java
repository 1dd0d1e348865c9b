package org.cityeval.http.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.api.service.EvaluationOptions;

/**
 * The data of a request and the run's choices, as the CLI's {@code --data} and {@code --year},
 * {@code --missing}, {@code --min-coverage}:
 * <ul>
 * <li>{@code "dataset": TOKEN} — an upload ({@code POST /api/upload});</li>
 * <li>{@code "csv": "adcode,...\n..."} — CSV text, read as {@code request.csv};</li>
 * <li>{@code "rows": [{"adcode": ..., "indicator": value}, ...]} — read as {@code request.json};</li>
 * <li>{@code "pack": "china-cities"} — a shipped data pack, parsed once and kept ({@link PackCache}).</li>
 * </ul>
 */
final class DataRequests {
    /** The fields naming the data; exactly one is given. */
    static final Set<String> DATA = Set.of("dataset", "csv", "rows", "pack");
    /** The run's choices. */
    static final Set<String> OPTIONS = Set.of("year", "missing", "minCoverage");
    /** Data packs kept parsed: a distribution ships one or two. */
    static final int PACKS_KEPT = 4;

    private final Services services;
    private final DatasetStore store;
    private final PackCache packs = new PackCache(PACKS_KEPT);

    DataRequests(Services services, DatasetStore store) {
        this.services = services;
        this.store = store;
    }

    /** @return whether the request names data */
    static boolean given(Fields f) {
        return DATA.stream().anyMatch(f::has);
    }

    /**
     * @throws HttpError         400 when none or several are given or one is malformed; 404 for an unknown upload
     *                           or pack; 503 without data packs
     * @throws BadInputException from the importer, naming row and column
     */
    CityDataset read(Fields f) throws IOException, BadInputException {
        List<String> named = DATA.stream().filter(f::has).sorted().toList();
        if (named.size() != 1) {
            throw HttpError.badRequest((named.isEmpty() ? "no data: give " : "several data sources " + named + ": give one of ")
                    + "\"dataset\" (an upload's token), \"csv\" (text), \"rows\" (array of objects) or \"pack\" (a data pack's name)");
        }
        switch (named.get(0)) {
            case "dataset" -> {
                String token = f.text("dataset");
                return store.get(token).orElseThrow(() -> HttpError.notFound(f.path("dataset") + ": no upload "
                        + HttpError.quote(token) + " (the store keeps " + store.store().status().retention()
                        + "; upload again)")).data();
            }
            case "csv" -> {
                return services.reader().read("request.csv",
                        new ByteArrayInputStream(f.text("csv").getBytes(StandardCharsets.UTF_8)));
            }
            case "rows" -> {
                if (!f.get("rows").isArray()) {
                    throw HttpError.badRequest(f.path("rows") + ": expected an array of objects");
                }
                return services.reader().read("request.json", new ByteArrayInputStream(ApiJson.write(f.get("rows"))));
            }
            default -> {
                return pack(f.text("pack"));
            }
        }
    }

    private CityDataset pack(String name) throws IOException, BadInputException {
        DataPackCatalog catalogue = services.requirePacks();
        DataPackCatalog.DataPack pack = catalogue.packs().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> HttpError.notFound("$.pack: no data pack " + HttpError.quote(name) + "; shipped: "
                        + catalogue.packs().stream().map(DataPackCatalog.DataPack::name).toList()));
        var url = catalogue.open(name).orElseThrow(() -> HttpError.notFound("$.pack: data pack "
                + HttpError.quote(name) + " is not readable"));
        // read once per bundle revision (the entry URL names it), not once per request
        return packs.get(name, url.toExternalForm(), () -> {
            try (InputStream in = url.openStream()) {
                return services.reader().read(pack.bundle() + "/" + pack.file(), in);
            }
        });
    }

    /** {@code "year"}, {@code "missing"} ({@code group-mean:region} as on the CLI) and {@code "minCoverage"}. */
    static EvaluationOptions options(Fields f) {
        Integer year = f.optInt("year", 1000, 9999);
        String missing = f.optText("missing");
        Double minCoverage = f.optNumber("minCoverage", 0, 1);
        MissingData m = null;
        if (missing != null || minCoverage != null) {
            try {
                m = MissingData.parse(missing, minCoverage);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest(f.path("missing") + ": " + HttpError.quote(missing) + " is " + e.getMessage());
            }
        }
        return new EvaluationOptions(m, year);
    }
}
