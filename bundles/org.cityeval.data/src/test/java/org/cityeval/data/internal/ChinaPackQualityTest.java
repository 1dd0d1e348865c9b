package org.cityeval.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.result.QualityIssue;
import org.cityeval.api.result.QualityReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality report on the real China pack (read from the sibling bundle's sources with a plain split: the
 * CSV has no quotes). The expectations are errors that are really in the data, found by looking at them.
 */
class ChinaPackQualityTest {
    static final Path DATA = DataPackExtenderTest.CHINA.resolve("OSGI-INF/cityeval/data");
    static QualityReport report;

    @BeforeAll
    static void check() throws Exception {
        List<String> lines = Files.readAllLines(DATA.resolve("china-cities.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        assertEquals(List.of("adcode", "year"), header.subList(0, 2));
        Map<String, City> cities = new HashMap<>();
        List<CityRecord> records = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            assertEquals(header.size(), f.length, "row " + (i + 1));
            City city = cities.computeIfAbsent(f[0], code -> TestData.city(code, "city " + code));
            Map<String, Double> values = new HashMap<>();
            for (int c = 2; c < f.length; c++) {
                if (!f[c].isEmpty()) {
                    values.put(header.get(c), Double.parseDouble(f[c]));
                }
            }
            records.add(new CityRecord(city, i + 1, Integer.valueOf(f[1]), values, Map.of()));
        }
        var catalog = TestData.catalog(CatalogueParser.parseCatalogue(Files.readAllBytes(DATA.resolve("catalogue.json"))));
        report = new DataQualityService(catalog).check(
                new CityDataset("china-cities.csv", header.subList(2, header.size()), records));
    }

    private static List<QualityIssue> of(String kind) {
        return report.issues().stream().filter(i -> i.kind().equals(kind)).toList();
    }

    private static boolean has(String kind, String variable, String adcode, int year) {
        return of(kind).stream().anyMatch(i -> i.variable().equals(variable)
                && (adcode == null ? i.adcode() == null : adcode.equals(i.adcode())) && i.year() == year);
    }

    @Test
    void theWholePackIsChecked() {
        assertEquals(1664, report.records());
        assertEquals(4, report.checks().size());
        // the counts, for the record (and to notice when the pack changes)
        Map<String, Long> counts = report.issues().stream()
                .collect(Collectors.groupingBy(QualityIssue::kind, Collectors.counting()));
        System.out.println("china-cities quality: " + counts);
        report.issues().stream().filter(i -> !i.kind().equals("disagreement"))
                .forEach(i -> System.out.println("  " + i));
    }

    @Test
    void noImpossibleValues() {
        // the data have no negative amounts and every share lies in 0..1 (checked by hand: min va2_share 0.088,
        // max va3_share 0.848, age_65_share_2020 0.0322..0.2267)
        assertEquals(List.of(), of("impossible"));
    }

    @Test
    void jumps() {
        // 鄂尔多斯市 2022 GDP 23158.65 is the GDP of Inner Mongolia (4715.7 in 2021, 5849.86 in 2023)
        assertTrue(has("jump", "gdp_100m_yuan", "150600", 2022));
        assertTrue(has("jump", "gdp_100m_yuan", "150600", 2023));
        // 淮南市 2022 GDP 295.4 between 1457.05 (2021) and 1601.6 (2023)
        assertTrue(has("jump", "gdp_100m_yuan", "340400", 2022));
        assertTrue(has("jump", "gdp_100m_yuan", "340400", 2023));
        // the derived ratios inherit the errors
        assertTrue(has("jump", "gdp_per_capita_yuan_derived", "150600", 2022));
        assertTrue(has("jump", "co2_t_per_10k_yuan_gdp", "340400", 2022));
        QualityIssue ordos = of("jump").stream().filter(i -> i.adcode().equals("150600") && i.year() == 2022
                && i.variable().equals("gdp_100m_yuan")).findFirst().orElseThrow();
        assertEquals("23158.65 in 2022 after 4715.7 in 2021: +391.1% (threshold ±50%)", ordos.detail());
    }

    @Test
    void derivedAndReportedGdpPerCapitaDisagree() {
        // 1052331 (derived from the wrong GDP) vs 256908 reported
        assertTrue(has("disagreement", "gdp_per_capita_yuan_derived", "150600", 2022));
        // 9759 (derived from the wrong GDP) vs 50802 reported
        assertTrue(has("disagreement", "gdp_per_capita_yuan_derived", "340400", 2022));
        assertTrue(of("disagreement").stream().allMatch(i -> i.variable().equals("gdp_per_capita_yuan_derived")));
        // and 北京 2020 agrees: 164904 vs 164889
        assertTrue(!has("disagreement", "gdp_per_capita_yuan_derived", "110000", 2020));
    }

    @Test
    void outliers() {
        // the wrong Ordos GDP makes derived GDP per capita extremely skewed in 2022 only
        assertTrue(has("outliers", "gdp_per_capita_yuan_derived", null, 2022));
        assertTrue(!has("outliers", "gdp_per_capita_yuan_derived", null, 2021));
        QualityIssue gpc = of("outliers").stream().filter(i -> i.variable().equals("gdp_per_capita_yuan_derived"))
                .findFirst().orElseThrow();
        assertTrue(gpc.detail().contains("most extreme: city 150600 150600 1052331"), gpc.detail());
        // 淮南市's wrong GDP gives the most extreme CO2 intensity of 2022
        assertTrue(has("outliers", "co2_t_per_10k_yuan_gdp", null, 2022));
        // GDP itself is heavily right-skewed every year (the big cities): flagged as COINr would flag it
        for (int year = 2019; year <= 2023; year++) {
            assertTrue(has("outliers", "gdp_100m_yuan", null, year), "gdp " + year);
        }
    }
}
