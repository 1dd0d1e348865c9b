package org.cityeval.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.workflow.WorkflowException;
import org.cityeval.api.workflow.ValidationWorkflow;
import org.cityeval.api.workflow.ValidationReport;
import org.cityeval.api.workflow.ValidateRequest;
import org.cityeval.api.workflow.DataSource;

/** What is loaded: models, trees, reproductions, descriptor validation, data packs, the API's own description. */
final class CatalogEndpoints {
    static final String OPENAPI = "/openapi.json";

    private final Services services;

    CatalogEndpoints(Services services) {
        this.services = services;
    }

    /** {@code GET /api/models}: as {@code cityeval models --format json}. */
    Object models(Call call) {
        return services.catalog().overview();
    }

    /** {@code GET /api/models/{id}}: as {@code cityeval tree ID --format json}. */
    Object tree(Call call) {
        return services.lookup().model(call.variable("id")).model();
    }

    /** {@code GET /api/models/{id}/reproduce}: the evaluation of the model's shipped reference data. */
    Object reproduce(Call call) throws IOException, BadInputException {
        return services.evaluations().reproduce(call.variable("id"));
    }

    /**
     * {@code POST /api/validate?pack=ID}: the body is a model descriptor; answers the report of {@code cityeval
     * validate FILE --format json}: {@code {"source", "valid", "models", "problems": [{"jsonPath", "reason"}],
     * "warnings": [...], "notes": [...]}}. 200 whether or not it is valid (the answer is the report); 404 for an
     * unknown pack.
     */
    Object validate(Call call) throws IOException {
        ValidationWorkflow validation = services.validation();
        if (validation == null) {
            throw WorkflowException.unavailable("the validation workflow is");
        }
        String name = Bodies.fileName(call.query("name"));
        byte[] body = call.body(ModelCatalog.MAX_DESCRIPTOR_BYTES, "a model descriptor"); // larger: 413, unread
        String pack = call.query("pack");
        ValidationReport report = validation.validate(new ValidateRequest(DataSource.inline(
                name == null ? "descriptor.json" : name, body)).pack(pack == null || pack.isBlank() ? null : pack));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", report.source());
        out.put("valid", report.valid());
        out.put("models", report.models());
        out.put("problems", problems(report.problems()));
        out.put("warnings", problems(report.warnings()));
        out.put("notes", report.notes());
        return out;
    }

    private static List<Map<String, Object>> problems(List<ModelLoadError> list) {
        return list.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("jsonPath", p.jsonPath());
            m.put("reason", p.reason());
            return m;
        }).toList();
    }

    /** {@code GET /api/packs}: the shipped data packs ({@code "pack": NAME} in requests). */
    Object packs(Call call) {
        return Map.of("packs", services.sources().packs());
    }

    /** {@code GET /api/openapi.json}: the hand-written OpenAPI document of this API. */
    Object openapi(Call call) throws IOException {
        return new Download(openapiDocument(), "application/json;charset=utf-8", null);
    }

    static byte[] openapiDocument() throws IOException {
        try (InputStream in = CatalogEndpoints.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IOException("openapi.json is missing from the bundle");
            }
            return in.readAllBytes();
        }
    }
}
