package org.cityeval.cities.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityResolutionException;

import static org.cityeval.cities.keys.NameKeys.isAdcode;
import static org.cityeval.cities.keys.NameKeys.normalize;
import static org.cityeval.cities.keys.NameKeys.single;
import static org.cityeval.cities.keys.NameKeys.stripProvinceSuffix;

/**
 * The city registry as plain data and lookup logic, free of OSGi so it can be unit-tested directly.
 * <p>
 * The table is read from the classpath resource {@value #RESOURCE} next to this class. The file is strict
 * CSV without quoting; any row that does not fit the expected shape stops loading with an
 * {@link IllegalStateException} naming the line, because a silently skipped city would later show up as
 * an "unknown city" far away from the cause.
 * <p>
 * Resolution accepts an adcode, the simplified, short or traditional name (with or without a trailing
 * 市), or the pinyin (ignoring case, spaces, hyphens, apostrophes and tone marks; ü may be written u or
 * v). A key that fits more than one city is an error listing them all: homophones such as Taizhou
 * (台州/泰州) are never resolved by guessing. Instances are immutable and thread-safe.
 */
public final class CityTable {

    /** Name of the CSV resource, relative to this class's package. */
    static final String RESOURCE = "cities-registry.csv";

    static final String HEADER = "adcode,name,short_name,name_traditional,pinyin,province_adcode,province,"
            + "province_short,level,sub_provincial,separately_planned,provincial_capital";
    private static final int FIELDS = 12;

    private static final Set<String> LEVELS =
            Set.of("municipality", "prefecture_city", "autonomous_prefecture", "league", "region");

    /**
     * Census-style codes of the four municipalities (the shared census data codes them like a prefecture's
     * first city district), mapped to the registry's province-level codes.
     */
    static final Map<String, String> MUNICIPALITY_ALIASES =
            Map.of("110100", "110000", "120100", "120000", "310100", "310000", "500100", "500000");

    /*
     * Loading avoids lambdas, records' equals and string concatenation on the per-row path: each costs an
     * invokedynamic bootstrap on first use, which would cost more than reading the rows.
     */
    private static final Comparator<City> BY_ADCODE = new Comparator<>() {
        @Override
        public int compare(City a, City b) {
            return a.adcode().compareTo(b.adcode());
        }
    };

    private final List<City> cities;
    private final Map<String, City> byAdcode;
    private final Map<String, List<City>> byKey;

    private CityTable(List<City> cities) {
        this.cities = List.copyOf(cities);
        Map<String, City> codes = new HashMap<>();
        Map<String, List<City>> keys = new HashMap<>();
        for (City c : this.cities) {
            codes.put(c.adcode(), c);
            for (String k : new String[] { c.adcode(), c.name(), c.shortName(), c.nameTraditional(), c.pinyin() }) {
                String key = normalize(k);
                List<City> list = keys.get(key);
                if (list == null) {
                    keys.put(key, list = new ArrayList<>(1));
                }
                // cities arrive in adcode order, so each list stays sorted; skip a city's repeated keys
                if (list.isEmpty() || list.get(list.size() - 1) != c) {
                    list.add(c);
                }
            }
        }
        for (Map.Entry<String, String> alias : MUNICIPALITY_ALIASES.entrySet()) {
            City target = codes.get(alias.getValue());
            if (target == null) {
                continue; // only in cut-down test tables; the shipped registry has all four
            }
            codes.put(alias.getKey(), target);
            keys.put(alias.getKey(), List.of(target));
        }
        for (Map.Entry<String, List<City>> e : keys.entrySet()) {
            e.setValue(List.copyOf(e.getValue()));
        }
        this.byAdcode = Map.copyOf(codes);
        this.byKey = Map.copyOf(keys);
    }

    /**
     * Loads the registry shipped in this bundle.
     *
     * @throws IllegalStateException if the resource is missing or malformed
     */
    public static CityTable load() {
        try (InputStream in = CityTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("city registry resource " + RESOURCE + " not found");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read city registry " + RESOURCE, e);
        }
    }

    /**
     * Parses registry CSV.
     *
     * @param source name used in error messages
     * @throws IllegalStateException on the first malformed line
     */
    static CityTable parse(BufferedReader reader, String source) throws IOException {
        String header = reader.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (!HEADER.equals(header)) {
            throw new IllegalStateException(
                    source + ":1: expected header '" + HEADER + "' but found '" + header + "'");
        }
        List<City> cities = new ArrayList<>(400);
        Set<String> seen = new HashSet<>();
        int lineNo = 1;
        for (String line; (line = reader.readLine()) != null;) {
            lineNo++;
            City c = parseRow(line, source, lineNo);
            if (!seen.add(c.adcode())) {
                throw new IllegalStateException(source + ":" + lineNo + ": duplicate adcode " + c.adcode());
            }
            if (MUNICIPALITY_ALIASES.containsKey(c.adcode())) {
                // the alias would shadow a real entry
                throw new IllegalStateException(source + ":" + lineNo + ": adcode " + c.adcode()
                        + " is reserved as a municipality alias");
            }
            cities.add(c);
        }
        if (cities.isEmpty()) {
            throw new IllegalStateException(source + ": no cities");
        }
        cities.sort(BY_ADCODE); // the file is already sorted; this only guards against edits
        return new CityTable(cities);
    }

    private static City parseRow(String line, String source, int lineNo) {
        if (line.indexOf('"') >= 0) {
            throw malformed(source, lineNo, "quoted fields are not supported", line);
        }
        String[] f = new String[FIELDS];
        int n = 0;
        int start = 0;
        // hand-split on ',' (no regex): the file has no quoting, checked above
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                if (n == FIELDS) {
                    throw malformed(source, lineNo, "more than " + FIELDS + " fields", line);
                }
                String v = line.substring(start, i);
                if (v.isEmpty() || Character.isWhitespace(v.charAt(0))
                        || Character.isWhitespace(v.charAt(v.length() - 1))) {
                    throw malformed(source, lineNo, "field " + (n + 1) + " is empty or padded", line);
                }
                f[n++] = v;
                start = i + 1;
            }
        }
        if (n != FIELDS) {
            throw malformed(source, lineNo, "expected " + FIELDS + " fields, found " + n, line);
        }
        String adcode = f[0];
        String provinceAdcode = f[5];
        String level = f[8];
        if (!isAdcode(adcode) || !isAdcode(provinceAdcode) || !provinceAdcode.endsWith("0000")
                || !adcode.startsWith(provinceAdcode.substring(0, 2))) {
            throw malformed(source, lineNo, "bad adcode " + adcode + " / province adcode " + provinceAdcode,
                    line);
        }
        if (!LEVELS.contains(level)) {
            throw malformed(source, lineNo, "unknown level " + level, line);
        }
        if (level.equals("municipality") != adcode.equals(provinceAdcode)) {
            throw malformed(source, lineNo, "only a municipality is its own province", line);
        }
        if (normalize(f[4]).isEmpty()) {
            throw malformed(source, lineNo, "empty pinyin", line);
        }
        return new City(adcode, f[1], f[2], f[3], f[4], provinceAdcode, f[6], f[7], level,
                bool(f[9], source, lineNo, line), bool(f[10], source, lineNo, line),
                bool(f[11], source, lineNo, line));
    }

    private static boolean bool(String s, String source, int lineNo, String line) {
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw malformed(source, lineNo, "expected true or false, found " + s, line);
        };
    }

    private static IllegalStateException malformed(String source, int lineNo, String why, String line) {
        return new IllegalStateException(
                source + ":" + lineNo + ": malformed city registry row (" + why + "): " + line);
    }

    /** @return all cities in adcode order */
    public List<City> cities() {
        return cities;
    }

    /** @return the city with this adcode; the census codes 110100, 120100, 310100, 500100 name municipalities */
    public Optional<City> byAdcode(String adcode) {
        return adcode == null ? Optional.empty() : Optional.ofNullable(byAdcode.get(adcode.strip()));
    }

    /**
     * @param key an adcode, name, short name, traditional name or pinyin
     * @return every city the key fits, in adcode order; empty if none
     */
    public List<City> candidates(String key) {
        String k = normalize(Objects.requireNonNull(key, "key"));
        if (k.isEmpty()) {
            return List.of();
        }
        List<City> exact = byKey.getOrDefault(k, List.of());
        // 杭州 and 杭州市 are the same city whichever the registry lists; both forms are tried and merged,
        // so a key that is one city's short name and another's name minus 市 comes out ambiguous
        String toggled = k.endsWith("市") ? k.substring(0, k.length() - 1) : k + "市";
        List<City> other = toggled.isEmpty() ? List.of() : byKey.getOrDefault(toggled, List.of());
        if (other.isEmpty() || exact.equals(other)) {
            return exact;
        }
        if (exact.isEmpty()) {
            return other;
        }
        List<City> merged = new ArrayList<>(exact);
        for (City c : other) {
            if (!merged.contains(c)) {
                merged.add(c);
            }
        }
        merged.sort(BY_ADCODE);
        return List.copyOf(merged);
    }

    /**
     * Resolves a key to exactly one city.
     *
     * @throws CityResolutionException with no candidates if nothing matches, with all of them (adcode order)
     *                                 if several do
     */
    public City resolve(String key) throws CityResolutionException {
        return single(key, candidates(key));
    }

    /**
     * As {@link #resolve(String)}, keeping only cities of the given province (name, short name or adcode,
     * with or without 省/市/自治区) when {@code province} is not blank. A province that fits none of the
     * key's cities makes the key unknown, even when the key alone would have been unique: the caller's data
     * contradict the registry, and that must not pass silently.
     */
    public City resolve(String key, String province) throws CityResolutionException {
        if (province == null || province.isBlank()) {
            return resolve(key);
        }
        String p = normalize(province);
        List<City> kept = new ArrayList<>(2);
        for (City c : candidates(key)) {
            if (inProvince(c, p)) {
                kept.add(c);
            }
        }
        return single(key, kept);
    }

    static boolean inProvince(City c, String normalizedProvince) {
        String p = MUNICIPALITY_ALIASES.getOrDefault(normalizedProvince, normalizedProvince);
        return p.equals(c.provinceAdcode()) || p.equals(c.province()) || p.equals(c.provinceShort())
                || stripProvinceSuffix(p).equals(c.provinceShort());
    }
}
