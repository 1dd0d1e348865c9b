package org.cityeval.workflow.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.workflow.CompareRequest;
import org.cityeval.api.workflow.WorkflowException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The domain crosswalk of a comparison, in the format of {@code conf/crosswalk.json}:
 * {@code {"domains": [{"name": ..., "nodes": {modelId: nodeId, ...}}, ...]}}, restricted to the models
 * compared (a domain counts when at least two of them name a node for it). Messages name the JSON path of
 * what is wrong, after where the crosswalk came from ({@code $.crosswalk} for one given with a request,
 * {@code FILE: $} for a file).
 */
final class Crosswalks {
    static final String DEFAULT = "conf/crosswalk.json";

    private Crosswalks() {
    }

    /**
     * The request's crosswalk (JSON or a file), else the distribution's {@value #DEFAULT} if there is one, else none.
     *
     * @param home the distribution's folder, or {@code null}
     * @throws WorkflowException INVALID for a malformed crosswalk, NOT_FOUND for a file that the request names and
     *                           that is not there
     */
    static Map<String, Map<String, String>> of(CompareRequest request, Path home, List<String> ids) {
        if (request.crosswalkJson() != null) {
            return parse(read(request.crosswalkJson(), request.crosswalkWhere()), request.crosswalkWhere(), ids);
        }
        Path file = request.crosswalkFile();
        if (file == null) {
            if (home == null || !Files.isRegularFile(home.resolve(DEFAULT))) {
                return Map.of();
            }
            file = home.resolve(DEFAULT);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw WorkflowException.notFound(file + ": no such file");
        } catch (IOException e) {
            throw WorkflowException.invalid(file + ": cannot be read: " + e.getMessage());
        }
        String where = (file.equals(home == null ? null : home.resolve(DEFAULT)) ? DEFAULT : file.toString()) + ": $";
        return parse(read(bytes, where), where, ids);
    }

    private static JsonNode read(byte[] json, String where) {
        try {
            return Workflows.JSON.readTree(json);
        } catch (IOException e) {
            throw WorkflowException.invalid(where + ": not a crosswalk: " + e.getMessage());
        }
    }

    static Map<String, Map<String, String>> parse(JsonNode root, String path, List<String> ids) {
        JsonNode domains = root == null ? null : root.path("domains");
        if (root == null || !root.isObject() || !domains.isArray()) {
            throw WorkflowException.invalid(path + ": expected {\"domains\": [{\"name\": ..., \"nodes\": {model: node}}]}");
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (int i = 0; i < domains.size(); i++) {
            JsonNode d = domains.get(i);
            String at = path + ".domains[" + i + "]";
            if (!d.path("name").isTextual()) {
                throw WorkflowException.invalid(at + ".name: expected a string");
            }
            if (!d.path("nodes").isObject()) {
                throw WorkflowException.invalid(at + ".nodes: expected an object {model: node}");
            }
            Map<String, String> nodes = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = d.get("nodes").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw WorkflowException.invalid(at + ".nodes." + e.getKey() + ": expected a node id (a string)");
                }
                if (ids.contains(e.getKey())) {
                    nodes.put(e.getKey(), e.getValue().asText());
                }
            }
            if (nodes.size() >= 2) {
                out.put(d.get("name").asText(), nodes);
            }
        }
        return out;
    }
}
