package org.cityeval.http.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;

/**
 * The names the dashboard shows in English mode (issue 15): every city's pinyin from the city registry
 * ({@link City#pinyin()}) by adcode, and every province's pinyin by its name and short name. Results and the
 * registry name cities and provinces in Chinese; this table lets the dashboard render them in pinyin without
 * changing any result record.
 */
final class NameEndpoints {
    /** Province-level divisions by adcode prefix: the official romanisation (the provinces' own usage). */
    static final Map<String, String> PROVINCES = Map.ofEntries(Map.entry("11", "Beijing"), Map.entry("12", "Tianjin"),
            Map.entry("13", "Hebei"), Map.entry("14", "Shanxi"), Map.entry("15", "Inner Mongolia"),
            Map.entry("21", "Liaoning"), Map.entry("22", "Jilin"), Map.entry("23", "Heilongjiang"),
            Map.entry("31", "Shanghai"), Map.entry("32", "Jiangsu"), Map.entry("33", "Zhejiang"),
            Map.entry("34", "Anhui"), Map.entry("35", "Fujian"), Map.entry("36", "Jiangxi"), Map.entry("37", "Shandong"),
            Map.entry("41", "Henan"), Map.entry("42", "Hubei"), Map.entry("43", "Hunan"), Map.entry("44", "Guangdong"),
            Map.entry("45", "Guangxi"), Map.entry("46", "Hainan"), Map.entry("50", "Chongqing"),
            Map.entry("51", "Sichuan"), Map.entry("52", "Guizhou"), Map.entry("53", "Yunnan"), Map.entry("54", "Tibet"),
            Map.entry("61", "Shaanxi"), Map.entry("62", "Gansu"), Map.entry("63", "Qinghai"), Map.entry("64", "Ningxia"),
            Map.entry("65", "Xinjiang"), Map.entry("71", "Taiwan"), Map.entry("81", "Hong Kong"),
            Map.entry("82", "Macao"));

    private final Supplier<CityRegistry> registry;

    NameEndpoints(Supplier<CityRegistry> registry) {
        this.registry = registry;
    }

    /**
     * {@code GET /api/names}: {@code {"cities": {adcode: pinyin}, "provinces": {name: pinyin}}}, the province
     * table keyed by full and short name (浙江省 and 浙江); 503 without the city registry.
     */
    Object names(Call call) {
        CityRegistry cities = registry.get();
        if (cities == null) {
            throw HttpError.unavailable("the city registry is");
        }
        Map<String, String> city = new TreeMap<>();
        Map<String, String> province = new TreeMap<>();
        for (City c : cities.cities()) {
            if (c.pinyin() != null && !c.pinyin().isBlank()) {
                city.put(c.adcode(), c.pinyin());
            }
            String code = c.provinceAdcode() != null && c.provinceAdcode().length() >= 2 ? c.provinceAdcode()
                    : c.adcode();
            String p = code == null || code.length() < 2 ? null : PROVINCES.get(code.substring(0, 2));
            if (p != null) {
                if (c.province() != null) {
                    province.put(c.province(), p);
                }
                if (c.provinceShort() != null) {
                    province.put(c.provinceShort(), p);
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("cities", city);
        answer.put("provinces", province);
        return answer;
    }
}
