package org.cityeval.extender.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cityeval.api.model.Provenance;
import org.cityeval.extender.internal.DescriptorParser.WeightOverride;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a model's weight configuration, {@code <config dir>/<model id>.json}: weights that the published
 * record leaves open (assumed or inferred), set without rebuilding the model bundle.
 *
 * <pre>
 * {"weights": {
 *   "service_completeness":    {"value": 0.3, "provenance": "published", "note": "CSTC 2022 edition"},
 *   "management_maturity": {"value": 0.25}
 * }}
 * </pre>
 *
 * A weight without a provenance stays {@code assumed}: configuration is a choice unless it says where the
 * figure comes from.
 */
final class WeightConfiguration {
    private WeightConfiguration() {
    }

    static Map<String, WeightOverride> read(Path file) throws DescriptorException {
        String name = file.getFileName().toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // the descriptor's limits, and a bounded read: a 100 MB file is not read into memory
            bytes = DescriptorJson.readBounded(in, name);
        } catch (DescriptorException e) {
            throw new DescriptorException("$", file + (e.jsonPath().equals("$") ? "" : " " + e.jsonPath()) + ": "
                    + e.reason());
        } catch (IOException e) {
            throw new DescriptorException("$", file + ": cannot read: " + e.getMessage());
        }
        return read(file.toString(), bytes);
    }

    /**
     * The same check of a configuration not (yet) in a file: what {@code weights --write-config} is about to write.
     *
     * @param file what to call it in messages
     */
    static Map<String, WeightOverride> read(String file, byte[] bytes) throws DescriptorException {
        JsonNode root;
        try {
            root = DescriptorJson.read(bytes);
        } catch (DescriptorException e) {
            throw new DescriptorException("$", file + (e.jsonPath().equals("$") ? "" : " " + e.jsonPath()) + ": "
                    + e.reason());
        }
        if (root == null || !root.isObject() || !root.path("weights").isObject() || root.size() != 1) {
            throw new DescriptorException("$", file + ": expected {\"weights\": {\"indicator id\": {\"value\": ...}}}");
        }
        Map<String, WeightOverride> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("weights").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = file + " $.weights." + e.getKey();
            JsonNode w = e.getValue();
            if (!w.isObject() || !w.path("value").isNumber()) {
                throw new DescriptorException("$", path + ": expected {\"value\": number, \"provenance\": ..., \"note\": ...}");
            }
            for (Iterator<String> f = w.fieldNames(); f.hasNext();) {
                String field = f.next();
                if (!field.equals("value") && !field.equals("provenance") && !field.equals("note")) {
                    throw new DescriptorException("$", path + ": unknown field '" + field + "'; allowed: note, provenance, value");
                }
            }
            double value = w.get("value").asDouble();
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new DescriptorException("$", path + ".value: a weight is a finite number ≥ 0");
            }
            Provenance provenance = Provenance.ASSUMED;
            if (w.has("provenance")) {
                String p = w.get("provenance").asText();
                provenance = null;
                for (Provenance v : Provenance.values()) {
                    if (v.toString().equals(p)) {
                        provenance = v;
                    }
                }
                if (provenance == null) {
                    throw new DescriptorException("$", path + ".provenance: '" + p + "' is not one of published, derived, inferred, assumed");
                }
            }
            if (w.hasNonNull("note") && !w.get("note").isTextual()) {
                throw new DescriptorException("$", path + ".note: expected a string");
            }
            out.put(e.getKey(), new WeightOverride(value, provenance, w.hasNonNull("note") ? w.get("note").asText() : null));
        }
        return out;
    }
}
