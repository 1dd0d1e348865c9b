package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.junit.jupiter.api.Test;

/** Years in the wide layout and the long layout, through the CSV importer. */
class TableLayoutTest {
    private final CsvDatasetImporter importer = new CsvDatasetImporter();
    private final FakeCityRegistry cities = new FakeCityRegistry();

    private CityDataset read(String csv) throws BadInputException {
        return importer.read("data.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), cities);
    }

    private String fail(String csv) {
        return assertThrows(BadInputException.class, () -> read(csv)).getMessage();
    }

    // ---------------------------------------------------------------------------------------- wide, years

    @Test
    void wideWithYears() throws Exception {
        CityDataset ds = read("city,Year,gdp,note\n杭州,2022,1,a\n杭州,２０２３,2,\n北京,2022.0,3,\n");
        assertEquals(List.of("gdp"), ds.valueColumns());
        assertEquals(3, ds.records().size());
        CityRecord r = ds.records().get(1);
        assertEquals(FakeCityRegistry.HANGZHOU, r.city());
        assertEquals(2023, r.year());
        assertEquals(3, r.row());
        assertEquals(Map.of("gdp", 2.0), r.values());
        assertEquals(Map.of("city", "杭州"), r.attributes(), "the year is the record's, not an attribute");
        assertEquals(2022, ds.records().get(2).year());
    }

    @Test
    void wideWithoutYearsHasNullYears() throws Exception {
        assertNull(read("city,gdp\n杭州,1\n").records().get(0).year());
    }

    @Test
    void duplicateCityYear() {
        assertEquals("data.csv:4:1: duplicate city-year 杭州市 2022 (first at row 2)",
                fail("city,year,gdp\n杭州,2022,1\n杭州,2023,2\nHangzhou,2022,3\n"));
    }

    @Test
    void badYears() {
        assertEquals("data.csv:2:2: not a year: '1899' in column 'year' (a year from 1900 to 2100)",
                fail("city,year,gdp\n杭州,1899,1\n"));
        assertEquals("data.csv:2:2: not a year: '2022.5' in column 'year' (a year from 1900 to 2100)",
                fail("city,year,gdp\n杭州,2022.5,1\n"));
        assertEquals("data.csv:2:2: not a year: '二〇二二' in column 'year' (a year from 1900 to 2100)",
                fail("city,year,gdp\n杭州,二〇二二,1\n"));
        assertEquals("data.csv:3:2: no year in this row", fail("city,year,gdp\n杭州,2022,1\n北京,,1\n"));
    }

    // ---------------------------------------------------------------------------------------------- long

    private static final String LONG = """
            city,year,variable,value,source
            杭州,2022,gdp,"18,753",统计年鉴
            杭州,2022,internet_rate,85.7%,工信部
            北京,2022,gdp,41610.9,统计年鉴
            杭州,2023,gdp,20059,
            杭州,2023,internet_rate,—,工信部
            北京,2022,Population,2184.3,
            杭州,2022,population,1237.6,统计年鉴
            """;

    @Test
    void longIsPivotedToOneRecordPerCityYear() throws Exception {
        CityDataset ds = read(LONG);
        assertEquals(List.of("gdp", "internet_rate", "Population"), ds.valueColumns(),
                "variables in first-seen order, case-insensitive, first spelling");
        assertEquals(3, ds.records().size());
        CityRecord hz22 = ds.records().get(0);
        assertEquals(FakeCityRegistry.HANGZHOU, hz22.city());
        assertEquals(2022, hz22.year());
        assertEquals(2, hz22.row(), "the first row of the city-year");
        assertEquals(Map.of("gdp", 18753.0, "internet_rate", 0.857, "Population", 1237.6), hz22.values());
        assertEquals(Map.of("source:gdp", "统计年鉴", "source:internet_rate", "工信部", "source:Population", "统计年鉴"),
                hz22.attributes(), "sources by variable; the identity columns are not copied");
        CityRecord bj22 = ds.records().get(1);
        assertEquals(FakeCityRegistry.BEIJING, bj22.city());
        assertEquals(4, bj22.row());
        assertEquals(Map.of("gdp", 41610.9, "Population", 2184.3), bj22.values());
        assertEquals(Map.of("source:gdp", "统计年鉴"), bj22.attributes());
        CityRecord hz23 = ds.records().get(2);
        assertEquals(2023, hz23.year());
        assertEquals(5, hz23.row());
        assertEquals(Map.of("gdp", 20059.0), hz23.values(), "'—' is missing");
        assertEquals(Map.of("source:internet_rate", "工信部"), hz23.attributes());
    }

    @Test
    void longWithoutYearsAndByAdcode() throws Exception {
        CityDataset ds = read("ADCODE,Variable,VALUE\n330100,a,1\n331000,a,2\n330100,b,\n");
        assertEquals(List.of("a", "b"), ds.valueColumns());
        assertEquals(2, ds.records().size());
        assertNull(ds.records().get(0).year());
        assertEquals(Map.of("a", 1.0), ds.records().get(0).values());
        assertEquals(Map.of(), ds.records().get(0).attributes());
        assertEquals(FakeCityRegistry.TAIZHOU_ZJ, ds.records().get(1).city());
    }

    @Test
    void longWithProvinceAndNotes() throws Exception {
        CityDataset ds = read("city,province,variable,value,note\nTaizhou,江苏,x,1,estimate\nTaizhou,浙江,x,2,\n");
        assertEquals(FakeCityRegistry.TAIZHOU_JS, ds.records().get(0).city());
        assertEquals(Map.of("note:x", "estimate"), ds.records().get(0).attributes());
        assertEquals(FakeCityRegistry.TAIZHOU_ZJ, ds.records().get(1).city());
    }

    @Test
    void longCityTextsAreTheCitys() throws Exception {
        CityDataset ds = read("city,year,variable,value,tier,source\n杭州,2022,a,1,A,s1\n杭州,2022,b,2,,s1\n"
                + "杭州,2022,c,3,A,\n北京,2022,a,1,,s1\n");
        assertEquals(Map.of("tier", "A", "source:a", "s1", "source:b", "s1"), ds.records().get(0).attributes());
        assertEquals(Map.of("source:a", "s1"), ds.records().get(1).attributes());
        assertEquals("data.csv:3:5: tier 'B' differs from 'A' given for 杭州市 2022 at row 2",
                fail("city,year,variable,value,tier\n杭州,2022,a,1,A\n杭州,2022,b,2,B\n"));
    }

    @Test
    void recordsWithTheSameSourcesShareOneAttributeMap() throws Exception {
        CityDataset ds = read("adcode,variable,value,source\n330100,a,1,s\n110000,a,2,s\n");
        org.junit.jupiter.api.Assertions.assertSame(ds.records().get(0).attributes(), ds.records().get(1).attributes());
    }

    @Test
    void longRowsNeedNotBeSorted() throws Exception {
        StringBuilder csv = new StringBuilder("adcode,year,variable,value\n");
        for (String v : List.of("a", "b", "c")) {
            for (int year = 2020; year <= 2022; year++) {
                for (String adcode : List.of("330100", "110000")) {
                    csv.append(adcode).append(',').append(year).append(',').append(v).append(',').append(year - 2000)
                            .append('\n');
                }
            }
        }
        CityDataset ds = read(csv.toString());
        assertEquals(6, ds.records().size());
        for (CityRecord r : ds.records()) {
            double y = r.year() - 2000;
            assertEquals(Map.of("a", y, "b", y, "c", y), r.values());
        }
        assertEquals(List.of(2020, 2020, 2021, 2021, 2022, 2022), ds.records().stream().map(CityRecord::year).toList());
    }

    @Test
    void duplicateCityYearVariable() {
        assertEquals("data.csv:4:4: duplicate city-year-variable 杭州市 2022 gdp (first at row 2)",
                fail("city,year,variable,value\n杭州,2022,gdp,1\n杭州,2023,gdp,2\nHangzhou,2022,GDP,\n"));
        assertEquals("data.csv:3:3: duplicate city-variable 北京市 x (first at row 2)",
                fail("adcode,variable,value\n110000,x,1\n110000,x,1\n"));
    }

    @Test
    void longNumberAndVariableErrors() {
        assertEquals("data.csv:3:4: not a number: 'abc' in column 'value' (variable 'gdp')",
                fail("city,year,variable,value\n杭州,2022,gdp,1\n北京,2022,gdp,abc\n"));
        assertEquals("data.csv:2:2: no variable in this row", fail("city,variable,value\n杭州,,1\n"));
    }

    @Test
    void longMissingValueColumn() {
        assertEquals("data.csv:1:3: a 'variable' column but no 'value' column: a long table has one value per row,"
                + " in a column named 'value'", fail("city,year,variable,amount\n杭州,2022,gdp,1\n"));
    }

    @Test
    void longRefusesOtherNumericColumns() {
        assertEquals("data.csv:1:4: column 'gdp' in a long table: with 'variable' and 'value' columns each row holds"
                + " one value; other columns may only be adcode, city or name, province, year, source, note, notes,"
                + " city_type or tier", fail("city,variable,value,gdp\n杭州,x,1,2\n"));
    }

    @Test
    void valueWithoutVariableIsAnOrdinaryColumn() throws Exception {
        CityDataset ds = read("city,value\n杭州,3\n");
        assertEquals(List.of("value"), ds.valueColumns());
        assertEquals(Map.of("value", 3.0), ds.records().get(0).values());
    }

    @Test
    void longHeaderOnly() {
        assertEquals("data.csv:1: empty file: the header is there but no data rows follow",
                fail("city,variable,value\n\n"));
    }
}
