package org.cityeval.api.data;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The value columns of one dataset, once: an ordered, immutable key index that every record of the dataset
 * shares, so that a record holds its values as one primitive {@code double[]} ({@link CompactValues}) instead
 * of a map of boxed values with its own keys.
 */
@ProviderType
public final class ValueKeys {
    private final String[] keys;
    private final Map<String, Integer> index;

    private ValueKeys(String[] keys) {
        this.keys = keys;
        Map<String, Integer> m = new HashMap<>(keys.length * 2 + 1);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null) {
                throw new NullPointerException("value key " + i + " is null");
            }
            if (m.putIfAbsent(keys[i], i) != null) {
                throw new IllegalArgumentException("duplicate value key '" + keys[i] + "'");
            }
        }
        this.index = m;
    }

    /**
     * @param keys the value columns, distinct and in order
     * @return their shared index
     * @throws IllegalArgumentException for a key given twice
     */
    public static ValueKeys of(Collection<String> keys) {
        return new ValueKeys(keys.toArray(new String[0]));
    }

    /** @return the number of keys */
    public int size() {
        return keys.length;
    }

    /** @return key {@code i} (the first is 0) */
    public String key(int i) {
        return keys[i];
    }

    /** @return the position of {@code key}, or -1 when it is not one of these keys */
    public int indexOf(Object key) {
        Integer i = key == null ? null : index.get(key);
        return i == null ? -1 : i;
    }

    /** @return the keys in order */
    public List<String> keys() {
        return List.of(keys);
    }

    /**
     * One record's values under these keys.
     *
     * @param values by key position; {@code NaN} (or a position beyond the array) means no value. The array is
     *               copied (trimmed to {@link #size()}).
     * @return an immutable map view that {@link CityRecord} keeps as it is
     * @throws IllegalArgumentException when the array is longer than the keys and has a value beyond them
     */
    public CompactValues values(double[] values) {
        double[] copy = Arrays.copyOf(values, keys.length);
        for (int i = values.length; i < keys.length; i++) {
            copy[i] = Double.NaN;
        }
        for (int i = keys.length; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                throw new IllegalArgumentException("a value at position " + i + " but only " + keys.length + " keys");
            }
        }
        return new CompactValues(this, copy);
    }

    /**
     * One record's values under these keys, from a map.
     *
     * @param values by key; a key that is not one of these is an error, a {@code NaN} value counts as missing
     * @return an immutable map view that {@link CityRecord} keeps as it is
     * @throws IllegalArgumentException for a key not among these keys
     */
    public CompactValues values(Map<String, ? extends Number> values) {
        double[] a = new double[keys.length];
        Arrays.fill(a, Double.NaN);
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            int i = indexOf(e.getKey());
            if (i < 0) {
                throw new IllegalArgumentException("value key '" + e.getKey() + "' is not one of " + keys());
            }
            a[i] = e.getValue().doubleValue();
        }
        return new CompactValues(this, a);
    }

    @Override
    public String toString() {
        return Arrays.toString(keys);
    }
}
