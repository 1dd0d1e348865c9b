package org.cityeval.extender.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.extender.internal.DescriptorParser.RuleNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link DescriptorParser#parse(byte[], RuleNames)}: a descriptor is parsed into a model, or refused
 * with a {@link DescriptorException} at a JSON path ({@code $...}). Anything else escaping is Jazzer's
 * finding. Seeds: the descriptors of the five model bundles and a few small ones.
 */
class DescriptorParserFuzzTest {
    /** Inputs beyond this are not tried (the parser itself refuses more than {@link DescriptorParser#MAX_BYTES}). */
    static final int MAX_INPUT = 1 << 16;

    /** The rules the runtime ships, so that the real descriptors parse; other names are "missing rules". */
    static final RuleNames RULES = (kind, name) -> switch (kind) {
        case SCORING -> Set.of("direct-points", "share", "min-max", "z-score", "rank", "threshold-bands", "target")
                .contains(name);
        case AGGREGATION -> Set.of("weighted-sum", "geometric-mean").contains(name);
        case TIER -> Set.of("score-bands", "rank-shares").contains(name);
        case GROUPING -> Set.of("province", "provincial-capital", "region", "city-type", "tier").contains(name);
    };

    @Tag("fuzz")
    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void descriptor(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        EvaluationModel model;
        try {
            model = DescriptorParser.parse(input, RULES);
        } catch (DescriptorException e) {
            String path = e.jsonPath();
            if (path == null || !path.startsWith("$") || e.reason() == null || e.reason().isBlank()) {
                throw new AssertionError("a refusal without a JSON path or a reason: " + e.getMessage(), e);
            }
            return;
        }
        if (model == null || model.id() == null || model.id().isEmpty()) {
            throw new AssertionError("parsed, but to no model or one without an id: " + model);
        }
    }

    /** The default build's replay of the seeds and the committed inputs: plain JUnit, no Jazzer, no time limit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedInputs")
    void descriptorReplay(String input, byte[] bytes) {
        descriptor(bytes);
    }

    static Stream<Arguments> fixedInputs() {
        return FuzzInputs.replay(DescriptorParserFuzzTest.class, "descriptor", seeds());
    }

    /** The seed models' descriptors, relative to this module's folder (the tests' working directory). */
    static final List<String> MODELS = List.of(
            "org.cityeval.model.guomai.psdf2024/src/main/resources/OSGI-INF/cityeval/models/guomai-psdf-2024.json",
            "org.cityeval.model.guomai.psft2019/src/main/resources/OSGI-INF/cityeval/models/guomai-psft-2019.json",
            "org.cityeval.model.ccid.digitalcity2020/src/main/resources/OSGI-INF/cityeval/models/ccid-digital-city-2020.json",
            "org.cityeval.model.cstc.smart2021/src/main/resources/OSGI-INF/cityeval/models/cstc-smart-2021.json",
            "org.cityeval.model.national.smartcity2016/src/main/resources/OSGI-INF/cityeval/models/"
                    + "national-smart-city-2016.json");

    static Stream<Arguments> seeds() {
        Stream<byte[]> real = MODELS.stream().map(m -> {
            try {
                return Files.readAllBytes(Path.of("..", m));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Stream<byte[]> small = Stream.of("""
                {"id": "tiny", "title": {"zh": "小", "en": "Tiny"}, "institution": {"zh": "机构"}, "year": 2024,
                 "scale": {"max": 100},
                 "tree": [{"id": "a", "name": {"zh": "甲"}, "weight": {"value": 60, "provenance": "published"},
                           "children": [{"id": "a1", "name": {"zh": "甲一"}, "weight": {"value": 60,
                             "provenance": "published"}, "direction": "higher-is-better", "binding": {"variable": "gdp"}}]},
                          {"id": "b", "name": {"zh": "乙"}, "weight": {"value": 40, "provenance": "assumed"},
                           "scoring": {"rule": "min-max"}, "binding": {"formula": "ratio", "variables": ["x", "y"]}}]}
                """, "{}", "[]", "{\"id\": \"x\", \"tree\": [{\"children\": [{\"children\": [{}]}]}]}")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Stream.concat(real, small).map(b -> Arguments.of((Object) b));
    }
}
