package org.cityeval.counties.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityResolutionException;
import org.junit.jupiter.api.Test;

class CountyTableTest {
    private static final CountyTable TABLE = CountyTable.load();

    @Test
    void shipsEveryCountyLevelDivision() {
        assertEquals(2978, TABLE.counties().size());
        assertEquals("江苏省", TABLE.byAdcode("320583").orElseThrow().province());
    }

    @Test
    void resolvesCountyLevelCitiesByNameTraditionalPinyinAndAdcode() throws Exception {
        for (String key : List.of("昆山市", "昆山", "崑山市", "崑山", "Kunshan", "kun shan", "320583", "江苏省昆山市",
                "苏州市昆山市", "江苏苏州昆山")) {
            assertEquals("320583", TABLE.resolve(key).adcode(), key);
        }
        assertEquals("330782", TABLE.resolve("义乌市").adcode());
        assertEquals("350582", TABLE.resolve("晋江市").adcode());
        assertEquals("county_city", TABLE.resolve("义乌").level());
        assertEquals("金华市", TABLE.parentCity(TABLE.resolve("义乌")).orElseThrow().name());
    }

    @Test
    void sharedNameFailsListingEveryCandidate() {
        CityResolutionException e = assertThrows(CityResolutionException.class, () -> TABLE.resolve("朝阳区"));
        assertEquals(List.of("110105", "220104"), e.candidates().stream().map(City::adcode).toList());
        assertTrue(e.getMessage().contains("朝阳区 (北京市, 110105) or 朝阳区 (吉林省, 220104)"), e.getMessage());
        CityResolutionException gulou = assertThrows(CityResolutionException.class, () -> TABLE.resolve("鼓楼区"));
        assertEquals(4, gulou.candidates().size());
    }

    @Test
    void cityOrProvinceBeforeTheNameOrBesideItResolves() throws Exception {
        assertEquals("110105", TABLE.resolve("北京市朝阳区").adcode());
        assertEquals("110105", TABLE.resolve("北京朝阳区").adcode());
        assertEquals("220104", TABLE.resolve("长春市朝阳区").adcode());
        assertEquals("220104", TABLE.resolve("吉林省长春市朝阳区").adcode());
        assertEquals("220104", TABLE.resolve("朝阳区", "吉林省").adcode());
        assertEquals("320302", TABLE.resolve("鼓楼区", "徐州市").adcode());
        assertEquals("110105", TABLE.resolve("110105").adcode());
        // both 鼓楼区 of 江苏 remain: the province alone does not decide
        CityResolutionException e = assertThrows(CityResolutionException.class, () -> TABLE.resolve("鼓楼区", "江苏"));
        assertEquals(2, e.candidates().size());
        assertTrue(assertThrows(CityResolutionException.class, () -> TABLE.resolve("昆山市", "浙江省"))
                .candidates().isEmpty());
    }

    @Test
    void divisionsDirectlyUnderAProvinceHaveNoParentCity() throws Exception {
        City jiyuan = TABLE.resolve("济源市");
        assertEquals("河南省", jiyuan.province());
        assertTrue(TABLE.parentCity(jiyuan).isEmpty());
        assertEquals("110000", TABLE.parentCity(TABLE.resolve("110105")).orElseThrow().adcode());
    }

    @Test
    void malformedRowIsNamedByLine() {
        String csv = CountyTable.HEADER + "\n320583,昆山市,昆山,崑山市,Kunshan,320500,苏州市,320000,江苏省,江苏,town\n";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CountyTable.parse(new BufferedReader(new StringReader(csv)), "t.csv"));
        assertTrue(e.getMessage().startsWith("t.csv:2: malformed county registry row (unknown level town)"),
                e.getMessage());
    }
}
