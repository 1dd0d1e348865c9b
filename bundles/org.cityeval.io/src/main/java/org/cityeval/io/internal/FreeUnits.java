package org.cityeval.io.internal;

import java.util.List;
import java.util.Optional;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;

/**
 * Free units: no registry. Each row's code (the {@code code} or {@code adcode} column) is the unit, whatever it
 * is ({@code FRA}, {@code unit-07}); its name is the {@code name} column, or the code. Such units have no province
 * or region: a model that groups its units cannot take them (the descriptor parser refuses the combination).
 */
final class FreeUnits implements CityRegistry {
    static final FreeUnits INSTANCE = new FreeUnits();

    /** The level a free unit carries. */
    static final String LEVEL = "free";

    private FreeUnits() {
    }

    /** The unit of one row: keyed by the code when given, else by the name. */
    City unit(String code, String name, String province) {
        String key = code.isEmpty() ? name : code;
        String shown = name.isEmpty() ? code : name;
        String p = province == null ? "" : province;
        return new City(key, shown, shown, shown, shown, "", p, p, LEVEL, false, false, false);
    }

    @Override
    public List<City> cities() {
        return List.of();
    }

    @Override
    public Optional<City> byAdcode(String adcode) {
        return Optional.of(unit(adcode, "", null));
    }

    @Override
    public City resolve(String key) {
        return unit("", key, null);
    }

    @Override
    public City resolve(String key, String province) throws CityResolutionException {
        return unit("", key, province);
    }
}
