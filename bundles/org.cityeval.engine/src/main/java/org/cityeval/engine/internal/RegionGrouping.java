package org.cityeval.engine.internal;

import java.util.List;
import java.util.Map;

import org.cityeval.api.data.City;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.Rules;
import org.osgi.service.component.annotations.Component;

/**
 * {@code region}: the seven regions that Guomai's PSFT report groups cities by, from the first two digits
 * of the city's province code ({@link City#provinceAdcode()}):
 * <ul>
 * <li>华北 (North): 11 北京, 12 天津, 13 河北, 14 山西, 15 内蒙古</li>
 * <li>东北 (Northeast): 21 辽宁, 22 吉林, 23 黑龙江</li>
 * <li>华东 (East): 31 上海, 32 江苏, 33 浙江, 34 安徽, 35 福建, 36 江西, 37 山东</li>
 * <li>华中 (Central): 41 河南, 42 湖北, 43 湖南</li>
 * <li>华南 (South): 44 广东, 45 广西, 46 海南</li>
 * <li>西南 (Southwest): 50 重庆, 51 四川, 52 贵州, 53 云南, 54 西藏</li>
 * <li>西北 (Northwest): 61 陕西, 62 甘肃, 63 青海, 64 宁夏, 65 新疆</li>
 * </ul>
 * Anything else (71 台湾, 81 香港, 82 澳门, a missing code) is in no region. The rule takes no parameters.
 * <p>
 * Descriptor example:
 *
 * <pre>
 * "groups": [
 *   {"kind": "region", "name": {"zh": "区域梯队"}, "membership": "region",
 *    "tiers": {"rule": "rank-shares", "parameters": {"units": "regions"},
 *              "tiers": [{"id": "第一梯队", "count": 1}, {"id": "第二梯队", "count": 2},
 *                        {"id": "第三梯队", "count": 2}, {"id": "第四梯队"}]}}
 * ]
 * </pre>
 */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + RegionGrouping.NAME, Rules.PARAMETERS + "=" })
public class RegionGrouping implements GroupingRule {
    public static final String NAME = "region";

    static final String NORTH = "华北";
    static final String NORTHEAST = "东北";
    static final String EAST = "华东";
    static final String CENTRAL = "华中";
    static final String SOUTH = "华南";
    static final String SOUTHWEST = "西南";
    static final String NORTHWEST = "西北";

    /** The regions in the order the report lists them. */
    static final List<String> REGIONS = List.of(NORTH, NORTHEAST, EAST, CENTRAL, SOUTH, SOUTHWEST, NORTHWEST);

    private static final Map<String, String> BY_PREFIX = Map.ofEntries(
            Map.entry("11", NORTH), Map.entry("12", NORTH), Map.entry("13", NORTH), Map.entry("14", NORTH),
            Map.entry("15", NORTH),
            Map.entry("21", NORTHEAST), Map.entry("22", NORTHEAST), Map.entry("23", NORTHEAST),
            Map.entry("31", EAST), Map.entry("32", EAST), Map.entry("33", EAST), Map.entry("34", EAST),
            Map.entry("35", EAST), Map.entry("36", EAST), Map.entry("37", EAST),
            Map.entry("41", CENTRAL), Map.entry("42", CENTRAL), Map.entry("43", CENTRAL),
            Map.entry("44", SOUTH), Map.entry("45", SOUTH), Map.entry("46", SOUTH),
            Map.entry("50", SOUTHWEST), Map.entry("51", SOUTHWEST), Map.entry("52", SOUTHWEST),
            Map.entry("53", SOUTHWEST), Map.entry("54", SOUTHWEST),
            Map.entry("61", NORTHWEST), Map.entry("62", NORTHWEST), Map.entry("63", NORTHWEST),
            Map.entry("64", NORTHWEST), Map.entry("65", NORTHWEST));

    @Override
    public List<String> groupsOf(City city) {
        String code = city.provinceAdcode();
        if (code == null || code.length() < 2) {
            return List.of();
        }
        String region = BY_PREFIX.get(code.substring(0, 2));
        return region == null ? List.of() : List.of(region);
    }
}
