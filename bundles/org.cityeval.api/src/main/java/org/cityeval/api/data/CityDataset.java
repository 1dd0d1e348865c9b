package org.cityeval.api.data;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * City data read from one source: one record per city.
 *
 * @param source        file name or description, used in messages
 * @param valueColumns  the numeric columns, in source order
 * @param records       one per city, in source order
 */
@ProviderType
public record CityDataset(String source, List<String> valueColumns, List<CityRecord> records) {
    public CityDataset {
        valueColumns = List.copyOf(valueColumns);
        records = List.copyOf(records);
    }
}
