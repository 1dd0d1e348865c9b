package org.cityeval.io.internal;

import java.util.List;
import java.util.Optional;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;

/**
 * The county registry as the importers see it, with the city registry beside it so that a problem can name each
 * candidate's city: "朝阳区 (北京市, 110105) or 朝阳区 (吉林省长春市, 220104)".
 */
final class CountyUnits implements CityRegistry {
    private final CityRegistry counties;
    private final CityRegistry cities;

    CountyUnits(CityRegistry counties, CityRegistry cities) {
        this.counties = counties;
        this.cities = cities;
    }

    /** The message for a county name that fits none or several divisions. */
    String message(String name, CityResolutionException e) {
        List<City> candidates = e.candidates();
        if (candidates.isEmpty()) {
            return "unknown county '" + name + "' (the county registry has the 2,978 county-level divisions: districts, "
                    + "counties, county-level cities, banners; write the name, e.g. 昆山市, or its adcode)";
        }
        StringBuilder sb = new StringBuilder("ambiguous county '").append(name).append("': could be ");
        for (int i = 0; i < candidates.size(); i++) {
            City c = candidates.get(i);
            sb.append(i == 0 ? "" : " or ").append(c.name()).append(" (").append(within(c)).append(", ")
                    .append(c.adcode()).append(')');
        }
        City first = candidates.get(0);
        return sb.append("; write the city before the name (").append(qualifier(first)).append(first.name())
                .append(") or use the adcode").toString();
    }

    /** Province and city, as 吉林省长春市; a municipality or a division directly under its province: the province. */
    private String within(City c) {
        String parent = parentName(c);
        return parent == null || parent.equals(c.province()) ? c.province() : c.province() + parent;
    }

    private String qualifier(City c) {
        String parent = parentName(c);
        return parent == null ? c.province() : parent;
    }

    private String parentName(City c) {
        // the city registry knows 110100 (and the other municipalities' census codes) as the municipality itself
        return cities.byAdcode(c.adcode().substring(0, 4) + "00").map(City::name).orElse(null);
    }

    @Override
    public List<City> cities() {
        return counties.cities();
    }

    @Override
    public Optional<City> byAdcode(String adcode) {
        return counties.byAdcode(adcode);
    }

    @Override
    public City resolve(String key) throws CityResolutionException {
        return counties.resolve(key);
    }

    @Override
    public City resolve(String key, String province) throws CityResolutionException {
        return counties.resolve(key, province);
    }
}
