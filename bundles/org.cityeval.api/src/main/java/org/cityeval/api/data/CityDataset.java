package org.cityeval.api.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * @param sources       where each value came from (see {@link #source(City, Integer, String)});
 *                      {@link ValueSources#NONE} when the source says no more than {@code columns} and the records'
 *                      rows (since 1.2)
 */
@ProviderType
public record CityDataset(String source, List<String> valueColumns, List<CityRecord> records,
        Map<String, Integer> columns, ValueSources sources) {
    public CityDataset {
        valueColumns = List.copyOf(valueColumns);
        records = List.copyOf(records);
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        sources = sources == null ? ValueSources.NONE : sources;
    }

    /** A dataset whose values are where their records and columns say, with no notes. */
    public CityDataset(String source, List<String> valueColumns, List<CityRecord> records, Map<String, Integer> columns) {
        this(source, valueColumns, records, columns, ValueSources.NONE);
    }

    /** A dataset that does not say where its columns are. */
    public CityDataset(String source, List<String> valueColumns, List<CityRecord> records) {
        this(source, valueColumns, records, Map.of());
    }

    /**
     * @return {@code row:column} of a value (the column's position when known, else its name in quotes)
     */
    public String position(CityRecord record, String column) {
        ValueSource s = merged(record, column);
        if (s != null && s.row() > 0) { // a merge's value is where its own input has it
            return s.row() + ":" + (s.column() > 0 ? Integer.toString(s.column()) : "'" + column + "'");
        }
        Integer c = columns.get(column);
        return record.row() + ":" + (c != null ? c.toString() : "'" + column + "'");
    }

    /**
     * @return the file a value was read from, for messages beside {@link #position}: the dataset's source, or for a
     *         merge of several inputs the value's own file (so that a bad value is reported where it can be
     *         corrected)
     * @since 1.2
     */
    public String file(CityRecord record, String column) {
        ValueSource s = merged(record, column);
        return s != null ? s.file() : source;
    }

    private ValueSource merged(CityRecord record, String column) {
        return sources.inputs().size() > 1 ? source(record.city(), record.year(), column).orElse(null) : null;
    }

    /**
     * Where a value came from: file, sheet, row, column and the note the file gave for it. Example:
     * {@code data.source(hangzhou, 2023, "gdp").map(ValueSource::position)}.
     *
     * @param year   the record's year, or {@code null} for data without years
     * @param column a value column
     * @return empty when the dataset has no value for this city, year and column
     * @since 1.2
     */
    public Optional<ValueSource> source(City city, Integer year, String column) {
        int c = valueColumns.indexOf(column);
        if (c < 0) {
            return Optional.empty();
        }
        for (int r = 0; r < records.size(); r++) {
            CityRecord record = records.get(r);
            if (record.city().adcode().equals(city.adcode()) && Objects.equals(record.year(), year)) {
                return record.values().containsKey(column) ? Optional.of(sources.lookup(this, r, c, column))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * @param record an index into {@link #records()}
     * @return where that record's value of a column came from, or empty when it has none
     * @since 1.2
     */
    public Optional<ValueSource> source(int record, String column) {
        int c = valueColumns.indexOf(column);
        return c < 0 || !records.get(record).values().containsKey(column) ? Optional.empty()
                : Optional.of(sources.lookup(this, record, c, column));
    }
}
