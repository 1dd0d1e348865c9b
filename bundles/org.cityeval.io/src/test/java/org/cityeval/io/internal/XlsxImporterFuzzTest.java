package org.cityeval.io.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link XlsxDatasetImporter} ({@link XlsxWorkbook}: ZIP, relationships, shared strings, the sheet's
 * XML). An input is one of two things:
 * <ul>
 * <li>bytes starting with {@code PK\3\4}: the file as it is, so the ZIP layer is mutated;</li>
 * <li>anything else: a list of parts, each a line {@code @@ <part name>} followed by its content, which the
 * test packs into a valid ZIP before importing. Mutating deflated bytes almost never yields XML that gets
 * past the ZIP's checksums, so this is how the XML readers get fuzzed.</li>
 * </ul>
 * Seeds are workbooks written by {@link XlsxBuilder}, the io bundle's test helper, in both forms.
 */
class XlsxImporterFuzzTest {
    private static final byte[] PART = "@@ ".getBytes(StandardCharsets.UTF_8);

    private final XlsxDatasetImporter importer = new XlsxDatasetImporter();

    @Tag("fuzz")
    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void xlsx(byte[] input) {
        if (input.length <= ImporterContract.MAX_INPUT) {
            byte[] file = isZip(input) ? input : zip(input);
            ImporterContract.check(importer, "fuzz.xlsx", file, ImporterContract.Positions.XLSX);
        }
    }

    /** The default build's replay of the seeds and the committed inputs: plain JUnit, no Jazzer, no time limit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedInputs")
    void xlsxReplay(String input, byte[] bytes) {
        xlsx(bytes);
    }

    static Stream<Arguments> fixedInputs() {
        return FuzzInputs.replay(XlsxImporterFuzzTest.class, "xlsx", seeds());
    }

    private static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    /** Packs the parts form into a ZIP archive. */
    static byte[] zip(byte[] parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            List<String> names = new ArrayList<>();
            int at = indexOf(parts, PART, 0);
            while (at >= 0) {
                int eol = indexOf(parts, new byte[] {'\n'}, at);
                if (eol < 0) {
                    break;
                }
                String name = new String(parts, at + PART.length, eol - at - PART.length, StandardCharsets.UTF_8);
                int next = indexOf(parts, PART, eol + 1);
                int end = next < 0 ? parts.length : next;
                if (!name.isEmpty() && !names.contains(name)) { // a ZIP cannot hold a name twice
                    names.add(name);
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(parts, eol + 1, end - eol - 1);
                    zip.closeEntry();
                }
                at = next;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= b.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The parts form of an archive. */
    static byte[] parts(byte[] xlsx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                out.write(PART);
                out.write(e.getName().getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                out.write(zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Stream<Arguments> seeds() {
        List<byte[]> files = List.of(
                new XlsxBuilder()
                        .row("adcode", "city", "year", "tier", "gdp", "digital_support")
                        .row("330100", "杭州", 2023, "A", 18753.5, XlsxBuilder.num("0.92"))
                        .row("110000", "北京市", 2023, null, "1,234", XlsxBuilder.raw("<c r=\"%s\" t=\"inlineStr\">"
                                + "<is><r><t>4</t></r><r><t>2</t></r><rPh><t>x</t></rPh></is></c>"))
                        .bytes(),
                new XlsxBuilder()
                        .row("city", "year", "variable", "value", "source")
                        .rowAt(3, "Hangzhou", 2022, "gdp", 1.5, "统计_x000D_年鉴")
                        .row("台州市", 2022, "gdp", "—", XlsxBuilder.raw("<c r=\"%s\" t=\"str\"><v>s</v></c>"))
                        .reversed()
                        .bytes(),
                new XlsxBuilder().row("name", "score").row("Shanghai", 1).merge("A2:B2").chartSheetFirst().bytes(),
                new XlsxBuilder().row("adcode", "x").row("330100", XlsxBuilder.raw("<c r=\"%s\"><f>1+1</f><v>2</v></c>"))
                        .row("310000", XlsxBuilder.raw("<c r=\"%s\" t=\"b\"><v>1</v></c>"))
                        .sheetPath("worksheets/../worksheets/data.xml")
                        .bytes());
        Stream.Builder<Arguments> seeds = Stream.builder();
        for (byte[] f : files) {
            seeds.add(Arguments.of((Object) f));
            seeds.add(Arguments.of((Object) parts(f)));
        }
        return seeds.build();
    }
}
