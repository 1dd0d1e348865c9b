package org.cityeval.io.internal;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link JsonDatasetImporter} with raw bytes: strict UTF-8 decoding, Jackson's parser with its
 * nesting and duplicate-key limits, and the row rules (keys, years, values). See {@link ImporterContract}.
 */
class JsonImporterFuzzTest {
    private final JsonDatasetImporter importer = new JsonDatasetImporter();

    @Tag("fuzz")
    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void json(byte[] input) {
        if (input.length <= ImporterContract.MAX_INPUT) {
            ImporterContract.check(importer, "fuzz.json", input, ImporterContract.Positions.JSON);
        }
    }

    /** The default build's replay of the seeds and the committed inputs: plain JUnit, no Jazzer, no time limit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedInputs")
    void jsonReplay(String input, byte[] bytes) {
        json(bytes);
    }

    static Stream<Arguments> fixedInputs() {
        return FuzzInputs.replay(JsonImporterFuzzTest.class, "json", seeds());
    }

    static Stream<Arguments> seeds() {
        return Stream.of(
                "[{\"adcode\": \"330100\", \"city\": \"杭州\", \"digital_support\": 26.2, \"gdp\": \"1,234.5\"},\n"
                        + " {\"adcode\": 110000, \"tier\": \"A\", \"digital_support\": null, \"gdp\": \"—\"}]",
                "{\"rows\": [{\"city\": \"Hangzhou\", \"year\": 2022, \"score\": \"12.5%\", \"source\": \"年鉴\"},"
                        + " {\"city\": \"台州市\", \"province\": \"浙江\", \"year\": \"2022\", \"score\": 1e2}]}",
                "\uFEFF[{\"name\": \"上海\", \"Score\": \"１２\", \"note\": \"a\\nb\"}]",
                "[{\"city\": \"北京\", \"x\": 1}, {\"city\": \"北京\", \"x\": 2}]",
                "[{\"adcode\": \"330100\", \"v\": {\"nested\": [1, 2, 3]}}]",
                "{\"rows\": []}")
                .map(s -> Arguments.of((Object) s.getBytes(StandardCharsets.UTF_8)));
    }
}
