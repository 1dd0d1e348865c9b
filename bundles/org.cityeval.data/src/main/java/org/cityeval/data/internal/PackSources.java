package org.cityeval.data.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cityeval.api.data.City;
import org.cityeval.api.result.QualityIssue;

/**
 * Checks of the source files a data pack's derived variables come from, for the quality report. A data
 * bundle names them in its {@value #HEADER} header ({@code pack:kind=entry, …}); two kinds are known:
 * <ul>
 * <li>{@code designations}: national designations of cities, columns
 * {@code policy_name,batch_year,raw_region_name,parent_city,mapping,source_url}, one row per designation,
 * batch and place (the pack derives a dummy and the years since designation per city);</li>
 * <li>{@code institutions}: the MOE list of higher-education institutions, columns
 * {@code moe_code,name,supervisor,city,level,remarks} (the pack derives counts per city).</li>
 * </ul>
 * A place becomes registry cities by the rules of the pack's build script
 * ({@code org.cityeval.data.china/src/build/make_pack.py}; keep the two in step): whitespace removed; a
 * registry full or short name; {@code X(province)} for every city of province X; the regions 京津冀 and
 * 珠江三角洲; for institutions also {@code X州} for the one autonomous prefecture whose name starts with X and
 * three county-level cities counted for their prefecture (张家港, 昆山 → 苏州; 莱芜 → 济南). A row whose
 * place resolves to no city is reported (it is not counted by the pack), as are duplicates, unknown
 * designations or levels and years that are not years — each with the file and its line.
 */
final class PackSources {
    /** Manifest header of a data bundle naming the source files of its packs. */
    static final String HEADER = "CityEval-Data-Sources";
    static final String DESIGNATIONS = "designations";
    static final String INSTITUTIONS = "institutions";
    static final Set<String> KINDS = Set.of(DESIGNATIONS, INSTITUTIONS);
    /** The issue kind of every finding here. */
    static final String KIND = "source";

    /** policy_name of the source -> the pack's dummy variable. */
    static final Map<String, String> POLICIES = Map.of(
            "broadband_china_pilot", "broadband_china_pilot",
            "innovative_city_pilot", "innovative_city_pilot",
            "ip_demo_city", "ip_demo_city",
            "bigdata_comprehensive_pilot", "bigdata_pilot_zone");
    static final List<String> DESIGNATION_COLUMNS =
            List.of("policy_name", "batch_year", "raw_region_name", "parent_city", "mapping", "source_url");
    static final List<String> INSTITUTION_COLUMNS = List.of("moe_code", "name", "supervisor", "city", "level", "remarks");
    static final String INSTITUTION_VARIABLE = "hei_2019";
    /** Regions a designation names: registry city names, or "province:" and a province's name. */
    static final Map<String, List<String>> REGIONS = Map.of(
            "京津冀", List.of("北京市", "天津市", "province:河北省"),
            "珠江三角洲", List.of("广州市", "深圳市", "珠海市", "佛山市", "江门市", "东莞市", "中山市", "惠州市", "肇庆市"));
    /** County-level cities of the institution list counted for their prefecture-level city. */
    static final Map<String, String> COUNTY_CITIES = Map.of("张家港市", "苏州市", "昆山市", "苏州市", "莱芜市", "济南市");
    private static final Pattern ZONE = Pattern.compile("(.+)\\((province|region)\\)");

    private PackSources() {
    }

    /**
     * A source file of a pack.
     *
     * @param pack    the pack's name
     * @param kind    {@value #DESIGNATIONS} or {@value #INSTITUTIONS}
     * @param shownAs how findings name the file: the bundle and its entry
     * @param url     where it is read from
     */
    record SourceFile(String pack, String kind, String shownAs, java.net.URL url) {
    }

    /** Registry cities by full and short name. */
    static final class Places {
        final List<City> cities;
        final Map<String, City> byName = new HashMap<>();

        Places(List<City> cities) {
            this.cities = cities;
            for (City c : cities) {
                byName.putIfAbsent(c.name(), c);
                byName.putIfAbsent(c.shortName(), c);
            }
        }

        /** The cities a designation's parent_city stands for; empty when none. */
        List<City> designation(String place) {
            Matcher m = ZONE.matcher(place);
            if (m.matches() && m.group(2).equals("province")) {
                return province(m.group(1));
            }
            if (m.matches()) {
                List<City> out = new ArrayList<>();
                for (String n : REGIONS.getOrDefault(m.group(1), List.of())) {
                    if (n.startsWith("province:")) {
                        out.addAll(province(n.substring("province:".length())));
                    } else if (byName.containsKey(n)) {
                        out.add(byName.get(n));
                    }
                }
                return out;
            }
            City c = byName.get(place);
            return c == null ? List.of() : List.of(c);
        }

        /** The city of an institution, or {@code null}. */
        City institution(String place) {
            String p = squeeze(place);
            p = COUNTY_CITIES.getOrDefault(p, p);
            City c = byName.get(p);
            if (c != null) {
                return c;
            }
            if (p.length() > 1 && p.endsWith("州")) {
                String stem = p.substring(0, p.length() - 1);
                List<City> hits = cities.stream()
                        .filter(x -> "autonomous_prefecture".equals(x.level()) && x.name().startsWith(stem)).toList();
                if (hits.size() == 1) {
                    return hits.get(0);
                }
            }
            return null;
        }

        private List<City> province(String name) {
            return cities.stream().filter(c -> c.province().equals(name)).toList();
        }
    }

    static String squeeze(String s) {
        return s.replaceAll("\\s", "");
    }

    // --- designations ------------------------------------------------------------------------------------

    static List<QualityIssue> designations(String file, Reader in, Places places) throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        return eachRow(file, in, DESIGNATION_COLUMNS, (r, col, at, out) -> {
            String policy = r.get(col.get("policy_name"));
            String place = r.get(col.get("parent_city"));
            String raw = r.get(col.get("raw_region_name"));
            String variable = POLICIES.get(policy);
            Integer year = null;
            try {
                year = Integer.valueOf(r.get(col.get("batch_year")));
            } catch (NumberFormatException e) {
                // reported below
            }
            if (variable == null) {
                out.add(issue(policy, raw, year, at + ": unknown designation '" + policy + "' (known: "
                        + String.join(", ", new TreeMap<>(POLICIES).keySet()) + "); the row is not counted"));
                return;
            }
            if (year == null || year < 1949 || year > 2100) {
                out.add(issue(variable, raw, null, at + ": batch_year '" + r.get(col.get("batch_year"))
                        + "' is not a year; the row is not counted"));
                return;
            }
            String url = r.get(col.get("source_url"));
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                out.add(issue(variable, raw, year, at + ": no official notice (source_url '" + url + "')"));
            }
            List<City> cities = places.designation(place);
            if (cities.isEmpty()) {
                out.add(issue(variable, raw, year, String.format(Locale.ROOT, "%s: %s %d names %s (parent_city '%s'), "
                        + "which is not a city of the registry (a county-level or XPCC city is not its prefecture); "
                        + "not counted for any city", at, policy, year, raw, place)));
            }
            // a city group is one row per member city: the same raw name with another parent_city is no duplicate
            Integer first = seen.putIfAbsent(policy + "\n" + squeeze(raw) + "\n" + place, r.line());
            if (first != null) {
                out.add(issue(variable, raw, year, at + ": duplicate: " + raw + " is listed for " + policy
                        + " already on line " + first));
            }
        });
    }

    /** adcode -> the first batch year per dummy variable, as the pack derives them. */
    static Map<String, Map<String, Integer>> firstDesignation(Reader in, Places places) throws IOException {
        List<Csv.Row> rows = Csv.read(in);
        List<String> h = rows.get(0).fields();
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            String variable = POLICIES.get(r.get(h.indexOf("policy_name")));
            int year = Integer.parseInt(r.get(h.indexOf("batch_year")));
            for (City c : places.designation(r.get(h.indexOf("parent_city")))) {
                out.computeIfAbsent(c.adcode(), k -> new TreeMap<>()).merge(variable, year, Math::min);
            }
        }
        return out;
    }

    // --- institutions ------------------------------------------------------------------------------------

    static List<QualityIssue> institutions(String file, Reader in, Places places) throws IOException {
        Map<String, Integer> codes = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        return eachRow(file, in, INSTITUTION_COLUMNS, (r, col, at, out) -> {
            String code = r.get(col.get("moe_code"));
            String name = r.get(col.get("name"));
            String place = squeeze(r.get(col.get("city")));
            String level = r.get(col.get("level"));
            if (!level.equals("本科") && !level.equals("专科")) {
                out.add(issue(INSTITUTION_VARIABLE, place, null, at + ": " + name + ": level '" + level
                        + "' is not 本科 or 专科"));
            }
            if (!code.matches("\\d{10}")) {
                out.add(issue(INSTITUTION_VARIABLE, place, null, at + ": " + name + ": moe_code '" + code
                        + "' is not a 10-digit MOE code"));
            }
            Integer first = codes.putIfAbsent(code, r.line());
            if (first != null) {
                out.add(issue(INSTITUTION_VARIABLE, place, null, at + ": duplicate moe_code " + code + " (" + name
                        + "), already on line " + first + "; counted twice"));
            }
            first = names.putIfAbsent(name, r.line());
            if (first != null) {
                out.add(issue(INSTITUTION_VARIABLE, place, null, at + ": duplicate institution " + name
                        + ", already on line " + first + "; counted twice"));
            }
            if (places.institution(place) == null) {
                out.add(issue(INSTITUTION_VARIABLE, place, null, at + ": " + name + " is in " + place
                        + ", which is not in a city of the registry (a province-administered county-level city or "
                        + "an XPCC city); not counted for any city"));
            }
        });
    }

    /** adcode -> {institutions, 本科 institutions}, as the pack derives them. */
    static Map<String, int[]> institutionCounts(Reader in, Places places) throws IOException {
        List<Csv.Row> rows = Csv.read(in);
        List<String> h = rows.get(0).fields();
        Map<String, int[]> out = new TreeMap<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            City c = places.institution(r.get(h.indexOf("city")));
            if (c != null) {
                int[] n = out.computeIfAbsent(c.adcode(), k -> new int[2]);
                n[0]++;
                n[1] += r.get(h.indexOf("level")).equals("本科") ? 1 : 0;
            }
        }
        return out;
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** The check of one row of a source file. */
    @FunctionalInterface
    private interface RowCheck {
        /**
         * @param col the expected columns' indexes
         * @param at  where the row is, for findings: {@code "<file> line <n>"}
         * @param out the findings so far, to add to
         */
        void check(Csv.Row row, Map<String, Integer> col, String at, List<QualityIssue> out);
    }

    /**
     * The findings of a source file: its header checked for {@code columns} (a file without them is reported
     * and not checked further), a row with another number of fields than the header reported and skipped,
     * every other row handed to {@code check} in file order.
     */
    private static List<QualityIssue> eachRow(String file, Reader in, List<String> columns, RowCheck check)
            throws IOException {
        List<QualityIssue> out = new ArrayList<>();
        List<Csv.Row> rows = Csv.read(in);
        Map<String, Integer> col = header(file, rows, columns, out);
        if (col == null) {
            return out;
        }
        int width = rows.get(0).fields().size();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            String at = file + " line " + r.line();
            if (r.fields().size() != width) {
                out.add(issue(null, null, null, at + ": " + r.fields().size() + " fields, the header has " + width));
                continue;
            }
            check.check(r, col, at, out);
        }
        return out;
    }

    private static Map<String, Integer> header(String file, List<Csv.Row> rows, List<String> expected,
            List<QualityIssue> out) {
        if (rows.isEmpty()) {
            out.add(issue(null, null, null, file + ": empty; expected the header " + String.join(",", expected)));
            return null;
        }
        List<String> h = rows.get(0).fields();
        Map<String, Integer> col = new LinkedHashMap<>();
        for (String c : expected) {
            if (!h.contains(c)) {
                out.add(issue(null, null, null, file + " line 1: no column '" + c + "' (expected "
                        + String.join(",", expected) + "); not checked"));
                return null;
            }
            col.put(c, h.indexOf(c));
        }
        return col;
    }

    private static QualityIssue issue(String variable, String place, Integer year, String detail) {
        return new QualityIssue(KIND, variable, place, null, year, detail);
    }

    /** A small RFC 4180 reader that keeps the line each record starts on (fields may hold line breaks). */
    static final class Csv {
        record Row(int line, List<String> fields) {
            String get(int i) {
                return i < fields.size() ? fields.get(i).strip() : "";
            }
        }

        static List<Row> read(Reader raw) throws IOException {
            Reader in = raw instanceof BufferedReader ? raw : new BufferedReader(raw);
            List<Row> rows = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            int line = 1;
            int start = 1;
            boolean quoted = false;
            boolean any = false;
            int c = in.read();
            if (c == '\uFEFF') {
                c = in.read();
            }
            for (; c != -1; c = in.read()) {
                if (quoted) {
                    if (c == '"') {
                        int n = in.read();
                        if (n == '"') {
                            f.append('"');
                            continue;
                        }
                        quoted = false;
                        if (n == -1) {
                            break;
                        }
                        c = n; // fall through with the character after the closing quote
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        f.append((char) c);
                        continue;
                    }
                }
                if (c == '"' && f.length() == 0) {
                    quoted = true;
                    any = true;
                } else if (c == ',') {
                    fields.add(f.toString());
                    f.setLength(0);
                    any = true;
                } else if (c == '\n') {
                    fields.add(f.toString());
                    f.setLength(0);
                    if (any || fields.size() > 1 || !fields.get(0).isEmpty()) {
                        rows.add(new Row(start, List.copyOf(fields)));
                    }
                    fields.clear();
                    any = false;
                    line++;
                    start = line;
                } else if (c != '\r') {
                    f.append((char) c);
                    any = true;
                }
            }
            if (any || f.length() > 0 || !fields.isEmpty()) {
                fields.add(f.toString());
                rows.add(new Row(start, List.copyOf(fields)));
            }
            return rows;
        }
    }
}
