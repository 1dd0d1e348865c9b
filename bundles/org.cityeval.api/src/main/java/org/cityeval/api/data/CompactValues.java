package org.cityeval.api.data;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A record's numeric values in compact form: the dataset's shared {@link ValueKeys} and one primitive
 * {@code double[]} in which {@code NaN} means "no value". It is an immutable {@code Map<String, Double>}
 * (missing values are absent from it, as in any record), equal to any map with the same entries, and iterates
 * in the order of its keys. {@link CityRecord} keeps it as it is (no copy). Made by
 * {@link ValueKeys#values(double[])}.
 */
@ProviderType
public final class CompactValues extends AbstractMap<String, Double> {
    private final ValueKeys keys;
    private final double[] values;
    private final int size;

    CompactValues(ValueKeys keys, double[] values) {
        this.keys = keys;
        this.values = values;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        this.size = n;
    }

    /** @return the shared keys of the dataset */
    public ValueKeys keys() {
        return keys;
    }

    /** @return the value at key position {@code i}, {@code NaN} when there is none */
    public double valueAt(int i) {
        return values[i];
    }

    /** @return the value of {@code key}, {@code NaN} when there is none (no boxing) */
    public double getDouble(Object key) {
        int i = keys.indexOf(key);
        return i < 0 ? Double.NaN : values[i];
    }

    /** @return an estimate of the heap this object and its array take, in bytes (the shared keys not counted) */
    public long retainedBytes() {
        return 32L + 16L + 8L * values.length;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        int i = keys.indexOf(key);
        return i >= 0 && !Double.isNaN(values[i]);
    }

    @Override
    public Double get(Object key) {
        int i = keys.indexOf(key);
        return i < 0 || Double.isNaN(values[i]) ? null : values[i];
    }

    @Override
    public Double getOrDefault(Object key, Double defaultValue) {
        Double v = get(key);
        return v == null ? defaultValue : v;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Double> action) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                action.accept(keys.key(i), values[i]);
            }
        }
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < values.length && Double.isNaN(values[i])) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next;
                        next = advance(i + 1);
                        return new SimpleImmutableEntry<>(keys.key(i), values[i]);
                    }
                };
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof CompactValues c && c.keys == keys) {
            for (int i = 0; i < values.length; i++) {
                // Double.equals: bit patterns (all NaNs are "missing" here)
                boolean a = Double.isNaN(values[i]);
                boolean b = Double.isNaN(c.values[i]);
                if (a != b || !a && Double.doubleToLongBits(values[i]) != Double.doubleToLongBits(c.values[i])) {
                    return false;
                }
            }
            return true;
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                h += keys.key(i).hashCode() ^ Double.hashCode(values[i]);
            }
        }
        return h;
    }

    // immutable, like Map.copyOf's maps

    @Override
    public Double put(String key, Double value) {
        throw new UnsupportedOperationException("a record's values are immutable");
    }

    @Override
    public Double remove(Object key) {
        throw new UnsupportedOperationException("a record's values are immutable");
    }

    @Override
    public void putAll(Map<? extends String, ? extends Double> m) {
        throw new UnsupportedOperationException("a record's values are immutable");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("a record's values are immutable");
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Double, ? extends Double> function) {
        throw new UnsupportedOperationException("a record's values are immutable");
    }

    @Override
    public Double putIfAbsent(String key, Double value) {
        throw new UnsupportedOperationException("a record's values are immutable");
    }

    @Override
    public Double computeIfAbsent(String key, Function<? super String, ? extends Double> f) {
        throw new UnsupportedOperationException("a record's values are immutable");
    }

    @Override
    public Double computeIfPresent(String key, BiFunction<? super String, ? super Double, ? extends Double> f) {
        throw new UnsupportedOperationException("a record's values are immutable");
    }

    @Override
    public Double compute(String key, BiFunction<? super String, ? super Double, ? extends Double> f) {
        throw new UnsupportedOperationException("a record's values are immutable");
    }

    @Override
    public Double merge(String key, Double value, BiFunction<? super Double, ? super Double, ? extends Double> f) {
        throw new UnsupportedOperationException("a record's values are immutable");
    }
}
