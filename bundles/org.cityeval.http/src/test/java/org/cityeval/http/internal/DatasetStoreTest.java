package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.junit.jupiter.api.Test;

class DatasetStoreTest {
    private final Fakes.MutableClock clock = new Fakes.MutableClock();
    private final DatasetStore store = new DatasetStore(3, Duration.ofHours(1), clock);

    private static CityDataset data() {
        return new CityDataset("x.csv", List.of("a", "b"), List.of(
                new CityRecord(Fakes.city("110000", "北京"), 2, 2022, Map.of("a", 1.0), Map.of()),
                new CityRecord(Fakes.city("110000", "北京"), 3, 2023, Map.of("a", 2.0), Map.of()),
                new CityRecord(Fakes.city("310000", "上海"), 4, 2023, Map.of("a", 3.0), Map.of())));
    }

    @Test
    void tokensAreRandomAndWellFormed() {
        String a = store.put("x.csv", data()).token();
        String b = store.put("x.csv", data()).token();
        assertNotEquals(a, b);
        assertTrue(DatasetStore.TOKEN.matcher(a).matches(), a);
        assertTrue(store.get(a).isPresent());
        assertTrue(store.get("../" + a).isEmpty());
        assertTrue(store.get(null).isEmpty());
    }

    @Test
    void summarisesCitiesColumnsAndYears() {
        Map<String, Object> s = store.put("x.csv", data()).summary();
        assertEquals(2L, s.get("cities"));
        assertEquals(3, s.get("records"));
        assertEquals(List.of("a", "b"), s.get("columns"));
        assertEquals(List.of(2022, 2023), s.get("years"));
        assertEquals("x.csv", s.get("name"));
    }

    @Test
    void evictsTheLeastRecentlyUsed() {
        String first = store.put("1.csv", data()).token();
        String second = store.put("2.csv", data()).token();
        String third = store.put("3.csv", data()).token();
        assertTrue(store.get(first).isPresent()); // used: now second is the least recent
        String fourth = store.put("4.csv", data()).token();
        assertEquals(3, store.size());
        assertTrue(store.get(second).isEmpty());
        assertTrue(store.get(first).isPresent());
        assertTrue(store.get(third).isPresent());
        assertTrue(store.get(fourth).isPresent());
    }

    @Test
    void forgetsUploadsAfterAnHour() {
        String old = store.put("old.csv", data()).token();
        clock.advance(Duration.ofMinutes(59));
        String young = store.put("young.csv", data()).token();
        assertTrue(store.get(old).isPresent(), "use does not extend the hour");
        clock.advance(Duration.ofMinutes(1));
        assertTrue(store.get(old).isEmpty());
        assertTrue(store.get(young).isPresent());
        clock.advance(Duration.ofHours(1));
        assertEquals(0, store.size());
    }
}
