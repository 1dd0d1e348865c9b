package org.cityeval.counties.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cityeval.api.data.CityResolutionException;
import org.junit.jupiter.api.Test;

/** The registry reads its table at the first lookup, once, whichever threads ask first; answers are the table's. */
class CountyRegistryComponentTest {
    @Test
    void answersAsTheTableDoes() throws Exception {
        CountyRegistryComponent registry = new CountyRegistryComponent();
        assertEquals(2978, registry.cities().size());
        assertEquals("320583", registry.resolve("昆山").adcode());
        assertEquals("320583", registry.resolve("昆山", "江苏").adcode());
        assertEquals("江苏省", registry.byAdcode("320583").orElseThrow().province());
        assertThrows(CityResolutionException.class, () -> registry.resolve("no such county"));
    }

    @Test
    void readsTheTableOnceForConcurrentFirstCalls() throws Exception {
        CountyRegistryComponent registry = new CountyRegistryComponent();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<CountyTable>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(registry::table);
            }
            List<Future<CountyTable>> tables = pool.invokeAll(calls);
            for (Future<CountyTable> t : tables) {
                assertSame(registry.table(), t.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
