package org.cityeval.http.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;

/**
 * Uploaded datasets, in memory, by an unguessable token: at most {@code capacity} of them (the least recently
 * used goes first) and each for at most {@code ttl} after its upload. Nothing is written to disk.
 */
final class DatasetStore {
    /** What a token looks like: 32 hex digits (128 random bits). */
    static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

    /** An upload. */
    record Entry(String token, String name, CityDataset data, Instant created) {
        /** What the upload answers: token, counts, columns and years. */
        Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", token);
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

    private final int capacity;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    DatasetStore(int capacity, Duration ttl, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.ttl = Objects.requireNonNull(ttl);
        this.clock = Objects.requireNonNull(clock);
    }

    synchronized Entry put(String name, CityDataset data) {
        expire();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        StringBuilder token = new StringBuilder(32);
        for (byte b : bytes) {
            token.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        Entry e = new Entry(token.toString(), name, data, clock.instant());
        entries.put(e.token(), e);
        while (entries.size() > capacity) {
            Iterator<String> eldest = entries.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return e;
    }

    /** @return the upload, if it is still kept; counts as a use */
    synchronized Optional<Entry> get(String token) {
        expire();
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.get(token));
    }

    synchronized int size() {
        expire();
        return entries.size();
    }

    synchronized List<String> tokens() {
        expire();
        return List.copyOf(entries.keySet());
    }

    synchronized void clear() {
        entries.clear();
    }

    private void expire() {
        Instant oldest = clock.instant().minus(ttl);
        entries.values().removeIf(e -> !e.created().isAfter(oldest));
    }
}
