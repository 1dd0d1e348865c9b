package org.cityeval.io.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link CsvDatasetImporter} with raw bytes: the encoding detection of {@link TextDecoding} (UTF-8
 * with and without a byte order mark, GB18030, UTF-16 refused), RFC 4180 quoting over Jackson's CSV parser,
 * and both layouts of {@link TableReader}. See {@link ImporterContract} for what is checked.
 */
class CsvImporterFuzzTest {
    private final CsvDatasetImporter importer = new CsvDatasetImporter();

    @Tag("fuzz")
    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void csv(byte[] input) {
        if (input.length <= ImporterContract.MAX_INPUT) {
            ImporterContract.check(importer, "fuzz.csv", input, ImporterContract.Positions.CSV);
        }
    }

    /** The default build's replay of the seeds and the committed inputs: plain JUnit, no Jazzer, no time limit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedInputs")
    void csvReplay(String input, byte[] bytes) {
        csv(bytes);
    }

    static Stream<Arguments> fixedInputs() {
        return FuzzInputs.replay(CsvImporterFuzzTest.class, "csv", seeds());
    }

    /** Valid files of both layouts and encodings, and a few near misses, to start the fuzzer from. */
    static Stream<Arguments> seeds() {
        Charset gb = Charset.forName("GB18030");
        String wide = "adcode,city,province,year,city_type,tier,gdp,digital_support\n"
                + "330100,杭州,浙江省,2023,sub_provincial,A,\"18,753\",92%\n"
                + "110000,北京市,北京市,2023,municipality,A,41610,—\n";
        String longLayout = "city,year,variable,value,source,note\r\n"
                + "Hangzhou,2022,gdp,18753.5,统计年鉴,\r\n"
                + "Hangzhou,2022,broadband,\"1,234\",工信部,\"a note, with \"\"quotes\"\"\"\r\n"
                + "台州市,2022,gdp,N/A,,\r\n";
        return Stream.of(
                bytes(wide.getBytes(StandardCharsets.UTF_8)),
                bytes(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, wide.getBytes(StandardCharsets.UTF_8))),
                bytes(wide.getBytes(gb)),
                bytes(longLayout.getBytes(StandardCharsets.UTF_8)),
                bytes(longLayout.getBytes(gb)),
                bytes("name,score\nShanghai,１２３.５\n泰州,1e3\n".getBytes(StandardCharsets.UTF_8)),
                bytes("adcode,value\n\n330100,\"multi\nline\"\n".getBytes(StandardCharsets.UTF_8)),
                bytes(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0, ',', 0}));
    }

    static Arguments bytes(byte[] b) {
        return Arguments.of((Object) b);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
