package org.cityeval.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.workflow.DataSource;

/**
 * The data of a request and the run's choices, as the CLI's {@code --data} and {@code --year},
 * {@code --missing}, {@code --min-coverage}:
 * <ul>
 * <li>{@code "dataset": TOKEN} — an upload ({@code POST /api/upload});</li>
 * <li>{@code "csv": "adcode,...\n..."} — CSV text, read as {@code request.csv};</li>
 * <li>{@code "rows": [{"adcode": ..., "indicator": value}, ...]} — read as {@code request.json};</li>
 * <li>{@code "pack": "china-cities"} — a shipped data pack;</li>
 * <li>{@code "data": "upload:TOKEN+pack:china-cities"} — several merged, the first winning (as the CLI's
 * {@code --data a.xlsx+pack:NAME}; {@link ProvenanceEndpoints#data}).</li>
 * </ul>
 * Each becomes a {@link DataSource}; the {@code DataSources} workflow reads it (and keeps packs and uploads parsed).
 */
final class DataRequests {
    /** The fields naming the data; exactly one is given. */
    static final Set<String> DATA = Set.of("dataset", "csv", "rows", "pack", "data");
    /** The run's choices. */
    static final Set<String> OPTIONS = Set.of("year", "missing", "minCoverage", "clamp", "treatment");

    private final Services services;

    DataRequests(Services services) {
        this.services = services;
    }

    /** @return whether the request names data */
    static boolean given(Fields f) {
        return DATA.stream().anyMatch(f::has);
    }

    /** @throws HttpError 400 when none or several are given or one is malformed */
    static DataSource source(Fields f) throws IOException {
        List<String> named = DATA.stream().filter(f::has).sorted().toList();
        if (named.size() != 1) {
            throw HttpError.badRequest((named.isEmpty() ? "no data: give " : "several data sources " + named + ": give one of ")
                    + "\"dataset\" (an upload's token), \"csv\" (text), \"rows\" (array of objects), \"pack\" (a data pack's name)"
                    + " or \"data\" (several merged: upload:TOKEN+pack:NAME)");
        }
        return switch (named.get(0)) {
            case "dataset" -> DataSource.upload(f.text("dataset"));
            case "csv" -> DataSource.inline("request.csv", f.text("csv").getBytes(StandardCharsets.UTF_8));
            case "rows" -> {
                if (!f.get("rows").isArray()) {
                    throw HttpError.badRequest(f.path("rows") + ": expected an array of objects");
                }
                yield DataSource.inline("request.json", ApiJson.write(f.get("rows")));
            }
            case "data" -> ProvenanceEndpoints.data(f.text("data"));
            default -> DataSource.pack(f.text("pack"));
        };
    }

    /**
     * @throws HttpError         400 when none or several are given or one is malformed
     * @throws BadInputException from the importer, naming row and column
     */
    CityDataset read(Fields f) throws IOException, BadInputException {
        return services.sources().read(source(f));
    }

    /**
     * {@code "year"}, {@code "missing"} ({@code group-mean:region} as on the CLI), {@code "minCoverage"} and
     * {@code "clamp"} (as {@code --clamp}), {@code "coverageThreshold"} (as {@code --coverage-threshold}, 0..1),
     * {@code "treatment"} (as {@code --treat}: winsorise, winsorise:N, log, box-cox:LAMBDA, none).
     */
    static EvaluationOptions options(Fields f) {
        Integer year = f.optInt("year", 1000, 9999);
        return new EvaluationOptions(missing(f), year, null, f.optBool("clamp", false),
                f.optNumber("coverageThreshold", 0, 1), f.optText("treatment"));
    }

    /** {@code "missing"} and {@code "minCoverage"}: the run's missing-data policy, or {@code null} for the model's. */
    static MissingData missing(Fields f) {
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
        return m;
    }
}
