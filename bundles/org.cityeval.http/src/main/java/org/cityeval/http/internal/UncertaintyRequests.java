package org.cityeval.http.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.cityeval.api.analysis.AggregationAlternative;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.analysis.NormalisationChoice;
import org.cityeval.api.analysis.UncertaintySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@link UncertaintySpec} of a request, by the record's field names, within what one request may ask of
 * the server: at most {@value #MAX_REPLICATIONS} replications, {@value #MAX_RUNS} model evaluations in all
 * (Sobol: N × (k + 2)) and {@value #MAX_THREADS} threads.
 */
final class UncertaintyRequests {
    static final int MAX_REPLICATIONS = 100_000;
    static final long MAX_RUNS = 1_000_000;
    static final int MAX_THREADS = 64;
    static final Set<String> FIELDS = Set.of("replications", "seed", "threads", "weightNoise", "normalisations",
            "aggregations", "winsorisation", "sobol", "missing", "minCoverage", "imputations");

    private UncertaintyRequests() {
    }

    /** @throws HttpError 400 naming the field */
    static UncertaintySpec spec(Fields f) {
        Integer n = f.optInt("replications", 2, MAX_REPLICATIONS);
        int replications = n == null ? 1000 : n;
        Long seed = f.optLong("seed");
        Integer threads = f.optInt("threads", 0, MAX_THREADS);
        Map<Integer, Double> noise = new LinkedHashMap<>();
        ObjectNode w = f.optObject("weightNoise");
        if (w != null) {
            Iterator<Map.Entry<String, JsonNode>> it = w.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = f.path("weightNoise") + "." + e.getKey();
                int level;
                try {
                    level = Integer.parseInt(e.getKey());
                } catch (NumberFormatException x) {
                    throw HttpError.badRequest(at + ": the keys are tree levels (1, 2, ...), e.g. {\"2\": 0.25}");
                }
                if (level < 1 || level > 20 || !e.getValue().isNumber()) {
                    throw HttpError.badRequest(at + ": expected a level from 1 to 20 with a relative noise (a number), "
                            + "e.g. {\"2\": 0.25}");
                }
                noise.put(level, e.getValue().doubleValue());
            }
        }
        List<NormalisationChoice> normalisations = choices(f, "normalisations", NormalisationChoice::parse);
        List<AggregationAlternative> aggregations = choices(f, "aggregations", AggregationAlternative::parse);
        Double minCoverage = f.optNumber("minCoverage", 0, 1);
        List<MissingData> imputations = choices(f, "imputations", m -> MissingData.parse(m, minCoverage));
        List<Integer> winsorisation = new ArrayList<>();
        JsonNode ws = f.get("winsorisation");
        if (ws != null) {
            if (!ws.isArray()) {
                throw HttpError.badRequest(f.path("winsorisation") + ": expected an array of integers, e.g. [1, 2, 3]");
            }
            for (int i = 0; i < ws.size(); i++) {
                JsonNode v = ws.get(i);
                if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0 || v.intValue() > 1000) {
                    throw HttpError.badRequest(f.path("winsorisation") + "[" + i + "]: expected an integer from 0 to 1000");
                }
                winsorisation.add(v.intValue());
            }
        }
        boolean sobol = f.optBool("sobol", false);
        return new UncertaintySpec(replications, seed == null ? 1 : seed, threads == null ? 0 : threads, noise,
                normalisations, List.of(), winsorisation, sobol, DataRequests.missing(f), imputations, aggregations);
    }

    /** A list of typed choices, each parsed once; a bad one is a 400 naming its place in the list. */
    private static <T> List<T> choices(Fields f, String field, Function<String, T> parse) {
        List<String> names = f.optTexts(field);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            try {
                out.add(parse.apply(names.get(i)));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest(f.path(field) + "[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * @param runs the model evaluations the request asks for ({@code UncertaintyWorkflow.runs})
     * @throws HttpError 400 when they are more than {@value #MAX_RUNS}
     */
    static void limit(Fields f, UncertaintySpec spec, long runs) {
        if (runs > MAX_RUNS) {
            throw HttpError.badRequest(f.path("replications") + ": " + spec.replications() + " replications make " + runs
                    + " model evaluations here; one request may ask for " + MAX_RUNS + " at most");
        }
    }
}
