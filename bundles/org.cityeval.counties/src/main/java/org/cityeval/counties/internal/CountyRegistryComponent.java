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
 * <p>
 * The table of 2,978 divisions is read at the first lookup, not when SCR activates the component: the dataset
 * reader binds this registry at every start, and most commands (every city-level model) never ask it anything,
 * so reading it there was a noticeable part of a one-shot command's start-up (docs/benchmarks.md).
 */
@Component(service = CityRegistry.class, property = { "cityeval.units=county", "service.ranking:Integer=-100" })
public class CountyRegistryComponent implements CityRegistry {
    private volatile CountyTable table;

    /** Called by SCR. */
    public CountyRegistryComponent() {
    }

    /** The table, read once, at the first call. */
    CountyTable table() {
        CountyTable t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    table = t = CountyTable.load();
                }
            }
        }
        return t;
    }

    @Override
    public List<City> cities() {
        return table().counties();
    }

    @Override
    public Optional<City> byAdcode(String adcode) {
        return table().byAdcode(adcode);
    }

    @Override
    public City resolve(String key) throws CityResolutionException {
        return table().resolve(key);
    }

    @Override
    public City resolve(String key, String within) throws CityResolutionException {
        return table().resolve(key, within);
    }
}
