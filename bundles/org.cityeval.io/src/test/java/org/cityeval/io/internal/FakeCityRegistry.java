package org.cityeval.io.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;

/** Five real cities, enough for an ambiguous pinyin (Taizhou: 台州市 and 泰州市). */
final class FakeCityRegistry implements CityRegistry {
    static final City BEIJING = city("110000", "北京市", "北京", "北京市", "Beijing", "110000", "北京市", "北京");
    static final City SHANGHAI = city("310000", "上海市", "上海", "上海市", "Shanghai", "310000", "上海市", "上海");
    static final City TAIZHOU_JS = city("321200", "泰州市", "泰州", "泰州市", "Taizhou", "320000", "江苏省", "江苏");
    static final City HANGZHOU = city("330100", "杭州市", "杭州", "杭州市", "Hangzhou", "330000", "浙江省", "浙江");
    static final City TAIZHOU_ZJ = city("331000", "台州市", "台州", "臺州市", "Taizhou", "330000", "浙江省", "浙江");
    private static final List<City> ALL = List.of(BEIJING, SHANGHAI, TAIZHOU_JS, HANGZHOU, TAIZHOU_ZJ);

    private static City city(String adcode, String name, String shortName, String trad, String pinyin,
            String provinceAdcode, String province, String provinceShort) {
        boolean municipality = adcode.equals(provinceAdcode);
        return new City(adcode, name, shortName, trad, pinyin, provinceAdcode, province, provinceShort,
                municipality ? "municipality" : "prefecture_city", false, false, municipality);
    }

    @Override
    public List<City> cities() {
        return ALL;
    }

    @Override
    public Optional<City> byAdcode(String adcode) {
        return ALL.stream().filter(c -> c.adcode().equals(adcode)).findFirst();
    }

    @Override
    public City resolve(String key) throws CityResolutionException {
        return resolve(key, null);
    }

    @Override
    public City resolve(String key, String province) throws CityResolutionException {
        List<City> found = new ArrayList<>();
        for (City c : ALL) {
            if (key.equals(c.adcode()) || key.equals(c.name()) || key.equals(c.shortName())
                    || key.equals(c.nameTraditional()) || key.equalsIgnoreCase(c.pinyin())) {
                found.add(c);
            }
        }
        if (found.size() > 1 && province != null) {
            found.removeIf(c -> !province.equals(c.province()) && !province.equals(c.provinceShort())
                    && !province.equals(c.provinceAdcode()));
        }
        if (found.size() != 1) {
            throw new CityResolutionException(key, found);
        }
        return found.get(0);
    }
}
