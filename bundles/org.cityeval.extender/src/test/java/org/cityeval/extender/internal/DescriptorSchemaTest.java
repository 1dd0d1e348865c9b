package org.cityeval.extender.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The descriptor's JSON Schema ({@code schema/cityeval-model-1.schema.json} in this bundle, copied to
 * {@code docs/schema/}), the parser and docs/descriptor.md cannot drift apart: every seed descriptor validates;
 * each object of the schema has exactly the fields the parser allows there (asked of the parser itself, by
 * adding an unknown field and reading the "allowed here" list it answers with); every field is in the docs.
 */
class DescriptorSchemaTest {
    static final String RESOURCE = "/schema/cityeval-model-1.schema.json";
    static final Path REPO = Path.of("../..");
    static final Path DOCS_COPY = REPO.resolve("docs/schema/cityeval-model-1.schema.json");
    static final ObjectMapper JSON = new ObjectMapper();

    static byte[] schemaBytes() throws IOException {
        try (InputStream in = DescriptorSchemaTest.class.getResourceAsStream(RESOURCE)) {
            assertTrue(in != null, RESOURCE + " is not on the class path");
            return in.readAllBytes();
        }
    }

    static JsonNode schemaNode() throws IOException {
        return JSON.readTree(schemaBytes());
    }

    static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(new String(schemaBytes(), StandardCharsets.UTF_8), com.networknt.schema.InputFormat.JSON);
    }

    static List<Path> seeds() throws IOException {
        try (Stream<Path> bundles = Files.list(REPO.resolve("bundles"))) {
            List<Path> out = new ArrayList<>();
            for (Path b : bundles.filter(p -> p.getFileName().toString().startsWith("org.cityeval.model.")).sorted().toList()) {
                Path models = b.resolve("src/main/resources/OSGI-INF/cityeval/models");
                try (Stream<Path> files = Files.list(models)) {
                    files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(out::add);
                }
            }
            return out;
        }
    }

    private static List<String> problems(Schema schema, JsonNode descriptor) {
        return schema.validate(descriptor).stream().map(Error::toString).toList();
    }

    @Test
    void everySeedDescriptorValidatesAndPointsAtTheSchema() throws IOException {
        Schema schema = schema();
        List<Path> seeds = seeds();
        assertTrue(seeds.size() >= 5, seeds.toString());
        for (Path seed : seeds) {
            JsonNode d = JSON.readTree(seed.toFile());
            assertEquals(List.of(), problems(schema, d), seed.toString());
            Path target = seed.getParent().resolve(d.path("$schema").asText("(none)")).normalize();
            assertEquals(DOCS_COPY.normalize(), target, seed + ": $schema should lead to docs/schema in this repository");
        }
    }

    @Test
    void theNewModelTemplateValidatesOnceFilledIn() throws IOException {
        Path template = REPO.resolve("bundles/org.cityeval.cli/src/main/resources/org/cityeval/cli/internal/template/model.json");
        if (!Files.exists(template)) {
            return; // replaced by the archetype (issue 13), which has its own test
        }
        String filled = Files.readString(template).replace("@YEAR@", "2024").replace("@ID@", "my-model")
                .replaceAll("@[A-Z_]+@", "x");
        assertEquals(List.of(), problems(schema(), JSON.readTree(filled)));
    }

    @Test
    void theSchemaRefusesWhatTheParserRefuses() throws IOException {
        Schema schema = schema();
        ObjectNode ok = (ObjectNode) JSON.readTree(MINIMAL);
        assertEquals(List.of(), problems(schema, ok));
        String[][] broken = {
            {"/tree/0", "weigth", "{\"value\": 1}"},            // a misspelt field
            {"/tree/0/weight", "provenance", "\"guessed\""},      // no such provenance
            {"/scale", "kind", "\"percent\""},
            {"", "id", "\"Upper-Case\""},
            {"/tree/0/binding", "formula", "\"square\""},
            {"/tiers/tiers/0", "count", "3"},                      // share and count
            {"/missing", "method", "\"guess\""},
        };
        for (String[] b : broken) {
            ObjectNode d = ok.deepCopy();
            ((ObjectNode) d.at(b[0])).set(b[1], JSON.readTree(b[2]));
            assertFalse(problems(schema, d).isEmpty(), "schema took " + b[0] + "/" + b[1] + " = " + b[2]);
            assertThrows(DescriptorException.class, () -> DescriptorParser.parse(JSON.writeValueAsBytes(d), (k, n) -> true),
                    "parser took " + b[0] + "/" + b[1] + " = " + b[2]);
        }
        ObjectNode noValue = ok.deepCopy();
        ((ObjectNode) noValue.at("/tree/0/weight")).remove("value");
        assertFalse(problems(schema, noValue).isEmpty(), "a published weight needs its value");
    }

    @Test
    void groupMedianAndAnyGroupingRuleAreAcceptedByBoth() throws Exception {
        Schema schema = schema();
        ObjectNode ok = (ObjectNode) JSON.readTree(MINIMAL);
        String[] policies = {
            "{\"method\": \"group-median\"}",
            "{\"method\": \"group-median\", \"groupBy\": \"region\"}",
            "{\"method\": \"group-median:provincial-capital\"}",
            "{\"method\": \"group-mean:my-plugin.rule\"}",
        };
        for (String policy : policies) {
            ObjectNode d = ok.deepCopy();
            d.set("missing", JSON.readTree(policy));
            assertEquals(List.of(), problems(schema, d), policy);
            var model = DescriptorParser.parse(JSON.writeValueAsBytes(d), (k, n) -> true);
            assertTrue(model.missing().kind().grouped(), policy);
        }
        var parsed = DescriptorParser.parse(JSON.writeValueAsBytes(ok.deepCopy().set("missing",
                JSON.readTree("{\"method\": \"group-median:region\"}"))), (k, n) -> true).missing();
        assertEquals(org.cityeval.api.model.MissingData.of(org.cityeval.api.model.MissingData.Method.GROUP_MEDIAN,
                "region", null), parsed);
        for (String bad : new String[] { "{\"method\": \"median:region\"}", "{\"method\": \"group-median:\"}",
                "{\"method\": \"group-median:region\", \"groupBy\": \"province\"}" }) {
            ObjectNode d = ok.deepCopy();
            d.set("missing", JSON.readTree(bad));
            assertThrows(DescriptorException.class, () -> DescriptorParser.parse(JSON.writeValueAsBytes(d), (k, n) -> true),
                    "parser took " + bad);
        }
    }

    @Test
    void theSchemaIsADraft202012SchemaAndItsDocsCopyTheSame() throws IOException {
        JsonNode s = schemaNode();
        assertEquals("https://json-schema.org/draft/2020-12/schema", s.get("$schema").asText());
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertEquals(List.of(), meta.validate(s).stream().map(Error::toString).toList());
        assertArrayEquals(schemaBytes(), Files.readAllBytes(DOCS_COPY), "docs/schema/ is a copy of the bundle's schema");
    }

    /** A descriptor with every kind of object the parser reads, each once. */
    static final String MINIMAL = """
            {"id": "m", "title": "t", "institution": {"zh": "机构"}, "year": 2020,
             "scale": {"kind": "points", "max": 10, "precision": 1},
             "defaults": {"scoring": {"rule": "direct-points"}},
             "tree": [{"id": "a", "name": {"zh": "甲"}, "weight": {"value": 10, "provenance": "published"},
                       "binding": {"variables": ["v"]}, "scoring": {"rule": "direct-points"}}],
             "tiers": {"rule": "score-bands", "tiers": [{"id": "t1", "min": 5, "share": 0.5}]},
             "groups": [{"kind": "k", "membership": "province"}],
             "reference": {"path": "r.csv", "source": "s"},
             "missing": {"method": "none"}}
            """;

    /** Where in {@link #MINIMAL} each object of the schema is ("" the root), by the schema's name for it. */
    static final Map<String, String> PLACES = new LinkedHashMap<>();
    static {
        PLACES.put("", "");
        PLACES.put("scale", "/scale");
        PLACES.put("defaults", "/defaults");
        PLACES.put("indicator", "/tree/0");
        PLACES.put("weight", "/tree/0/weight");
        PLACES.put("binding", "/tree/0/binding");
        PLACES.put("rule", "/tree/0/scoring");
        PLACES.put("localizedText", "/tree/0/name");
        PLACES.put("tierScheme", "/tiers");
        PLACES.put("tier", "/tiers/tiers/0");
        PLACES.put("group", "/groups/0");
        PLACES.put("reference", "/reference");
        PLACES.put("missing", "/missing");
    }

    /** The fields the parser allows in the object at {@code pointer}, as its refusal of an unknown one lists them. */
    static Set<String> allowedByParser(String pointer) throws IOException {
        ObjectNode d = (ObjectNode) JSON.readTree(MINIMAL);
        ((ObjectNode) d.at(pointer)).put("zz_unknown", 1);
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorParser.parse(JSON.writeValueAsBytes(d), (k, n) -> true), pointer);
        String marker = "allowed here: ";
        int at = e.getMessage().indexOf(marker);
        assertTrue(at >= 0 && e.getMessage().contains("zz_unknown"), pointer + ": " + e.getMessage());
        return new TreeSet<>(List.of(e.getMessage().substring(at + marker.length()).split(", ")));
    }

    /** The properties of a schema object (for a oneOf, those of its object branch). */
    static Set<String> properties(JsonNode def) {
        JsonNode props = def.get("properties");
        if (props == null && def.has("oneOf")) {
            for (JsonNode branch : def.get("oneOf")) {
                if (branch.has("properties")) {
                    props = branch.get("properties");
                }
            }
        }
        Set<String> out = new TreeSet<>();
        props.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void eachSchemaObjectHasExactlyTheFieldsTheParserAllows() throws IOException {
        JsonNode s = schemaNode();
        Set<String> defs = new TreeSet<>();
        s.get("$defs").fieldNames().forEachRemaining(defs::add);
        Set<String> placed = new TreeSet<>(PLACES.keySet());
        placed.remove("");
        assertEquals(defs, placed, "every object of the schema is probed");
        for (Map.Entry<String, String> e : PLACES.entrySet()) {
            JsonNode def = e.getKey().isEmpty() ? s : s.get("$defs").get(e.getKey());
            assertEquals(allowedByParser(e.getValue()), properties(def), "schema object '" + e.getKey() + "'");
            JsonNode closed = def.has("oneOf") ? def.get("oneOf").get(1) : def;
            assertEquals(false, closed.path("additionalProperties").asBoolean(true),
                    "'" + e.getKey() + "' refuses other fields, as the parser does");
        }
    }

    @Test
    void everySchemaFieldIsDocumented() throws IOException {
        String doc = Files.readString(REPO.resolve("docs/descriptor.md"));
        List<String> missing = new ArrayList<>();
        JsonNode s = schemaNode();
        List<JsonNode> objects = new ArrayList<>(List.of(s));
        s.get("$defs").forEach(objects::add);
        for (JsonNode def : objects) {
            for (String field : properties(def)) {
                if (!doc.contains("`" + field + "`")) {
                    missing.add(field);
                }
            }
        }
        assertEquals(List.of(), missing, "fields of the schema that docs/descriptor.md does not name (in `backticks`)");
    }
}
