package org.cityeval.io.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CompactValues;
import org.cityeval.api.data.ValueKeys;
import org.cityeval.api.data.ValueSources;

/**
 * Reads a table of text cells, from a CSV file or a worksheet ({@link TableRows}), into a city dataset.
 * Everything about what a table means is here, once: the header, the two layouts, cities, years and
 * numbers. The first non-blank row is the header; blank rows are skipped everywhere. Column names are
 * stripped and compared case-insensitively; attribute keys are the lower-case names.
 *
 * <h2>Wide layout: one row per city (and year)</h2>
 * {@code adcode,city,province,year,city_type,tier,gdp,digital_support}: {@code adcode} and/or {@code city}
 * (or {@code name}) identify the city, {@code province} narrows an ambiguous name, {@code city_type},
 * {@code tier}, {@code note}, {@code notes} and {@code source} are text, and so is a column whose name ends in
 * {@code :source} or {@code :note} (a collection form's {@code gdp:source} beside {@code gdp}); all these are kept as
 * attributes, under their lower-case names.
 * An optional {@code year} column (an integer from 1900 to 2100) gives {@link CityRecord#year()}; every
 * other column is numeric. A city appears once, or once per year with a year column.
 *
 * <h2>Long layout: one row per observation</h2>
 * A header with both {@code variable} and {@code value} columns, e.g. {@code adcode,year,variable,value,
 * source}: each row is one value of one variable for one city (and year). Rows are pivoted to one record
 * per city and year, in the order they first appear, whose row is that first row; its values are keyed by
 * variable (compared case-insensitively, spelled as first seen), and the value columns of the dataset are
 * the variables in first-seen order. Besides the identity columns and {@code year}, only text columns are
 * allowed: {@code source}, {@code note} and {@code notes} describe the value of their row and are kept as
 * attributes {@code <column>:<variable>}, e.g. {@code source:gdp}; {@code city_type} and {@code tier}
 * describe the city, are kept under their name, and must not differ between the rows of a city and year.
 * The identity columns are not copied into the attributes (the rows of one city may spell it differently;
 * {@link CityRecord#city()} is what they mean), so records with the same sources share one attribute map.
 * Each value's row is kept in the dataset's {@link ValueSources}.
 * A (city, year, variable) given twice is an error at the second row's value. A
 * {@code variable} column without a {@code value} column is an error; a {@code value} column without a
 * {@code variable} column is an ordinary numeric column named "value".
 *
 * <h2>Per-value sources</h2>
 * In the wide layout a column named {@code V:source} (or {@code V:note}, {@code V:notes}) beside value column
 * {@code V} holds the source or note of that row's value of {@code V} (the collection forms' convention); it is kept
 * in the dataset's {@link ValueSources} with the value's file, sheet, row and column, not as an attribute. A
 * {@code V:source} column without a column {@code V} is an error at its header cell.
 *
 * <h2>Cells</h2>
 * Numbers as {@link Numbers} reads them ({@code 1,234.5}, {@code 12.5%}, full-width digits; {@code —},
 * {@code -}, {@code N/A} and empty cells are missing); cities as {@link CityKeys} resolves them. Every
 * problem is a {@link BadInputException} at {@code row:column} of the table, and the first one ends the
 * read.
 * <p>
 * The row loop allocates little per cell (the cell text); values are kept as {@link CompactValues}: one
 * {@link ValueKeys} per dataset and one {@code double[]} per record (NaN: missing). A long table
 * is pivoted into primitive arrays, with the city of the previous row and the pivot of the previous row
 * reused when they repeat, as they do in a sorted file.
 */
final class TableReader {

    /** TEXT describes the city (tier), NOTE a value (source); in a wide table both are plain attributes. */
    private enum Kind { ADCODE, CITY, PROVINCE, YEAR, VARIABLE, VALUE, TEXT, NOTE, NUMBER, VALUE_NOTE }

    /** The suffixes of a per-value source column, {@code gdp:source}. */
    private static final List<String> VALUE_NOTE_SUFFIXES = List.of(":source", ":note", ":notes");

    private final String source;
    private final TableRows rows;
    private final CityRegistry cities;
    private final boolean padded;

    // the header
    private String[] names;
    private String[] keys;
    private Kind[] kinds;
    private int adcodeCol = -1;
    private int cityCol = -1;
    private int provinceCol = -1;
    private int yearCol = -1;
    private int variableCol = -1;
    private int valueCol = -1;
    /** By column: for a {@code V:source} column, the index of {@code V} among the value columns; else -1. */
    private int[] notedValue;
    private ValueSources sources = ValueSources.NONE;

    // the current row
    private List<String> cells;
    private long row;

    // the city and year of the previous row, reused when the next row says the same
    private String lastAdcode;
    private String lastName;
    private String lastProvince;
    private City lastCity;
    private String lastYearText;
    private Integer lastYear;

    /** A check of each number read, at its cell: a collection form's allowed ranges. */
    interface CellCheck {
        /** @param row and {@code column}: 1-based, the sheet's; {@code name}: the column's or variable's */
        void check(long row, int column, double value, String name) throws BadInputException;
    }

    private CellCheck check;

    /** @param check called with every number read, before it is kept; it refuses by throwing */
    TableReader check(CellCheck check) {
        this.check = check;
        return this;
    }

    // values kept so far, against the limit: checked as each value is read, so an oversized table stops there
    private final DatasetLimits limits;
    private long valueCount;

    TableReader(String source, TableRows rows, CityRegistry cities) {
        this(source, rows, cities, DatasetLimits.DEFAULTS);
    }

    TableReader(String source, TableRows rows, CityRegistry cities, DatasetLimits limits) {
        this.source = source;
        this.rows = rows;
        this.cities = cities;
        this.padded = rows.shortRowsPadded();
        this.limits = limits;
    }

    /** Counts one more value, at {@code column} of the current row. */
    private void counted(int column) throws BadInputException {
        if (++valueCount > limits.maxValues()) {
            throw error(column, limits.tooManyValues());
        }
    }

    CityDataset read() throws IOException, BadInputException {
        if (!nextNonBlankRow()) {
            throw new BadInputException(source, null, "empty file: no header row and no data");
        }
        long headerRow = row;
        boolean longLayout = header();
        List<CityRecord> records = new ArrayList<>();
        List<String> valueColumns = longLayout ? readLong(records) : readWide(records);
        if (records.isEmpty()) {
            throw BadInputException.at(source, headerRow, 0,
                    "empty file: the header is there but no data rows follow");
        }
        // where each value sits, for errors found once the model is known (a points value out of range)
        Map<String, Integer> positions = new HashMap<>();
        for (String column : valueColumns) {
            int at = longLayout ? valueCol : java.util.Arrays.asList(names).indexOf(column);
            if (at >= 0) {
                positions.put(column, at + 1);
            }
        }
        return new CityDataset(source, valueColumns, records, positions, sources);
    }

    // ---------------------------------------------------------------------------------------------- rows

    /** Moves to the next row with a non-blank cell. */
    private boolean nextNonBlankRow() throws IOException, BadInputException {
        while (rows.next()) {
            List<String> c = rows.cells();
            for (int i = 0, n = c.size(); i < n; i++) {
                if (!c.get(i).isBlank()) {
                    cells = c;
                    row = rows.row();
                    return true;
                }
            }
        }
        return false;
    }

    /** Cell {@code i} of the current row, stripped; empty beyond the row's last cell. */
    private String cell(int i) {
        return i < cells.size() ? cells.get(i).strip() : "";
    }

    private BadInputException error(int column, String reason) {
        return BadInputException.at(source, row, column + 1, reason);
    }

    private void checkWidth() throws BadInputException {
        int have = cells.size();
        int want = names.length;
        if (padded) {
            for (int i = want; i < have; i++) {
                if (!cells.get(i).isBlank()) {
                    throw error(i, "a value in column " + (i + 1) + " but the header has " + want
                            + " columns; give the column a name or move the value");
                }
            }
            return;
        }
        if (have > want) {
            throw error(want, "this row has " + have + " fields but the header has " + want + " columns; column "
                    + (want + 1) + " is extra");
        }
        if (have < want) {
            throw error(have, "this row has " + have + " fields but the header has " + want + " columns; column '"
                    + names[have] + "' is missing");
        }
    }

    // -------------------------------------------------------------------------------------------- header

    /** @return true for the long layout */
    private boolean header() throws BadInputException {
        int n = cells.size();
        names = new String[n];
        keys = new String[n];
        kinds = new Kind[n];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = cell(i);
            if (name.isEmpty()) {
                throw error(i, "empty column name in the header");
            }
            String key = name.toLowerCase(Locale.ROOT);
            Integer other = seen.putIfAbsent(key, i + 1);
            if (other != null) {
                throw error(i, "duplicate column '" + name + "' (also column " + other + ")");
            }
            names[i] = name;
            keys[i] = key;
            switch (key) {
                case "adcode", "code" -> {
                    if (adcodeCol >= 0) {
                        throw error(i, "columns '" + names[adcodeCol] + "' and '" + name + "' both give the code;"
                                + " keep one");
                    }
                    kinds[i] = Kind.ADCODE;
                    adcodeCol = i;
                }
                case "city", "name", "county" -> {
                    if (cityCol >= 0) {
                        throw error(i, "columns '" + names[cityCol] + "' and '" + name + "' both name the city;"
                                + " keep one");
                    }
                    kinds[i] = Kind.CITY;
                    cityCol = i;
                }
                case "province" -> {
                    kinds[i] = Kind.PROVINCE;
                    provinceCol = i;
                }
                case "year" -> {
                    kinds[i] = Kind.YEAR;
                    yearCol = i;
                }
                case "variable" -> {
                    kinds[i] = Kind.VARIABLE;
                    variableCol = i;
                }
                case "value" -> {
                    kinds[i] = Kind.VALUE;
                    valueCol = i;
                }
                case "city_type", "tier" -> kinds[i] = Kind.TEXT;
                case "note", "notes", "source" -> kinds[i] = Kind.NOTE;
                default -> kinds[i] = VALUE_NOTE_SUFFIXES.stream().anyMatch(key::endsWith)
                        && key.indexOf(':') > 0 ? Kind.VALUE_NOTE : Kind.NUMBER;
            }
        }
        if (adcodeCol < 0 && cityCol < 0) {
            throw BadInputException.at(source, row, 0,
                    "no 'adcode' or 'city' column; the header has: " + String.join(", ", names));
        }
        if (variableCol >= 0 && valueCol < 0) {
            throw error(variableCol, "a 'variable' column but no 'value' column: a long table has one value per"
                    + " row, in a column named 'value'");
        }
        boolean longLayout = variableCol >= 0;
        if (!longLayout && valueCol >= 0) {
            kinds[valueCol] = Kind.NUMBER; // a wide table may have a variable named "value"
        }
        for (int i = 0; longLayout && i < n; i++) {
            if (kinds[i] == Kind.NUMBER || kinds[i] == Kind.VALUE_NOTE) {
                throw error(i, "column '" + names[i] + "' in a long table: with 'variable' and 'value' columns each"
                        + " row holds one value; other columns may only be adcode, city or name, province, year,"
                        + " source, note, notes, city_type or tier");
            }
        }
        return longLayout;
    }

    // -------------------------------------------------------------------------------------- wide layout

    private List<String> readWide(List<CityRecord> records) throws IOException, BadInputException {
        List<String> valueColumns = new ArrayList<>();
        int numbers = 0;
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == Kind.NUMBER) {
                valueColumns.add(names[i]);
                numbers++;
            }
        }
        ValueKeys valueKeys = ValueKeys.of(valueColumns); // one key index for every record
        double[] buffer = new double[numbers];
        ValueSources.Builder noted = valueNotes(valueColumns);
        Map<String, Long> firstRow = new HashMap<>();
        while (nextNonBlankRow()) {
            checkWidth();
            City city = city();
            Integer year = yearCol < 0 ? null : year();
            Long first = firstRow.putIfAbsent(year == null ? city.adcode() : city.adcode() + '/' + year, row);
            if (first != null) {
                throw error(keyColumn(), (year == null ? "duplicate city " + city.name()
                        : "duplicate city-year " + city.name() + " " + year) + " (first at row " + first + ")");
            }
            Map<String, String> attributes = new HashMap<>();
            int n = 0;
            for (int i = 0; i < kinds.length; i++) {
                Kind kind = kinds[i];
                if (kind == Kind.YEAR) {
                    continue;
                }
                String cell = cell(i);
                if (kind == Kind.VALUE_NOTE) {
                    if (!cell.isEmpty()) {
                        noted.note(records.size(), notedValue[i], cell);
                    }
                    continue;
                }
                if (kind != Kind.NUMBER) {
                    if (!cell.isEmpty()) {
                        attributes.put(keys[i], cell);
                    }
                    continue;
                }
                Double value = number(i, cell, null);
                if (value != null) {
                    counted(i);
                }
                buffer[n++] = value == null ? Double.NaN : value;
            }
            records.add(new CityRecord(city, row, year, valueKeys.values(buffer), attributes));
        }
        sources = noted.build();
        return valueColumns;
    }

    /** Matches each {@code V:source} column to value column {@code V}; the index is kept for the rows. */
    private ValueSources.Builder valueNotes(List<String> valueColumns) throws BadInputException {
        notedValue = new int[kinds.length];
        Arrays.fill(notedValue, -1);
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] != Kind.VALUE_NOTE) {
                continue;
            }
            String target = keys[i].substring(0, keys[i].lastIndexOf(':')).strip();
            for (int v = 0; v < valueColumns.size(); v++) {
                if (valueColumns.get(v).toLowerCase(Locale.ROOT).equals(target)) {
                    notedValue[i] = v;
                }
            }
            if (notedValue[i] < 0) {
                throw error(i, "column '" + names[i] + "' gives the source of a column '"
                        + names[i].substring(0, names[i].lastIndexOf(':')) + "' that is not in the header");
            }
        }
        return ValueSources.builder(valueColumns.size(), source, source, rows.sheet());
    }

    // -------------------------------------------------------------------------------------- long layout

    /** One city and year of a long table, while its rows are read. */
    private static final class Pivot {
        private static final double[] NO_VALUES = {};
        private static final int[] NO_ROWS = {};

        final City city;
        final Integer year;
        final long row;
        /** By variable index: the value (NaN when the row gave none) and its row (0: no row yet). */
        double[] values = NO_VALUES;
        int[] rows = NO_ROWS;
        /** By note column, then variable index; null until a note is given. */
        final String[][] notes;
        /** By city text column: the text and the row that gave it first. */
        final String[] texts;
        final long[] textRows;

        Pivot(City city, Integer year, long row, int noteColumns, int textColumns) {
            this.city = city;
            this.year = year;
            this.row = row;
            this.notes = new String[noteColumns][];
            this.texts = new String[textColumns];
            this.textRows = new long[textColumns];
        }

        /** @return the row that already gave this variable, or 0 */
        long rowOf(int variable) {
            return variable < rows.length ? rows[variable] : 0;
        }

        void put(int variable, double value, long row) {
            if (variable >= values.length) {
                int size = Math.max(variable + 1, values.length + (values.length >> 1) + 4);
                values = Arrays.copyOf(values, size);
                rows = Arrays.copyOf(rows, size);
            }
            values[variable] = value;
            rows[variable] = (int) Math.min(row, Integer.MAX_VALUE);
        }

        void note(int column, int variable, String text) {
            String[] t = notes[column];
            if (t == null || variable >= t.length) {
                notes[column] = t = Arrays.copyOf(t == null ? new String[0] : t, Math.max(variable + 1, values.length));
            }
            t[variable] = text;
        }
    }

    private List<String> readLong(List<CityRecord> records) throws IOException, BadInputException {
        List<String> variables = new ArrayList<>();
        Map<String, Integer> variableIndex = new HashMap<>(); // by spelling, and by lower-case spelling
        Map<String, Integer> variableLower = new HashMap<>();
        List<Pivot> pivots = new ArrayList<>();
        Map<String, Pivot> pivotIndex = new HashMap<>();
        Map<String, String> strings = new HashMap<>(); // one String per distinct text (sources repeat a lot)
        int[] noteCols = columns(Kind.NOTE);
        int[] textCols = columns(Kind.TEXT);
        String[][] noteKeys = new String[noteCols.length][]; // "source:gdp", by note column and variable
        String[] lastNote = new String[noteCols.length]; // the previous row's note, usually the same
        Pivot last = null;
        while (nextNonBlankRow()) {
            checkWidth();
            City city = city();
            Integer year = yearCol < 0 ? null : year();
            Pivot pivot = last;
            if (pivot == null || !pivot.city.adcode().equals(city.adcode()) || !Objects.equals(pivot.year, year)) {
                String key = year == null ? city.adcode() : city.adcode() + '/' + year;
                pivot = pivotIndex.get(key);
                if (pivot == null) {
                    pivot = new Pivot(city, year, row, noteCols.length, textCols.length);
                    pivotIndex.put(key, pivot);
                    pivots.add(pivot);
                }
                last = pivot;
            }
            String spelling = cell(variableCol);
            if (spelling.isEmpty()) {
                throw error(variableCol, "no variable in this row");
            }
            Integer index = variableIndex.get(spelling);
            if (index == null) {
                String lower = spelling.toLowerCase(Locale.ROOT);
                index = variableLower.get(lower);
                if (index == null) {
                    index = variables.size();
                    variables.add(spelling);
                    variableLower.put(lower, index);
                }
                variableIndex.put(spelling, index);
            }
            int v = index;
            long first = pivot.rowOf(v);
            if (first != 0) {
                throw error(valueCol, (year == null ? "duplicate city-variable " + city.name()
                        : "duplicate city-year-variable " + city.name() + " " + year) + " " + variables.get(v)
                        + " (first at row " + first + ")");
            }
            Double value = number(valueCol, cell(valueCol), variables.get(v));
            if (value != null) {
                counted(valueCol);
            }
            pivot.put(v, value == null ? Double.NaN : value, row);
            for (int t = 0; t < noteCols.length; t++) {
                String text = cell(noteCols[t]);
                if (!text.isEmpty()) {
                    String[] k = noteKeys[t];
                    if (k == null || v >= k.length) {
                        noteKeys[t] = k = Arrays.copyOf(k == null ? new String[0] : k, variables.size() + 8);
                    }
                    if (k[v] == null) {
                        k[v] = keys[noteCols[t]] + ":" + variables.get(v);
                    }
                    if (!text.equals(lastNote[t])) {
                        String shared = strings.putIfAbsent(text, text);
                        lastNote[t] = shared == null ? text : shared;
                    }
                    pivot.note(t, v, lastNote[t]);
                }
            }
            for (int t = 0; t < textCols.length; t++) {
                String text = cell(textCols[t]);
                if (text.isEmpty()) {
                    continue;
                }
                if (pivot.texts[t] == null) {
                    String shared = strings.putIfAbsent(text, text);
                    pivot.texts[t] = shared == null ? text : shared;
                    pivot.textRows[t] = row;
                } else if (!pivot.texts[t].equals(text)) {
                    throw error(textCols[t], names[textCols[t]] + " '" + quote(text) + "' differs from '"
                            + quote(pivot.texts[t]) + "' given for " + city.name() + (year == null ? "" : " " + year)
                            + " at row " + pivot.textRows[t]);
                }
            }
        }
        // records share equal attribute maps: sources are mostly the same for every city
        Map<Map<String, String>, Map<String, String>> sharedAttributes = new HashMap<>();
        ValueKeys valueKeys = ValueKeys.of(variables); // one key index for every record
        double[] buffer = new double[variables.size()];
        ValueSources.Builder at = ValueSources.builder(variables.size(), source, source, rows.sheet());
        for (int p = 0; p < pivots.size(); p++) {
            Pivot pivot = pivots.get(p);
            pivots.set(p, null); // let the arrays go as records are made
            Arrays.fill(buffer, Double.NaN);
            for (int v = 0; v < pivot.rows.length; v++) {
                if (pivot.rows[v] != 0 && pivot.rows[v] != pivot.row) { // each value's own row, for its provenance
                    at.at(records.size(), v, 0, pivot.rows[v], 0);
                }
            }
            for (int v = 0; v < pivot.values.length; v++) {
                if (pivot.rows[v] != 0) {
                    buffer[v] = pivot.values[v]; // NaN when the row gave no value
                }
            }
            CompactValues values = valueKeys.values(buffer);
            Map<String, String> attributes = new HashMap<>();
            for (int t = 0; t < textCols.length; t++) {
                if (pivot.texts[t] != null) {
                    attributes.put(keys[textCols[t]], pivot.texts[t]);
                }
            }
            for (int t = 0; t < noteCols.length; t++) {
                String[] given = pivot.notes[t];
                for (int v = 0; given != null && v < given.length; v++) {
                    if (given[v] != null) {
                        attributes.put(noteKeys[t][v], given[v]);
                    }
                }
            }
            Map<String, String> fixed = Map.copyOf(attributes); // CityRecord keeps an immutable map as it is
            Map<String, String> shared = sharedAttributes.putIfAbsent(fixed, fixed);
            records.add(new CityRecord(pivot.city, pivot.row, pivot.year, values, shared == null ? fixed : shared));
        }
        sources = at.build();
        return variables;
    }

    private int[] columns(Kind kind) {
        int[] cols = new int[kinds.length];
        int n = 0;
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == kind) {
                cols[n++] = i;
            }
        }
        return Arrays.copyOf(cols, n);
    }

    // ----------------------------------------------------------------------------------------- cells

    /** The column that identified the city in this row, for messages. */
    private int keyColumn() {
        return adcodeCol >= 0 && !cell(adcodeCol).isEmpty() ? adcodeCol : cityCol;
    }

    /** The adcode wins when given; a city name given beside it must agree with it (see {@link CityKeys}). */
    private City city() throws BadInputException {
        String adcode = adcodeCol < 0 ? "" : cell(adcodeCol);
        String name = cityCol < 0 ? "" : cell(cityCol);
        String province = provinceCol < 0 ? "" : cell(provinceCol);
        if (lastCity != null && adcode.equals(lastAdcode) && name.equals(lastName) && province.equals(lastProvince)) {
            return lastCity;
        }
        if (adcode.isEmpty() && name.isEmpty()) {
            throw error(adcodeCol >= 0 ? adcodeCol : cityCol, cityCol < 0 ? "no adcode in this row"
                    : adcodeCol < 0 ? "no city in this row" : "no adcode and no city in this row");
        }
        City city = CityKeys.resolve(cities, Numbers.nfkc(adcode), name, province.isEmpty() ? null : province,
                (key, reason) -> error(key == CityKeys.Key.ADCODE ? adcodeCol
                        : key == CityKeys.Key.PROVINCE ? provinceCol : cityCol, reason));
        lastAdcode = adcode;
        lastName = name;
        lastProvince = province;
        lastCity = city;
        return city;
    }

    private Integer year() throws BadInputException {
        String text = cell(yearCol);
        if (text.equals(lastYearText)) {
            return lastYear;
        }
        Integer year;
        try {
            year = Numbers.year(text);
        } catch (NumberFormatException e) {
            throw error(yearCol, "not a year: '" + quote(text) + "' in column '" + names[yearCol] + "' (a year from "
                    + Numbers.MIN_YEAR + " to " + Numbers.MAX_YEAR + ")");
        }
        if (year == null) {
            throw error(yearCol, "no year in this row");
        }
        lastYearText = text;
        lastYear = year;
        return year;
    }

    /** A value, or {@code null} when missing; {@code variable} names it in a long table. */
    private Double number(int column, String cell, String variable) throws BadInputException {
        try {
            Double value = Numbers.parse(cell);
            if (value != null && check != null) {
                check.check(row, column + 1, value, variable == null ? names[column] : variable);
            }
            return value;
        } catch (NumberFormatException e) {
            throw error(column, "not a number: '" + quote(cell) + "' in column '" + names[column] + "'"
                    + (variable == null ? "" : " (variable '" + variable + "')"));
        }
    }

    /** Text quoted back in a message, shortened when long. */
    static String quote(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
