package org.cityeval.http.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.PanelResult;
import org.cityeval.api.service.WorkbenchStore;
import org.cityeval.api.service.WorkbenchStore.StoredResult;
import org.cityeval.api.service.Workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the workbench keeps ({@link WorkbenchStore}): saved results and workspaces, and the store's status.
 * The store's refusals become answers: an unusable name or field 400, a full store 507.
 */
final class WorkbenchEndpoints {
    /** The fields of {@code PUT /api/workspaces/{name}}. */
    static final Set<String> WORKSPACE = Set.of("title", "notes", "dataset", "models", "year", "missing", "years",
            "normalise");

    private final WorkbenchStore store;

    WorkbenchEndpoints(WorkbenchStore store) {
        this.store = store;
    }

    /** {@code GET /api/store}: persistent or in memory, the folder, what is kept and how much. */
    Object status(Call call) {
        return store.status();
    }

    /**
     * Saves an evaluation's result (for {@code POST /api/evaluate} with {@code "save": true}) and answers it with
     * {@code "saved": {"id", "saved", "persistent"}} added.
     */
    Object save(EvaluationResult result, String title) throws IOException {
        return save(result, result.model() == null ? null : result.model().id(), title);
    }

    /**
     * Saves a panel evaluation's result as {@link #save(EvaluationResult, String)} saves a one-year result;
     * {@code GET /api/results/{id}} answers it as it was answered (years, series, trends).
     */
    Object save(PanelResult result, String title) throws IOException {
        return save(result, result.model() == null ? null : result.model().id(), title);
    }

    private Object save(Object result, String model, String title) throws IOException {
        ObjectNode json = ApiJson.MAPPER.valueToTree(result);
        StoredResult r = refusals(() -> store.putResult(model, title, ApiJson.write(json)));
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("id", r.id());
        saved.put("saved", r.saved());
        saved.put("persistent", store.status().persistent());
        json.set("saved", ApiJson.MAPPER.valueToTree(saved));
        return json;
    }

    /** {@code GET /api/results}: the saved results' descriptions, oldest first. */
    Object results(Call call) {
        return Map.of("persistent", store.status().persistent(), "results", store.results());
    }

    /** {@code GET /api/results/{id}}: the result as it was answered when saved. */
    Object result(Call call) throws IOException {
        String id = call.variable("id");
        byte[] json = store.resultJson(id).orElseThrow(() -> HttpError.notFound("no saved result " + HttpError.quote(id)));
        return new Download(json, Responses.JSON, null);
    }

    /** {@code GET /api/workspaces}: every workspace, by name. */
    Object workspaces(Call call) {
        return Map.of("persistent", store.status().persistent(), "workspaces", store.workspaces());
    }

    /** {@code GET /api/workspaces/{name}}. */
    Object workspace(Call call) {
        String name = call.variable("name");
        return store.workspace(name).orElseThrow(() -> HttpError.notFound("no workspace " + HttpError.quote(name)));
    }

    /**
     * {@code PUT /api/workspaces/{name}}: {@code {"title", "notes", "dataset": TOKEN, "models": [ID...], "year",
     * "missing", "years", "normalise"}} ({@code "years"}, {@code "normalise"}: a panel study), every field
     * optional; creates or replaces the workspace and answers it as saved.
     */
    Object putWorkspace(Call call) throws IOException {
        String name = call.variable("name");
        Fields f = call.fields(WORKSPACE);
        String dataset = f.optText("dataset");
        if (dataset != null && store.dataset(dataset).isEmpty()) {
            throw HttpError.badRequest(f.path("dataset") + ": no upload " + HttpError.quote(dataset));
        }
        if (f.has("years") || f.has("normalise")) {
            PanelRequests.of(f); // the same checks as a panel run's "years", "normalise" and "missing"
        } else if (f.optText("missing") != null) {
            DataRequests.options(f); // the same check as a run's "missing"
        }
        List<String> models = f.has("models") ? f.texts("models") : List.of();
        Workspace w = new Workspace(name, f.optText("title"), f.optText("notes"), dataset, models,
                f.optInt("year", 1000, 9999), f.optText("missing"), null, f.optText("years"), f.optText("normalise"));
        return refusals(() -> store.putWorkspace(w));
    }

    /** {@code DELETE /api/workspaces/{name}}: {@code {"deleted": name}}; 404 when there is none. */
    Object deleteWorkspace(Call call) throws IOException {
        String name = call.variable("name");
        if (!store.deleteWorkspace(name)) {
            throw HttpError.notFound("no workspace " + HttpError.quote(name));
        }
        return Map.of("deleted", name);
    }

    private interface Save<T> {
        T run() throws IOException;
    }

    private static <T> T refusals(Save<T> save) throws IOException {
        try {
            return save.run();
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw new HttpError(507, e.getMessage());
        }
    }
}
