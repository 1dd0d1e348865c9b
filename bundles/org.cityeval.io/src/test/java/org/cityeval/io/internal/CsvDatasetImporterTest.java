package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.junit.jupiter.api.Test;

class CsvDatasetImporterTest {
    private final CsvDatasetImporter importer = new CsvDatasetImporter();
    private final FakeCityRegistry cities = new FakeCityRegistry();

    private CityDataset read(String csv) throws BadInputException {
        return read(csv.getBytes(StandardCharsets.UTF_8));
    }

    private CityDataset read(byte[] bytes) throws BadInputException {
        return importer.read("data.csv", new ByteArrayInputStream(bytes), cities);
    }

    private String fail(String csv) {
        return fail(csv.getBytes(StandardCharsets.UTF_8));
    }

    private String fail(byte[] bytes) {
        return assertThrows(BadInputException.class, () -> read(bytes)).getMessage();
    }

    @Test
    void acceptsCsvNamesOnly() {
        assertTrue(importer.accepts("cities.csv"));
        assertTrue(importer.accepts("/data/2024/CITIES.CSV"));
        assertFalse(importer.accepts("cities.xlsx"));
        assertFalse(importer.accepts("csv"));
        assertFalse(importer.accepts(null));
    }

    @Test
    void readsByAdcode() throws Exception {
        CityDataset ds = read("adcode,city,province,city_type,tier,gdp,digital_support\n"
                + "330100,杭州,浙江省,sub_provincial,A,18753,0.92\n"
                + "110000,北京市,北京市,municipality,A,41610,0.95\n");
        assertEquals("data.csv", ds.source());
        assertEquals(List.of("gdp", "digital_support"), ds.valueColumns());
        assertEquals(2, ds.records().size());
        CityRecord hz = ds.records().get(0);
        assertEquals(FakeCityRegistry.HANGZHOU, hz.city());
        assertEquals(2, hz.row());
        assertEquals(Map.of("gdp", 18753.0, "digital_support", 0.92), hz.values());
        assertEquals(Map.of("adcode", "330100", "city", "杭州", "province", "浙江省", "city_type", "sub_provincial",
                "tier", "A"), hz.attributes());
        assertEquals(FakeCityRegistry.BEIJING, ds.records().get(1).city());
        assertEquals(3, ds.records().get(1).row());
    }

    @Test
    void adcodeDisambiguatesPinyin() throws Exception {
        CityDataset ds = read("adcode,city,x\n331000,Taizhou,1\n321200,taizhou,2\n");
        assertEquals(FakeCityRegistry.TAIZHOU_ZJ, ds.records().get(0).city());
        assertEquals(FakeCityRegistry.TAIZHOU_JS, ds.records().get(1).city());
    }

    @Test
    void readsByCityNameWithTrimmedHeaderAndCaseInsensitiveIdColumns() throws Exception {
        CityDataset ds = read(" Name , GDP \r\n 上海 ,1\r\n杭州市,2\r\n");
        assertEquals(List.of("GDP"), ds.valueColumns());
        assertEquals(FakeCityRegistry.SHANGHAI, ds.records().get(0).city());
        assertEquals(Map.of("GDP", 1.0), ds.records().get(0).values());
        assertEquals("上海", ds.records().get(0).attributes().get("name"));
        assertEquals(FakeCityRegistry.HANGZHOU, ds.records().get(1).city());
    }

    @Test
    void provinceNarrowsAnAmbiguousName() throws Exception {
        CityDataset ds = read("city,province,x\nTaizhou,江苏,1\n");
        assertEquals(FakeCityRegistry.TAIZHOU_JS, ds.records().get(0).city());
    }

    @Test
    void stripsByteOrderMark() throws Exception {
        CityDataset ds = read("\uFEFFadcode,x\n330100,1\n");
        assertEquals(List.of("x"), ds.valueColumns());
        assertEquals(FakeCityRegistry.HANGZHOU, ds.records().get(0).city());
    }

    @Test
    void quotedFieldsWithCommas() throws Exception {
        CityDataset ds = read("city,note,gdp\n杭州,\"capital, Zhejiang\",\"1,234.5\"\n");
        CityRecord r = ds.records().get(0);
        assertEquals("capital, Zhejiang", r.attributes().get("note"));
        assertEquals(1234.5, r.values().get("gdp"));
    }

    @Test
    void numberForms() throws Exception {
        CityDataset ds = read("city,a,b,c,d,e,f,g,h\n杭州,\"1,234.5\",12.5%,１２３,－１．５,\"12,345,678\",-3e2, +7 ,５０％\n");
        Map<String, Double> v = ds.records().get(0).values();
        assertEquals(1234.5, v.get("a"));
        assertEquals(0.125, v.get("b"));
        assertEquals(123.0, v.get("c"));
        assertEquals(-1.5, v.get("d"));
        assertEquals(12345678.0, v.get("e"));
        assertEquals(-300.0, v.get("f"));
        assertEquals(7.0, v.get("g"));
        assertEquals(0.5, v.get("h"));
    }

    @Test
    void missingMarkersAreAbsent() throws Exception {
        CityDataset ds = read("city,a,b,c,d,e,f,g\n杭州,—,,N/A,-,null,NA,–\n");
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), ds.valueColumns());
        assertEquals(Map.of(), ds.records().get(0).values());
    }

    @Test
    void unknownCity() {
        assertEquals("data.csv:3:1: unknown city '纽约'", fail("city,x\n杭州,1\n纽约,2\n"));
    }

    @Test
    void unknownAdcode() {
        assertEquals("data.csv:2:1: unknown adcode '999999'", fail("adcode,x\n999999,1\n"));
    }

    @Test
    void ambiguousCityListsBoth() {
        String msg = fail("x,city\n1,Taizhou\n");
        assertTrue(msg.startsWith("data.csv:2:2: ambiguous city 'Taizhou'"), msg);
        assertTrue(msg.contains("台州市") && msg.contains("331000"), msg);
        assertTrue(msg.contains("泰州市") && msg.contains("321200"), msg);
    }

    @Test
    void adcodeAndCityMustAgree() {
        assertEquals("data.csv:2:2: city '北京' does not match adcode 330100, which is 杭州市",
                fail("adcode,city,x\n330100,北京,1\n"));
    }

    @Test
    void rowWithoutCity() {
        assertEquals("data.csv:2:1: no adcode and no city in this row", fail("adcode,city,x\n,,1\n"));
    }

    @Test
    void nonNumericValue() {
        assertEquals("data.csv:3:3: not a number: 'abc' in column 'digital_support'",
                fail("city,gdp,digital_support\n杭州,1,2\n北京,3,abc\n"));
    }

    @Test
    void refusesNaNInfinityAndJavaSuffixes() {
        for (String bad : List.of("NaN", "Infinity", "-Infinity", "1d", "2f", "0x1p3", "1,2", "1,2345", "1.2.3",
                "1e999", "%", "e5", "1e")) {
            assertEquals("data.csv:2:2: not a number: '" + bad + "' in column 'x'", fail("city,x\n杭州,\"" + bad + "\"\n"),
                    bad);
        }
    }

    @Test
    void missingIdColumn() {
        assertEquals("data.csv:1: no 'adcode' or 'city' column; the header has: a, b, c", fail("a,b,c\n1,2,3\n"));
    }

    @Test
    void emptyFile() {
        assertEquals("data.csv: empty file: expected a header row and one row per city", fail(new byte[0]));
        assertTrue(fail("\uFEFF\n\n").startsWith("data.csv: empty file"));
    }

    @Test
    void headerOnly() {
        assertEquals("data.csv:1: empty file: the header is there but no data rows follow", fail("city,x\n"));
        assertEquals("data.csv:1: empty file: the header is there but no data rows follow", fail("city,x\n\n,\n"));
    }

    @Test
    void tooManyFields() {
        assertEquals("data.csv:3:3: this row has 3 fields but the header has 2 columns; column 3 is extra",
                fail("city,x\n杭州,1\n北京,2,3\n"));
    }

    @Test
    void tooFewFields() {
        assertEquals("data.csv:2:3: this row has 2 fields but the header has 3 columns; column 'y' is missing",
                fail("city,x,y\n杭州,1\n"));
    }

    @Test
    void blankLinesAreSkippedAndCounted() throws Exception {
        CityDataset ds = read("city,x\n\n杭州,1\n\r\n  \n北京,2\n");
        assertEquals(3, ds.records().get(0).row());
        assertEquals(6, ds.records().get(1).row());
    }

    @Test
    void duplicateCity() {
        assertEquals("data.csv:4:1: duplicate city 杭州市 (first at row 2)",
                fail("city,x\n杭州,1\n北京,2\nHangzhou,3\n"));
    }

    @Test
    void duplicateCityByAdcodeAndName() {
        assertEquals("data.csv:3:2: duplicate city 杭州市 (first at row 2)", fail("adcode,city,x\n330100,,1\n,杭州,2\n"));
    }

    @Test
    void duplicateHeader() {
        assertEquals("data.csv:1:3: duplicate column 'GDP' (also column 2)", fail("city,gdp,GDP\n杭州,1,2\n"));
    }

    @Test
    void cityAndNameTogether() {
        assertEquals("data.csv:1:2: columns 'city' and 'name' both name the city; keep one",
                fail("city,name,x\n杭州,杭州,1\n"));
    }

    @Test
    void emptyHeaderName() {
        assertEquals("data.csv:1:2: empty column name in the header", fail("city, ,x\n杭州,1,2\n"));
    }

    @Test
    void gbkFileIsRead() throws Exception {
        CityDataset ds = read("city,note,x\n杭州,省会,1\n北京,首都,2\n".getBytes("GBK"));
        assertEquals(FakeCityRegistry.HANGZHOU, ds.records().get(0).city());
        assertEquals("省会", ds.records().get(0).attributes().get("note"));
        assertEquals(FakeCityRegistry.BEIJING, ds.records().get(1).city());
    }

    @Test
    void bytesThatAreNeitherNameRowAndField() {
        byte[] head = "city,x\n杭州,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'"', (byte) 0xFF, (byte) 0xFE, '"', ',', '2', '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        assertEquals("data.csv:3:1: neither UTF-8 nor GB18030/GBK text: byte 0xFF at offset " + (head.length + 1)
                + " cannot be decoded; save the file as \"CSV UTF-8\"", fail(all));
    }

    @Test
    void multiLineQuotedFieldKeepsLaterRowNumbers() throws Exception {
        String head = "city,note,x\n杭州,\"line one\nline two\r\nline three\",1\n北京,,2\n";
        CityDataset ds = read(head);
        assertEquals(2, ds.records().get(0).row());
        assertEquals("line one\nline two\r\nline three", ds.records().get(0).attributes().get("note"));
        assertEquals(5, ds.records().get(1).row());
        assertEquals("data.csv:6:3: not a number: 'oops' in column 'x'", fail(head + "上海,,oops\n"));
    }

    @Test
    void unclosedQuoteIsReported() {
        assertEquals("data.csv:3:2: not valid CSV: Missing closing quote for value",
                fail("city,x\n北京,1\n杭州,\"1\n上海,2\n广州,3\n"));
    }

    @Test
    void missingValueIsNullNotZero() throws Exception {
        CityDataset ds = read("city,x,y\n杭州,,0\n");
        assertNull(ds.records().get(0).values().get("x"));
        assertEquals(0.0, ds.records().get(0).values().get("y"));
    }
}
