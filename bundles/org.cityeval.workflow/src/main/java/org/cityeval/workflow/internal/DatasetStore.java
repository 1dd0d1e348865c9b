package org.cityeval.workflow.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.WorkbenchStore;
import org.cityeval.api.service.WorkbenchStore.StoredDataset;
import org.cityeval.api.workflow.DataSources;
import org.cityeval.api.workflow.WorkflowException;

/**
 * Uploaded datasets by an unguessable token. The {@link WorkbenchStore} keeps each upload's original file and
 * decides how long (on disk across restarts, or in memory). This class keeps read datasets under a byte budget
 * (least recently used first out; {@value #CACHE_PROPERTY}, default {@value #DEFAULT_CACHE_MB} MiB of estimated
 * heap) and each parsed upload on disk in its compact form ({@link DatasetFiles}, in a temporary folder of this
 * runtime), so that an upload that left the cache is loaded back without parsing its file again. An upload not
 * in that folder (after a restart) is read again from its original file with the {@link DatasetReader}.
 */
final class DatasetStore {
    /** What a token looks like: 32 hex digits (128 random bits). */
    static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    /** The system property that sets the cache's budget: bytes, or with a suffix k, m or g (e.g. {@code 64m}). */
    static final String CACHE_PROPERTY = "cityeval.uploads.cache";
    static final long DEFAULT_CACHE_MB = 64;

    /** An upload. */
    record Entry(String token, String name, CityDataset data, boolean persistent) implements DataSources.Upload {
        /** What the upload answers: token, counts, columns and years, and whether it survives a restart. */
        @Override
        public Map<String, Object> summary() {
            Map<String, Object> m = summarise(token, name, data);
            m.put("persistent", persistent);
            return m;
        }
    }

    private record Cached(Entry entry, long bytes) {
    }

    private final WorkbenchStore store;
    private final DatasetReader reader;
    private final long budget;
    private final LinkedHashMap<String, Cached> read = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;
    /** The compact files' folder, made at the first upload; {@code null} before. */
    private Path spill;

    DatasetStore(WorkbenchStore store, DatasetReader reader) {
        this(store, reader, budget(System.getProperty(CACHE_PROPERTY)));
    }

    /** @param budget bytes of (estimated) heap for read datasets; the latest one is kept even when larger */
    DatasetStore(WorkbenchStore store, DatasetReader reader, long budget) {
        this.store = store;
        this.reader = reader;
        this.budget = budget;
    }

    /** The budget a property value says: bytes, or a number with k, m or g; the default when absent. */
    static long budget(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_CACHE_MB << 20;
        }
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        int shift = switch (t.charAt(t.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 1));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CACHE_PROPERTY + ": not a size: '" + text
                    + "' (bytes, or a number with k, m or g, e.g. 64m)");
        }
    }

    long budget() {
        return budget;
    }

    /** @return the estimated bytes of the datasets kept read */
    synchronized long cachedBytes() {
        return cachedBytes;
    }

    /** @return how many datasets are kept read */
    synchronized int cached() {
        return read.size();
    }

    WorkbenchStore store() {
        return store;
    }

    /**
     * Keeps an upload (its file, read already into {@code data}).
     *
     * @throws WorkflowException FULL when the store is full of uploads that workspaces name
     */
    Entry put(String name, byte[] bytes, CityDataset data) throws IOException {
        StoredDataset d;
        try {
            d = store.putDataset(name, bytes, summarise(null, name, data));
        } catch (IllegalStateException e) {
            throw new WorkflowException(WorkflowException.Kind.FULL, e.getMessage());
        }
        Entry e = new Entry(d.token(), name, data, store.status().persistent());
        spill(e);
        synchronized (this) {
            remember(e);
        }
        return e;
    }

    /** Writes the upload's compact file; without one it is parsed again from its original when next asked for. */
    private void spill(Entry e) {
        try {
            Path f = spillFolder().resolve(e.token() + ".ceds");
            DatasetFiles.write(f, e.data());
            f.toFile().deleteOnExit();
        } catch (IOException | RuntimeException x) {
            // no room or no temporary folder: the upload is parsed again from its original when next asked for
            deleteQuietly(spill == null ? null : spill.resolve(e.token() + ".ceds"));
        }
    }

    private synchronized Path spillFolder() throws IOException {
        if (spill == null) {
            spill = Files.createTempDirectory("cityeval-uploads-");
            spill.toFile().deleteOnExit();
        }
        return spill;
    }

    /** @return the upload's compact file when there is one */
    private synchronized Path spilled(String token) {
        if (spill == null) {
            return null;
        }
        Path f = spill.resolve(token + ".ceds");
        return Files.isRegularFile(f) ? f : null;
    }

    /**
     * @return the upload, if the store still keeps it; counts as a use
     * @throws IOException       when its file cannot be read back
     * @throws BadInputException when the importers no longer accept it (they changed since the upload)
     */
    Optional<Entry> get(String token) throws IOException, BadInputException {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<StoredDataset> d = store.dataset(token);
        if (d.isEmpty()) {
            forget(token);
            return Optional.empty();
        }
        synchronized (this) {
            Cached c = read.get(token);
            if (c != null) {
                return Optional.of(c.entry());
            }
        }
        Path file = spilled(token);
        CityDataset data = null;
        if (file != null) {
            try {
                data = DatasetFiles.read(file);
            } catch (IOException e) {
                data = null; // damaged or half-written: the original file is the truth, read it again
            }
        }
        boolean parsed = data == null;
        if (parsed) {
            Optional<byte[]> bytes = store.datasetContent(token);
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            data = reader.read(d.get().name(), new ByteArrayInputStream(bytes.get()));
        }
        Entry e = new Entry(token, d.get().name(), data, store.status().persistent());
        if (parsed) {
            spill(e);
        }
        synchronized (this) {
            remember(e);
        }
        return Optional.of(e);
    }

    /** Forgets what was read and removes the compact files (the runtime stops). */
    synchronized void clear() {
        read.clear();
        cachedBytes = 0;
        if (spill != null) {
            try (var files = Files.list(spill)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(spill);
            } catch (IOException e) {
                // best effort: the folder is in the temporary folder and removed at exit
            }
            spill = null;
        }
    }

    private synchronized void forget(String token) {
        Cached c = read.remove(token);
        if (c != null) {
            cachedBytes -= c.bytes();
        }
        Path f = spilled(token);
        deleteQuietly(f);
    }

    private static void deleteQuietly(Path f) {
        if (f != null) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // best effort: the folder is in the temporary folder and removed at exit
            }
        }
    }

    /** Keeps {@code e} read and drops the least recently used ones over the budget (never the latest). */
    private void remember(Entry e) {
        long bytes = DatasetFiles.retainedBytes(e.data());
        Cached old = read.put(e.token(), new Cached(e, bytes));
        cachedBytes += bytes - (old == null ? 0 : old.bytes());
        var it = read.entrySet().iterator();
        while (cachedBytes > budget && read.size() > 1) {
            var eldest = it.next();
            if (eldest.getKey().equals(e.token())) {
                break;
            }
            cachedBytes -= eldest.getValue().bytes();
            it.remove();
        }
    }

    static Map<String, Object> summarise(String token, String name, CityDataset data) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (token != null) {
            m.put("dataset", token);
        }
        m.put("name", name);
        m.put("cities", data.records().stream().map(r -> r.city().adcode()).distinct().count());
        m.put("records", data.records().size());
        m.put("columns", data.valueColumns());
        TreeSet<Integer> years = new TreeSet<>();
        for (CityRecord r : data.records()) {
            if (r.year() != null) {
                years.add(r.year());
            }
        }
        m.put("years", new ArrayList<>(years));
        return m;
    }
}
