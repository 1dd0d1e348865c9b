package org.cityeval.extender.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.GroupScheme;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.model.Provenance;
import org.cityeval.extender.internal.DescriptorParser.RuleKind;
import org.cityeval.extender.internal.DescriptorParser.RuleNames;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class DescriptorParserTest {
    static final Path PSDF = Path.of(
            "../org.cityeval.model.guomai.psdf2024/src/main/resources/OSGI-INF/cityeval/models/guomai-psdf-2024.json");

    /** A runtime with the rules the PSDF descriptor names (tests of unknown rules use the others). */
    static final RuleNames BUILT_IN = (kind, name) -> switch (kind) {
        case SCORING -> Set.of("direct-points", "share", "min-max").contains(name);
        case AGGREGATION -> name.equals("weighted-sum");
        case TIER -> name.equals("score-bands");
        case GROUPING -> Set.of("province", "provincial-capital").contains(name);
    };

    static final ObjectMapper JSON = new ObjectMapper();

    static EvaluationModel parse(JsonNode descriptor) throws DescriptorException {
        return DescriptorParser.parse(bytes(descriptor), BUILT_IN);
    }

    static byte[] bytes(JsonNode descriptor) {
        try {
            return JSON.writeValueAsBytes(descriptor);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A small valid descriptor:
     * <pre>
     * a (60): a1 (20), a2 (assumed), a3 (assumed)
     * b (40)
     * </pre>
     */
    static ObjectNode base() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {
                      "id": "test-model",
                      "title": {"zh": "测试", "en": "Test"},
                      "institution": {"zh": "机构"},
                      "edition": "1st",
                      "year": 2024,
                      "scale": {"kind": "points", "max": 100, "precision": 1},
                      "tree": [
                        {"id": "a", "name": {"zh": "甲", "en": "A"}, "weight": {"value": 60, "provenance": "published"},
                         "children": [
                           {"id": "a1", "name": "a1", "weight": {"value": 20, "provenance": "published"}},
                           {"id": "a2", "name": "a2", "weight": {"provenance": "assumed"}},
                           {"id": "a3", "name": "a3", "weight": {"provenance": "assumed", "note": "expert survey"}}
                         ]},
                        {"id": "b", "name": "乙", "weight": {"value": 40, "provenance": "published"}}
                      ],
                      "tiers": {"rule": "score-bands", "tiers": [{"id": "high", "min": 60}, {"id": "low", "max": 60}]},
                      "groups": [{"kind": "province", "membership": "province"}]
                    }
                    """);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Parses a broken variant of {@link #base()} and returns the rejection. */
    static DescriptorException rejected(Consumer<ObjectNode> breakIt) {
        ObjectNode d = base();
        breakIt.accept(d);
        return assertThrows(DescriptorException.class, () -> parse(d));
    }

    static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static ObjectNode at(ObjectNode d, String pointer) {
        return (ObjectNode) d.at(pointer);
    }

    static void assertRejected(String path, String reasonPart, DescriptorException e) {
        assertAll(() -> assertEquals(path, e.jsonPath(), e.getMessage()),
                () -> assertTrue(e.reason().contains(reasonPart), "reason: " + e.reason()),
                () -> assertEquals(path + ": " + e.reason(), e.getMessage()),
                () -> assertFalse(e.missingRule(), "not a missing rule"));
    }

    static List<Indicator> all(Indicator root) {
        List<Indicator> out = new ArrayList<>();
        for (Indicator c : root.children()) {
            out.add(c);
            out.addAll(all(c));
        }
        return out;
    }

    static Indicator find(EvaluationModel m, String id) {
        return all(m.root()).stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no indicator " + id));
    }

    // ======================================================================== the real descriptor

    @Nested
    class RealPsdfDescriptor {
        final EvaluationModel m;

        RealPsdfDescriptor() throws Exception {
            assertTrue(Files.isRegularFile(PSDF), "descriptor at " + PSDF.toAbsolutePath());
            m = DescriptorParser.parse(Files.readAllBytes(PSDF), BUILT_IN);
        }

        @Test
        void identity() {
            assertEquals("guomai-psdf-2024", m.id());
            assertEquals("国脉研究院", m.institution().zh());
            assertEquals(2024, m.year());
            assertEquals("points", m.scale().kind());
            assertEquals(100.0, m.scale().max());
            assertEquals(1, m.scale().precision());
            assertEquals(EvaluationModel.ROOT_ID, m.root().id());
            assertEquals(0, m.root().level());
            assertEquals(100.0, m.root().weight().value());
            assertEquals("weighted-sum", m.root().aggregation().rule());
            assertEquals(4, m.notes().size());
            assertTrue(m.notes().get(3).contains("documented proxies"), m.notes().get(3));
            assertEquals("OSGI-INF/cityeval/reference/guomai-psdf-2024-table1.csv", m.reference().path());
        }

        @Test
        void notesAndTheTableNoteInBothLanguages() {
            assertEquals(m.notes().size(), m.notesText().size());
            assertTrue(m.notesText().get(3).zh().contains("代理变量"), m.notesText().get(3).toString());
            assertEquals(m.notes().get(3), m.notesText().get(3).en(), "notes keep each note's English");
            assertTrue(m.reference().noteText().zh().contains("104 个城市"), m.reference().noteText().toString());
            assertEquals(m.reference().note(), m.reference().noteText().en());
        }

        @Test
        void levelCounts() {
            assertEquals(List.of(4, 11, 31), Overviews.levelCounts(m.root()));
        }

        @Test
        void provenanceCounts() {
            assertEquals(Map.of("published", 21, "derived", 2, "inferred", 0, "assumed", 23),
                    Overviews.provenance(m.root()));
            assertEquals(List.of("published", "derived", "inferred", "assumed"),
                    List.copyOf(Overviews.provenance(m.root()).keySet()), "every provenance, in enum order");
        }

        @Test
        void childrenWeightsAddUpToTheParents() {
            List<Indicator> inner = new ArrayList<>(List.of(m.root()));
            all(m.root()).stream().filter(i -> !i.leaf()).forEach(inner::add);
            assertEquals(1 + 4 + 11, inner.size());
            for (Indicator parent : inner) {
                double sum = parent.children().stream().mapToDouble(c -> c.weight().value()).sum();
                assertEquals(parent.weight().value(), sum, 1e-9, parent.id());
            }
        }

        @Test
        void assumedWeightsAreEqualSharesOfWhatIsLeft() {
            assertEquals(4.0, find(m, "computing_power").weight().value(), 1e-12); // (15 - 3) / 3
            assertEquals(3.75, find(m, "data_institutions").weight().value(), 1e-12); // 15 / 4
            assertEquals(7.0 / 3, find(m, "vital_signs").weight().value(), 1e-12); // (10 - 3) / 3
            assertEquals(2.5, find(m, "smart_emergency").weight().value(), 1e-12); // (8 - 3) / 2
            Indicator cp = find(m, "computing_power");
            assertEquals(Provenance.ASSUMED, cp.weight().provenance());
            assertTrue(cp.weight().note().contains("equal share"), cp.weight().note());
            assertEquals(3.0, find(m, "low_altitude").weight().value());
            assertEquals(Provenance.DERIVED, find(m, "promotion_mechanism").weight().provenance());
            assertEquals(2.0, find(m, "promotion_mechanism").weight().value());
        }

        @Test
        void levelsRulesAndDefaults() {
            for (Indicator i : all(m.root())) {
                if (i.leaf()) {
                    assertEquals(3, i.level(), i.id());
                    assertEquals("direct-points", i.scoring().rule(), i.id());
                    assertNull(i.aggregation(), i.id());
                } else {
                    assertEquals("weighted-sum", i.aggregation().rule(), i.id());
                    assertNull(i.scoring(), i.id());
                }
            }
        }

        @Test
        void tiersAndGroups() {
            assertEquals("score-bands", m.tiers().rule());
            assertEquals(6, m.tiers().tiers().size());
            assertEquals(80.0, m.tiers().tiers().get(0).min());
            assertNull(m.tiers().tiers().get(0).max());
            assertNull(m.tiers().tiers().get(5).min());
            assertEquals(40.0, m.tiers().tiers().get(5).max());
            assertEquals(List.of("province", "capital"), m.groups().stream().map(GroupScheme::kind).toList());
            assertEquals("provincial-capital", m.groups().get(1).membership());
            assertEquals(4, m.groups().get(0).tiers().tiers().size());
            assertNull(m.groups().get(1).tiers());
        }

        @Test
        void waitsForItsRulesWhenTheRuntimeHasNone() {
            DescriptorException e = assertThrows(DescriptorException.class,
                    () -> DescriptorParser.parse(Files.readAllBytes(PSDF), (k, n) -> false));
            assertTrue(e.missingRule());
            assertEquals("$.defaults.scoring", e.jsonPath(), "the first rule named");
        }
    }

    // ======================================================================== the small descriptor

    @Nested
    class Valid {
        @Test
        void baseParses() throws Exception {
            EvaluationModel m = parse(base());
            assertEquals("test-model", m.id());
            assertEquals(List.of(2, 3), Overviews.levelCounts(m.root()));
            assertEquals(20.0, find(m, "a2").weight().value());
            assertEquals(20.0, find(m, "a3").weight().value());
            assertEquals("expert survey; equal share of the parent's unassigned points", find(m, "a3").weight().note());
            assertEquals("direct-points", find(m, "b").scoring().rule());
            assertEquals("乙", find(m, "b").name().zh());
            assertNull(find(m, "b").name().en());
        }

        @Test
        void ruleWithParameters() throws Exception {
            ObjectNode d = base();
            at(d, "/tree/1").set("scoring", JSON.readTree("{\"rule\": \"share\", \"parameters\": {\"cap\": 1.5, \"n\": 3,"
                    + " \"on\": true, \"list\": [1, \"x\"], \"map\": {\"k\": \"v\"}}}"));
            Indicator b = find(parse(d), "b");
            assertEquals("share", b.scoring().rule());
            assertEquals(Map.of("cap", 1.5, "n", 3L, "on", true, "list", List.of(1L, "x"), "map", Map.of("k", "v")),
                    b.scoring().parameters());
        }

        @Test
        void treatmentOnLeavesBindingsAndInDefaults() throws Exception {
            ObjectNode d = base();
            d.set("defaults", JSON.readTree("{\"treatment\": \"winsorise\"}"));
            at(d, "/tree/1").set("treatment", JSON.readTree("{\"method\": \"box-cox\", \"lambda\": 0.5}"));
            at(d, "/tree/0/children/1").set("treatment", JSON.readTree("\"none\""));
            at(d, "/tree/0/children/0").set("binding", JSON.readTree("{\"variables\": [\"v\"], \"treatment\": "
                    + "{\"method\": \"winsorise\", \"winmax\": 3, \"then\": \"box-cox\", \"lambda\": 0}}"));
            EvaluationModel m = parse(d);
            assertEquals(new RuleRef("box-cox", Map.of("lambda", 0.5)), find(m, "b").treatment());
            assertEquals(new RuleRef("none", Map.of()), find(m, "a2").treatment());
            assertEquals(new RuleRef("winsorise", Map.of()), find(m, "a3").treatment(), "the default");
            assertEquals(new RuleRef("winsorise", Map.of("winmax", 3.0, "then", "box-cox", "lambda", 0.0)),
                    find(m, "a1").binding().treatment());
            assertNull(find(m, "a").treatment(), "an inner node has none");
        }

        @Test
        void badTreatmentsNameTheirJsonPath() {
            String[][] bad = {
                {"\"square\"", "$.tree[1].treatment", "'square' is not a treatment"},
                {"{\"method\": \"box-cox\"}", "$.tree[1].treatment", "box-cox needs its 'lambda'"},
                {"{\"method\": \"log\", \"winmax\": 2}", "$.tree[1].treatment.winmax", "not a parameter of the treatment 'log'"},
                {"{\"method\": \"winsorise\", \"winmax\": 2.5}", "$.tree[1].treatment.winmax", "a whole number"},
                {"{\"method\": \"winsorise\", \"then\": \"sqrt\"}", "$.tree[1].treatment.then", "use log, box-cox or none"},
            };
            for (String[] b : bad) {
                ObjectNode d = base();
                at(d, "/tree/1").set("treatment", readTree(b[0]));
                DescriptorException e = assertThrows(DescriptorException.class, () -> parse(d), b[0]);
                assertTrue(e.getMessage().contains(b[1] + ": ") && e.getMessage().contains(b[2]), e.getMessage());
            }
            ObjectNode inner = base();
            at(inner, "/tree/0").set("treatment", readTree("\"log\""));
            DescriptorException e = assertThrows(DescriptorException.class, () -> parse(inner));
            assertTrue(e.getMessage().contains("$.tree[0].treatment: only leaves have an outlier treatment"), e.getMessage());
        }

        @Test
        void maxDepthIsAccepted() throws Exception {
            EvaluationModel m = parse(chain(DescriptorParser.MAX_DEPTH));
            assertEquals(DescriptorParser.MAX_DEPTH, Overviews.levelCounts(m.root()).size());
        }

        @Test
        void weightsWithinToleranceAddUp() throws Exception {
            ObjectNode d = base();
            at(d, "/tree/0/weight").put("value", 0.1 + 0.2 + 59.7);
            at(d, "/tree/1/weight").put("value", 40);
            parse(d);
        }
    }

    /** A single chain of {@code depth} levels, each of 100 points. */
    static ObjectNode chain(int depth) {
        ObjectNode d = base();
        ObjectNode leaf = null;
        for (int level = depth; level >= 1; level--) {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", "n" + level);
            n.put("name", "n" + level);
            n.putObject("weight").put("value", 100).put("provenance", "published");
            if (leaf != null) {
                n.putArray("children").add(leaf);
            }
            leaf = n;
        }
        d.putArray("tree").add(leaf);
        return d;
    }

    // ======================================================================== broken descriptors

    @Nested
    class Broken {
        @Test
        void invalidJsonReportsLineAndColumn() {
            String json = "{\n  \"id\": \"x\",\n  \"year\": 2024 oops\n}";
            DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(utf8(json), BUILT_IN));
            assertEquals("$.year", e.jsonPath(), "where the parser was");
            assertTrue(e.reason().startsWith("invalid JSON at line 3, column "), e.reason());
        }

        @Test
        void trailingGarbageAndTruncation() {
            DescriptorException e = assertThrows(DescriptorException.class,
                    () -> DescriptorParser.parse(utf8("{\"id\": \"x\""), BUILT_IN));
            assertTrue(e.reason().startsWith("invalid JSON at line 1"), e.reason());
        }

        @Test
        void notAnObject() {
            assertRejected("$", "a descriptor is a JSON object",
                    assertThrows(DescriptorException.class, () -> DescriptorParser.parse(utf8("[1, 2]"), BUILT_IN)));
            assertRejected("$", "a descriptor is a JSON object",
                    assertThrows(DescriptorException.class, () -> DescriptorParser.parse(new byte[0], BUILT_IN)));
        }

        @Test
        void duplicateKeyIsInvalidJson() {
            DescriptorException e = assertThrows(DescriptorException.class,
                    () -> DescriptorParser.parse(utf8("{\"id\": \"a\", \"id\": \"b\"}"), BUILT_IN));
            assertEquals("$.id", e.jsonPath());
            assertTrue(e.reason().contains("invalid JSON") && e.reason().contains("id"), e.reason());
        }

        @Test
        void missingId() {
            assertRejected("$.id", "missing", rejected(d -> d.remove("id")));
        }

        @Test
        void badModelId() {
            assertRejected("$.id", "model id 'Guomai PSDF' must be lower-case", rejected(d -> d.put("id", "Guomai PSDF")));
            assertRejected("$.id", "must be lower-case", rejected(d -> d.put("id", "-lead")));
            assertRejected("$.id", "expected a string", rejected(d -> d.put("id", 7)));
            assertRejected("$.id", "empty", rejected(d -> d.put("id", " ")));
        }

        @Test
        void missingIndicatorId() {
            assertRejected("$.tree[0].children[1].id", "missing", rejected(d -> at(d, "/tree/0/children/1").remove("id")));
        }

        @Test
        void duplicateIndicatorIdReportsTheSecond() {
            assertRejected("$.tree[1].id", "duplicate indicator id 'a1'", rejected(d -> at(d, "/tree/1").put("id", "a1")));
            assertRejected("$.tree[0].children[2].id", "duplicate indicator id 'a2'",
                    rejected(d -> at(d, "/tree/0/children/2").put("id", "a2")));
        }

        @Test
        void childrenWeightsNotAddingUpReportTheChildrenArray() {
            DescriptorException e = rejected(d -> {
                at(d, "/tree/0/children/1/weight").put("value", 20).put("provenance", "published");
                at(d, "/tree/0/children/2/weight").put("value", 19.5).put("provenance", "published");
            });
            assertRejected("$.tree[0].children", "children's weights add up to 59.5 but the parent's weight is 60", e);
        }

        @Test
        void levelOneWeightsNotAddingUpToTheScale() {
            assertRejected("$.tree", "children's weights add up to 110 but the parent's weight is 100",
                    rejected(d -> at(d, "/tree/1/weight").put("value", 50)));
        }

        @Test
        void negativeWeight() {
            assertRejected("$.tree[0].children[0].weight.value", "a weight cannot be negative",
                    rejected(d -> at(d, "/tree/0/children/0/weight").put("value", -20)));
        }

        @Test
        void nanWrittenAsAString() {
            assertRejected("$.tree[1].weight.value", "expected a number",
                    rejected(d -> at(d, "/tree/1/weight").put("value", "NaN")));
        }

        @Test
        void nonNumberWeight() {
            assertRejected("$.tree[1].weight.value", "expected a number",
                    rejected(d -> at(d, "/tree/1/weight").put("value", true)));
            assertRejected("$.tree[1].weight.value", "expected a number",
                    rejected(d -> at(d, "/tree/1/weight").putNull("value")));
            assertRejected("$.tree[1].weight.value", "expected a number",
                    rejected(d -> at(d, "/tree/1/weight").putArray("value").add(40)));
        }

        @Test
        void bareNanIsNotJson() {
            String json = new String(bytes(base()), StandardCharsets.UTF_8).replace("\"value\":40", "\"value\":NaN");
            DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(utf8(json), BUILT_IN));
            assertEquals("$.tree[1].weight.value", e.jsonPath());
            assertTrue(e.reason().startsWith("invalid JSON"), e.reason());
        }

        @Test
        void infiniteNumber() {
            String json = new String(bytes(base()), StandardCharsets.UTF_8).replace("\"value\":40", "\"value\":1e999");
            DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(utf8(json), BUILT_IN));
            assertEquals("$.tree[1].weight.value", e.jsonPath(), e.getMessage());
        }

        @Test
        void unknownField() {
            assertRejected("$.tree[1].weigth", "unknown field 'weigth'",
                    rejected(d -> at(d, "/tree/1").putObject("weigth").put("value", 40).put("provenance", "published")));
            assertRejected("$.titel", "unknown field 'titel'", rejected(d -> d.put("titel", "x")));
            assertRejected("$.scale.percision", "unknown field 'percision'", rejected(d -> at(d, "/scale").put("percision", 2)));
            assertRejected("$.tiers.tiers[0].minimum", "unknown field",
                    rejected(d -> at(d, "/tiers/tiers/0").put("minimum", 50)));
        }

        @Test
        void misspeltValueInAnAssumedWeightIsNotSilentlyAnEqualShare() {
            assertRejected("$.tree[0].children[1].weight.valeu", "unknown field 'valeu'; allowed here: note, provenance, value",
                    rejected(d -> at(d, "/tree/0/children/1/weight").put("valeu", 25)));
        }

        @Test
        void misspeltWeightInPlaceOfWeight() {
            // unknown fields are reported before a missing weight: the misspelling names itself
            DescriptorException e = rejected(d -> {
                ObjectNode b = at(d, "/tree/1");
                b.set("weigth", b.remove("weight"));
            });
            assertEquals("$.tree[1].weigth", e.jsonPath());
            assertTrue(e.reason().contains("unknown field 'weigth'"), e.reason());
            // and the weight it was meant to be is missing: both are said
            assertEquals("$.tree[1].weight", e.problems().get(1).jsonPath());
        }

        @Test
        void levelDeclaredInconsistently() {
            assertRejected("$.tree[0].level", "declared level 2 but the indicator sits at level 1",
                    rejected(d -> at(d, "/tree/0").put("level", 2)));
            assertRejected("$.tree[0].children[0].level", "declared level 1 but the indicator sits at level 2",
                    rejected(d -> at(d, "/tree/0/children/0").put("level", 1)));
        }

        @Test
        void consistentLevelIsAccepted() throws Exception {
            ObjectNode d = base();
            at(d, "/tree/0").put("level", 1);
            at(d, "/tree/0/children/0").put("level", 2);
            parse(d);
        }

        @Test
        void unknownProvenance() {
            assertRejected("$.tree[1].weight.provenance", "'guessed' is not one of published, derived, inferred, assumed",
                    rejected(d -> at(d, "/tree/1/weight").put("provenance", "guessed")));
            assertRejected("$.tree[1].weight.provenance", "is not one of",
                    rejected(d -> at(d, "/tree/1/weight").put("provenance", "PUBLISHED")));
            assertRejected("$.tree[1].weight.provenance", "missing",
                    rejected(d -> at(d, "/tree/1/weight").remove("provenance")));
        }

        @Test
        void onlyAnAssumedWeightMayLeaveOutItsValue() {
            assertRejected("$.tree[1].weight.value", "only an 'assumed' weight may be left out",
                    rejected(d -> at(d, "/tree/1/weight").remove("value")));
        }

        @Test
        void scoringOnAnInnerNode() {
            assertRejected("$.tree[0].scoring", "only leaves have a scoring rule",
                    rejected(d -> at(d, "/tree/0").put("scoring", "direct-points")));
        }

        @Test
        void aggregationOnALeaf() {
            assertRejected("$.tree[1].aggregation", "a leaf has no aggregation",
                    rejected(d -> at(d, "/tree/1").put("aggregation", "weighted-sum")));
        }

        @Test
        void emptyChildren() {
            assertRejected("$.tree[1].children", "empty", rejected(d -> at(d, "/tree/1").putArray("children")));
        }

        @Test
        void emptyTree() {
            assertRejected("$.tree", "non-empty array", rejected(d -> d.putArray("tree")));
            assertRejected("$.tree", "non-empty array", rejected(d -> d.remove("tree")));
        }

        @Test
        void reservedIds() {
            for (String id : List.of("total", "adcode", "Total", "rank", "city")) {
                assertRejected("$.tree[1].id", "'" + id + "' is reserved for a data column",
                        rejected(d -> at(d, "/tree/1").put("id", id)));
            }
        }

        @Test
        void badIndicatorId() {
            assertRejected("$.tree[1].id", "must be letters, digits", rejected(d -> at(d, "/tree/1").put("id", "b c")));
            assertRejected("$.tree[1].id", "must be letters, digits", rejected(d -> at(d, "/tree/1").put("id", "_b")));
        }

        @Test
        void oversizeInput() {
            byte[] big = new byte[DescriptorParser.MAX_BYTES + 1];
            Arrays.fill(big, (byte) ' ');
            DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(big, BUILT_IN));
            assertRejected("$", "descriptor is " + (DescriptorParser.MAX_BYTES + 1) + " bytes; the limit is "
                    + DescriptorParser.MAX_BYTES, e);
        }

        @Test
        void inputOfExactlyMaxBytesIsRead() throws Exception {
            byte[] json = bytes(base());
            byte[] padded = new byte[DescriptorParser.MAX_BYTES];
            Arrays.fill(padded, (byte) ' ');
            System.arraycopy(json, 0, padded, 0, json.length);
            assertEquals("test-model", DescriptorParser.parse(padded, BUILT_IN).id());
        }

        @Test
        void deeperThanMaxDepth() {
            ObjectNode d = chain(DescriptorParser.MAX_DEPTH + 1);
            DescriptorException e = assertThrows(DescriptorException.class, () -> parse(d));
            String path = "$.tree[0]" + ".children[0]".repeat(DescriptorParser.MAX_DEPTH - 1) + ".children";
            assertRejected(path, "the tree is deeper than " + DescriptorParser.MAX_DEPTH + " levels", e);
        }

        @Test
        void tooManyIndicators() {
            ObjectNode d = base();
            ArrayNode tree = d.putArray("tree");
            for (int i = 0; i <= DescriptorParser.MAX_NODES; i++) {
                ObjectNode n = tree.addObject();
                n.put("id", "n" + i);
                n.put("name", "n");
                n.putObject("weight").put("provenance", "assumed");
            }
            DescriptorException e = assertThrows(DescriptorException.class, () -> parse(d));
            assertRejected("$.tree[" + DescriptorParser.MAX_NODES + "]", "more than " + DescriptorParser.MAX_NODES, e);
        }

        @Test
        void tierWithMinNotBelowMax() {
            assertRejected("$.tiers.tiers[0]", "min 60 is not below max 60",
                    rejected(d -> at(d, "/tiers/tiers/0").put("max", 60)));
            assertRejected("$.tiers.tiers[1]", "min 70 is not below max 60",
                    rejected(d -> at(d, "/tiers/tiers/1").put("min", 70)));
        }

        @Test
        void duplicateTierId() {
            assertRejected("$.tiers.tiers[1].id", "duplicate tier id 'high'",
                    rejected(d -> at(d, "/tiers/tiers/1").put("id", "high")));
        }

        @Test
        void groupTiersAreCheckedWithTheirOwnPath() {
            DescriptorException e = rejected(d -> at(d, "/groups/0").set("tiers",
                    JSON.createObjectNode().put("rule", "score-bands").set("tiers",
                            JSON.createArrayNode().add(JSON.createObjectNode().put("id", "x").put("min", 5).put("max", 1)))));
            assertRejected("$.groups[0].tiers.tiers[0]", "min 5 is not below max 1", e);
        }

        @Test
        void tierShareOutOfRange() {
            assertRejected("$.tiers.tiers[0].share", "a share is in (0, 1]",
                    rejected(d -> at(d, "/tiers/tiers/0").put("share", 1.5)));
        }

        @Test
        void duplicateGroupKind() {
            assertRejected("$.groups[1].kind", "duplicate group kind 'province'", rejected(d -> ((ArrayNode) d.get("groups"))
                    .addObject().put("kind", "province").put("membership", "provincial-capital")));
        }

        @Test
        void equalSplitWhenGivenWeightsExceedTheParent() {
            assertRejected("$.tree[0].children",
                    "the given weights add up to 65, more than the parent's 60, leaving nothing for the assumed ones",
                    rejected(d -> at(d, "/tree/0/children/0/weight").put("value", 65)));
        }

        @Test
        void equalSplitOfNothingIsAccepted() throws Exception {
            ObjectNode d = base();
            at(d, "/tree/0/children/0/weight").put("value", 60);
            EvaluationModel m = parse(d);
            assertEquals(0.0, find(m, "a2").weight().value());
        }

        @Test
        void scaleChecks() {
            assertRejected("$.scale", "missing", rejected(d -> d.remove("scale")));
            assertRejected("$.scale.kind", "'percent' is not 'points' or 'index'",
                    rejected(d -> at(d, "/scale").put("kind", "percent")));
            assertRejected("$.scale.max", "must be positive", rejected(d -> at(d, "/scale").put("max", 0)));
            assertRejected("$.scale.precision", "7 is outside 0..6", rejected(d -> at(d, "/scale").put("precision", 7)));
            assertRejected("$.scale.precision", "expected a whole number",
                    rejected(d -> at(d, "/scale").put("precision", 1.5)));
        }

        @Test
        void yearOutOfRange() {
            assertRejected("$.year", "1989 is outside 1990..2100", rejected(d -> d.put("year", 1989)));
        }

        @Test
        void hugeIntegersAreNotWrappedIntoRange() {
            DescriptorException e = rejected(d -> d.put("year", 4_294_969_286L)); // 2^32 + 1990
            assertEquals("$.year", e.jsonPath());
            DescriptorException p = rejected(d -> at(d, "/scale").put("precision", 4_294_967_297L)); // 2^32 + 1
            assertEquals("$.scale.precision", p.jsonPath());
        }

        @Test
        void localizedNameNeedsText() {
            assertRejected("$.tree[1].name", "give at least one of 'zh' and 'en'",
                    rejected(d -> at(d, "/tree/1").putObject("name").put("zh", " ")));
            assertRejected("$.title", "missing", rejected(d -> d.remove("title")));
        }

        @Test
        void referencePathStaysInsideTheBundle() {
            assertRejected("$.reference.path", "a path inside the bundle", rejected(
                    d -> d.putObject("reference").put("path", "../etc/passwd").put("source", "x")));
            assertRejected("$.reference.path", "a path inside the bundle", rejected(
                    d -> d.putObject("reference").put("path", "/abs.csv").put("source", "x")));
        }

        @Test
        void directionMustBeKnown() {
            assertRejected("$.tree[1].direction", "'up' is not 'positive' or 'negative'",
                    rejected(d -> at(d, "/tree/1").put("direction", "up")));
        }
    }

    // ======================================================================== rules the runtime lacks

    @Nested
    class MissingRules {
        @Test
        void unknownScoringRuleIsAMissingRule() {
            DescriptorException e = rejected(d -> at(d, "/tree/0/children/0").put("scoring", "log-points"));
            assertTrue(e.missingRule());
            assertEquals("$.tree[0].children[0].scoring", e.jsonPath());
            assertEquals("scoring rule 'log-points' is not available", e.reason());
        }

        @Test
        void unknownTierAndGroupingRules() {
            DescriptorException t = rejected(d -> at(d, "/tiers").put("rule", "rank-shares"));
            assertTrue(t.missingRule());
            assertEquals("$.tiers.rule", t.jsonPath());
            assertEquals("tier rule 'rank-shares' is not available", t.reason());

            DescriptorException g = rejected(d -> at(d, "/groups/0").put("membership", "region"));
            assertTrue(g.missingRule());
            assertEquals("$.groups[0].membership", g.jsonPath());
            assertEquals("grouping rule 'region' is not available", g.reason());
        }

        @Test
        void unknownDefaultRuleIsReportedWhereItIsNamed() {
            DescriptorException e = rejected(d -> d.putObject("defaults").put("aggregation", "geometric-mean"));
            assertTrue(e.missingRule());
            assertEquals("$.defaults.aggregation", e.jsonPath());
        }

        @Test
        void anotherProblemWinsOverAMissingRule() {
            DescriptorException e = rejected(d -> {
                at(d, "/tree/0/children/0").put("scoring", "log-points");
                at(d, "/tree/1").put("id", "total");
            });
            assertFalse(e.missingRule());
            // both are reported, in document order; the descriptor does not wait for the rule
            assertEquals(List.of("$.tree[0].children[0].scoring", "$.tree[1].id"),
                    e.problems().stream().map(DescriptorException::jsonPath).toList());
        }

        @Test
        void theRuleNamesAskedForCarryTheirKind() throws Exception {
            List<String> asked = new ArrayList<>();
            DescriptorParser.parse(bytes(base()), (kind, name) -> {
                asked.add(kind + ":" + name);
                return true;
            });
            assertTrue(asked.containsAll(List.of(RuleKind.SCORING + ":direct-points",
                    RuleKind.AGGREGATION + ":weighted-sum", RuleKind.TIER + ":score-bands",
                    RuleKind.GROUPING + ":province")), asked.toString());
        }

        @Test
        void emptyRuleName() {
            assertRejected("$.tree[1].scoring", "empty rule name", rejected(d -> at(d, "/tree/1").put("scoring", " ")));
        }
    }

    /** Issue 13: every problem of a descriptor is reported, each at its JSON path, not only the first. */
    @Nested
    class EveryProblem {
        static List<String> paths(DescriptorException e) {
            return e.problems().stream().map(DescriptorException::jsonPath).toList();
        }

        @Test
        void aDescriptorBrokenThreeWaysReportsThreeProblemsWithTheirPaths() {
            DescriptorException e = rejected(d -> {
                d.put("year", 1800);                                               // out of range
                at(d, "/tree/0/children/0").put("unit", 5);                        // not a string
                at(d, "/tree/1/weight").put("provenance", "guess");               // not a provenance
            });
            // in the order found: a level's weights are read before its indicators
            assertEquals(Set.of("$.year", "$.tree[0].children[0].unit", "$.tree[1].weight.provenance"),
                    Set.copyOf(paths(e)), e.problems().toString());
            assertEquals(3, e.problems().size());
            assertFalse(e.missingRule());
        }

        @Test
        void weightsAreCheckedAtEveryLevelAndSiblingsAfterABadNodeAreRead() {
            DescriptorException e = rejected(d -> {
                at(d, "/tree/0/children/0/weight").put("value", 70);               // a: 70 > 60
                at(d, "/tree/1/weight").put("value", 30);                          // root: 60 + 30 != 100
                ((ArrayNode) d.get("tree")).insert(1, "not an indicator");         // a bad node between them
            });
            assertEquals(List.of("$.tree[1]", "$.tree[0].children"), paths(e), e.problems().toString());
        }

        @Test
        void unknownFieldsUnknownRulesAndABadTierAreAllReported() {
            DescriptorException e = rejected(d -> {
                d.put("titel", "x");
                at(d, "/tree/1").put("scoring", "log-points");
                at(d, "/tiers/tiers/0").put("min", "sixty");
            });
            assertEquals(List.of("$.titel", "$.tree[1].scoring", "$.tiers.tiers[0].min"), paths(e));
            // a missing rule among other problems: the descriptor is broken, it does not wait for the rule
            assertFalse(e.missingRule());
        }

        @Test
        void onlyMissingRulesWaitAndAllAreListed() {
            DescriptorException e = rejected(d -> {
                at(d, "/tree/1").put("scoring", "log-points");
                at(d, "/tiers").put("rule", "quantiles");
            });
            assertTrue(e.missingRule());
            assertEquals(List.of("$.tree[1].scoring", "$.tiers.rule"), paths(e));
        }

        @Test
        void aCycleIsReportedBesideAnotherProblem() {
            DescriptorException e = rejected(d -> {
                d.put("edition", 1);
                at(d, "/tree/1").set("binding", JSON.valueToTree(Map.of("variables", List.of("b"))));
            });
            assertEquals(List.of("$.edition", "$.tree[1].binding.variables[0]"), paths(e), e.problems().toString());
        }

        @Test
        void overridingAPublishedWeightIsOneProblemNotTwo() {
            DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(bytes(base()),
                    BUILT_IN, Map.of("b", new DescriptorParser.WeightOverride(30, Provenance.ASSUMED, null)), "b.json"));
            assertEquals(List.of("$.tree[1].weight"), paths(e), e.problems().toString());
        }

        @Test
        void aNoteIsEnglishTextOrZhAndEnAndAnEmptyOneIsRefusedAtItsPath() throws Exception {
            ObjectNode d = base();
            ArrayNode notes = d.putArray("notes");
            notes.add("plain English");
            notes.addObject().put("zh", "中文说明").put("en", "English note");
            EvaluationModel m = parse(d);
            assertEquals(List.of("plain English", "English note"), m.notes());
            assertEquals(new org.cityeval.api.model.LocalizedText(null, "plain English"), m.notesText().get(0));
            assertEquals(new org.cityeval.api.model.LocalizedText("中文说明", "English note"), m.notesText().get(1));

            notes.addObject().put("fr", "non");
            DescriptorException e = assertThrows(DescriptorException.class, () -> parse(d));
            assertTrue(paths(e).contains("$.notes[2].fr") && paths(e).contains("$.notes[2]"), e.problems().toString());
        }

        @Test
        void aHostileDescriptorStopsAtTheProblemLimit() {
            ObjectNode d = base();
            ArrayNode notes = d.putArray("notes");
            for (int i = 0; i < 900; i++) {
                notes.add(i);
            }
            DescriptorException e = assertThrows(DescriptorException.class, () -> parse(d));
            assertEquals(DescriptorParser.MAX_PROBLEMS + 1, e.problems().size());
            assertTrue(e.problems().get(DescriptorParser.MAX_PROBLEMS).reason().contains("not read"));
        }
    }

    /** Issue 13: parameters a rule does not declare are found when the descriptor is read, at their path. */
    @Nested
    class RuleParameters {
        final RuleNames declaring = new RuleNames() {
            @Override
            public boolean known(RuleKind kind, String name) {
                return BUILT_IN.known(kind, name);
            }

            @Override
            public Set<String> parameters(RuleKind kind, String name) {
                return name.equals("min-max") ? Set.of("min", "max") : name.equals("share") ? null : Set.of();
            }
        };

        DescriptorException rejectedWith(Consumer<ObjectNode> breakIt) {
            ObjectNode d = base();
            breakIt.accept(d);
            return assertThrows(DescriptorException.class, () -> DescriptorParser.parse(bytes(d), declaring));
        }

        @Test
        void anUnknownParameterIsAProblemAtItsPathListingTheAcceptedOnes() {
            DescriptorException e = rejectedWith(d -> at(d, "/tree/0/children/2").set("scoring",
                    JSON.valueToTree(Map.of("rule", "min-max", "parameters", Map.of("maxx", 5)))));
            assertEquals("$.tree[0].children[2].scoring.parameters.maxx", e.jsonPath());
            assertEquals("'maxx' is not a parameter of scoring rule 'min-max'; it accepts max, min", e.reason());
            assertFalse(e.missingRule());
        }

        @Test
        void aRuleThatAcceptsNoneSaysSo() {
            DescriptorException e = rejectedWith(d -> at(d, "/tiers").set("parameters", JSON.valueToTree(Map.of("x", 1))));
            assertEquals("$.tiers.parameters.x", e.jsonPath());
            assertTrue(e.reason().endsWith("it accepts none"), e.reason());
        }

        @Test
        void aRuleThatDeclaresNothingIsNotCheckedButWarned() throws Exception {
            ObjectNode d = base();
            at(d, "/tree/1").set("scoring", JSON.valueToTree(Map.of("rule", "share", "parameters", Map.of("anything", 1))));
            DescriptorParser.Checked checked = DescriptorParser.check(bytes(d), declaring, Map.of(), null);
            assertEquals(1, checked.warnings().size());
            assertEquals("$.tree[1].scoring.parameters", checked.warnings().get(0).jsonPath());
            assertTrue(checked.warnings().get(0).reason().contains("does not declare its parameters"));
        }

        @Test
        void declaredParametersPass() throws Exception {
            ObjectNode d = base();
            at(d, "/tree/1").set("scoring", JSON.valueToTree(Map.of("rule", "min-max", "parameters", Map.of("min", 0))));
            assertTrue(DescriptorParser.check(bytes(d), declaring, Map.of(), null).warnings().isEmpty());
        }
    }
}
