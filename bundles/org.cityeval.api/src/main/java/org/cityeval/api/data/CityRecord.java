package org.cityeval.api.data;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One city's row of a dataset (one city and year when the data have years).
 *
 * @param city       the resolved city
 * @param row        the row in the source (header = 1), for messages
 * @param year       the year of the values, or {@code null} when the data have no year
 * @param values     numeric values keyed by column (indicator or variable id); missing values are absent. An
 *                   importer's {@link CompactValues} (the dataset's shared keys and one {@code double[]}) is kept
 *                   as it is; any other map is copied
 * @param attributes the other columns as text (e.g. a printed {@code tier})
 */
@ProviderType
public record CityRecord(City city, long row, Integer year, Map<String, Double> values, Map<String, String> attributes) {
    public CityRecord {
        values = values instanceof CompactValues ? values : Map.copyOf(values);
        attributes = Map.copyOf(attributes);
    }

    /** A record without a year. */
    public CityRecord(City city, long row, Map<String, Double> values, Map<String, String> attributes) {
        this(city, row, null, values, attributes);
    }
}
