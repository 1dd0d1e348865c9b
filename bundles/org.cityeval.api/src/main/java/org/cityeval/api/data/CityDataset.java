package org.cityeval.api.data;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * City data read from one source: one record per city.
 *
 * @param source        file name or description, used in messages
 * @param valueColumns  the numeric columns, in source order
 * @param records       one per city, in source order
 * @param columns       where each value column is in a tabular source (1 = the first column), so that a bad value
 *                      found later (a points value outside its node's range) is reported as {@code file:row:column};
 *                      empty when the source has no columns (JSON) or does not say
 */
@ProviderType
public record CityDataset(String source, List<String> valueColumns, List<CityRecord> records,
        Map<String, Integer> columns) {
    public CityDataset {
        valueColumns = List.copyOf(valueColumns);
        records = List.copyOf(records);
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    /** A dataset that does not say where its columns are. */
    public CityDataset(String source, List<String> valueColumns, List<CityRecord> records) {
        this(source, valueColumns, records, Map.of());
    }

    /**
     * @return {@code row:column} of a value (the column's position when known, else its name in quotes)
     */
    public String position(CityRecord record, String column) {
        Integer c = columns.get(column);
        return record.row() + ":" + (c != null ? c.toString() : "'" + column + "'");
    }
}
