package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.CompactValues;
import org.cityeval.api.data.ValueKeys;
import org.junit.jupiter.api.Test;

/** The columnar value store behind {@link CityRecord#values()}: shared keys, a double[] per record, NaN = missing. */
class CompactValuesTest {
    private static final double NaN = Double.NaN;
    private final ValueKeys keys = ValueKeys.of(List.of("gdp", "pop", "area"));
    private final FakeCityRegistry cities = new FakeCityRegistry();

    @Test
    void missingValuesAreAbsent() {
        CompactValues v = keys.values(new double[] {1.5, NaN, -0.0});
        assertEquals(2, v.size());
        assertFalse(v.isEmpty());
        assertEquals(1.5, v.get("gdp"));
        assertNull(v.get("pop"));
        assertFalse(v.containsKey("pop"));
        assertTrue(v.containsKey("area"));
        assertEquals(-0.0, v.get("area"));
        assertNull(v.get("nope"));
        assertNull(v.get(null));
        assertTrue(Double.isNaN(v.getDouble("pop")));
        assertTrue(Double.isNaN(v.getDouble("nope")));
        assertEquals(7.0, v.getOrDefault("pop", 7.0));
        assertEquals(List.of("gdp", "area"), new ArrayList<>(v.keySet()));
        assertEquals(List.of(1.5, -0.0), new ArrayList<>(v.values()));
        assertTrue(keys.values(new double[] {NaN, NaN, NaN}).isEmpty());
        // a short array: the rest is missing
        assertEquals(Map.of("gdp", 2.0), keys.values(new double[] {2.0}));
    }

    @Test
    void equalToAnyMapWithTheSameEntries() {
        CompactValues v = keys.values(new double[] {1.5, NaN, 3.0});
        Map<String, Double> same = new HashMap<>(Map.of("gdp", 1.5, "area", 3.0));
        assertEquals(same, v);
        assertEquals(v, same);
        assertEquals(Map.copyOf(same), v);
        assertEquals(Map.copyOf(same).hashCode(), v.hashCode());
        assertEquals(v, keys.values(same));
        assertEquals(v, ValueKeys.of(List.of("area", "gdp")).values(new double[] {3.0, 1.5}));
        assertNotEquals(v, keys.values(new double[] {1.5, 2.0, 3.0}));
        assertNotEquals(v, keys.values(new double[] {1.5, NaN, 3.5}));
        assertNotEquals(v, Map.of("gdp", 1.5));
        // Double.equals: 0.0 and -0.0 differ, as they do in a HashMap
        assertNotEquals(keys.values(new double[] {0.0}), keys.values(new double[] {-0.0}));
        assertEquals(keys.values(new double[] {0.0}), Map.of("gdp", 0.0));
    }

    @Test
    void anImmutableMapView() {
        CompactValues v = keys.values(new double[] {1.0, 2.0, NaN});
        assertThrows(UnsupportedOperationException.class, () -> v.put("area", 1.0));
        assertThrows(UnsupportedOperationException.class, () -> v.remove("gdp"));
        assertThrows(UnsupportedOperationException.class, v::clear);
        assertThrows(UnsupportedOperationException.class, () -> v.putAll(Map.of("gdp", 3.0)));
        assertThrows(UnsupportedOperationException.class, () -> v.merge("gdp", 3.0, Double::sum));
        assertThrows(UnsupportedOperationException.class, () -> v.replaceAll((k, x) -> x));
        assertThrows(UnsupportedOperationException.class, () -> v.entrySet().iterator().next().setValue(9.0));
        Iterator<String> it = v.keySet().iterator();
        it.next();
        assertThrows(UnsupportedOperationException.class, it::remove);
        // the array given is copied
        double[] a = {1.0, 2.0, 3.0};
        CompactValues w = keys.values(a);
        a[0] = 99;
        assertEquals(1.0, w.get("gdp"));
    }

    @Test
    void keysAreDistinctAndIndexed() {
        assertEquals(2, keys.indexOf("area"));
        assertEquals(-1, keys.indexOf("AREA"));
        assertEquals(List.of("gdp", "pop", "area"), keys.keys());
        assertThrows(IllegalArgumentException.class, () -> ValueKeys.of(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> keys.values(Map.of("other", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> keys.values(new double[] {1, 2, 3, 4}));
    }

    @Test
    void aRecordKeepsTheViewAndCopiesOtherMaps() {
        CompactValues v = keys.values(new double[] {1.0, NaN, NaN});
        CityRecord r = new CityRecord(FakeCityRegistry.HANGZHOU, 2, v, Map.of());
        assertSame(v, r.values());
        HashMap<String, Double> plain = new HashMap<>(Map.of("gdp", 1.0));
        CityRecord s = new CityRecord(FakeCityRegistry.HANGZHOU, 2, plain, Map.of());
        assertEquals(r, s);
        assertEquals(r.hashCode(), s.hashCode());
        plain.put("gdp", 2.0);
        assertEquals(1.0, s.values().get("gdp"));
    }

    @Test
    void importersShareOneKeyIndexPerDataset() throws Exception {
        CityDataset wide = csv("adcode,gdp,pop\n330100,1,\n110000,,2.5\n");
        CityDataset lng = csv("adcode,variable,value\n330100,gdp,1\n330100,pop,—\n110000,pop,2.5\n");
        for (CityDataset ds : List.of(wide, lng)) {
            CompactValues first = assertInstanceOf(CompactValues.class, ds.records().get(0).values());
            CompactValues second = assertInstanceOf(CompactValues.class, ds.records().get(1).values());
            assertSame(first.keys(), second.keys());
            assertEquals(ds.valueColumns(), first.keys().keys());
            assertEquals(Map.of("gdp", 1.0), first);
            assertEquals(Map.of("pop", 2.5), second);
        }
        CityDataset json = new JsonDatasetImporter().read("d.json", new ByteArrayInputStream(
                "[{\"adcode\":\"330100\",\"gdp\":1},{\"adcode\":\"110000\",\"pop\":2.5}]"
                        .getBytes(StandardCharsets.UTF_8)), cities);
        CompactValues a = assertInstanceOf(CompactValues.class, json.records().get(0).values());
        assertSame(a.keys(), ((CompactValues) json.records().get(1).values()).keys());
        assertEquals(Map.of("gdp", 1.0), a);
        assertEquals(Map.of("pop", 2.5), json.records().get(1).values());
        assertEquals(List.of("gdp", "pop"), json.valueColumns());
    }

    private CityDataset csv(String text) throws Exception {
        return new CsvDatasetImporter().read("d.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                cities);
    }
}
