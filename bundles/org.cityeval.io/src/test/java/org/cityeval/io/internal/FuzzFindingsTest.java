package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.cityeval.api.data.BadInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * One test per bug the fuzz tests in {@code fuzz/} found in the importers (see docs/fuzzing.md): each
 * input made an importer throw something other than {@link BadInputException}. The raw crash inputs are
 * replayed there too; these tests say in words what went wrong.
 */
class FuzzFindingsTest {
    private final FakeCityRegistry cities = new FakeCityRegistry();

    /**
     * Bytes the reading of a tiny input may allocate. Multiplying out {@code 1e100000000} needs a number of
     * 100,000,000 decimal digits (over 40 MB) and more for every step towards it.
     */
    static final long SMALL_WORK = 8L << 20;
    /** Only a hang reaches this: the work takes milliseconds. */
    static final Duration HANG_GUARD = Duration.ofMinutes(10);

    /**
     * Runs {@code work} and checks that it did little: it allocated at most {@link #SMALL_WORK} bytes (the JVM's
     * count for the thread that ran it, the same on any machine however loaded). A regression that loops without
     * allocating never returns: the hang guard, minutes for milliseconds of work, ends it.
     */
    static <T> T withLittleWork(ThrowingSupplier<T> work) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                    .getThreadMXBean();
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            T result = work.get();
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            assertTrue(before >= 0 && allocated >= 0, "the JVM counts allocation");
            assertTrue(allocated <= SMALL_WORK, "allocated " + allocated + " bytes; at most " + SMALL_WORK);
            return result;
        }, "hang guard: " + HANG_GUARD + " for work of milliseconds");
    }

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
    void percentageWithHugeExponent() throws Exception {
        // warm-up: the importers' first use loads classes and builds tables, which is not the cost measured here
        new CsvDatasetImporter().read("warm.csv", new ByteArrayInputStream("adcode,rate\n330100,1e2%\n"
                .getBytes(StandardCharsets.UTF_8)), cities);
        new JsonDatasetImporter().read("warm.json", new ByteArrayInputStream(
                "[{\"adcode\": \"330100\", \"rate\": \"1e-2%\"}]".getBytes(StandardCharsets.UTF_8)), cities);
        String csv = "adcode,rate\n330100,1e100000000%\n";
        BadInputException e = withLittleWork(() -> refusal(new CsvDatasetImporter(),
                "data.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals("data.csv:2:2: not a number: '1e100000000%' in column 'rate'", e.getMessage());
        String json = "[{\"adcode\": \"330100\", \"rate\": \"1e-100000000%\"}]";
        assertEquals(0.0, withLittleWork(() -> new JsonDatasetImporter().read(
                "data.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), cities))
                .records().get(0).values().get("rate"));
    }
}
