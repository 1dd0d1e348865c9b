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

class JsonDatasetImporterTest {
    private final JsonDatasetImporter importer = new JsonDatasetImporter();
    private final FakeCityRegistry cities = new FakeCityRegistry();

    private CityDataset read(String json) throws BadInputException {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    private CityDataset read(byte[] bytes) throws BadInputException {
        return importer.read("request.json", new ByteArrayInputStream(bytes), cities);
    }

    private String fail(String json) {
        return fail(json.getBytes(StandardCharsets.UTF_8));
    }

    private String fail(byte[] bytes) {
        return assertThrows(BadInputException.class, () -> read(bytes)).getMessage();
    }

    @Test
    void acceptsJsonNamesOnly() {
        assertTrue(importer.accepts("request.json"));
        assertTrue(importer.accepts("/data/2024/CITIES.JSON"));
        assertFalse(importer.accepts("cities.csv"));
        assertFalse(importer.accepts("cities.jsonl"));
        assertFalse(importer.accepts("json"));
        assertFalse(importer.accepts(null));
    }

    @Test
    void readsTopLevelArray() throws Exception {
        CityDataset ds = read("""
                [{"adcode": "330100", "city": "杭州", "province": "浙江省", "city_type": "sub_provincial",
                  "tier": "A", "gdp": 18753, "digital_support": 0.92},
                 {"adcode": "110000", "digital_support": 26.2, "rank": 1}]
                """);
        assertEquals("request.json", ds.source());
        assertEquals(List.of("gdp", "digital_support", "rank"), ds.valueColumns());
        assertEquals(2, ds.records().size());
        CityRecord hz = ds.records().get(0);
        assertEquals(FakeCityRegistry.HANGZHOU, hz.city());
        assertEquals(1, hz.row());
        assertEquals(Map.of("gdp", 18753.0, "digital_support", 0.92), hz.values());
        assertEquals(Map.of("adcode", "330100", "city", "杭州", "province", "浙江省", "city_type", "sub_provincial",
                "tier", "A"), hz.attributes());
        CityRecord bj = ds.records().get(1);
        assertEquals(FakeCityRegistry.BEIJING, bj.city());
        assertEquals(2, bj.row());
        assertEquals(Map.of("digital_support", 26.2, "rank", 1.0), bj.values());
    }

    @Test
    void readsRowsObject() throws Exception {
        CityDataset ds = read("{\"rows\": [{\"name\": \"上海\", \"x\": 1}, {\"city\": \"Hangzhou\", \"x\": 2}]}");
        assertEquals(List.of("x"), ds.valueColumns());
        assertEquals(FakeCityRegistry.SHANGHAI, ds.records().get(0).city());
        assertEquals("上海", ds.records().get(0).attributes().get("name"));
        assertEquals(FakeCityRegistry.HANGZHOU, ds.records().get(1).city());
        assertEquals(Map.of("x", 2.0), ds.records().get(1).values());
        assertEquals(2, ds.records().get(1).row());
    }

    @Test
    void keysAreCaseInsensitiveAndValueColumnsKeepTheFirstSpelling() throws Exception {
        CityDataset ds = read("[{\"City\": \"杭州\", \"GDP\": 1}, {\"ADCODE\": 110000, \"gdp\": 2, \"y\": 3}]");
        assertEquals(List.of("GDP", "y"), ds.valueColumns());
        assertEquals("杭州", ds.records().get(0).attributes().get("city"));
        assertEquals(FakeCityRegistry.BEIJING, ds.records().get(1).city());
        assertEquals("110000", ds.records().get(1).attributes().get("adcode"));
        assertEquals(Map.of("GDP", 2.0, "y", 3.0), ds.records().get(1).values());
    }

    @Test
    void numbersAsStrings() throws Exception {
        CityDataset ds = read("""
                [{"city": "杭州", "a": "1,234.5", "b": "12.5%", "c": "１２３", "d": "－１．５", "e": " +7 ",
                  "f": "-3e2", "g": "５０％", "h": 1e2, "i": -0.5}]
                """);
        Map<String, Double> v = ds.records().get(0).values();
        assertEquals(1234.5, v.get("a"));
        assertEquals(0.125, v.get("b"));
        assertEquals(123.0, v.get("c"));
        assertEquals(-1.5, v.get("d"));
        assertEquals(7.0, v.get("e"));
        assertEquals(-300.0, v.get("f"));
        assertEquals(0.5, v.get("g"));
        assertEquals(100.0, v.get("h"));
        assertEquals(-0.5, v.get("i"));
    }

    @Test
    void missingValuesAreAbsentButTheirColumnsCount() throws Exception {
        CityDataset ds = read("[{\"city\": \"杭州\", \"a\": null, \"b\": \"\", \"c\": \"—\", \"d\": \"N/A\", \"e\": 0,"
                + " \"note\": null}]");
        assertEquals(List.of("a", "b", "c", "d", "e"), ds.valueColumns());
        CityRecord r = ds.records().get(0);
        assertEquals(Map.of("e", 0.0), r.values());
        assertNull(r.values().get("a"));
        assertEquals(Map.of("city", "杭州"), r.attributes());
    }

    @Test
    void rowsNeedNotHaveTheSameKeys() throws Exception {
        CityDataset ds = read("[{\"city\": \"杭州\", \"a\": 1}, {\"city\": \"北京\", \"b\": 2}, {\"city\": \"上海\"}]");
        assertEquals(List.of("a", "b"), ds.valueColumns());
        assertEquals(Map.of(), ds.records().get(2).values());
    }

    @Test
    void adcodeDisambiguatesPinyinAndProvinceNarrowsAName() throws Exception {
        CityDataset ds = read("[{\"adcode\": \"331000\", \"city\": \"Taizhou\"}, {\"city\": \"Taizhou\","
                + " \"province\": \"江苏\"}]");
        assertEquals(FakeCityRegistry.TAIZHOU_ZJ, ds.records().get(0).city());
        assertEquals(FakeCityRegistry.TAIZHOU_JS, ds.records().get(1).city());
    }

    @Test
    void unknownCity() {
        assertEquals("request.json:$[1].city: unknown city '纽约'", fail("[{\"city\": \"杭州\"}, {\"city\": \"纽约\"}]"));
    }

    @Test
    void unknownAdcode() {
        assertEquals("request.json:$.rows[0].adcode: unknown adcode '999999'",
                fail("{\"rows\": [{\"adcode\": \"999999\", \"x\": 1}]}"));
    }

    @Test
    void ambiguousCityListsBoth() {
        String msg = fail("[{\"x\": 1, \"city\": \"Taizhou\"}]");
        assertTrue(msg.startsWith("request.json:$[0].city: ambiguous city 'Taizhou'"), msg);
        assertTrue(msg.contains("台州市") && msg.contains("331000"), msg);
        assertTrue(msg.contains("泰州市") && msg.contains("321200"), msg);
    }

    @Test
    void adcodeAndCityMustAgree() {
        assertEquals("request.json:$[0].city: city '北京' does not match adcode 330100, which is 杭州市",
                fail("[{\"adcode\": \"330100\", \"city\": \"北京\"}]"));
    }

    @Test
    void rowWithoutCity() {
        assertEquals("request.json:$[0]: no adcode and no city in this row", fail("[{\"x\": 1}]"));
        assertEquals("request.json:$[0].adcode: no adcode in this row", fail("[{\"adcode\": \" \", \"x\": 1}]"));
        assertEquals("request.json:$[0].city: no city in this row", fail("[{\"city\": null}]"));
    }

    @Test
    void nonNumericValue() {
        assertEquals("request.json:$[3].digital_support: not a number: 'abc'", fail("""
                [{"city": "杭州", "digital_support": 1},
                 {"city": "北京", "digital_support": 2},
                 {"city": "上海", "digital_support": 3},
                 {"city": "泰州", "digital_support": "abc"}]
                """));
        assertEquals("request.json:$.rows[0]['digital support']: not a number: '1,2'",
                fail("{\"rows\": [{\"city\": \"杭州\", \"digital support\": \"1,2\"}]}"));
    }

    @Test
    void refusesNaNInfinityAndOutOfRange() {
        for (String bad : List.of("NaN", "Infinity", "1d", "0x1p3", "1e999")) {
            assertEquals("request.json:$[0].x: not a number: '" + bad + "'", fail("[{\"city\": \"杭州\", \"x\": \"" + bad + "\"}]"));
        }
        assertEquals("request.json:$[0].x: number out of range", fail("[{\"city\": \"杭州\", \"x\": 1e999}]"));
    }

    @Test
    void booleanValue() {
        assertEquals("request.json:$[0].x: expected a number, found a boolean (true)",
                fail("[{\"city\": \"杭州\", \"x\": true}]"));
    }

    @Test
    void objectOrArrayValue() {
        assertEquals("request.json:$[0].x: expected a number, found an object",
                fail("[{\"city\": \"杭州\", \"x\": {\"v\": 1}}]"));
        assertEquals("request.json:$[0].x: expected a number, found an array", fail("[{\"city\": \"杭州\", \"x\": [1]}]"));
        assertEquals("request.json:$[0].city: expected text, found a boolean (false)", fail("[{\"city\": false}]"));
    }

    @Test
    void invalidJsonGivesLineAndColumn() {
        assertEquals("request.json:2:25: not valid JSON: Unexpected character ('}' (code 125)): was expecting"
                + " double-quote to start field name", fail("[\n  {\"city\": \"杭州\", \"x\": 1,}\n]"));
        assertEquals("request.json:1:22: not valid JSON: Unrecognized token 'abc'",
                fail("[{\"city\": \"杭州\", \"x\": abc}]"));
        assertEquals("request.json:3:1: not valid JSON: unexpected end of input: the array opened at 1:1 is not closed",
                fail("[{\"city\": \"杭州\"}\n\n"));
        assertEquals("request.json:2:1: not valid JSON: unexpected end of input: the object opened at 1:18 is not"
                + " closed", fail("[{\"city\": \"杭州\"}, {\"city\": \"北京\"\n"));
        assertEquals("request.json:2:16: not valid JSON: line break inside a string; is a closing quote missing?",
                fail("[{\"city\": \"杭州\"},\n {\"city\": \"北京}]\n\n"));
        assertEquals("request.json:2:11: not valid JSON: unexpected end of input: the string that starts here is not"
                + " closed", fail("[{\"city\": \"杭州\"},\n {\"city\": \"北京}]"));
        assertEquals("request.json:1:18: not valid JSON: unexpected content after the end of the JSON value",
                fail("[{\"city\": \"杭州\"}] {}"));
    }

    @Test
    void nestingIsLimited() {
        String deep = "[{\"city\": \"杭州\", \"x\": " + "[".repeat(20) + "]".repeat(20) + "}]";
        String msg = fail(deep);
        assertTrue(msg.startsWith("request.json:1:"), msg);
        assertTrue(msg.endsWith(": not valid JSON: nested deeper than 16 levels"), msg);
    }

    @Test
    void notUtf8() {
        byte[] head = "[{\"city\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] gbk = {(byte) 0xB1, (byte) 0xB1, (byte) 0xBE, (byte) 0xA9, '"', '}', ']'}; // 北京 in GBK
        byte[] all = new byte[head.length + gbk.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(gbk, 0, all, head.length, gbk.length);
        assertTrue(fail(all).startsWith("request.json:1:12: not UTF-8 text: byte 0xB1"), fail(all));
    }

    @Test
    void byteOrderMarkIsSkipped() throws Exception {
        assertEquals(FakeCityRegistry.HANGZHOU, read("\uFEFF[{\"city\": \"杭州\"}]").records().get(0).city());
    }

    @Test
    void empty() {
        assertEquals("request.json: empty: no city rows", fail(new byte[0]));
        assertEquals("request.json: empty: no city rows", fail(" \n "));
        assertEquals("request.json:$: empty: no city rows", fail("[]"));
        assertEquals("request.json:$.rows: empty: no city rows", fail("{\"rows\": []}"));
    }

    @Test
    void wrongShapes() {
        assertEquals("request.json:$: expected an array of city rows or {\"rows\": [...]}, found a string",
                fail("\"杭州\""));
        assertEquals("request.json:$: expected an array of city rows or {\"rows\": [...]}, found null", fail("null"));
        assertEquals("request.json:$: no \"rows\": a dataset is an array of city rows or {\"rows\": [...]}",
                fail("{}"));
        assertEquals("request.json:$.rows: expected an array of city rows, found an object",
                fail("{\"rows\": {\"city\": \"杭州\"}}"));
        assertEquals("request.json:$.model: unexpected key; a dataset is an array of city rows or {\"rows\": [...]}",
                fail("{\"model\": \"m\", \"rows\": [{\"city\": \"杭州\"}]}"));
        assertEquals("request.json:$[1]: expected an object (one city row), found a number",
                fail("[{\"city\": \"杭州\"}, 3]"));
    }

    @Test
    void duplicateCity() {
        assertEquals("request.json:$[2].city: duplicate city 杭州市 (first at $[0])",
                fail("[{\"city\": \"杭州\"}, {\"city\": \"北京\"}, {\"city\": \"Hangzhou\"}]"));
        assertEquals("request.json:$.rows[1].adcode: duplicate city 杭州市 (first at $.rows[0])",
                fail("{\"rows\": [{\"city\": \"杭州市\"}, {\"adcode\": \"330100\"}]}"));
    }

    @Test
    void duplicateKey() {
        assertEquals("request.json:1:28: not valid JSON: duplicate key 'x'",
                fail("[{\"city\": \"杭州\", \"x\": 1, \"x\": 2}]"));
        assertEquals("request.json:$[0].X: duplicate key 'X' (also 'x')", fail("[{\"city\": \"杭州\", \"x\": 1, \"X\": 2}]"));
    }

    @Test
    void cityAndNameTogether() {
        assertEquals("request.json:$[0].name: keys 'city' and 'name' both name the city; keep one",
                fail("[{\"city\": \"杭州\", \"name\": \"杭州\"}]"));
    }

    @Test
    void emptyKey() {
        assertEquals("request.json:$[0]['']: empty key", fail("[{\"city\": \"杭州\", \"\": 1}]"));
    }

    @Test
    void paths() {
        assertEquals("$[0].digital_support", JsonDatasetImporter.path("$[0]", "digital_support"));
        assertEquals("$[0].数字化", JsonDatasetImporter.path("$[0]", "数字化"));
        assertEquals("$[0]['a.b']", JsonDatasetImporter.path("$[0]", "a.b"));
        assertEquals("$[0]['1x']", JsonDatasetImporter.path("$[0]", "1x"));
        assertEquals("$[0]['it\\'s']", JsonDatasetImporter.path("$[0]", "it's"));
    }

    @Test
    void years() throws Exception {
        CityDataset ds = read("[{\"city\": \"杭州\", \"year\": 2022, \"x\": 1}, {\"city\": \"杭州\", \"Year\": \"2023\","
                + " \"x\": 2}, {\"city\": \"北京\", \"year\": 2022.0}]");
        assertEquals(List.of("x"), ds.valueColumns());
        assertEquals(2022, ds.records().get(0).year());
        assertEquals(2023, ds.records().get(1).year());
        assertEquals(2022, ds.records().get(2).year());
        assertEquals(Map.of("city", "杭州"), ds.records().get(0).attributes(), "the year is not an attribute");
        assertNull(read("[{\"city\": \"杭州\"}]").records().get(0).year());
    }

    @Test
    void badYears() {
        assertEquals("request.json:$[0].year: not a year: '1899' (a year from 1900 to 2100)",
                fail("[{\"city\": \"杭州\", \"year\": 1899}]"));
        assertEquals("request.json:$[0].year: not a year: '2022.5' (a year from 1900 to 2100)",
                fail("[{\"city\": \"杭州\", \"year\": 2022.5}]"));
        assertEquals("request.json:$[0].year: expected a year, found a boolean (true)",
                fail("[{\"city\": \"杭州\", \"year\": true}]"));
        assertEquals("request.json:$[1]: no year in this row, but $[0] has one: give every row a year or none",
                fail("[{\"city\": \"杭州\", \"year\": 2022}, {\"city\": \"北京\"}]"));
        assertEquals("request.json:$[1].year: a year in this row, but $[0] has none: give every row a year or none",
                fail("[{\"city\": \"杭州\"}, {\"city\": \"北京\", \"year\": 2022}]"));
    }

    @Test
    void duplicateCityYear() {
        assertEquals("request.json:$[2].adcode: duplicate city-year 杭州市 2022 (first at $[0])",
                fail("[{\"city\": \"杭州\", \"year\": 2022}, {\"city\": \"杭州\", \"year\": 2023},"
                        + " {\"adcode\": \"330100\", \"year\": 2022}]"));
    }

    @Test
    void byteOrderMarkInTheBytes() throws Exception {
        byte[] json = "[{\"city\": \"杭州\"}]".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        assertEquals(FakeCityRegistry.HANGZHOU, read(withBom).records().get(0).city());
        assertEquals("request.json:1:1: not valid JSON: Unrecognized token 'x'", fail(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x'}));
    }
}
