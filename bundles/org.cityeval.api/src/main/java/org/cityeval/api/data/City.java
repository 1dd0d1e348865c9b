package org.cityeval.api.data;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A prefecture-level unit or municipality of the city registry.
 *
 * @param adcode            6-digit national division code
 * @param name              simplified name, e.g. 杭州市
 * @param shortName         short name, e.g. 杭州
 * @param nameTraditional   traditional name, e.g. 杭州市
 * @param pinyin            pinyin, e.g. Hangzhou
 * @param provinceAdcode    the province's code (a municipality is its own province)
 * @param province          the province's name
 * @param provinceShort     the province's short name
 * @param level             municipality, prefecture_city, autonomous_prefecture, league or region
 * @param subProvincial     a sub-provincial city
 * @param separatelyPlanned a separately planned city
 * @param provincialCapital a provincial capital
 */
@ProviderType
public record City(String adcode, String name, String shortName, String nameTraditional, String pinyin,
        String provinceAdcode, String province, String provinceShort, String level, boolean subProvincial,
        boolean separatelyPlanned, boolean provincialCapital) {
}
