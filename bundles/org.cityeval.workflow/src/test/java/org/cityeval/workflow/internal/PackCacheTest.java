package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.junit.jupiter.api.Test;

class PackCacheTest {
    private static CityDataset dataset(String source) {
        return new CityDataset(source, List.of(), List.of());
    }

    @Test
    void readsAPackOncePerSource() throws Exception {
        PackCache cache = new PackCache(4);
        AtomicInteger reads = new AtomicInteger();
        PackCache.Reader reader = () -> dataset("read " + reads.incrementAndGet());
        CityDataset first = cache.get("china-cities", "bundle://7.0:1/p.csv", reader);
        assertSame(first, cache.get("china-cities", "bundle://7.0:1/p.csv", reader));
        assertEquals(1, reads.get());
        // the data bundle was updated: a new revision, a new entry URL
        CityDataset updated = cache.get("china-cities", "bundle://7.1:1/p.csv", reader);
        assertEquals("read 2", updated.source());
        assertSame(updated, cache.get("china-cities", "bundle://7.1:1/p.csv", reader));
        assertEquals(1, cache.size());
    }

    @Test
    void aFailedReadIsNotKept() throws Exception {
        PackCache cache = new PackCache(4);
        BadInputException bad = assertThrows(BadInputException.class,
                () -> cache.get("p", "s", () -> { throw BadInputException.at("p.csv", 2, 1, "not a number"); }));
        assertEquals("p.csv:2:1: not a number", bad.getMessage());
        assertThrows(IOException.class, () -> cache.get("p", "s", () -> { throw new IOException("gone"); }));
        assertEquals(0, cache.size());
        assertEquals("ok", cache.get("p", "s", () -> dataset("ok")).source());
    }

    @Test
    void keepsAtMostCapacityPacks() throws Exception {
        PackCache cache = new PackCache(2);
        for (String name : List.of("a", "b", "c", "d")) {
            cache.get(name, "s", () -> dataset(name));
        }
        assertEquals(2, cache.size());
    }

    @Test
    void concurrentRequestsWaitForOneRead() throws Exception {
        PackCache cache = new PackCache(4);
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<CityDataset>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return cache.get("p", "s", () -> {
                        reads.incrementAndGet();
                        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // a slow read
                        return dataset("p");
                    });
                }));
            }
            go.countDown();
            // waited for without a bound (a real hang is Surefire's to catch); the one read holds however long the
            // requests take: a request that came after it finished is answered from the cache
            CityDataset first = answers.get(0).get();
            for (Future<CityDataset> f : answers) {
                assertSame(first, f.get());
            }
            assertEquals(1, reads.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
