package org.cityeval.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The domain crosswalk of a comparison, in the format of {@code conf/crosswalk.json}:
 * {@code {"domains": [{"name": ..., "nodes": {modelId: nodeId, ...}}, ...]}}, restricted to the models
 * compared (a domain counts when at least two of them name a node for it).
 */
final class Crosswalks {
    private Crosswalks() {
    }

    /**
     * @param given the request's {@code "crosswalk"}, or {@code null} for the distribution's
     * @param home  the distribution's folder, or {@code null}
     * @throws HttpError 400 naming the JSON path of a malformed crosswalk in the request
     */
    static Map<String, Map<String, String>> of(JsonNode given, Path home, List<String> ids) {
        if (given != null) {
            return parse(given, "$.crosswalk", ids);
        }
        if (home == null) {
            return Map.of();
        }
        Path file = home.resolve("conf/crosswalk.json");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = ApiJson.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException("conf/crosswalk.json is not readable JSON", e);
        }
        return parse(root, "conf/crosswalk.json: $", ids);
    }

    static Map<String, Map<String, String>> parse(JsonNode root, String path, List<String> ids) {
        JsonNode domains = root.path("domains");
        if (!root.isObject() || !domains.isArray()) {
            throw HttpError.badRequest(path + ": expected {\"domains\": [{\"name\": ..., \"nodes\": {model: node}}]}");
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (int i = 0; i < domains.size(); i++) {
            JsonNode d = domains.get(i);
            String at = path + ".domains[" + i + "]";
            if (!d.path("name").isTextual()) {
                throw HttpError.badRequest(at + ".name: expected a string");
            }
            if (!d.path("nodes").isObject()) {
                throw HttpError.badRequest(at + ".nodes: expected an object {model: node}");
            }
            Map<String, String> nodes = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = d.get("nodes").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw HttpError.badRequest(at + ".nodes." + e.getKey() + ": expected a node id (a string)");
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
