package org.cityeval.workflow.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;

/**
 * Data packs as read, so that a request naming a pack ({@code "pack": "china-cities"}) does not read and parse
 * the pack's file again. Under load (scripts/bench-load.sh) parsing the 330 KB {@code china-cities} CSV on
 * every request cost about as much as the evaluation itself; a dataset is immutable, so one copy serves every
 * request, as an upload's does.
 * <p>
 * A pack is kept with the address it was read from ({@code DataPackCatalog.open}: a bundle entry URL, which
 * names the bundle and its revision), and read again when that address changes, i.e. when its data bundle was
 * updated or replaced. At most {@code capacity} packs are kept (the least recently used goes first); a read
 * that fails is not kept. Requests that arrive while a pack is being read wait for that one read.
 */
final class PackCache {
    /** Reads a pack. */
    @FunctionalInterface
    interface Reader {
        CityDataset read() throws IOException, BadInputException;
    }

    private record Slot(String source, FutureTask<CityDataset> task) {
    }

    private final int capacity;
    private final Map<String, Slot> slots;

    PackCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.slots = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Slot> eldest) {
                return size() > PackCache.this.capacity;
            }
        };
    }

    /**
     * @param name   the pack's name
     * @param source where it is read from now; a different source than the kept one's reads it again
     * @param reader reads it, called at most once per name and source while the result is kept
     */
    CityDataset get(String name, String source, Reader reader) throws IOException, BadInputException {
        Slot slot;
        boolean mine = false;
        synchronized (this) {
            slot = slots.get(name);
            if (slot == null || !slot.source().equals(source)) {
                slot = new Slot(source, new FutureTask<>(reader::read));
                slots.put(name, slot);
                mine = true;
            }
        }
        if (mine) {
            slot.task().run();
        }
        try {
            return slot.task().get();
        } catch (ExecutionException e) {
            synchronized (this) {
                slots.remove(name, slot); // the next request tries again
            }
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof BadInputException bad) {
                throw bad;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("reading data pack " + name, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while data pack " + name + " was read");
        }
    }

    synchronized int size() {
        return slots.size();
    }

    synchronized void clear() {
        slots.clear();
    }
}
