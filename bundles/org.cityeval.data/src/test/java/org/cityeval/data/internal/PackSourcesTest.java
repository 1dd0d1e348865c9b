package org.cityeval.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;
import org.cityeval.api.result.QualityIssue;
import org.cityeval.api.result.QualityReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The designations and higher-education institutions of the China pack: the derivation (checked by hand
 * against the source CSVs), its agreement with the pack's columns (written by make_pack.py), and the
 * quality report's findings on the real files and on planted bad rows.
 */
class PackSourcesTest {
    static final Path SOURCES = DataPackExtenderTest.CHINA.resolve("OSGI-INF/cityeval/data/sources");
    static final Path DESIGNATIONS = SOURCES.resolve("national-designations.csv");
    static final Path INSTITUTIONS = SOURCES.resolve("moe-higher-education-institutions.csv");
    static final Path REGISTRY = Path.of("../org.cityeval.cities/src/main/resources/org/cityeval/cities/internal/cities-registry.csv");
    static List<City> cities;
    static PackSources.Places places;

    @BeforeAll
    static void registry() throws IOException {
        cities = new ArrayList<>();
        List<String> lines = Files.readAllLines(REGISTRY, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            cities.add(new City(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], Boolean.parseBoolean(f[9]),
                    Boolean.parseBoolean(f[10]), Boolean.parseBoolean(f[11])));
        }
        places = new PackSources.Places(cities);
    }

    static Reader open(Path p) throws IOException {
        return Files.newBufferedReader(p, StandardCharsets.UTF_8);
    }

    // --- derivation ------------------------------------------------------------------------------------

    @Test
    void institutionCountsOfKnownCities() throws IOException {
        Map<String, int[]> n;
        try (Reader in = open(INSTITUTIONS)) {
            n = PackSources.institutionCounts(in, places);
        }
        // counted by hand in the CSV (grep ',北京市,' etc.): 北京 92 (MOE's 2019 count), 67 本科;
        // 武汉 84, 46 本科; 上海 64; 深圳 7; 杭州 46, 27 本科
        assertArrayEquals(new int[] { 92, 67 }, n.get("110000"));
        assertArrayEquals(new int[] { 84, 46 }, n.get("420100"));
        assertEquals(64, n.get("310000")[0]);
        assertEquals(7, n.get("440300")[0]);
        assertArrayEquals(new int[] { 46, 27 }, n.get("330100"));
        // 苏州 counts its county-level cities' institutions (张家港 1, 昆山 1) and 济南 莱芜's (1)
        assertEquals(countCity("苏州市") + 2, n.get("320500")[0]);
        assertEquals(countCity("济南市") + 1, n.get("370100")[0]);
        // a name broken across lines in the source (延边朝鲜族\n自治州, 3) and an abbreviation (凉山州, 1)
        assertEquals(3, n.get("222400")[0]);
        assertEquals(1 + countCity("凉山彝族自治州"), n.get("513400")[0]);
        // 2,631 institutions, 11 in places that are no registry city (济源 仙桃 潜江 天门 琼海 文昌 阿拉尔 石河子×3 五家渠)
        assertEquals(2631 - 11, n.values().stream().mapToInt(x -> x[0]).sum());
    }

    /** Institutions whose city column is exactly this name (the CSV written out, whitespace removed). */
    private static int countCity(String name) throws IOException {
        try (Reader in = open(INSTITUTIONS)) {
            List<PackSources.Csv.Row> rows = PackSources.Csv.read(in);
            return (int) rows.stream().skip(1).filter(r -> PackSources.squeeze(r.get(3)).equals(name)).count();
        }
    }

    @Test
    void designationsOfHangzhouAndOthers() throws IOException {
        Map<String, Map<String, Integer>> first;
        try (Reader in = open(DESIGNATIONS)) {
            first = PackSources.firstDesignation(in, places);
        }
        // 杭州: 宽带中国 2016 (line 92), 创新型城市 2016 (line 147), 知识产权示范城市 2012 (line 213); not a big-data pilot zone
        assertEquals(Map.of("broadband_china_pilot", 2016, "innovative_city_pilot", 2016, "ip_demo_city", 2012),
                first.get("330100"));
        // 重庆: 宽带中国 through its districts, 2015 first (江津区, 荣昌区) and 2016 (九龙坡区, 北碚区)
        assertEquals(2015, first.get("500000").get("broadband_china_pilot"));
        // 长株潭城市群 2014 counts for its three cities
        for (String code : List.of("430100", "430200", "430300")) {
            assertEquals(2014, first.get(code).get("broadband_china_pilot"), code);
        }
        // the big-data zones: 贵州省 means every Guizhou city, 京津冀 Beijing, Tianjin and Hebei
        assertEquals(2016, first.get("520100").get("bigdata_pilot_zone"));
        assertEquals(2016, first.get("130100").get("bigdata_pilot_zone"));
        assertEquals(2016, first.get("441900").get("bigdata_pilot_zone")); // 东莞, 珠江三角洲
        assertNull(first.get("330100").get("bigdata_pilot_zone"));
        // 113 cities with 宽带中国: 119 rows, less 3 county-level or XPCC cities, less 重庆's 3 extra districts
        assertEquals(113, first.values().stream().filter(m -> m.containsKey("broadband_china_pilot")).count());
        assertEquals(76, first.values().stream().filter(m -> m.containsKey("innovative_city_pilot")).count());
    }

    /**
     * The pack's columns (written by make_pack.py) equal this derivation for every row: the two
     * implementations of the place rules agree.
     */
    @Test
    void thePackColumnsAgreeWithTheSources() throws IOException {
        Map<String, int[]> n;
        Map<String, Map<String, Integer>> first;
        try (Reader a = open(INSTITUTIONS); Reader b = open(DESIGNATIONS)) {
            n = PackSources.institutionCounts(a, places);
            first = PackSources.firstDesignation(b, places);
        }
        List<String> lines = Files.readAllLines(ChinaPackQualityTest.DATA.resolve("china-cities.csv"), StandardCharsets.UTF_8);
        List<String> h = List.of(lines.get(0).split(",", -1));
        Map<String, String> pop2019 = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[1].equals("2019")) {
                pop2019.put(f[0], f[h.indexOf("resident_pop_10k")]);
            }
        }
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String code = f[0];
            int year = Integer.parseInt(f[1]);
            int[] c = n.getOrDefault(code, new int[2]);
            assertEquals(String.valueOf(c[0]), f[h.indexOf("hei_2019")], line);
            assertEquals(String.valueOf(c[1]), f[h.indexOf("hei_undergrad_2019")], line);
            String pop = pop2019.getOrDefault(code, "");
            if (pop.isEmpty()) {
                assertEquals("", f[h.indexOf("hei_per_10k_2019")], line);
            } else {
                assertEquals(c[0] / Double.parseDouble(pop), Double.parseDouble(f[h.indexOf("hei_per_10k_2019")]), 1e-8, line);
                assertEquals(c[1] / Double.parseDouble(pop), Double.parseDouble(f[h.indexOf("hei_undergrad_per_10k_2019")]), 1e-8, line);
            }
            for (String[] d : new String[][] { { "broadband_china_pilot", "broadband_china_years" },
                    { "innovative_city_pilot", "innovative_city_years" }, { "ip_demo_city", "ip_demo_city_years" },
                    { "bigdata_pilot_zone", "bigdata_pilot_zone_years" } }) {
                Integer since = first.getOrDefault(code, Map.of()).get(d[0]);
                boolean on = since != null && year >= since;
                assertEquals(on ? "1" : "0", f[h.indexOf(d[0])], d[0] + " " + line);
                assertEquals(on ? String.valueOf(year - since) : "0", f[h.indexOf(d[1])], d[1] + " " + line);
            }
            checked++;
        }
        assertEquals(1664, checked);
        // 杭州 2023, by hand: 宽带中国 2016 -> 7 years, 创新型城市 2016 -> 7, 知识产权示范城市 2012 -> 11
        String hz = lines.stream().filter(l -> l.startsWith("330100,2023,")).findFirst().orElseThrow();
        String[] f = hz.split(",", -1);
        assertEquals(List.of("1", "7", "1", "7", "1", "11", "0", "0", "46", "27"),
                List.of(f).subList(h.indexOf("broadband_china_pilot"), h.indexOf("hei_undergrad_2019") + 1));
    }

    // --- quality findings --------------------------------------------------------------------------------

    @Test
    void theRealSourcesListTheRowsThatNameNoCity() throws IOException {
        List<QualityIssue> d;
        List<QualityIssue> u;
        try (Reader a = open(DESIGNATIONS); Reader b = open(INSTITUTIONS)) {
            d = PackSources.designations("national-designations.csv", a, places);
            u = PackSources.institutions("moe.csv", b, places);
        }
        d.forEach(i -> System.out.println("  " + i));
        // 昆山 (2014, 2013), 阿拉尔, 永城, 昌吉市, 石河子, 常熟: county-level or XPCC cities, not counted
        assertEquals(7, d.size());
        assertTrue(d.stream().allMatch(i -> i.kind().equals("source") && i.detail().contains("not a city of the registry")));
        QualityIssue kunshan = d.get(0);
        assertEquals("national-designations.csv line 17: broadband_china_pilot 2014 names 昆山市 (parent_city '昆山'), "
                + "which is not a city of the registry (a county-level or XPCC city is not its prefecture); not counted "
                + "for any city", kunshan.detail());
        assertEquals("broadband_china_pilot", kunshan.variable());
        assertEquals(2014, kunshan.year());
        // 11 institutions in province-administered county-level or XPCC cities; no duplicates in the list
        assertEquals(11, u.size(), u.toString());
        assertTrue(u.stream().allMatch(i -> i.detail().contains("not in a city of the registry")));
        assertTrue(u.stream().anyMatch(i -> i.city().equals("济源市")));
    }

    @Test
    void plantedBadDesignationRowsAreListedWithFileAndLine() throws IOException {
        List<QualityIssue> d;
        try (Reader in = resource("designations-planted.csv")) {
            d = PackSources.designations("designations-planted.csv", in, places);
        }
        List<String> details = d.stream().map(QualityIssue::detail).toList();
        assertEquals(5, d.size(), details.toString());
        assertTrue(details.get(0).startsWith("designations-planted.csv line 3: innovative_city_pilot 2016 names 台北市 "
                + "(parent_city '台北'), which is not a city of the registry"), details.get(0));
        assertEquals("designations-planted.csv line 5: duplicate: 杭州市 is listed for broadband_china_pilot already on "
                + "line 2", details.get(1));
        assertTrue(details.get(2).startsWith("designations-planted.csv line 6: unknown designation 'smart_city_pilot'"));
        assertEquals("designations-planted.csv line 7: batch_year '201x' is not a year; the row is not counted",
                details.get(3));
        assertEquals("designations-planted.csv line 8: no official notice (source_url '')", details.get(4));
    }

    @Test
    void plantedBadInstitutionRowsAreListedWithFileAndLine() throws IOException {
        List<QualityIssue> u;
        try (Reader in = resource("institutions-planted.csv")) {
            u = PackSources.institutions("institutions-planted.csv", in, places);
        }
        List<String> details = u.stream().map(QualityIssue::detail).toList();
        assertEquals(List.of(
                "institutions-planted.csv line 4: duplicate moe_code 4142010486 (武汉大学（重复）), already on line 3; counted twice",
                "institutions-planted.csv line 7: 某职业学院 is in 济源市, which is not in a city of the registry (a "
                        + "province-administered county-level city or an XPCC city); not counted for any city",
                "institutions-planted.csv line 8: 某学院: level '研究生院' is not 本科 or 专科"), details);
    }

    /** The quality report of a pack whose bundle names a planted source file lists its bad row. */
    @Test
    void theQualityReportOfAPackListsItsSourceFindings() throws IOException {
        var ext = new DataPackExtender();
        Path test = Path.of("src/test/resources");
        DataPackExtender.Entries entries = path -> {
            Path p = path.startsWith("sources/") ? test.resolve(path) : DataPackExtenderTest.CHINA.resolve(path);
            try {
                return Files.isRegularFile(p) ? p.toUri().toURL() : null;
            } catch (MalformedURLException ex) {
                throw new IllegalStateException(ex);
            }
        };
        ext.add(7, "org.cityeval.data.china", "OSGI-INF/cityeval/data/catalogue.json, OSGI-INF/cityeval/data/packs.json",
                "china-cities:designations=sources/designations-planted.csv, china-cities:colours=sources/x.csv, "
                        + "nopack:institutions=sources/institutions-planted.csv", entries);
        // the two bad source entries are load errors of the header; the packs load
        assertEquals(List.of("'colours' is not a known source kind (designations, institutions)",
                "the bundle provides no pack 'nopack'"),
                ext.failures().stream().map(DataPackExtender.LoadError::reason).toList());
        assertEquals(1, ext.sources("china-cities").size());

        var quality = new DataQualityService(TestData.catalog(ext.variables()));
        quality.packs = ext;
        quality.registry = registryOf(cities);
        City hz = cities.stream().filter(c -> c.adcode().equals("330100")).findFirst().orElseThrow();
        QualityReport report = quality.check(new CityDataset("org.cityeval.data.china/OSGI-INF/cityeval/data/china-cities.csv",
                List.of("hei_2019"), List.of(TestData.rec(hz, 2019, "hei_2019", 46))));
        assertEquals(5, report.checks().size());
        assertTrue(report.checks().get(4).startsWith("source files of the pack's derived variables: "
                + "org.cityeval.data.china/sources/designations-planted.csv (designations)"), report.checks().get(4));
        List<QualityIssue> source = report.issues().stream().filter(i -> i.kind().equals("source")).toList();
        assertEquals(5, source.size());
        assertTrue(source.get(0).detail().startsWith("org.cityeval.data.china/sources/designations-planted.csv line 3: "
                + "innovative_city_pilot 2016 names 台北市"), source.get(0).detail());
        assertEquals("台北市", source.get(0).city());

        // another dataset (not the pack) gets no source check
        QualityReport other = quality.check(new CityDataset("mine.csv", List.of("hei_2019"),
                List.of(TestData.rec(hz, 2019, "hei_2019", 46))));
        assertEquals(4, other.checks().size());
    }

    @Test
    void csvKeepsTheLineARecordStartsOn() throws IOException {
        List<PackSources.Csv.Row> rows = PackSources.Csv.read(new StringReader(
                "\uFEFFa,b\r\n1,\"x\ny\"\n\n\"q\"\"q\",2\n3,4"));
        assertEquals(List.of(1, 2, 5, 6), rows.stream().map(PackSources.Csv.Row::line).toList());
        assertEquals(List.of("1", "x\ny"), rows.get(1).fields());
        assertEquals(List.of("q\"q", "2"), rows.get(2).fields());
        assertEquals(List.of("3", "4"), rows.get(3).fields());
    }

    private static Reader resource(String name) throws IOException {
        return open(Path.of("src/test/resources/sources").resolve(name));
    }

    static CityRegistry registryOf(List<City> all) {
        return new CityRegistry() {
            @Override
            public List<City> cities() {
                return all;
            }

            @Override
            public Optional<City> byAdcode(String adcode) {
                return all.stream().filter(c -> c.adcode().equals(adcode)).findFirst();
            }

            @Override
            public City resolve(String key) throws CityResolutionException {
                throw new UnsupportedOperationException();
            }

            @Override
            public City resolve(String key, String province) throws CityResolutionException {
                throw new UnsupportedOperationException();
            }
        };
    }
}
