package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.store.internal.FileWorkbenchStore;
import org.cityeval.store.internal.StoreLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads over the real WorkbenchStore. How long the store keeps them (the latest 20 and an hour each in memory;
 * count and size on disk) is tested with the store, in FileWorkbenchStoreTest.
 */
class DatasetStoreTest {
    private final DatasetStore store = TestData.datasets();

    @TempDir
    Path dir;

    private static CityDataset data() {
        return new CityDataset("x.csv", List.of("a", "b"), List.of(
                new CityRecord(TestData.city("110000", "北京"), 2, 2022, Map.of("a", 1.0), Map.of()),
                new CityRecord(TestData.city("110000", "北京"), 3, 2023, Map.of("a", 2.0), Map.of()),
                new CityRecord(TestData.city("310000", "上海"), 4, 2023, Map.of("a", 3.0), Map.of())));
    }

    private static final byte[] FILE = "adcode,a\n110000,1\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void tokensAreRandomAndWellFormed() throws IOException, BadInputException {
        String a = store.put("x.csv", FILE, data()).token();
        String b = store.put("x.csv", FILE, data()).token();
        assertNotEquals(a, b);
        assertTrue(DatasetStore.TOKEN.matcher(a).matches(), a);
        assertTrue(store.get(a).isPresent());
        assertTrue(store.get("../" + a).isEmpty());
        assertTrue(store.get(null).isEmpty());
    }

    @Test
    void summarisesCitiesColumnsAndYears() throws IOException {
        Map<String, Object> s = store.put("x.csv", FILE, data()).summary();
        assertEquals(2L, s.get("cities"));
        assertEquals(3, s.get("records"));
        assertEquals(List.of("a", "b"), s.get("columns"));
        assertEquals(List.of(2022, 2023), s.get("years"));
        assertEquals("x.csv", s.get("name"));
        assertEquals(false, s.get("persistent"));
    }

    @Test
    void anUploadIsReadAgainFromItsFileAfterARestart() throws IOException, BadInputException {
        String token;
        try (FileWorkbenchStore disk = FileWorkbenchStore.open(dir, StoreLimits.DISK, Clock.systemUTC())) {
            DatasetStore before = new DatasetStore(disk, TestData.READER);
            DatasetStore.Entry e = before.put("cities.csv", FILE, data());
            assertEquals(true, e.summary().get("persistent"));
            token = e.token();
        }
        try (FileWorkbenchStore disk = FileWorkbenchStore.open(dir, StoreLimits.DISK, Clock.systemUTC())) {
            DatasetStore after = new DatasetStore(disk, TestData.READER);
            DatasetStore.Entry e = after.get(token).orElseThrow();
            assertEquals("cities.csv", e.name());
            assertEquals(1, e.data().records().size(), "read with the reader from the file as uploaded");
            assertEquals(1.0, e.data().records().get(0).values().get("a"));
        }
    }

    @Test
    void whatTheStoreDropsIsGoneFromTheReadOnesToo() throws IOException, BadInputException {
        FileWorkbenchStore small = FileWorkbenchStore.inMemory(new StoreLimits(1, 1000, null, 1, 1), Clock.systemUTC());
        DatasetStore s = new DatasetStore(small, TestData.READER);
        String first = s.put("1.csv", FILE, data()).token();
        String second = s.put("2.csv", FILE, data()).token();
        assertTrue(s.get(first).isEmpty());
        assertTrue(s.get(second).isPresent());
    }
}
