package org.cityeval.extender.internal;

import static org.cityeval.extender.internal.DescriptorParserTest.BUILT_IN;
import static org.cityeval.extender.internal.DescriptorParserTest.at;
import static org.cityeval.extender.internal.DescriptorParserTest.base;
import static org.cityeval.extender.internal.DescriptorParserTest.bytes;
import static org.cityeval.extender.internal.DescriptorParserTest.chain;
import static org.cityeval.extender.internal.DescriptorParserTest.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.extender.internal.DescriptorParser.RuleKind;
import org.cityeval.extender.internal.DescriptorParser.RuleNames;
import org.cityeval.extender.internal.DescriptorParser.WeightOverride;
import org.cityeval.api.model.Provenance;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Descriptors written to hurt a long-running workbench: each is refused with its reason at its JSON path,
 * and cheaply — nothing reads more than {@link DescriptorParser#MAX_BYTES} + 1 bytes or builds more than
 * the limits allow. "Cheaply" is measured as work, not time, so that it means the same on any machine however
 * loaded: the bytes the refusal allocates (the JVM's count for the test's thread) stay within {@link #CHEAP}, a
 * few times the largest descriptor, where a parse that read a 100 MB stream or built a million nodes would
 * allocate a hundred times more; streams count the bytes read. The limits are listed in docs/descriptor.md,
 * "Limits and refusals".
 */
class HostileDescriptorTest {
    static final int LIMIT = DescriptorParser.MAX_BYTES;
    /**
     * Bytes a refusal may allocate: the most any refusal here allocates is about 32 MB (Jackson's buffers and
     * tokens for a descriptor of nearly {@link #LIMIT} bytes); reading a 100 MB stream, or building the million
     * nodes some of these descriptors hold, would take more than 100 MB.
     */
    static final long CHEAP = 64L * LIMIT;

    /**
     * Runs {@code work} on this thread and checks that it allocated no more than {@link #CHEAP} bytes.
     */
    static <T> T cheaply(Supplier<T> work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        T result = work.get();
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated >= 0 && before >= 0, "the JVM counts allocation");
        assertTrue(allocated <= CHEAP, "allocated " + allocated + " bytes; a cheap refusal allocates at most " + CHEAP);
        return result;
    }

    /** A runtime that has the built-in rules and says which they are. */
    static final RuleNames RUNTIME = new RuleNames() {
        final Map<RuleKind, Set<String>> names = Map.of(
                RuleKind.SCORING, Set.of("direct-points", "share", "min-max"),
                RuleKind.AGGREGATION, Set.of("weighted-sum", "geometric"),
                RuleKind.TIER, Set.of("score-bands", "rank-shares"),
                RuleKind.GROUPING, Set.of("province", "provincial-capital"));

        @Override
        public boolean known(RuleKind kind, String name) {
            return names.get(kind).contains(name);
        }

        @Override
        public Set<String> available(RuleKind kind) {
            return names.get(kind);
        }
    };

    /** Parses, within the time a cheap refusal takes, and returns the refusal. */
    static DescriptorException refused(byte[] json) {
        return cheaply(
                () -> assertThrows(DescriptorException.class, () -> DescriptorParser.parse(json, RUNTIME)));
    }

    static DescriptorException refused(String json) {
        return refused(utf8(json));
    }

    static DescriptorException refused(Consumer<ObjectNode> breakIt) {
        ObjectNode d = base();
        breakIt.accept(d);
        return refused(bytes(d));
    }

    /** The base descriptor as text with {@code "value":40} (the weight of tree[1]) replaced. */
    static String withWeightOfB(String value) {
        return json(base()).replace("\"value\":40", "\"value\":" + value);
    }

    static String json(ObjectNode d) {
        return new String(bytes(d), StandardCharsets.UTF_8);
    }

    static void assertRefused(String path, String reason, DescriptorException e) {
        assertEquals(path + ": " + reason, e.getMessage());
        assertEquals(path, e.jsonPath());
        assertFalse(e.missingRule(), "not a missing rule");
    }

    /** Column (1-based) of the first occurrence of {@code token} in a one-line document. */
    static int column(String json, String token) {
        int i = json.indexOf(token);
        assertTrue(i >= 0, token);
        return i + 1;
    }

    // ================================================================================== nesting

    @Nested
    class Nesting {
        @Test
        void arrays10000Deep() {
            String json = "{\"tree\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
            DescriptorException e = refused(json);
            int depth = DescriptorParser.MAX_JSON_DEPTH;
            // the root object is level 1, the arrays 2..65: the one opened at 65 is refused right after its bracket;
            // the path ends in the element it would have read
            assertRefused("$.tree" + "[0]".repeat(depth), "JSON nested deeper than " + depth
                    + " levels at line 1, column " + (column(json, "[") + depth), e);
        }

        @Test
        void objects10000Deep() {
            String json = "{\"notes\": " + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_001);
            DescriptorException e = refused(json);
            int depth = DescriptorParser.MAX_JSON_DEPTH;
            // {"notes": is 10 characters, each {"a": 6
            assertRefused("$.notes" + ".a".repeat(depth - 1), "JSON nested deeper than " + depth
                    + " levels at line 1, column " + (10 + 6 * (depth - 1) + 2), e);
        }

        @Test
        void indicatorTreeDeeperThanTheLimitButWithinJsonNesting() {
            // 30 levels nest 2 × 30 + 1 deep: within the JSON limit, so the tree's own limit speaks
            DescriptorException e = refused(bytes(chain(30)));
            assertRefused("$.tree[0]" + ".children[0]".repeat(DescriptorParser.MAX_DEPTH - 1) + ".children",
                    "the tree is deeper than " + DescriptorParser.MAX_DEPTH + " levels", e);
        }

        @Test
        void deepRuleParameters() {
            String json = json(base()).replace("\"tree\":[", "\"defaults\":{\"scoring\":{\"rule\":\"share\",\"parameters\":"
                    + "{\"p\":".repeat(100) + "1" + "}".repeat(100) + "}},\"tree\":[");
            DescriptorException e = refused(json);
            assertTrue(e.jsonPath().startsWith("$.defaults.scoring.parameters.p.p.p"), e.jsonPath());
            assertTrue(e.reason().startsWith("JSON nested deeper than " + DescriptorParser.MAX_JSON_DEPTH + " levels"),
                    e.reason());
        }
    }

    // ================================================================================== size

    @Nested
    class Size {
        @Test
        void millionElementChildrenArrayIsOverTheSizeLimitUnparsed() {
            AtomicInteger asked = new AtomicInteger();
            String json = json(base()).replace("\"children\":[", "\"children\":[" + "{},".repeat(1_000_000));
            byte[] b = utf8(json);
            DescriptorException e = cheaply(() -> assertThrows(DescriptorException.class,
                    () -> DescriptorParser.parse(b, (k, n) -> asked.incrementAndGet() > 0)));
            assertRefused("$", "descriptor is " + b.length + " bytes; the limit is " + LIMIT, e);
            assertEquals(0, asked.get(), "nothing was parsed");
        }

        @Test
        void largestChildrenArrayWithinTheSizeLimitIsRefusedBeforeItsElementsAreRead() {
            // 300,000 elements in 900 KB: refused by count, naming the first one over the limit
            String json = json(base()).replace("\"children\":[", "\"children\":[" + "{},".repeat(300_000));
            assertTrue(json.length() < LIMIT);
            // tree[0] is the first indicator, so its children may add MAX_NODES - 1
            assertRefused("$.tree[0].children[" + (DescriptorParser.MAX_NODES - 1) + "]",
                    "more than " + DescriptorParser.MAX_NODES + " indicators", refused(json));
        }

        @Test
        void hugeTierArrays() {
            String million = json(base()).replace("\"tiers\":[", "\"tiers\":[" + "{},".repeat(1_000_000));
            assertRefused("$", "descriptor is " + utf8(million).length + " bytes; the limit is " + LIMIT, refused(million));
            String within = json(base()).replace("\"tiers\":[", "\"tiers\":[" + "{},".repeat(300_000));
            assertRefused("$.tiers.tiers", "300002 entries; a list has at most " + DescriptorParser.MAX_ITEMS,
                    refused(within));
        }

        @Test
        void hugeScaleArray() {
            String million = json(base()).replaceFirst("\"scale\":\\{[^}]*}", "\"scale\":[" + "0,".repeat(999_999) + "0]");
            assertRefused("$", "descriptor is " + utf8(million).length + " bytes; the limit is " + LIMIT, refused(million));
            String within = json(base()).replaceFirst("\"scale\":\\{[^}]*}", "\"scale\":[" + "0,".repeat(400_000) + "0]");
            assertRefused("$.scale", "expected a JSON object", refused(within));
        }

        @Test
        void otherListsAndParameterLists() {
            assertRefused("$.notes", "1001 entries; a list has at most 1000", refused(d -> {
                ArrayNode notes = d.putArray("notes");
                for (int i = 0; i <= DescriptorParser.MAX_ITEMS; i++) {
                    notes.add("n");
                }
            }));
            assertRefused("$.tree[1].scoring.parameters.levels", "1001 entries; a list has at most 1000", refused(d -> {
                ArrayNode levels = at(d, "/tree/1").putObject("scoring").put("rule", "share").putObject("parameters")
                        .putArray("levels");
                for (int i = 0; i <= DescriptorParser.MAX_ITEMS; i++) {
                    levels.add(i);
                }
            }));
        }

        @Test
        void hugeString() {
            String json = json(base()).replace("\"name\":\"乙\"", "\"name\":\"" + "x".repeat(200_000) + "\"");
            DescriptorException e = refused(json);
            assertEquals("$.tree[1].name", e.jsonPath());
            assertTrue(e.reason().startsWith("a string longer than " + DescriptorParser.MAX_STRING
                    + " characters at line 1, column "), e.reason());
            String overSize = json(base()).replace("\"name\":\"乙\"", "\"name\":\"" + "x".repeat(LIMIT) + "\"");
            assertRefused("$", "descriptor is " + utf8(overSize).length + " bytes; the limit is " + LIMIT, refused(overSize));
        }

        @Test
        void hugeFieldName() {
            String json = json(base()).replace("\"edition\"", "\"" + "e".repeat(200_000) + "\"");
            DescriptorException e = refused(json);
            assertTrue(e.reason().startsWith("a field name longer than " + DescriptorParser.MAX_STRING + " characters"),
                    e.getMessage());
        }

        @Test
        void numberWith100kDigits() {
            String json = json(base()).replace("\"year\":2024", "\"year\":" + "9".repeat(100_000));
            DescriptorException e = refused(json);
            assertEquals("$.year", e.jsonPath());
            assertTrue(e.reason().startsWith("a number longer than " + DescriptorParser.MAX_NUMBER_CHARS
                    + " characters at line 1, column "), e.reason());
            // a long number within the limit is read, not wrapped into range
            String wide = json(base()).replace("\"year\":2024", "\"year\":" + "9".repeat(900));
            assertRefused("$.year", "9".repeat(900) + " is outside 1990..2100", refused(wide));
        }

        @Test
        void justOverTheLimit() {
            byte[] json = bytes(base());
            byte[] padded = new byte[LIMIT + 1];
            java.util.Arrays.fill(padded, (byte) ' ');
            System.arraycopy(json, 0, padded, 0, json.length);
            assertRefused("$", "descriptor is " + (LIMIT + 1) + " bytes; the limit is " + LIMIT, refused(padded));
        }

        @Test
        void a100MegabyteStreamIsReadOnlyToTheLimit() {
            CountingStream in = new CountingStream(100L << 20);
            DescriptorException e = cheaply(
                    () -> assertThrows(DescriptorException.class, () -> DescriptorJson.readBounded(in, "descriptor")));
            assertRefused("$", "descriptor is larger than the limit of " + LIMIT + " bytes", e);
            assertEquals(LIMIT + 1, in.read, "bytes read");
        }

        @Test
        void aStreamOfExactlyTheLimitIsRead() throws Exception {
            CountingStream in = new CountingStream(LIMIT);
            assertEquals(LIMIT, DescriptorJson.readBounded(in, "descriptor").length);
        }

        @Test
        void a100MegabyteWeightConfigurationIsRefusedUnread(@TempDir Path dir) throws Exception {
            Path conf = dir.resolve("test-model.json");
            try (RandomAccessFile f = new RandomAccessFile(conf.toFile(), "rw")) {
                f.setLength(100L << 20); // sparse: costs no disk
            }
            DescriptorException e = cheaply(
                    () -> assertThrows(DescriptorException.class, () -> WeightConfiguration.read(conf)));
            assertRefused("$", conf + ": test-model.json is larger than the limit of " + LIMIT + " bytes", e);
        }

        @Test
        void contentAfterTheDescriptor() {
            String json = json(base());
            DescriptorException e = refused(json + " " + json);
            assertRefused("$", "invalid JSON at line 1, column " + (json.length() + 3)
                    + ": content after the end of the object", e);
        }
    }

    // ================================================================================== numbers

    @Nested
    class Numbers {
        @Test
        void bareNanInfinityAndMinusInfinityAreNotJson() {
            for (String token : new String[] { "NaN", "Infinity", "-Infinity" }) {
                String json = withWeightOfB(token);
                DescriptorException e = refused(json);
                assertEquals("$.tree[1].weight.value", e.jsonPath(), token);
                assertTrue(e.reason().startsWith("invalid JSON at line 1, column "), e.reason());
                assertTrue(e.reason().contains("'" + token + "' is not a JSON number"), e.reason());
            }
        }

        @Test
        void overflowingNumbersAreInfiniteAndRefused() {
            assertRefused("$.tree[1].weight.value", "not a finite number", refused(withWeightOfB("1e999")));
            assertRefused("$.tree[1].weight.value", "not a finite number", refused(withWeightOfB("-1e999")));
            // a whole number too large for a double is infinite too
            assertRefused("$.tree[1].weight.value", "not a finite number", refused(withWeightOfB("1" + "0".repeat(400))));
            assertRefused("$.scale.max", "not a finite number",
                    refused(json(base()).replace("\"max\":100", "\"max\":1e999")));
            assertRefused("$.tiers.tiers[0].min", "not a finite number",
                    refused(json(base()).replace("\"min\":60", "\"min\":1E400")));
        }

        @Test
        void nonFiniteAndHugeRuleParameters() {
            String json = json(base()).replace("{\"id\":\"b\",", "{\"id\":\"b\",\"scoring\":{\"rule\":\"min-max\","
                    + "\"parameters\":{\"min\":0,\"max\":1e999}},");
            assertRefused("$.tree[1].scoring.parameters.max", "not a finite number", refused(json));
        }

        @Test
        void hugeWholeRuleParameterIsNotWrapped() throws Exception {
            // 2^64 + 5 would wrap to 5 as a long
            String json = json(base()).replace("{\"id\":\"b\",", "{\"id\":\"b\",\"scoring\":{\"rule\":\"min-max\","
                    + "\"parameters\":{\"min\":0,\"max\":18446744073709551621}},");
            EvaluationModel m = DescriptorParser.parse(utf8(json), RUNTIME);
            Object max = DescriptorParserTest.find(m, "b").scoring().parameters().get("max");
            assertEquals(1.8446744073709552E19, max);
        }

        @Test
        void negativeWeight() {
            assertRefused("$.tree[1].weight.value", "a weight cannot be negative", refused(withWeightOfB("-40")));
            assertRefused("$.tree[1].weight.value", "a weight cannot be negative", refused(withWeightOfB("-0.0000001")));
        }

        @Test
        void zeroSumWeights() {
            // a group of weight 0 whose children add up to 0: their shares of it are undefined
            DescriptorException e = refused(d -> {
                at(d, "/tree/0/weight").put("value", 0);
                at(d, "/tree/1/weight").put("value", 100);
                at(d, "/tree/0/children/0/weight").put("value", 0);
            });
            assertRefused("$.tree[0].weight", "an indicator with children needs a positive weight; 'a' has 0, so its "
                    + "children's weights would add up to 0", e);
        }

        @Test
        void zeroEqualShareForAGroup() {
            // an assumed group left with nothing by its siblings
            DescriptorException e = refused(d -> {
                at(d, "/tree/0/weight").removeAll().put("provenance", "assumed");
                at(d, "/tree/1/weight").put("value", 100);
                at(d, "/tree/0/children/0/weight").put("value", 0);
            });
            assertRefused("$.tree[0].weight", "an indicator with children needs a positive weight; 'a' has 0 (its equal "
                    + "share of what its siblings leave), so its children's weights would add up to 0", e);
        }

        @Test
        void configuredWeightsAreCheckedToo(@TempDir Path dir) throws Exception {
            Path conf = dir.resolve("test-model.json");
            Files.writeString(conf, "{\"weights\": {\"a2\": {\"value\": 1e999}}}");
            DescriptorException e = assertThrows(DescriptorException.class, () -> WeightConfiguration.read(conf));
            assertRefused("$", conf + " $.weights.a2.value: a weight is a finite number ≥ 0", e);
            Files.writeString(conf, "{\"weights\": {\"a2\": {\"value\": NaN}}}");
            e = assertThrows(DescriptorException.class, () -> WeightConfiguration.read(conf));
            assertTrue(e.reason().startsWith(conf + " $.weights.a2.value: invalid JSON at line 1, column "), e.reason());
            Files.writeString(conf, "{\"weights\": {\"a2\": {\"value\": 1}, \"a2\": {\"value\": 2}}}");
            e = assertThrows(DescriptorException.class, () -> WeightConfiguration.read(conf));
            assertTrue(e.reason().startsWith(conf + " $.weights.a2: invalid JSON at line 1, column "), e.reason());
            assertTrue(e.reason().contains("Duplicate field 'a2'"), e.reason());
        }
    }

    // ================================================================================== ids and keys

    @Nested
    class Duplicates {
        @Test
        void duplicateIndicatorId() {
            assertRefused("$.tree[0].children[2].id", "duplicate indicator id 'a1'",
                    refused(d -> at(d, "/tree/0/children/2").put("id", "a1")));
            // a child may not reuse its ancestor's id either
            assertRefused("$.tree[0].children[0].id", "duplicate indicator id 'a'",
                    refused(d -> at(d, "/tree/0/children/0").put("id", "a")));
        }

        @Test
        void duplicateTierAndGroupIds() {
            assertRefused("$.tiers.tiers[1].id", "duplicate tier id 'high'",
                    refused(d -> at(d, "/tiers/tiers/1").put("id", "high")));
            assertRefused("$.groups[1].kind", "duplicate group kind 'province'", refused(d -> ((ArrayNode) d.get("groups"))
                    .addObject().put("kind", "province").put("membership", "provincial-capital")));
        }

        @Test
        void duplicateJsonKeysAnywhere() {
            String json = json(base()).replace("{\"id\":\"b\",\"name\":\"乙\"", "{\"id\":\"b\",\"name\":\"乙\",\"name\":\"丙\"");
            DescriptorException e = refused(json);
            assertRefused("$.tree[1].name", "invalid JSON at line 1, column " + (column(json, "\"丙\"") - 1)
                    + ": Duplicate field 'name'", e);
        }
    }

    // ================================================================================== references

    /**
     * The only references between indicators a descriptor can write are binding variables naming an
     * indicator; an inner indicator depends on its children. Cycles in these are refused with the cycle.
     */
    @Nested
    class Cycles {
        static ObjectNode bind(ObjectNode indicator, String... variables) {
            ArrayNode vs = indicator.putObject("binding").putArray("variables");
            for (String v : variables) {
                vs.add(v);
            }
            if (variables.length > 1) {
                ((ObjectNode) indicator.get("binding")).put("formula", "sum");
            }
            return indicator;
        }

        @Test
        void selfReference() {
            assertRefused("$.tree[1].binding.variables[0]", "reference cycle b -> b: a binding variable names an "
                    + "indicator whose value depends on this one", refused(d -> bind(at(d, "/tree/1"), "b")));
        }

        @Test
        void leafBoundToItsParent() {
            assertRefused("$.tree[0].children[1].binding.variables[1]", "reference cycle a2 -> a -> a2: a binding "
                    + "variable names an indicator whose value depends on this one",
                    refused(d -> bind(at(d, "/tree/0/children/1"), "gdp", "a")));
        }

        @Test
        void twoLeavesBoundToEachOther() {
            assertRefused("$.tree[0].children[0].binding.variables[0]", "reference cycle a1 -> b -> a1: a binding "
                    + "variable names an indicator whose value depends on this one", refused(d -> {
                        bind(at(d, "/tree/0/children/0"), "b");
                        bind(at(d, "/tree/1"), "a1");
                    }));
        }

        @Test
        void longerCycle() {
            assertRefused("$.tree[0].children[0].binding.variables[0]", "reference cycle a1 -> a3 -> b -> a1: a binding "
                    + "variable names an indicator whose value depends on this one", refused(d -> {
                        bind(at(d, "/tree/0/children/0"), "a3");
                        bind(at(d, "/tree/0/children/2"), "b");
                        bind(at(d, "/tree/1"), "a1");
                    }));
        }

        @Test
        void aReferenceWithoutACycleIsAccepted() throws Exception {
            ObjectNode d = base();
            bind(at(d, "/tree/0/children/0"), "b");
            bind(at(d, "/tree/1"), "gdp");
            assertEquals("test-model", DescriptorParser.parse(bytes(d), RUNTIME).id());
        }

        @Test
        void aLongChainOfReferencesDoesNotExhaustTheStack() {
            // n0 -> n1 -> ... -> n4999 -> n0 through bindings
            ObjectNode d = base();
            ArrayNode tree = d.putArray("tree");
            int n = 5_000;
            for (int i = 0; i < n; i++) {
                ObjectNode leaf = tree.addObject().put("id", "n" + i).put("name", "n");
                leaf.putObject("weight").put("provenance", "assumed");
                bind(leaf, "n" + ((i + 1) % n));
            }
            DescriptorException e = refused(bytes(d));
            assertEquals("$.tree[0].binding.variables[0]", e.jsonPath());
            assertTrue(e.reason().startsWith("reference cycle n0 -> n1 -> n2 -> "), e.reason());
            assertTrue(e.reason().contains(" -> n4999 -> n0: "), e.reason());
        }

        @Test
        void aWideGroupKeepsTheCheckLinear() {
            // one group of 9,999 leaves, the last bound to the group: every edge is followed once
            ObjectNode d = base();
            ObjectNode group = d.putArray("tree").addObject().put("id", "g").put("name", "g");
            group.putObject("weight").put("value", 100).put("provenance", "published");
            ArrayNode kids = group.putArray("children");
            for (int i = 0; i < DescriptorParser.MAX_NODES - 1; i++) {
                ObjectNode leaf = kids.addObject().put("id", "n" + i).put("name", "n");
                leaf.putObject("weight").put("provenance", "assumed");
                if (i == DescriptorParser.MAX_NODES - 2) {
                    bind(leaf, "g");
                }
            }
            assertRefused("$.tree[0].children[9998].binding.variables[0]", "reference cycle n9998 -> g -> n9998: a binding "
                    + "variable names an indicator whose value depends on this one", refused(bytes(d)));
        }

        @Test
        void weightOverrideForAnUnknownIndicator() {
            DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(bytes(base()),
                    RUNTIME, Map.of("zz", new WeightOverride(1, Provenance.ASSUMED, null)), "conf/models/test-model.json"));
            assertRefused("$", "conf/models/test-model.json overrides the weight of 'zz', but the model has no such "
                    + "indicator", e);
        }
    }

    // ================================================================================== rules

    @Nested
    class UnknownRules {
        static void assertMissingRule(String path, String reason, DescriptorException e) {
            assertEquals(path + ": " + reason, e.getMessage());
            assertTrue(e.missingRule(), "the descriptor waits for the rule");
        }

        @Test
        void eachKindNamesTheRulesTheRuntimeHas() {
            assertMissingRule("$.tree[1].scoring", "scoring rule 'log-points' is not available; available: "
                    + "direct-points, min-max, share", refused(d -> at(d, "/tree/1").put("scoring", "log-points")));
            assertMissingRule("$.tree[0].aggregation", "aggregation rule 'median' is not available; available: "
                    + "geometric, weighted-sum", refused(d -> at(d, "/tree/0").put("aggregation", "median")));
            assertMissingRule("$.tiers.rule", "tier rule 'quartiles' is not available; available: rank-shares, "
                    + "score-bands", refused(d -> at(d, "/tiers").put("rule", "quartiles")));
            assertMissingRule("$.groups[0].membership", "grouping rule 'river-basin' is not available; available: "
                    + "province, provincial-capital", refused(d -> at(d, "/groups/0").put("membership", "river-basin")));
            assertMissingRule("$.missing.groupBy", "grouping rule 'river-basin' is not available; available: "
                    + "province, provincial-capital", refused(d -> d.putObject("missing").put("method", "group-mean")
                            .put("groupBy", "river-basin")));
            assertMissingRule("$.missing.method", "grouping rule 'river-basin' is not available; available: "
                    + "province, provincial-capital", refused(d -> d.putObject("missing")
                            .put("method", "group-median:river-basin")));
        }

        @Test
        void aHostileRuleNameIsOnlyAName() {
            String name = "$(rm -rf /)" + "x".repeat(1000);
            DescriptorException e = refused(d -> at(d, "/tree/1").put("scoring", name));
            assertTrue(e.missingRule());
            assertTrue(e.reason().startsWith("scoring rule '" + name + "' is not available"), e.reason());
        }
    }

    // ================================================================================== shape

    @Nested
    class Shape {
        @Test
        void unknownFields() {
            assertRefused("$.tree[1].weigth", "unknown field 'weigth'; allowed here: aggregation, binding, children, "
                    + "description, direction, id, level, name, scoring, source, treatment, unit, weight",
                    refused(d -> at(d, "/tree/1").put("weigth", 40)));
            assertRefused("$.__proto__", "unknown field '__proto__'; allowed here: $schema, defaults, edition, groups, "
                    + "id, institution, missing, notes, reference, scale, tiers, title, tree, units, year",
                    refused(d -> d.putObject("__proto__")));
        }

        @Test
        void wrongTypes() {
            assertRefused("$.tree[1].id", "expected a string", refused(d -> at(d, "/tree/1").put("id", 7)));
            assertRefused("$.tree[1].weight", "expected a JSON object", refused(d -> at(d, "/tree/1").putArray("weight")));
            assertRefused("$.tree[0].children", "expected a JSON array",
                    refused(d -> at(d, "/tree/0").putObject("children")));
            assertRefused("$.tiers", "expected a JSON object", refused(d -> d.put("tiers", "score-bands")));
            assertRefused("$.tree[1].weight.note", "expected a string",
                    refused(d -> at(d, "/tree/1/weight").putObject("note").put("x", 1)));
            assertRefused("$.year", "expected a whole number", refused(d -> d.put("year", "2024")));
            assertRefused("$", "a descriptor is a JSON object", refused("\"just a string\""));
        }
    }

    /** An input stream of {@code size} zero bytes that never exists in memory, counting what is read. */
    static final class CountingStream extends InputStream {
        final long size;
        long read;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (read >= size) {
                return -1;
            }
            read++;
            return ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (read >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - read);
            java.util.Arrays.fill(b, off, off + n, (byte) ' ');
            read += n;
            return n;
        }
    }
}
