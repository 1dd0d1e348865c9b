package org.cityeval.io.internal;

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
    enum Key { ADCODE, CITY }

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
            throw errors.at(Key.CITY, e.getMessage());
        }
    }

    private static boolean namedAs(City city, String text) {
        return text.equals(city.name()) || text.equals(city.shortName()) || text.equals(city.nameTraditional())
                || text.equalsIgnoreCase(city.pinyin());
    }
}
