package org.cityeval.http.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Named what-if weight configurations of a model (the dashboard's what-if panel saves them; an evaluation takes
 * one by {@code "weightConfiguration"} or inline {@code "weights"}).
 */
final class WhatIfEndpoints {
    static final Set<String> PUT = Set.of("weights");

    private final Services services;

    WhatIfEndpoints(Services services) {
        this.services = services;
    }

    /** {@code GET /api/models/{id}/weight-configurations}: {@code {"model", "configurations": [{"name", "weights", "provenance"}]}}. */
    Object list(Call call) throws IOException {
        String model = call.variable("id");
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        services.weights().configurations(model).forEach((name, w) -> out.add(Map.of("name", name, "weights", w,
                "provenance", "assumed")));
        return Map.of("model", model, "configurations", out);
    }

    /** {@code PUT /api/models/{id}/weight-configurations/{name}}: {@code {"weights": {node: relative weight}}}. */
    Object put(Call call) throws IOException {
        String model = call.variable("id");
        String name = call.variable("name");
        Fields f = call.fields(PUT);
        Map<String, Double> weights = weights(f, "weights");
        if (weights == null) {
            throw HttpError.badRequest(f.path("weights") + ": required, {node id: relative weight}");
        }
        services.weights().saveConfiguration(model, name, weights);
        return Map.of("model", model, "name", name, "weights", weights, "provenance", "assumed");
    }

    /** @return the object of numbers in this field, or {@code null} without it */
    static Map<String, Double> weights(Fields f, String field) {
        JsonNode v = f.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw HttpError.badRequest(f.path(field) + ": an object {node id: relative weight} was expected");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        var it = v.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().isNumber() || !(e.getValue().doubleValue() >= 0)
                    || !Double.isFinite(e.getValue().doubleValue())) {
                throw HttpError.badRequest(f.path(field) + "." + e.getKey() + ": a finite number ≥ 0 was expected");
            }
            out.put(e.getKey(), e.getValue().doubleValue());
        }
        return out;
    }

    /** The evaluation's what-if weights: inline {@code "weights"} or a saved {@code "weightConfiguration"}. */
    static Map<String, Double> forEvaluation(Services services, Fields f, String model) throws IOException {
        Map<String, Double> inline = weights(f, "weights");
        String name = f.optText("weightConfiguration");
        if (inline != null && name != null) {
            throw HttpError.badRequest(f.path("weightConfiguration") + ": give either \"weights\" or "
                    + "\"weightConfiguration\", not both");
        }
        if (name != null) {
            Map<String, Double> saved = services.weights().configurations(model).get(name);
            if (saved == null) {
                throw HttpError.badRequest(f.path("weightConfiguration") + ": model " + HttpError.quote(model)
                        + " has no weight configuration " + HttpError.quote(name));
            }
            return saved;
        }
        return inline;
    }
}
