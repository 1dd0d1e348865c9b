package org.cityeval.api.data;

import java.util.Map;

/**
 * One city's row of a dataset.
 *
 * @param city       the resolved city
 * @param row        the row in the source (header = 1), for messages
 * @param values     numeric values keyed by column (indicator id); missing values are absent
 * @param attributes the other columns as text (e.g. a printed {@code rank})
 */
public record CityRecord(City city, long row, Map<String, Double> values, Map<String, String> attributes) {
    public CityRecord {
        values = Map.copyOf(values);
        attributes = Map.copyOf(attributes);
    }
}
