package org.cityeval.data.internal;

import static org.cityeval.data.internal.TestData.catalog;
import static org.cityeval.data.internal.TestData.city;
import static org.cityeval.data.internal.TestData.rec;
import static org.cityeval.data.internal.TestData.variable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.result.QualityIssue;
import org.cityeval.api.result.QualityReport;
import org.junit.jupiter.api.Test;

class DataQualityServiceTest {
    private static final City A = city("110000", "甲市");
    private static final City B = city("120000", "乙市");
    private static final City C = city("130100", "丙市");
    private static final City D = city("130200", "丁市");
    private static final City E = city("130300", "戊市");

    private static List<QualityIssue> of(QualityReport report, String kind) {
        return report.issues().stream().filter(i -> i.kind().equals(kind)).toList();
    }

    @Test
    void impossibleValuesFollowTheCatalogueBounds() {
        var service = new DataQualityService(catalog(variable("s", "share"), variable("m", "nonnegative"),
                variable("free", null)));
        var data = new CityDataset("t.csv", List.of("s", "m", "free", "other"), List.of(
                rec(A, 2020, "s", 1.2, "m", -5, "free", -3, "other", -1),  // s above 1, m negative
                rec(B, 2020, "s", -0.1, "m", 0, "free", 0.5),              // s below 0; m = 0 is fine
                rec(C, 2020, "s", 1.0, "m", 7, "free", Double.NaN)));      // 1.0 is a share; NaN is impossible
        QualityReport report = service.check(data);

        List<QualityIssue> found = of(report, "impossible");
        assertEquals(4, found.size(), found.toString());
        assertEquals(List.of("s 110000", "m 110000", "s 120000", "free 130100"),
                found.stream().map(i -> i.variable() + " " + i.adcode()).toList());
        assertTrue(found.get(0).detail().contains("above 1"), found.get(0).detail());
        assertTrue(found.get(1).detail().contains("negative"), found.get(1).detail());
        assertTrue(found.get(2).detail().contains("below 0"), found.get(2).detail());
        assertEquals("甲市", found.get(0).city());
        assertEquals(2020, found.get(0).year());
        assertEquals(3, report.records());
        assertTrue(report.checks().get(0).contains("not bounds-checked: other"), report.checks().get(0));
        assertEquals(4, report.checks().size());
        assertEquals(4, report.issues().size(), "nothing else to find in three cities of one year");
    }

    @Test
    void jumpsBetweenConsecutiveYearsAboveHalf() {
        var service = new DataQualityService(catalog());
        var data = new CityDataset("t.csv", List.of("x"), List.of(
                rec(A, 2019, "x", 100), rec(A, 2020, "x", 160), // +60%: jump
                rec(A, 2021, "x", 100),                         // 100/160 - 1 = -37.5%: no
                rec(A, 2022, "x", 0),                           // -100%: jump
                rec(A, 2023, "x", 10),                          // previous value 0: skipped
                rec(B, 2019, "x", 100), rec(B, 2021, "x", 200), // 2019 -> 2021 is not consecutive
                rec(B, 2022, "x", 301),                         // 301/200 - 1 = +50.5%: jump
                rec(B, 2023, "x", 150.5)));                     // 150.5/301 - 1 = -50% exactly: not beyond
        List<QualityIssue> found = of(service.check(data), "jump");
        assertEquals(List.of("110000 2020", "110000 2022", "120000 2022"),
                found.stream().map(i -> i.adcode() + " " + i.year()).toList());
        assertEquals("160 in 2020 after 100 in 2019: +60.0% (threshold ±50%)", found.get(0).detail());
        assertTrue(found.get(1).detail().contains("-100.0%"), found.get(1).detail());
        assertTrue(found.get(2).detail().contains("+50.5%"), found.get(2).detail());
    }

    @Test
    void disagreementOfSameAsVariablesAboveFivePercent() {
        // declared both ways: the pair is checked once
        var service = new DataQualityService(catalog(variable("d", "nonnegative", "r"), variable("r", "nonnegative", "d")));
        var data = new CityDataset("t.csv", List.of("d", "r"), List.of(
                rec(A, 2020, "d", 100, "r", 104),   // 4/104 = 3.8%: no
                rec(B, 2020, "d", 100, "r", 110),   // 10/110 = 9.1%: disagreement
                rec(C, 2020, "d", 0, "r", 0),       // both 0: skipped
                rec(D, 2020, "d", 95, "r", 100),    // 5/100 = 5% exactly: not more than 5%
                rec(E, 2020, "d", 500, "r", null))); // one missing: skipped
        QualityReport report = service.check(data);
        List<QualityIssue> found = of(report, "disagreement");
        assertEquals(1, found.size(), found.toString());
        assertEquals("120000", found.get(0).adcode());
        assertEquals("d", found.get(0).variable());
        assertEquals("d = 100 but r = 110: they differ by 9.1% of the larger (threshold 5%)", found.get(0).detail());
        assertTrue(report.checks().get(2).contains("Pairs: d ~ r."), report.checks().get(2));
    }

    /**
     * Hand computation for x = (0, 0, 0, 0, 0, 0, 0, 0, 0, 10), n = 10: mean 1; deviations nine times -1 and
     * once 9; m2 = (9 + 81)/10 = 9, m3 = (-9 + 729)/10 = 72, m4 = (9 + 6561)/10 = 657.
     * g1 = 72 / 9^1.5 = 72/27 = 8/3; g2 = 657/81 - 3 = 46/9.
     * G1 = (8/3) · sqrt(10·9)/8 = (8/3)(3·sqrt(10))/8 = sqrt(10) = 3.1623;
     * G2 = (11 · 46/9 + 6) · 9 / (8 · 7) = (506/9 + 54/9) · 9/56 = 560/56 = 10.
     * Sample sd = sqrt(9 · 10/9) = sqrt(10), so the city with 10 has z = 9/sqrt(10) = 2.85.
     * <p>
     * y = (-10, 0 ×8, 10): mean 0, m2 = 200/10 = 20, m3 = 0, m4 = 20000/10 = 2000; g1 = 0, g2 = 2000/400 - 3 = 2;
     * G1 = 0, G2 = (11·2 + 6)·9/56 = 252/56 = 4.5 — kurtosis above 3.5 but no skew: not flagged (the rule is AND).
     */
    @Test
    void momentsAsCoinrComputesThem() {
        var m = DataQualityService.moments(new double[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 10 });
        assertEquals(10, m.n());
        assertEquals(1.0, m.mean(), 1e-12);
        assertEquals(8.0 / 3, m.g1(), 1e-12);
        assertEquals(46.0 / 9, m.g2(), 1e-12);
        assertEquals(Math.sqrt(10), m.skew(), 1e-12);
        assertEquals(10.0, m.kurt(), 1e-12);
        assertTrue(m.outliers());

        var y = DataQualityService.moments(new double[] { -10, 0, 0, 0, 0, 0, 0, 0, 0, 10 });
        assertEquals(0.0, y.skew(), 1e-12);
        assertEquals(2.0, y.g2(), 1e-12);
        assertEquals(4.5, y.kurt(), 1e-12);
        assertTrue(!y.outliers());

        assertNull(DataQualityService.moments(new double[] { 1, 2, 3 }), "kurtosis needs 4 values");
        assertNull(DataQualityService.moments(new double[] { 5, 5, 5, 5 }), "no spread");
    }

    @Test
    void outliersPerVariableAndYear() {
        var service = new DataQualityService(catalog());
        List<CityRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            City c = city(String.valueOf(110000 + 100 * i), "城" + i);
            records.add(rec(c, 2020, "x", i == 9 ? 10 : 0));          // skewed: flagged
            records.add(rec(c, 2021, "x", i == 0 ? -10 : i == 9 ? 10 : 0)); // symmetric: not flagged
            records.add(rec(c, 2022, "x", i + 1));                   // 1..10: not flagged
        }
        List<QualityIssue> found = of(service.check(new CityDataset("t.csv", List.of("x"), records)), "outliers");
        assertEquals(1, found.size(), found.toString());
        QualityIssue issue = found.get(0);
        assertEquals(2020, issue.year());
        assertNull(issue.city());
        assertTrue(issue.detail().startsWith("n = 10, skewness 3.16, kurtosis 10.00"), issue.detail());
        assertTrue(issue.detail().contains("g1 = 2.67, g2 = 5.11"), issue.detail());
        assertTrue(issue.detail().contains("most extreme: 城9 110900 10 (z = +2.8)"), issue.detail());
    }

    @Test
    void numbersAreShownWithoutLosingIntegerDigits() {
        assertEquals("307898272", DataQualityService.fmt(307898272.0));
        assertEquals("0.16157345", DataQualityService.fmt(0.16157345473766327));
        assertEquals("23158.65", DataQualityService.fmt(23158.65));
        assertEquals("0", DataQualityService.fmt(0.0));
        assertEquals("-5", DataQualityService.fmt(-5.0));
    }

    @Test
    void dataWithoutYears() {
        var service = new DataQualityService(catalog(variable("m", "nonnegative")));
        var data = new CityDataset("t.csv", List.of("m"), List.of(rec(A, null, "m", -1), rec(B, null, "m", 2)));
        QualityReport report = service.check(data);
        assertEquals(1, report.issues().size());
        assertNull(report.issues().get(0).year());
        assertTrue(report.checks().get(1).contains("not run: the data have no years"), report.checks().get(1));
    }
}
