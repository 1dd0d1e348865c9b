package org.cityeval.workflow.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * decides how long (on disk across restarts, or in memory); this class keeps the last few read datasets and
 * reads an upload again with the {@link DatasetReader} when it is not among them, e.g. after a restart.
 */
final class DatasetStore {
    /** What a token looks like: 32 hex digits (128 random bits). */
    static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    /** Datasets kept read, besides their files in the store. */
    static final int CACHED = 8;

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

    private final WorkbenchStore store;
    private final DatasetReader reader;
    private final LinkedHashMap<String, Entry> read = new LinkedHashMap<>(16, 0.75f, true);

    DatasetStore(WorkbenchStore store, DatasetReader reader) {
        this.store = store;
        this.reader = reader;
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
        synchronized (this) {
            remember(e);
        }
        return e;
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
            synchronized (this) {
                read.remove(token);
            }
            return Optional.empty();
        }
        synchronized (this) {
            Entry e = read.get(token);
            if (e != null) {
                return Optional.of(e);
            }
        }
        Optional<byte[]> bytes = store.datasetContent(token);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        CityDataset data = reader.read(d.get().name(), new ByteArrayInputStream(bytes.get()));
        Entry e = new Entry(token, d.get().name(), data, store.status().persistent());
        synchronized (this) {
            remember(e);
        }
        return Optional.of(e);
    }

    synchronized void clear() {
        read.clear();
    }

    private void remember(Entry e) {
        read.put(e.token(), e);
        while (read.size() > CACHED) {
            read.remove(read.keySet().iterator().next());
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
