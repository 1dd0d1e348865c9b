package org.cityeval.engine.internal;

import static org.cityeval.engine.internal.Fixtures.city;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cityeval.api.data.City;
import org.junit.jupiter.api.Test;

class RegionGroupingTest {
    private final RegionGrouping rule = new RegionGrouping();

    private String regionOf(String adcode, String name, String province) {
        List<String> groups = rule.groupsOf(city(adcode, name, province, false));
        assertTrue(groups.size() <= 1, "at most one region");
        return groups.isEmpty() ? null : groups.get(0);
    }

    @Test
    void north() {
        assertEquals("华北", regionOf("110000", "北京市", "北京市"));
        assertEquals("华北", regionOf("120000", "天津市", "天津市"));
        assertEquals("华北", regionOf("130100", "石家庄市", "河北省"));
        assertEquals("华北", regionOf("140100", "太原市", "山西省"));
        assertEquals("华北", regionOf("152500", "锡林郭勒盟", "内蒙古自治区"));
    }

    @Test
    void northeast() {
        assertEquals("东北", regionOf("210200", "大连市", "辽宁省"));
        assertEquals("东北", regionOf("222400", "延边朝鲜族自治州", "吉林省"));
        assertEquals("东北", regionOf("232700", "大兴安岭地区", "黑龙江省"));
    }

    @Test
    void east() {
        assertEquals("华东", regionOf("310000", "上海市", "上海市"));
        assertEquals("华东", regionOf("320500", "苏州市", "江苏省"));
        assertEquals("华东", regionOf("330100", "杭州市", "浙江省"));
        assertEquals("华东", regionOf("340100", "合肥市", "安徽省"));
        assertEquals("华东", regionOf("350200", "厦门市", "福建省"));
        assertEquals("华东", regionOf("360100", "南昌市", "江西省"));
        assertEquals("华东", regionOf("370200", "青岛市", "山东省"));
    }

    @Test
    void central() {
        assertEquals("华中", regionOf("410100", "郑州市", "河南省"));
        assertEquals("华中", regionOf("420100", "武汉市", "湖北省"));
        assertEquals("华中", regionOf("433100", "湘西土家族苗族自治州", "湖南省"));
    }

    @Test
    void south() {
        assertEquals("华南", regionOf("440300", "深圳市", "广东省"));
        assertEquals("华南", regionOf("450100", "南宁市", "广西壮族自治区"));
        assertEquals("华南", regionOf("460200", "三亚市", "海南省"));
    }

    @Test
    void southwest() {
        assertEquals("西南", regionOf("500000", "重庆市", "重庆市"));
        assertEquals("西南", regionOf("510100", "成都市", "四川省"));
        assertEquals("西南", regionOf("520100", "贵阳市", "贵州省"));
        assertEquals("西南", regionOf("530100", "昆明市", "云南省"));
        assertEquals("西南", regionOf("540100", "拉萨市", "西藏自治区"));
    }

    @Test
    void northwest() {
        assertEquals("西北", regionOf("610100", "西安市", "陕西省"));
        assertEquals("西北", regionOf("620100", "兰州市", "甘肃省"));
        assertEquals("西北", regionOf("630100", "西宁市", "青海省"));
        assertEquals("西北", regionOf("640100", "银川市", "宁夏回族自治区"));
        assertEquals("西北", regionOf("650100", "乌鲁木齐市", "新疆维吾尔自治区"));
    }

    @Test
    void taiwanHongKongAndMacauAreInNoRegion() {
        assertEquals(null, regionOf("710000", "台湾省", "台湾省"));
        assertEquals(null, regionOf("810000", "香港特别行政区", "香港特别行政区"));
        assertEquals(null, regionOf("820000", "澳门特别行政区", "澳门特别行政区"));
    }

    @Test
    void theProvinceCodeDecidesNotTheCityCode() {
        City odd = new City("999999", "某市", "某", "某市", "mou", "330000", "浙江省", "浙江", "prefecture_city", false,
                false, false);
        assertEquals(List.of("华东"), rule.groupsOf(odd));
        City noProvince = new City("330100", "杭州市", "杭州", "杭州市", "Hangzhou", null, null, null,
                "prefecture_city", false, false, true);
        assertEquals(List.of(), rule.groupsOf(noProvince));
    }

    @Test
    void sevenRegions() {
        assertEquals(List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北"), RegionGrouping.REGIONS);
    }
}
