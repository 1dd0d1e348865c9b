package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The replays find the committed crash inputs: a moved or renamed inputs folder would otherwise make a replay
 * silently run the seeds only. Update the lists when an input is committed (docs/fuzzing.md).
 */
class FuzzInputsTest {
    @Test
    void everyCommittedInputIsReplayed() {
        assertEquals(List.of("percentage-huge-exponent-hang"), names(CsvImporterFuzzTest.class, "csv"));
        assertEquals(List.of("percentage-huge-exponent-hang"), names(JsonImporterFuzzTest.class, "json"));
        assertEquals(List.of("zip-part-name-not-utf8"), names(XlsxImporterFuzzTest.class, "xlsx"));
    }

    private static List<String> names(Class<?> test, String method) {
        return FuzzInputs.committed(test, method).stream().map(Path::getFileName).map(Path::toString).toList();
    }
}
