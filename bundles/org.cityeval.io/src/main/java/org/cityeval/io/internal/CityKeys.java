package org.cityeval.io.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;

/**
 * Resolves the city of one row the same way for every importer: the adcode wins when given; a city name
 * given beside it must agree with it; a name alone is resolved by the registry, narrowed by the province
 * when one is given. Where a problem is reported is up to the importer (row and column for CSV, a JSON
 * path for JSON), so it passes a {@link Errors} that turns a key and a reason into its exception.
 */
final class CityKeys {
    private CityKeys() {
    }

    /** The identity key a problem is about. */
    enum Key { ADCODE, CITY, PROVINCE }

    /** Makes the importer's exception for a problem with one of the identity keys. */
    @FunctionalInterface
    interface Errors {
        BadInputException at(Key key, String reason);
    }

    /**
     * @param cities   the registry
     * @param adcode   the adcode, stripped and NFKC-normalised; empty when not given
     * @param name     the city name, stripped; empty when not given
     * @param province the province, stripped, or {@code null} when not given
     * @param errors   makes the exception for a problem
     * @return the one city the row means
     * @throws BadInputException for an unknown adcode, a name that does not match the adcode, or a name that
     *                           matches no city or several; the caller reports rows with neither key itself
     */
    static City resolve(CityRegistry cities, String adcode, String name, String province, Errors errors)
            throws BadInputException {
        if (cities instanceof FreeUnits free) {
            return free.unit(adcode, name, province);
        }
        if (!adcode.isEmpty()) {
            Optional<City> found = cities.byAdcode(adcode);
            if (found.isEmpty()) {
                throw errors.at(Key.ADCODE, "unknown adcode '" + adcode + "'");
            }
            City city = found.get();
            if (!name.isEmpty() && !namedAs(city, name)) {
                throw errors.at(Key.CITY, "city '" + name + "' does not match adcode " + adcode + ", which is "
                        + city.name());
            }
            return city;
        }
        try {
            return cities.resolve(name, province);
        } catch (CityResolutionException e) {
            if (province != null && e.candidates().isEmpty()) {
                List<City> elsewhere = named(cities, name);
                if (!elsewhere.isEmpty()) {
                    throw errors.at(Key.PROVINCE, provinceProblem(name, province, elsewhere));
                }
            }
            if (cities instanceof CountyUnits counties) {
                throw errors.at(Key.CITY, counties.message(name, e));
            }
            throw errors.at(Key.CITY, e.getMessage() + (e.candidates().isEmpty() ? encodingHint(cities, name) : ""));
        }
    }

    /** The cities a name means anywhere, whatever the province column says. */
    private static List<City> named(CityRegistry cities, String name) {
        try {
            return List.of(cities.resolve(name));
        } catch (CityResolutionException e) {
            return e.candidates();
        }
    }

    /**
     * The city exists, but not in the province given: either the province is written in traditional characters
     * (廣東省 for 广东省), or it is another province.
     */
    static String provinceProblem(String name, String province, List<City> elsewhere) {
        String simplified = simplified(province);
        if (!simplified.equals(province)) {
            for (City c : elsewhere) {
                if (inProvince(c, simplified)) {
                    return "province '" + province + "' is written in traditional characters: write it as '"
                            + c.province() + "' (simplified, as the city registry has it) or leave the province out";
                }
            }
        }
        StringBuilder where = new StringBuilder();
        for (City c : elsewhere) {
            where.append(where.length() == 0 ? "" : " or ").append(c.name()).append(" (").append(c.province())
                    .append(", ").append(c.adcode()).append(')');
        }
        return "province mismatch: city '" + name + "' is " + where + ", not in '" + province
                + "'; correct the province or leave it out";
    }

    private static boolean inProvince(City c, String province) {
        return province.equals(c.province()) || province.equals(c.provinceShort())
                || province.startsWith(c.provinceShort());
    }

    /** Traditional forms of the characters in province names (廣東 → 广东, 臺灣 → 台湾). */
    private static final String TRADITIONAL = "東廣龍遼寧維爾區貴雲慶灣臺蘇魯粵瓊陝陜肅門內閩贛藏壯們";
    private static final String SIMPLIFIED = "东广龙辽宁维尔区贵云庆湾台苏鲁粤琼陕陕肃门内闽赣藏壮们";

    static String simplified(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int at = TRADITIONAL.indexOf(c);
            sb.append(at >= 0 ? SIMPLIFIED.charAt(at) : c);
        }
        return sb.toString();
    }

    /**
     * A name no city has that becomes a city's name when its bytes are read as Big5 rather than as the encoding the
     * file was decoded with (GB18030 or UTF-8) comes from a Big5 file: say so, with the name it would have been.
     */
    static String encodingHint(CityRegistry cities, String name) {
        if (name.indexOf('\uFFFD') >= 0) {
            return " (the text is not valid in the file's encoding: re-save the file as UTF-8 or GBK)";
        }
        Charset big5;
        try {
            big5 = Charset.forName("Big5");
        } catch (RuntimeException e) {
            return "";
        }
        for (Charset read : new Charset[] { Charset.forName("GB18030"), StandardCharsets.UTF_8 }) {
            String asBig5 = new String(name.getBytes(read), big5);
            if (asBig5.equals(name) || asBig5.indexOf('\uFFFD') >= 0) {
                continue;
            }
            try {
                City city = cities.resolve(asBig5);
                return " (read as Big5 it would be '" + asBig5 + "', " + city.name() + ": the file looks Big5-encoded; "
                        + "re-save it as UTF-8 or GBK)";
            } catch (CityResolutionException e) {
                if (e.ambiguous()) {
                    return " (read as Big5 it would be '" + asBig5 + "': the file looks Big5-encoded; re-save it as "
                            + "UTF-8 or GBK)";
                }
            }
        }
        return "";
    }

    private static boolean namedAs(City city, String text) {
        return text.equals(city.name()) || text.equals(city.shortName()) || text.equals(city.nameTraditional())
                || text.equalsIgnoreCase(city.pinyin());
    }
}
