package org.cityeval.cities.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loading, resolution and ambiguity rules of the city registry, against the shipped data. */
class CityTableTest {
    private static final CityTable TABLE = CityTable.load();

    private static String resolved(String key) throws CityResolutionException {
        return TABLE.resolve(key).name();
    }

    private static String resolved(String key, String province) throws CityResolutionException {
        return TABLE.resolve(key, province).name();
    }

    private static List<String> adcodes(List<City> cities) {
        return cities.stream().map(City::adcode).toList();
    }

    // --- the data ---

    @Test
    void holdsAllPrefectureLevelUnitsAndMunicipalitiesInAdcodeOrder() {
        List<City> cities = TABLE.cities();
        // 293 prefecture-level cities + 30 autonomous prefectures + 7 regions + 3 leagues + 4 municipalities
        assertEquals(337, cities.size());
        List<String> codes = adcodes(cities);
        assertEquals(codes.stream().sorted().toList(), codes);
        assertEquals(Set.of("110000", "120000", "310000", "500000"),
                cities.stream().filter(c -> c.level().equals("municipality")).map(City::adcode)
                        .collect(Collectors.toSet()));
        Map<String, Long> levels = cities.stream().collect(Collectors.groupingBy(City::level, Collectors.counting()));
        assertEquals(Map.of("municipality", 4L, "prefecture_city", 293L, "autonomous_prefecture", 30L,
                "region", 7L, "league", 3L), levels);
    }

    @Test
    void flagCounts() {
        List<City> cities = TABLE.cities();
        assertEquals(27, cities.stream().filter(City::provincialCapital).count());
        assertEquals(15, cities.stream().filter(City::subProvincial).count());
        assertEquals(5, cities.stream().filter(City::separatelyPlanned).count());
        assertEquals(Set.of("大连市", "宁波市", "厦门市", "青岛市", "深圳市"), cities.stream()
                .filter(City::separatelyPlanned).map(City::name).collect(Collectors.toSet()));
        // every separately planned city is sub-provincial too
        assertTrue(cities.stream().filter(City::separatelyPlanned).allMatch(City::subProvincial));
    }

    @Test
    void fieldsAreParsed() throws Exception {
        City hz = TABLE.resolve("330100");
        assertEquals(new City("330100", "杭州市", "杭州", "杭州市", "Hangzhou", "330000", "浙江省", "浙江",
                "prefecture_city", true, false, true), hz);
    }

    @Test
    void loadsCheaply() throws Exception {
        // The cost of a load, measured as the bytes it allocates (the JVM's count for this thread), not in
        // milliseconds: the same on any machine however loaded. One pass over the ~37 KB table with a few index
        // maps needs well under a megabyte or two; reading or indexing it repeatedly would need many times that.
        CityTable.load(); // warm-up: class loading is not the table's cost
        long resource;
        try (var in = CityTable.class.getResourceAsStream(CityTable.RESOURCE)) {
            resource = in.readAllBytes().length;
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        CityTable.load();
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated > 0, "the JVM counts allocation");
        assertTrue(allocated < 128 * resource, "loading allocated " + allocated + " bytes for a " + resource
                + "-byte table");
    }

    // --- resolution ---

    @Test
    void resolvesByAdcode() throws Exception {
        assertEquals("杭州市", resolved("330100"));
        assertEquals("杭州市", resolved(" 330100 "));
        assertEquals("杭州市", TABLE.byAdcode("330100").orElseThrow().name());
        assertTrue(TABLE.byAdcode("330102").isEmpty()); // a district, not in the registry
        assertTrue(TABLE.byAdcode(null).isEmpty());
    }

    @Test
    void censusMunicipalityCodesAreAliases() throws Exception {
        assertEquals("北京市", resolved("110100"));
        assertEquals("天津市", resolved("120100"));
        assertEquals("上海市", resolved("310100"));
        assertEquals("重庆市", resolved("500100"));
        assertEquals("110000", TABLE.byAdcode("110100").orElseThrow().adcode());
        assertEquals("500000", TABLE.byAdcode("500100").orElseThrow().adcode());
    }

    @Test
    void resolvesBySimplifiedShortAndTraditionalName() throws Exception {
        assertEquals("杭州市", resolved("杭州市"));
        assertEquals("杭州市", resolved("杭州"));
        assertEquals("杭州市", resolved(" 杭州 "));
        // traditional names that differ from the simplified ones
        assertEquals("石家庄市", resolved("石家莊市"));
        assertEquals("石家庄市", resolved("石家莊"));
        assertEquals("邢台市", resolved("邢臺市"));
        assertEquals("重庆市", resolved("重慶"));
        assertEquals("苏州市", resolved("蘇州市"));
        // names without 市 in the registry also take it: 吉林市's short name is itself
        assertEquals("吉林市", resolved("吉林"));
        assertEquals("延边朝鲜族自治州", resolved("延边朝鲜族自治州"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Hangzhou", "hangzhou", "HANGZHOU", "Hang Zhou", "hang-zhou", " hangZhou ",
            "Ｈａｎｇｚｈｏｕ" })
    void resolvesPinyinLoosely(String key) throws Exception {
        assertEquals("杭州市", resolved(key));
    }

    @Test
    void resolvesPinyinWithApostrophesAndUmlaut() throws Exception {
        assertEquals("西安市", resolved("Xi'an"));
        assertEquals("西安市", resolved("Xi’an"));
        assertEquals("西安市", resolved("xian"));
        assertEquals("马鞍山市", resolved("Ma'anshan"));
        assertEquals("吕梁市", resolved("Lüliang"));
        assertEquals("吕梁市", resolved("Lvliang"));
        assertEquals("吕梁市", resolved("Luliang"));
        assertEquals("吕梁市", resolved("LÜLIANG"));
        assertEquals("吕梁市", resolved("Lu\u0308liang")); // decomposed ü
        assertEquals("杭州市", resolved("Hángzhōu"));
        assertEquals("西安市", resolved("Xī'ān"));
        assertEquals("杭州市", resolved("３３０１００"));
        assertEquals("杭州市", resolved("杭州\u3000")); // ideographic space
    }

    @Test
    void everyCityResolvesByItsOwnCodeAndNames() throws Exception {
        for (City c : TABLE.cities()) {
            assertEquals(c, TABLE.resolve(c.adcode()));
            assertEquals(c, TABLE.resolve(c.name()));
            assertEquals(c, TABLE.resolve(c.shortName()));
            assertEquals(c, TABLE.resolve(c.nameTraditional()));
            assertEquals(c, TABLE.byAdcode(c.adcode()).orElseThrow());
            // pinyin is unique except for homophones, which list this city among the candidates
            assertTrue(TABLE.candidates(c.pinyin()).contains(c), c.pinyin());
        }
    }

    @Test
    void taizhouIsAmbiguous() {
        CityResolutionException e = assertThrows(CityResolutionException.class, () -> TABLE.resolve("Taizhou"));
        assertTrue(e.ambiguous());
        assertEquals("Taizhou", e.key());
        assertEquals(List.of("321200", "331000"), adcodes(e.candidates())); // 泰州 (江苏), 台州 (浙江)
        assertTrue(e.getMessage().contains("泰州市"), e.getMessage());
        assertTrue(e.getMessage().contains("台州市"), e.getMessage());
        assertThrows(CityResolutionException.class, () -> TABLE.resolve("taizhou"));
        assertThrows(CityResolutionException.class, () -> TABLE.resolve("Tai Zhou"));
    }

    @Test
    void suzhouIsAmbiguous() {
        CityResolutionException e = assertThrows(CityResolutionException.class, () -> TABLE.resolve("Suzhou"));
        assertTrue(e.ambiguous());
        assertEquals(List.of("320500", "341300"), adcodes(e.candidates())); // 苏州 (江苏), 宿州 (安徽)
        assertTrue(e.getMessage().contains("苏州市") && e.getMessage().contains("宿州市"), e.getMessage());
    }

    @Test
    void chineseNamesOfHomophonesAreUnique() throws Exception {
        assertEquals("台州市", resolved("台州"));
        assertEquals("泰州市", resolved("泰州市"));
        assertEquals("苏州市", resolved("苏州"));
        assertEquals("宿州市", resolved("宿州"));
    }

    /** The full list documents the data: if the registry changes, this test says which keys changed. */
    @Test
    void everyDuplicatedPinyinIsAmbiguous() {
        Map<String, List<City>> byPinyin = new TreeMap<>();
        for (City c : TABLE.cities()) {
            byPinyin.computeIfAbsent(org.cityeval.cities.keys.NameKeys.normalize(c.pinyin()), k -> new ArrayList<>()).add(c);
        }
        Map<String, List<String>> duplicated = new TreeMap<>();
        byPinyin.forEach((pinyin, cities) -> {
            if (cities.size() > 1) {
                duplicated.put(pinyin, adcodes(cities));
            }
        });
        assertEquals(Map.of(
                "fuzhou", List.of("350100", "361000"),   // 福州 (福建), 抚州 (江西)
                "suzhou", List.of("320500", "341300"),   // 苏州 (江苏), 宿州 (安徽)
                "taizhou", List.of("321200", "331000"),  // 泰州 (江苏), 台州 (浙江)
                "yichun", List.of("230700", "360900"),   // 伊春 (黑龙江), 宜春 (江西)
                "yulin", List.of("450900", "610800")),   // 玉林 (广西), 榆林 (陕西)
                duplicated);
        for (Map.Entry<String, List<String>> d : duplicated.entrySet()) {
            CityResolutionException e =
                    assertThrows(CityResolutionException.class, () -> TABLE.resolve(d.getKey()));
            assertEquals(d.getValue(), adcodes(e.candidates()));
        }
    }

    /** No Chinese name, short name or traditional name is shared, even allowing for a dropped or added 市. */
    @Test
    void noChineseNameIsAmbiguous() {
        for (City c : TABLE.cities()) {
            for (String k : List.of(c.name(), c.shortName(), c.nameTraditional())) {
                String other = k.endsWith("市") ? k.substring(0, k.length() - 1) : k + "市";
                assertEquals(List.of(c), TABLE.candidates(k), k);
                List<City> alt = TABLE.candidates(other);
                assertTrue(alt.isEmpty() || alt.equals(List.of(c)), other + " -> " + alt);
            }
        }
    }

    @Test
    void unknownCities() {
        for (String key : List.of("Atlantis", "", "  ", "330102", "臺州市", "市", "Hangzhou City")) {
            CityResolutionException e = assertThrows(CityResolutionException.class, () -> TABLE.resolve(key));
            assertFalse(e.ambiguous());
            assertTrue(e.candidates().isEmpty());
            assertEquals(key, e.key());
        }
        assertTrue(assertThrows(CityResolutionException.class, () -> TABLE.resolve("Atlantis")).getMessage()
                .contains("unknown city 'Atlantis'"));
        assertThrows(NullPointerException.class, () -> TABLE.resolve(null));
    }

    // --- narrowing by province ---

    @ParameterizedTest
    @ValueSource(strings = { "浙江省", "浙江", "330000", " 浙江 " })
    void provinceNarrowsTaizhou(String province) throws Exception {
        assertEquals("台州市", resolved("Taizhou", province));
    }

    @Test
    void provinceNarrowsOtherHomophones() throws Exception {
        assertEquals("泰州市", resolved("Taizhou", "江苏省"));
        assertEquals("宿州市", resolved("Suzhou", "安徽"));
        assertEquals("苏州市", resolved("suzhou", "320000"));
        assertEquals("玉林市", resolved("Yulin", "广西壮族自治区"));
        assertEquals("玉林市", resolved("Yulin", "广西"));
        assertEquals("玉林市", resolved("Yulin", "广西自治区"));
        assertEquals("榆林市", resolved("Yulin", "陕西"));
        assertEquals("伊春市", resolved("Yichun", "黑龙江省"));
        assertEquals("抚州市", resolved("Fuzhou", "江西"));
    }

    @Test
    void provinceOfMunicipalities() throws Exception {
        assertEquals("上海市", resolved("Shanghai", "上海市"));
        assertEquals("上海市", resolved("Shanghai", "上海"));
        assertEquals("北京市", resolved("110100", "北京"));
        assertEquals("北京市", resolved("北京", "110100"));
    }

    @Test
    void blankProvinceIsNoFilter() throws Exception {
        assertEquals("杭州市", resolved("Hangzhou", null));
        assertEquals("杭州市", resolved("Hangzhou", ""));
        assertEquals("杭州市", resolved("Hangzhou", "  "));
        assertThrows(CityResolutionException.class, () -> TABLE.resolve("Taizhou", null));
    }

    @Test
    void provinceThatFitsNoCandidateMakesTheCityUnknown() {
        // ambiguous key, wrong province
        CityResolutionException e =
                assertThrows(CityResolutionException.class, () -> TABLE.resolve("Taizhou", "河北省"));
        assertTrue(e.candidates().isEmpty());
        // unique key, contradicting province: still an error, never the city from elsewhere
        e = assertThrows(CityResolutionException.class, () -> TABLE.resolve("Hangzhou", "江苏省"));
        assertTrue(e.candidates().isEmpty());
        assertEquals("Hangzhou", e.key());
        // not a province at all
        e = assertThrows(CityResolutionException.class, () -> TABLE.resolve("Hangzhou", "Narnia"));
        assertTrue(e.candidates().isEmpty());
    }

    // --- the service ---

    @Test
    void componentDelegatesToTheTable() throws Exception {
        CityRegistry registry = new CityRegistryComponent();
        assertEquals(337, registry.cities().size());
        assertEquals("杭州市", registry.resolve("hangzhou").name());
        assertEquals("台州市", registry.resolve("Taizhou", "浙江").name());
        assertEquals("北京市", registry.byAdcode("110100").orElseThrow().name());
        assertThrows(CityResolutionException.class, () -> registry.resolve("Suzhou"));
    }

    // --- malformed input fails loudly ---

    private static final String GOOD_ROW =
            "330100,杭州市,杭州,杭州市,Hangzhou,330000,浙江省,浙江,prefecture_city,true,false,true";

    private static CityTable parse(String... lines) throws Exception {
        return CityTable.parse(new BufferedReader(new StringReader(String.join("\n", lines))), "test.csv");
    }

    @Test
    void wellFormedInputParses() throws Exception {
        CityTable t = parse("\uFEFF" + CityTable.HEADER, GOOD_ROW,
                "110000,北京市,北京,北京市,Beijing,110000,北京市,北京,municipality,false,false,false");
        assertEquals(List.of("110000", "330100"), adcodes(t.cities()));
    }

    @Test
    void malformedRowsAreRejectedWithTheLineNumber() {
        Map<String, String> bad = Map.of(
                "quoted", GOOD_ROW.replace("杭州市,Hangzhou", "\"杭州市\",Hangzhou"),
                "too few", GOOD_ROW.substring(0, GOOD_ROW.lastIndexOf(',')),
                "too many", GOOD_ROW + ",x",
                "empty field", GOOD_ROW.replace(",杭州,", ",,"),
                "padded", GOOD_ROW.replace(",杭州,", ", 杭州,"),
                "bad boolean", GOOD_ROW.replace("true,false,true", "true,no,true"),
                "bad adcode", GOOD_ROW.replace("330100,", "33010,"),
                "wrong province", GOOD_ROW.replace("330100,", "320100,"),
                "bad level", GOOD_ROW.replace("prefecture_city", "city"),
                "blank line", "");
        bad.forEach((what, row) -> {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> parse(CityTable.HEADER, GOOD_ROW.replace("330100", "330200"), row, GOOD_ROW), what);
            assertTrue(e.getMessage().startsWith("test.csv:3:"), what + ": " + e.getMessage());
        });
    }

    @Test
    void badHeaderDuplicatesAndAliasClashesAreRejected() {
        assertThrows(IllegalStateException.class, () -> parse("adcode,name", GOOD_ROW));
        assertThrows(IllegalStateException.class, () -> parse());
        assertThrows(IllegalStateException.class, () -> parse(CityTable.HEADER));
        assertThrows(IllegalStateException.class, () -> parse(CityTable.HEADER, GOOD_ROW, GOOD_ROW));
        assertThrows(IllegalStateException.class, () -> parse(CityTable.HEADER,
                "110100,北京市,北京,北京市,Beijing,110000,北京市,北京,prefecture_city,false,false,false"));
    }
}
