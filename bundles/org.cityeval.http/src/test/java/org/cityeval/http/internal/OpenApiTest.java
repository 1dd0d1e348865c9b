package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** openapi.json and the route table describe the same API. */
class OpenApiTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    static JsonNode document() throws IOException {
        return ApiJson.MAPPER.readTree(CatalogEndpoints.openapiDocument());
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationRouted() throws IOException {
        Router router = Routes.build(Fakes.services(new Fakes.Optionals()), new Fakes.Optionals().store);
        Set<String> routed = new TreeSet<>();
        for (Router.Route r : router.routes()) {
            assertTrue(routed.add(r.method() + " " + r.template()), "route twice: " + r);
        }
        Set<String> documented = new TreeSet<>();
        JsonNode paths = document().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<String> ms = p.getValue().fieldNames(); ms.hasNext();) {
                String m = ms.next();
                if (HTTP_METHODS.contains(m)) {
                    documented.add(m.toUpperCase() + " " + p.getKey());
                }
            }
        }
        assertEquals(routed, documented);
    }

    @Test
    void theDocumentIsOpenApi3WithResolvableReferences() throws IOException {
        JsonNode doc = document();
        assertTrue(doc.get("openapi").asText().startsWith("3.0."));
        assertFalse(doc.path("info").path("title").asText().isEmpty());
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            JsonNode target = doc.at(ref.substring(1));
            assertFalse(target.isMissingNode(), "unresolved " + ref);
        }
    }

    @Test
    void everyOperationDescribesItsAnswerAndErrors() throws IOException {
        JsonNode paths = document().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ms = p.getValue().fields(); ms.hasNext();) {
                Map.Entry<String, JsonNode> op = ms.next();
                String where = op.getKey() + " " + p.getKey();
                JsonNode responses = op.getValue().get("responses");
                assertTrue(responses.has("200"), where);
                assertTrue(responses.has("500"), where);
                assertTrue(responses.has("403"), where);
                assertFalse(op.getValue().path("operationId").asText().isEmpty(), where);
                if (op.getKey().equals("post")) {
                    assertTrue(op.getValue().has("requestBody"), where);
                    assertTrue(responses.has("413"), where);
                }
                if (p.getKey().contains("{")) {
                    assertTrue(op.getValue().has("parameters"), where);
                }
            }
        }
    }

    @Test
    void requestSchemasListTheFieldsTheEndpointsAccept() throws IOException {
        JsonNode schemas = document().get("components").get("schemas");
        Map<String, Set<String>> accepted = Map.of("EvaluateRequest", DataEndpoints.EVALUATE, "CoverageRequest",
                DataEndpoints.COVERAGE, "DataRequest", DataEndpoints.QUALITY, "CompareRequest", AnalysisEndpoints.COMPARE,
                "UncertaintyRequest", AnalysisEndpoints.UNCERTAINTY, "WeightsRequest", AnalysisEndpoints.WEIGHTS,
                "CoinrRequest", AnalysisEndpoints.COINR, "ReportRequest", AnalysisEndpoints.REPORT, "StatsRequest",
                StatsEndpoints.STATS);
        accepted = new java.util.HashMap<>(accepted);
        accepted.putAll(Map.of("ProfileRequest", ProfileEndpoints.PROFILE, "StagesRequest", ProfileEndpoints.STAGES,
                "LeaveOneOutRequest", ProfileEndpoints.LEAVE_ONE_OUT));
        for (Map.Entry<String, Set<String>> e : accepted.entrySet()) {
            Set<String> documented = new TreeSet<>();
            schemas.get(e.getKey()).get("properties").fieldNames().forEachRemaining(documented::add);
            assertEquals(new TreeSet<>(e.getValue()), documented, e.getKey());
        }
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, out));
        }
    }
}
