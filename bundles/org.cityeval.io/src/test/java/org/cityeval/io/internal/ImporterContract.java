package org.cityeval.io.internal;

import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.spi.DatasetImporter;

/**
 * What every importer promises for any input, checked by the fuzz tests: the input is read into a sound
 * dataset, or refused with a {@link BadInputException} that names the file and, where it has one, a
 * position a user can go to. Anything else the importer throws (an unchecked exception, a
 * {@link StackOverflowError}, an {@link OutOfMemoryError}) escapes and is Jazzer's finding; so is an
 * {@link AssertionError} from a broken promise below.
 */
final class ImporterContract {
    /** Longer inputs are not tried: they find nothing short ones do not and slow every run down. */
    static final int MAX_INPUT = 1 << 16;

    /**
     * The real registry (337 cities), as the importers meet it at run time: the cities bundle (a test
     * dependency) names its implementation in META-INF/services, so it is found through the API type and no
     * internal class of another bundle is compiled against.
     */
    static final CityRegistry CITIES = ServiceLoader.load(CityRegistry.class).findFirst()
            .orElseThrow(() -> new IllegalStateException("no CityRegistry on the test class path (org.cityeval.cities)"));

    /** {@code row} or {@code row:column}, both from 1. */
    private static final Pattern ROW_COLUMN = Pattern.compile("[1-9][0-9]*(:[1-9][0-9]*)?");

    /** Where a refusal of each format points. */
    enum Positions {
        /** CSV: a row and a field; only a file with no text at all has no position. */
        CSV,
        /** XLSX: a cell, or nothing for the archive and the workbook parts. */
        XLSX,
        /** JSON: a JSON path into the data, or line:column of a syntax error. */
        JSON
    }

    private ImporterContract() {
    }

    static void check(DatasetImporter importer, String name, byte[] input, Positions positions) {
        CityDataset dataset;
        try {
            dataset = importer.read(name, new ByteArrayInputStream(input), CITIES);
        } catch (BadInputException e) {
            refused(e, name, positions);
            return;
        }
        sound(dataset, name);
    }

    private static void refused(BadInputException e, String name, Positions positions) {
        String position = e.position();
        require(name.equals(e.source()), e, "the refusal does not name the file");
        require(e.reason() != null && !e.reason().isBlank(), e, "the refusal gives no reason");
        require(e.getMessage().startsWith(name + ":"), e, "the message does not start with the file name");
        switch (positions) {
            case CSV -> require(position == null ? e.reason().startsWith("empty file")
                    : ROW_COLUMN.matcher(position).matches(), e, "a CSV refusal without a row and column");
            case XLSX -> require(position == null || ROW_COLUMN.matcher(position).matches(), e,
                    "an XLSX refusal with a position that is no cell");
            case JSON -> require(position == null ? e.reason().startsWith("empty")
                    : position.startsWith("$") || ROW_COLUMN.matcher(position).matches(), e,
                    "a JSON refusal without a JSON path or line and column");
        }
    }

    private static void sound(CityDataset dataset, String name) {
        require(dataset != null, null, "read returned null");
        require(name.equals(dataset.source()), null, "the dataset does not name its file: " + dataset.source());
        List<String> columns = dataset.valueColumns();
        Set<String> lower = new HashSet<>();
        for (String c : columns) {
            require(c != null && !c.isBlank(), null, "a blank value column in " + columns);
            require(lower.add(c.toLowerCase(Locale.ROOT)), null, "value column '" + c + "' twice in " + columns);
        }
        require(!dataset.records().isEmpty(), null, "a dataset without records");
        Set<String> cityYears = new HashSet<>();
        for (CityRecord r : dataset.records()) {
            require(r.city() != null, null, "a record without a city");
            require(CITIES.byAdcode(r.city().adcode()).isPresent(), null, "a city not in the registry: " + r.city());
            require(r.row() >= 1, null, "a record at row " + r.row());
            require(r.year() == null || r.year() >= 1900 && r.year() <= 2100, null, "year " + r.year());
            require(cityYears.add(r.city().adcode() + "/" + r.year()), null,
                    "two records for " + r.city().name() + " " + r.year());
            for (Map.Entry<String, Double> v : r.values().entrySet()) {
                require(columns.contains(v.getKey()), null, "value '" + v.getKey() + "' is in no column of " + columns);
                require(Double.isFinite(v.getValue()), null, "value " + v.getKey() + " = " + v.getValue());
            }
        }
    }

    private static void require(boolean ok, BadInputException e, String what) {
        if (!ok) {
            throw new AssertionError(what + (e == null ? "" : ": " + e.getMessage()), e);
        }
    }
}
