package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.junit.jupiter.api.Test;

/**
 * A data file is refused at its first fatal problem, and reading stops there: what follows is never read, so a
 * large bad file costs no more than its head. The limits of {@link DatasetLimits} are such problems, found row by
 * row (values) or byte by byte (size; before reading when the size is known).
 */
class StreamingLimitsTest {
    private static final int TAIL_BYTES = 8 << 20;
    /** What the parsers may read ahead of the row they report (Jackson's and the decoder's buffers). */
    private static final int READ_AHEAD = 1 << 20;

    private final FakeCityRegistry cities = new FakeCityRegistry();

    /** A stream over a head and a long tail of good rows, counting how far it was read. */
    private static final class Counted extends FilterInputStream {
        long read;
        final boolean sizeKnown;

        Counted(byte[] bytes, boolean sizeKnown) {
            super(new ByteArrayInputStream(bytes));
            this.sizeKnown = sizeKnown;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            read += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }

        @Override
        public int available() throws IOException {
            return sizeKnown ? super.available() : 0; // a pipe does not know
        }
    }

    /** {@code head}, then good long-layout rows for Hangzhou until the file has more than {@link #TAIL_BYTES}. */
    private static byte[] longFile(String head) {
        StringBuilder b = new StringBuilder(head);
        for (int i = 0; b.length() < TAIL_BYTES; i++) {
            b.append("330100,2020,tail_").append(i).append(",1.5\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String refused(CsvDatasetImporter importer, Counted in) {
        return assertThrows(BadInputException.class, () -> importer.read("data.csv", in, cities)).getMessage();
    }

    @Test
    void aValueOverTheLimitIsRefusedAtItsRowAndColumnAndReadingStopsThere() {
        Counted in = new Counted(longFile("adcode,year,variable,value\n"
                + "330100,2020,a,1\n"
                + "330100,2020,b,\n" // missing: not a value
                + "330100,2020,c,3\n"
                + "110000,2020,a,4\n"
                + "110000,2020,b,5\n"), true);
        String message = refused(new CsvDatasetImporter(new DatasetLimits(1L << 30, 3)), in);
        assertEquals("data.csv:6:4: more than 3 values, the limit for one dataset (framework property"
                + " cityeval.data.maxValues); reading stopped here: split the file by year or by province, or raise"
                + " the limit", message);
        assertTrue(in.read < READ_AHEAD, "read " + in.read + " of " + TAIL_BYTES + " bytes");
    }

    @Test
    void aWideRowNamesTheColumnOfTheValueThatCrossesTheLimit() {
        StringBuilder csv = new StringBuilder("adcode,year,x,y,z\n330100,2020,1,2,3\n110000,2020,4,,5\n"
                + "310000,2020,6,7,8\n");
        for (int year = 1901; csv.length() < TAIL_BYTES; year = year == 2099 ? 1901 : year + 1) {
            csv.append("330100,").append(year).append(",1,2,3\n"); // duplicates, but never read
        }
        Counted in = new Counted(csv.toString().getBytes(StandardCharsets.UTF_8), true);
        String message = refused(new CsvDatasetImporter(new DatasetLimits(1L << 30, 6)), in);
        assertTrue(message.startsWith("data.csv:4:4: more than 6 values"), message);
        assertTrue(in.read < READ_AHEAD, "read " + in.read);
    }

    @Test
    void anyFatalProblemStopsTheReadWhereItIs() {
        Counted in = new Counted(longFile("adcode,year,variable,value\n330100,2020,a,1\n330100,2020,b,lots\n"), true);
        String message = refused(new CsvDatasetImporter(), in);
        assertEquals("data.csv:3:4: not a number: 'lots' in column 'value' (variable 'b')", message);
        assertTrue(in.read < READ_AHEAD, "read " + in.read);
    }

    @Test
    void underTheLimitsAFileReadsAsBefore() throws Exception {
        CityDataset ds = new CsvDatasetImporter(new DatasetLimits(1L << 20, 3))
                .read("data.csv", new Counted("adcode,x,y\n330100,1,\n110000,2,3\n".getBytes(StandardCharsets.UTF_8),
                        true), cities);
        assertEquals(Map.of("x", 2.0, "y", 3.0), ds.records().get(1).values());
    }

    private static DatasetReaderComponent reader(DatasetLimits limits) {
        DatasetReaderComponent reader = new DatasetReaderComponent();
        reader.cities = new FakeCityRegistry();
        reader.importers = List.of(Map.entry(Map.of(DatasetReaderComponent.IMPORTER, "csv"), new CsvDatasetImporter()));
        reader.limits = limits;
        return reader;
    }

    @Test
    void aFileOfKnownSizeOverTheByteLimitIsRefusedBeforeItsFirstByteIsRead() {
        byte[] bytes = longFile("adcode,year,variable,value\n");
        Counted in = new Counted(bytes, true);
        BadInputException e = assertThrows(BadInputException.class,
                () -> reader(new DatasetLimits(1L << 20, 100)).read("big.csv", in));
        assertEquals(String.format(java.util.Locale.ROOT, "big.csv: %,d bytes: larger than 1 MiB, the limit for one"
                + " data file (framework property cityeval.data.maxBytes, e.g. CITYEVAL_JAVA_OPTS="
                + "-Dcityeval.data.maxBytes=256m); split the file by year or by province, or raise the limit",
                bytes.length), e.getMessage());
        assertEquals(0, in.read);
    }

    @Test
    void aStreamOfUnknownSizeIsRefusedWhereItCrossesTheByteLimit() {
        Counted in = new Counted(longFile("adcode,year,variable,value\n"), false);
        BadInputException e = assertThrows(BadInputException.class,
                () -> reader(new DatasetLimits(1L << 20, 100_000_000)).read("piped.csv", in));
        assertTrue(e.getMessage().contains(": larger than 1 MiB, the limit for one data file"), e.getMessage());
        // the row being read when the limit was crossed: about 1 MiB into the file, rows of ~25 bytes
        long row = Long.parseLong(e.position());
        assertTrue(row > 30_000 && row < 45_000, e.getMessage());
        assertTrue(in.read <= (1 << 20) + READ_AHEAD, "read " + in.read);
    }

    @Test
    void limitsComeFromFrameworkProperties() {
        assertEquals(DatasetLimits.DEFAULTS, DatasetLimits.from(name -> null));
        assertEquals(new DatasetLimits(256L << 20, 2_000),
                DatasetLimits.from(Map.of(DatasetLimits.MAX_BYTES, "256m", DatasetLimits.MAX_VALUES, "2000")::get));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetLimits.from(Map.of(DatasetLimits.MAX_BYTES, "lots")::get));
        assertEquals("cityeval.data.maxBytes=lots: a positive number, e.g. 67108864 or 64m", e.getMessage());
    }
}
