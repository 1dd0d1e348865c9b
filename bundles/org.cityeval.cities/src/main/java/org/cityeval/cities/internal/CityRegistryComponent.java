package org.cityeval.cities.internal;

import java.util.List;
import java.util.Optional;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;
import org.osgi.service.component.annotations.Component;

/**
 * The {@link CityRegistry} service, backed by the registry CSV shipped in this bundle.
 * <p>
 * The table is parsed when SCR constructs the component (a few milliseconds for 337 rows). A malformed
 * registry makes construction fail, so SCR logs the error with the offending line and no registry service
 * is offered, instead of one that silently lacks cities.
 */
@Component(service = CityRegistry.class)
public class CityRegistryComponent implements CityRegistry {
    private final CityTable table;

    /** Called by SCR. */
    public CityRegistryComponent() {
        this.table = CityTable.load();
    }

    @Override
    public List<City> cities() {
        return table.cities();
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
    public City resolve(String key, String province) throws CityResolutionException {
        return table.resolve(key, province);
    }
}
