package org.cityeval.counties.internal;

import java.util.List;
import java.util.Optional;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;
import org.osgi.service.component.annotations.Component;

/**
 * The county-level {@link CityRegistry}, registered with {@code cityeval.units=county} so that only consumers
 * asking for county units get it, and ranked below the city registry so that a plain lookup of
 * {@code CityRegistry} still finds the 337 cities.
 */
@Component(service = CityRegistry.class, property = { "cityeval.units=county", "service.ranking:Integer=-100" })
public class CountyRegistryComponent implements CityRegistry {
    private final CountyTable table;

    /** Called by SCR. */
    public CountyRegistryComponent() {
        this.table = CountyTable.load();
    }

    @Override
    public List<City> cities() {
        return table.counties();
    }

    @Override
    public Optional<City> byAdcode(String adcode) {
        return table.byAdcode(adcode);
    }

    @Override
    public City resolve(String key) throws CityResolutionException {
        return table.resolve(key);
    }

    @Override
    public City resolve(String key, String within) throws CityResolutionException {
        return table.resolve(key, within);
    }
}
