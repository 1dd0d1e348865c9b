package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data limits reach the importers of the real distribution as framework properties (here small ones, in
 * {@code CITYEVAL_JAVA_OPTS}): a file over them is bad input, exit 2, one line naming file, row and column (or the
 * file's size), and no output file.
 */
class DataLimitsCliTest {
    @TempDir
    Path work;

    private Path longFile(int rows) throws Exception {
        StringBuilder b = new StringBuilder("adcode,year,variable,value\n");
        String[] cities = { "110000", "310000", "330100", "440100", "440300" };
        for (int i = 0; i < rows; i++) {
            b.append(cities[i % cities.length]).append(",2023,v").append(i / cities.length).append(",1.5\n");
        }
        Path f = work.resolve("long.csv");
        Files.writeString(f, b, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void aValueOverTheLimitIsRefusedAtItsRowAndColumn() throws Exception {
        Path data = longFile(1_000);
        Path out = work.resolve("out.json");
        Dist.Run r = Dist.cityevalWith(Map.of("CITYEVAL_JAVA_OPTS", "-Dcityeval.data.maxValues=7"), Dist.home(), work,
                "evaluate", "--model", "guomai-psdf-2024", "--data", data.toString(), "--format", "json", "--out",
                out.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("cityeval: " + data + ":9:4: more than 7 values, the limit for one dataset (framework property"
                + " cityeval.data.maxValues); reading stopped here: split the file by year or by province, or raise"
                + " the limit", r.err().strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFileOverTheByteLimitIsRefusedBeforeItIsRead() throws Exception {
        Path data = longFile(1_000);
        Dist.Run r = Dist.cityevalWith(Map.of("CITYEVAL_JAVA_OPTS", "-Dcityeval.data.maxBytes=4k"), Dist.home(), work,
                "evaluate", "--model", "guomai-psdf-2024", "--data", data.toString(), "--format", "json");
        assertEquals(2, r.exit(), r.err());
        assertEquals(String.format(java.util.Locale.ROOT, "cityeval: %s: %,d bytes: larger than 4 KiB, the limit for"
                + " one data file (framework property cityeval.data.maxBytes, e.g. CITYEVAL_JAVA_OPTS="
                + "-Dcityeval.data.maxBytes=256m); split the file by year or by province, or raise the limit", data,
                Files.size(data)), r.err().strip());
        assertEquals("", r.out());
    }
}
