package org.cityeval.workflow.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.CompactValues;
import org.cityeval.api.data.ValueKeys;

/**
 * A parsed dataset on disk in its compact form, so that an upload that fell out of the cache of read datasets
 * is loaded back without parsing its file again: the value keys, cities and attribute maps once each, then per
 * record its city, row, year, attributes and one {@code double[]} (NaN: missing). Read back, records share keys,
 * cities and attribute maps as the importer made them, and the dataset is equal to the one written.
 * <p>
 * Format 1, big-endian ({@link DataOutputStream}): {@code "CEDS"}, version, source, value columns, column
 * positions, tables of key sets, cities and attribute maps, then the records. Not an exchange format: it is
 * written and read by the same runtime and thrown away when that stops.
 */
final class DatasetFiles {
    private static final int MAGIC = 0x43454453; // "CEDS"
    private static final int VERSION = 1;
    private static final int NO_YEAR = Integer.MIN_VALUE;

    private DatasetFiles() {
    }

    /** Writes {@code data} to {@code file} (through a temporary file: whole or absent). */
    static void write(Path file, CityDataset data) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
            write(out, data);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static CityDataset read(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            return read(in);
        }
    }

    static void write(DataOutputStream out, CityDataset data) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        string(out, data.source());
        strings(out, data.valueColumns());
        out.writeInt(data.columns().size());
        for (Map.Entry<String, Integer> e : data.columns().entrySet()) {
            string(out, e.getKey());
            out.writeInt(e.getValue());
        }
        // the shared parts, once each (by identity: as the importer shares them)
        Map<ValueKeys, Integer> keySets = new IdentityHashMap<>();
        Map<City, Integer> cities = new HashMap<>();
        Map<Map<String, String>, Integer> attributes = new IdentityHashMap<>();
        List<City> cityList = new ArrayList<>();
        List<ValueKeys> keyList = new ArrayList<>();
        List<Map<String, String>> attributeList = new ArrayList<>();
        for (CityRecord r : data.records()) {
            if (cities.putIfAbsent(r.city(), cities.size()) == null) {
                cityList.add(r.city());
            }
            if (attributes.putIfAbsent(r.attributes(), attributes.size()) == null) {
                attributeList.add(r.attributes());
            }
            if (r.values() instanceof CompactValues c && keySets.putIfAbsent(c.keys(), keySets.size()) == null) {
                keyList.add(c.keys());
            }
        }
        out.writeInt(keyList.size());
        for (ValueKeys k : keyList) {
            strings(out, k.keys());
        }
        out.writeInt(cityList.size());
        for (City c : cityList) {
            city(out, c);
        }
        out.writeInt(attributeList.size());
        for (Map<String, String> a : attributeList) {
            out.writeInt(a.size());
            for (Map.Entry<String, String> e : a.entrySet()) {
                string(out, e.getKey());
                string(out, e.getValue());
            }
        }
        out.writeInt(data.records().size());
        for (CityRecord r : data.records()) {
            out.writeInt(cities.get(r.city()));
            out.writeLong(r.row());
            out.writeInt(r.year() == null ? NO_YEAR : r.year());
            out.writeInt(attributes.get(r.attributes()));
            if (r.values() instanceof CompactValues c) {
                out.writeInt(keySets.get(c.keys()));
                for (int i = 0, n = c.keys().size(); i < n; i++) {
                    out.writeDouble(c.valueAt(i));
                }
            } else {
                out.writeInt(-1);
                out.writeInt(r.values().size());
                for (Map.Entry<String, Double> e : r.values().entrySet()) {
                    string(out, e.getKey());
                    out.writeDouble(e.getValue());
                }
            }
        }
    }

    static CityDataset read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a compact dataset file of this version");
        }
        String source = string(in);
        List<String> valueColumns = strings(in);
        int n = in.readInt();
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String k = string(in);
            columns.put(k, in.readInt());
        }
        ValueKeys[] keySets = new ValueKeys[in.readInt()];
        for (int i = 0; i < keySets.length; i++) {
            keySets[i] = ValueKeys.of(strings(in));
        }
        City[] cities = new City[in.readInt()];
        for (int i = 0; i < cities.length; i++) {
            cities[i] = city(in);
        }
        List<Map<String, String>> attributes = new ArrayList<>();
        for (int i = 0, m = in.readInt(); i < m; i++) {
            int size = in.readInt();
            Map<String, String> a = new HashMap<>();
            for (int j = 0; j < size; j++) {
                String k = string(in);
                a.put(k, string(in));
            }
            attributes.add(Map.copyOf(a));
        }
        int records = in.readInt();
        List<CityRecord> out = new ArrayList<>(records);
        double[][] buffers = new double[keySets.length][];
        for (int i = 0; i < keySets.length; i++) {
            buffers[i] = new double[keySets[i].size()];
        }
        for (int i = 0; i < records; i++) {
            City city = cities[in.readInt()];
            long row = in.readLong();
            int y = in.readInt();
            Map<String, String> attrs = attributes.get(in.readInt());
            int k = in.readInt();
            Map<String, Double> values;
            if (k >= 0) {
                double[] b = buffers[k];
                for (int j = 0; j < b.length; j++) {
                    b[j] = in.readDouble();
                }
                values = keySets[k].values(b);
            } else {
                int size = in.readInt();
                values = new HashMap<>();
                for (int j = 0; j < size; j++) {
                    String key = string(in);
                    values.put(key, in.readDouble());
                }
            }
            out.add(new CityRecord(city, row, y == NO_YEAR ? null : y, values, attrs));
        }
        return new CityDataset(source, valueColumns, out, columns);
    }

    private static void city(DataOutputStream out, City c) throws IOException {
        string(out, c.adcode());
        string(out, c.name());
        string(out, c.shortName());
        string(out, c.nameTraditional());
        string(out, c.pinyin());
        string(out, c.provinceAdcode());
        string(out, c.province());
        string(out, c.provinceShort());
        string(out, c.level());
        out.writeBoolean(c.subProvincial());
        out.writeBoolean(c.separatelyPlanned());
        out.writeBoolean(c.provincialCapital());
    }

    private static City city(DataInputStream in) throws IOException {
        return new City(string(in), string(in), string(in), string(in), string(in), string(in), string(in),
                string(in), string(in), in.readBoolean(), in.readBoolean(), in.readBoolean());
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            string(out, s);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(string(in));
        }
        return list;
    }

    /** Any length (writeUTF stops at 64 KB), {@code null} as length -1. */
    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * An estimate of the heap a dataset takes, in bytes, for the cache's budget: records, their value arrays
     * (or boxed maps), and the shared attribute maps once.
     */
    static long retainedBytes(CityDataset data) {
        long bytes = 256;
        Map<Map<String, String>, Boolean> seen = new IdentityHashMap<>();
        for (CityRecord r : data.records()) {
            bytes += 48 + 24; // the record, its boxed year, the list's slot
            if (r.values() instanceof CompactValues c) {
                bytes += c.retainedBytes();
            } else {
                bytes += 64 + 56L * r.values().size();
            }
            if (seen.put(r.attributes(), Boolean.TRUE) == null) {
                for (Map.Entry<String, String> e : r.attributes().entrySet()) {
                    bytes += 96 + 2L * (e.getKey().length() + e.getValue().length());
                }
            }
        }
        return bytes;
    }
}
