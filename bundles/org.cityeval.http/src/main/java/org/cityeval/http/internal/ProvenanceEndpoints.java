package org.cityeval.http.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.ProvenanceWorkflow;

/** Where a city's leaf value came from: file, sheet, row, column and note, for each value behind it. */
final class ProvenanceEndpoints {
    private final Supplier<ProvenanceWorkflow> provenance;

    ProvenanceEndpoints(Supplier<ProvenanceWorkflow> provenance) {
        this.provenance = provenance;
    }

    /**
     * {@code GET /api/provenance?model=ID&data=SOURCES&city=KEY&leaf=ID[&year=YYYY]}: as {@code cityeval provenance
     * --format json}. {@code data} names one source or several in precedence order joined by {@code +} (write it
     * {@code %2B} in a URL) or spaces: {@code pack:NAME} or {@code upload:TOKEN} (a file uploaded with
     * {@code POST /api/upload}), e.g. {@code upload:3f2a…%2Bpack:china-cities}; the first wins where several give a
     * value. 400 for a missing parameter, 404 for an unknown model, leaf, source or a city not in the data.
     */
    Object provenance(Call call) throws IOException, BadInputException {
        ProvenanceWorkflow w = provenance.get();
        if (w == null) {
            throw HttpError.unavailable("the provenance workflow (bundle org.cityeval.workflow) is");
        }
        String model = required(call, "model");
        String city = required(call, "city");
        String leaf = required(call, "leaf");
        DataSource data = data(required(call, "data"));
        String y = call.query("year");
        Integer year = null;
        if (y != null && !y.isBlank()) {
            try {
                year = Integer.valueOf(y.strip());
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("year: not a year: " + HttpError.quote(y));
            }
        }
        return w.provenance(model, data, city, leaf, year);
    }

    private static String required(Call call, String name) {
        String v = call.query(name);
        if (v == null || v.isBlank()) {
            throw HttpError.badRequest(name + ": missing; GET /api/provenance?model=ID&data=SOURCES&city=KEY&leaf=ID");
        }
        return v.strip();
    }

    /** {@code pack:NAME} and {@code upload:TOKEN} joined by {@code +} or spaces; files are not read over HTTP. */
    static DataSource data(String text) {
        List<DataSource> parts = new ArrayList<>();
        for (String part : text.split("[+\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.startsWith(DataSource.PACK_PREFIX) && part.length() > DataSource.PACK_PREFIX.length()) {
                parts.add(DataSource.parse(part));
            } else if (part.startsWith("upload:") && part.length() > "upload:".length()) {
                parts.add(DataSource.upload(part.substring("upload:".length())));
            } else {
                throw HttpError.badRequest("data: " + HttpError.quote(part) + " is neither pack:NAME nor upload:TOKEN"
                        + " (upload a file with POST /api/upload)");
            }
        }
        if (parts.isEmpty()) {
            throw HttpError.badRequest("data: empty; give pack:NAME or upload:TOKEN, several joined by +");
        }
        return DataSource.merged(parts);
    }
}
