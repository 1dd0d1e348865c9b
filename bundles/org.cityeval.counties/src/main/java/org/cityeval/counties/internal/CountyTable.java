package org.cityeval.counties.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * The county-level divisions (districts, counties, county-level cities, banners) as plain data and lookup logic,
 * free of OSGi so it can be unit-tested directly.
 * <p>
 * Each division is a {@link City} record: adcode, name, short name (the name without 市/区/县/旗, except for
 * autonomous counties and banners), traditional name, pinyin of the short name, its province, and its level
 * ({@code district}, {@code county}, {@code county_city}, {@code banner}, {@code autonomous_county},
 * {@code autonomous_banner}, {@code prefecture_city} for the four cities without districts, {@code other}).
 * The parent city is kept beside the record ({@link #parentCity}).
 * <p>
 * Keys: the adcode; the simplified, short or traditional name; the pinyin (ignoring case, spaces, hyphens,
 * apostrophes and tone marks); and any of these names qualified by the parent city and/or the province written
 * before it ({@code 北京市朝阳区}, {@code 长春朝阳区}, {@code 江苏省昆山市}, {@code 江苏苏州昆山}). About one name
 * in a hundred is shared (朝阳区 in 北京 and 长春, 鼓楼区 in four cities): such a key fits several divisions and
 * resolving it fails listing all of them. Instances are immutable and thread-safe.
 */
public final class CountyTable {

    /** Name of the CSV resource, relative to this class's package. */
    static final String RESOURCE = "counties-registry.csv";

    static final String HEADER = "adcode,name,short_name,name_traditional,pinyin,city_adcode,city,province_adcode,"
            + "province,province_short,level";
    private static final int FIELDS = 11;

    private static final Set<String> LEVELS = Set.of("district", "county", "county_city", "banner",
            "autonomous_county", "autonomous_banner", "prefecture_city", "other");

    /** The parent city of a division: its adcode and name, or none for divisions directly under a province. */
    public record Parent(String adcode, String name) {
    }

    private final List<City> counties;
    private final Map<String, City> byAdcode;
    private final Map<String, Parent> parents;
    private final Map<String, List<City>> byKey;

    private CountyTable(List<City> counties, Map<String, Parent> parents) {
        this.counties = List.copyOf(counties);
        this.parents = Map.copyOf(parents);
        Map<String, City> codes = new HashMap<>();
        Map<String, List<City>> keys = new HashMap<>();
        for (City c : this.counties) {
            codes.put(c.adcode(), c);
            Parent parent = parents.get(c.adcode());
            String tradShort = c.nameTraditional().length() == c.name().length()
                    ? c.nameTraditional().substring(0, c.shortName().length()) : c.nameTraditional();
            List<String> names = List.of(c.name(), c.shortName(), c.nameTraditional(), tradShort);
            add(keys, c.adcode(), c);
            add(keys, c.pinyin(), c);
            List<String> prefixes = new ArrayList<>();
            prefixes.add("");
            List<String> provinces = List.of(c.province(), c.provinceShort());
            prefixes.addAll(provinces);
            if (parent != null && !parent.adcode().equals(c.provinceAdcode())) {
                List<String> cityNames = List.of(parent.name(), withoutShi(parent.name()));
                prefixes.addAll(cityNames);
                for (String p : provinces) {
                    for (String q : cityNames) {
                        prefixes.add(p + q);
                    }
                }
            }
            for (String p : prefixes) {
                for (String n : names) {
                    add(keys, p + n, c);
                }
            }
        }
        for (Map.Entry<String, List<City>> e : keys.entrySet()) {
            e.setValue(List.copyOf(e.getValue()));
        }
        this.byAdcode = Map.copyOf(codes);
        this.byKey = Map.copyOf(keys);
    }

    private static void add(Map<String, List<City>> keys, String key, City c) {
        List<City> list = keys.computeIfAbsent(normalize(key), k -> new ArrayList<>(1));
        // divisions arrive in adcode order, so each list stays sorted; skip a division's repeated keys
        if (list.isEmpty() || list.get(list.size() - 1) != c) {
            list.add(c);
        }
    }

    private static String withoutShi(String name) {
        return name.endsWith("市") && name.length() > 2 ? name.substring(0, name.length() - 1) : name;
    }

    /**
     * Loads the division list shipped in this bundle.
     *
     * @throws IllegalStateException if the resource is missing or malformed
     */
    public static CountyTable load() {
        try (InputStream in = CountyTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("county registry resource " + RESOURCE + " not found");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read county registry " + RESOURCE, e);
        }
    }

    /**
     * Parses the registry CSV (no quoting; {@code -} for the city of a division directly under its province).
     *
     * @param source name used in error messages
     * @throws IllegalStateException on the first malformed line, naming it
     */
    static CountyTable parse(BufferedReader reader, String source) throws IOException {
        String header = reader.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (!HEADER.equals(header)) {
            throw new IllegalStateException(source + ":1: expected header '" + HEADER + "' but found '" + header + "'");
        }
        List<City> counties = new ArrayList<>(3000);
        Map<String, Parent> parents = new HashMap<>();
        Set<String> seen = new HashSet<>();
        String previous = "";
        int lineNo = 1;
        for (String line; (line = reader.readLine()) != null;) {
            lineNo++;
            if (line.indexOf('"') >= 0) {
                throw malformed(source, lineNo, "quoted fields are not supported", line);
            }
            String[] f = line.split(",", -1);
            if (f.length != FIELDS) {
                throw malformed(source, lineNo, "expected " + FIELDS + " fields, found " + f.length, line);
            }
            for (int i = 0; i < FIELDS; i++) {
                if (f[i].isEmpty() || !f[i].strip().equals(f[i])) {
                    throw malformed(source, lineNo, "field " + (i + 1) + " is empty or padded", line);
                }
            }
            String adcode = f[0];
            String cityAdcode = f[5];
            String provinceAdcode = f[7];
            if (!isAdcode(adcode) || !isAdcode(provinceAdcode) || !provinceAdcode.endsWith("0000")
                    || !adcode.startsWith(provinceAdcode.substring(0, 2))
                    || !(cityAdcode.equals("-") || isAdcode(cityAdcode) && cityAdcode.startsWith(adcode.substring(0, 2)))
                    || cityAdcode.equals("-") != f[6].equals("-")) {
                throw malformed(source, lineNo, "bad adcode " + adcode + " / city " + cityAdcode + " / province "
                        + provinceAdcode, line);
            }
            if (adcode.compareTo(previous) <= 0) {
                throw malformed(source, lineNo, "adcode " + adcode + (seen.contains(adcode) ? " repeated" : " out of order"),
                        line);
            }
            if (!LEVELS.contains(f[10])) {
                throw malformed(source, lineNo, "unknown level " + f[10], line);
            }
            if (normalize(f[4]).isEmpty()) {
                throw malformed(source, lineNo, "empty pinyin", line);
            }
            seen.add(adcode);
            previous = adcode;
            counties.add(new City(adcode, f[1], f[2], f[3], f[4], provinceAdcode, f[8], f[9], f[10], false, false, false));
            if (!cityAdcode.equals("-")) {
                parents.put(adcode, new Parent(cityAdcode, f[6]));
            }
        }
        if (counties.isEmpty()) {
            throw new IllegalStateException(source + ": no divisions");
        }
        return new CountyTable(counties, parents);
    }

    private static IllegalStateException malformed(String source, int lineNo, String why, String line) {
        return new IllegalStateException(
                source + ":" + lineNo + ": malformed county registry row (" + why + "): " + line);
    }

    /** @return all divisions in adcode order */
    public List<City> counties() {
        return counties;
    }

    /** @return the division with this adcode */
    public Optional<City> byAdcode(String adcode) {
        return adcode == null ? Optional.empty() : Optional.ofNullable(byAdcode.get(adcode.strip()));
    }

    /** @return the parent city of a division, empty for one directly under its province (济源市, 仙桃市...) */
    public Optional<Parent> parentCity(City county) {
        return Optional.ofNullable(parents.get(county.adcode()));
    }

    /** @return every division the key fits, in adcode order; empty if none */
    public List<City> candidates(String key) {
        String k = normalize(Objects.requireNonNull(key, "key"));
        return k.isEmpty() ? List.of() : byKey.getOrDefault(k, List.of());
    }

    /**
     * Resolves a key to exactly one division.
     *
     * @throws CityResolutionException with no candidates if nothing matches, with all of them (adcode order) if
     *                                 several do
     */
    public City resolve(String key) throws CityResolutionException {
        return single(key, candidates(key));
    }

    /**
     * As {@link #resolve(String)}, keeping only divisions in the given province or city (name, short name or
     * adcode) when {@code within} is not blank. A province or city that fits none of the key's divisions makes
     * the key unknown.
     */
    public City resolve(String key, String within) throws CityResolutionException {
        if (within == null || within.isBlank()) {
            return resolve(key);
        }
        String p = normalize(within);
        List<City> kept = new ArrayList<>(2);
        for (City c : candidates(key)) {
            if (within(c, p)) {
                kept.add(c);
            }
        }
        return single(key, kept);
    }

    private boolean within(City c, String p) {
        if (p.equals(c.provinceAdcode()) || p.equals(c.province()) || p.equals(c.provinceShort())
                || stripProvinceSuffix(p).equals(c.provinceShort())) {
            return true;
        }
        Parent parent = parents.get(c.adcode());
        return parent != null && (p.equals(parent.adcode()) || p.equals(parent.name())
                || p.equals(withoutShi(parent.name())));
    }
}
