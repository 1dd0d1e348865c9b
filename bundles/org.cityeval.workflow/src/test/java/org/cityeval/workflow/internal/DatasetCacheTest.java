package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.CompactValues;
import org.cityeval.api.data.ValueKeys;
import org.cityeval.store.internal.FileWorkbenchStore;
import org.cityeval.store.internal.StoreLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read uploads under a byte budget, loaded back from their compact files on disk (DatasetFiles). */
class DatasetCacheTest {
    @TempDir
    Path dir;

    /** A dataset as the importers make it: shared keys, double[] values, NaN missing, shared attributes. */
    private static CityDataset compact(int cities, String source) {
        ValueKeys keys = ValueKeys.of(List.of("gdp", "pop", "注释 long " + "x".repeat(70_000)));
        Map<String, String> shared = Map.of("source:gdp", "统计年鉴 2023", "tier", "A");
        List<CityRecord> records = new ArrayList<>();
        for (int i = 0; i < cities; i++) {
            double[] v = {i * 1.5, i % 3 == 0 ? Double.NaN : -i, i == 1 ? -0.0 : 1e-300};
            records.add(new CityRecord(TestData.city(String.valueOf(110000 + i * 100), "城市" + i), i + 2,
                    i % 2 == 0 ? null : 2020 + i, keys.values(v), i % 2 == 0 ? shared : Map.of()));
        }
        Map<String, Integer> columns = new HashMap<>(Map.of("gdp", 5, "pop", 6));
        return new CityDataset(source, keys.keys(), records, columns);
    }

    private static final byte[] FILE = "adcode,a\n110000,1\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void theCompactFileReadsBackEqualWithItsSharingKept() throws IOException {
        CityDataset data = compact(50, "upload.csv");
        // a record with a plain map (not from an importer) too
        List<CityRecord> records = new ArrayList<>(data.records());
        records.add(new CityRecord(TestData.city("310000", "上海"), 99, 2024, Map.of("gdp", 7.0),
                Map.of("note", "n")));
        data = new CityDataset(data.source(), data.valueColumns(), records, data.columns());
        Path f = dir.resolve("d.ceds");
        DatasetFiles.write(f, data);
        CityDataset back = DatasetFiles.read(f);
        assertEquals(data, back);
        CompactValues a = assertInstanceOf(CompactValues.class, back.records().get(0).values());
        CompactValues b = assertInstanceOf(CompactValues.class, back.records().get(1).values());
        assertSame(a.keys(), b.keys());
        assertSame(back.records().get(0).attributes(), back.records().get(2).attributes());
        assertNull(back.records().get(0).year());
        assertEquals(-0.0, back.records().get(1).values().get(back.valueColumns().get(2)));
        assertEquals(-1.0, back.records().get(1).values().get("pop"));
        assertNull(back.records().get(0).values().get("pop"));
        assertEquals(Map.of("gdp", 7.0), back.records().get(50).values());
    }

    @Test
    void aDamagedCompactFileIsRefused() throws IOException {
        Path f = dir.resolve("bad.ceds");
        Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThrows(IOException.class, () -> DatasetFiles.read(f));
    }

    @Test
    void aTinyBudgetKeepsOneReadAndLoadsTheOthersFromTheirCompactFiles() throws IOException, BadInputException {
        FileWorkbenchStore memory = FileWorkbenchStore.inMemory(StoreLimits.MEMORY, Clock.systemUTC());
        DatasetStore s = new DatasetStore(memory, TestData.READER, 1);
        List<String> tokens = new ArrayList<>();
        List<CityDataset> put = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CityDataset d = compact(20 + i, "u" + i + ".csv");
            put.add(d);
            // the file is not what was read: a dataset parsed again from it would have 1 record, not 20+
            tokens.add(s.put("u" + i + ".csv", FILE, d).token());
        }
        assertEquals(1, s.cached());
        for (int i = 0; i < 5; i++) {
            CityDataset back = s.get(tokens.get(i)).orElseThrow().data();
            assertEquals(put.get(i), back, "upload " + i + " loaded from its compact file, not parsed again");
            assertEquals(1, s.cached());
        }
        s.clear();
        assertEquals(0, s.cachedBytes());
        // without compact files (a restart, or cleared): parsed again from the stored original
        assertEquals(1, s.get(tokens.get(0)).orElseThrow().data().records().size());
    }

    @Test
    void aLargerBudgetKeepsTheRecentlyUsedOnes() throws IOException, BadInputException {
        FileWorkbenchStore memory = FileWorkbenchStore.inMemory(StoreLimits.MEMORY, Clock.systemUTC());
        long one = DatasetFiles.retainedBytes(compact(20, "x.csv"));
        DatasetStore s = new DatasetStore(memory, TestData.READER, 3 * one);
        for (int i = 0; i < 6; i++) {
            s.put("u.csv", FILE, compact(20, "u.csv"));
        }
        assertEquals(3, s.cached());
        assertTrue(s.cachedBytes() <= 3 * one);
    }

    @Test
    void theBudgetIsASize() {
        assertEquals(64L << 20, DatasetStore.budget(null));
        assertEquals(64L << 20, DatasetStore.budget(" "));
        assertEquals(1000, DatasetStore.budget("1000"));
        assertEquals(16L << 20, DatasetStore.budget("16m"));
        assertEquals(2L << 30, DatasetStore.budget("2G"));
        assertEquals(8L << 10, DatasetStore.budget("8k"));
        String m = assertThrows(IllegalArgumentException.class, () -> DatasetStore.budget("lots")).getMessage();
        assertTrue(m.contains(DatasetStore.CACHE_PROPERTY) && m.contains("'lots'"), m);
        assertThrows(IllegalArgumentException.class, () -> DatasetStore.budget("-1m"));
    }
}
