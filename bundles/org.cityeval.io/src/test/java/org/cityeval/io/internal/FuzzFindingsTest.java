package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.cityeval.api.data.BadInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One test per bug the fuzz tests in {@code fuzz/} found in the importers (see docs/fuzzing.md): each
 * input made an importer throw something other than {@link BadInputException}. The raw crash inputs are
 * replayed there too; these tests say in words what went wrong.
 */
class FuzzFindingsTest {
    private final FakeCityRegistry cities = new FakeCityRegistry();

    private BadInputException refusal(org.cityeval.api.spi.DatasetImporter importer, String name, byte[] bytes) {
        return assertThrows(BadInputException.class,
                () -> importer.read(name, new ByteArrayInputStream(bytes), cities));
    }

    /** Replaces every occurrence of {@code marker} (ASCII) with bytes {@code 0xFF}. */
    private static byte[] spoil(byte[] bytes, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= bytes.length - m.length; i++) {
            boolean match = true;
            for (int j = 0; j < m.length && match; j++) {
                match = bytes[i + j] == m[j];
            }
            if (match) {
                for (int j = 0; j < m.length; j++) {
                    bytes[i + j] = (byte) 0xFF;
                }
            }
        }
        return bytes;
    }

    @Test
    @DisplayName("an XLSX part whose name is not UTF-8 is a damaged archive, not an IllegalArgumentException")
    void xlsxPartNameNotUtf8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("xl/NAME.xml"));
            zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        BadInputException e = refusal(new XlsxDatasetImporter(), "data.xlsx", spoil(out.toByteArray(), "NAME"));
        assertEquals("data.xlsx: not a readable XLSX file (a damaged ZIP archive: a part name that is not UTF-8"
                + " text); save it again from Excel or WPS", e.getMessage());
    }

    @Test
    @DisplayName("a percentage with a huge exponent is out of range at once, not a hang multiplying out its digits")
    void percentageWithHugeExponent() {
        String csv = "adcode,rate\n330100,1e100000000%\n";
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refusal(new CsvDatasetImporter(),
                "data.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals("data.csv:2:2: not a number: '1e100000000%' in column 'rate'", e.getMessage());
        String json = "[{\"adcode\": \"330100\", \"rate\": \"1e-100000000%\"}]";
        assertEquals(0.0, assertTimeoutPreemptively(Duration.ofSeconds(5), () -> new JsonDatasetImporter().read(
                "data.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), cities))
                .records().get(0).values().get("rate"));
    }
}
