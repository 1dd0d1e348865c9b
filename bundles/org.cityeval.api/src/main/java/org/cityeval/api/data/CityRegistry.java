package org.cityeval.api.data;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The city registry: resolves what people write for a city to one registry entry.
 * <p>
 * Example: {@code registry.resolve("Hangzhou")}, {@code resolve("杭州")}, {@code resolve("330100")} all
 * give 杭州市; {@code resolve("Taizhou")} throws, listing 台州市 and 泰州市.
 */
@ProviderType
public interface CityRegistry {

    /** @return all cities, in adcode order */
    List<City> cities();

    /** @return the city with this adcode, if any */
    Optional<City> byAdcode(String adcode);

    /**
     * Resolves an adcode, simplified, traditional or short name, or pinyin (case-insensitive).
     *
     * @param key what the data say
     * @return the one matching city
     * @throws CityResolutionException when no city or more than one city matches
     */
    City resolve(String key) throws CityResolutionException;

    /**
     * As {@link #resolve(String)}, narrowed to a province (its name, short name or adcode) when the key
     * alone is ambiguous.
     */
    City resolve(String key, String province) throws CityResolutionException;
}
