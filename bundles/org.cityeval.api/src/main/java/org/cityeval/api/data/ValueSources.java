package org.cityeval.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where each value of a {@link CityDataset} came from, kept beside its records rather than in them: one dataset-level
 * index, read through {@link CityDataset#source(City, Integer, String)}. It is compact: a value read where its
 * record's row and its column's position say (a wide table) costs nothing; the inputs, files and sheets are stored
 * once; rows, columns and inputs of values that sit elsewhere (a long table, a merge of several inputs) are ints in
 * arrays allocated only when one value needs them; notes are shared strings in a sparse map.
 * <p>
 * Built by importers and by merges: {@code ValueSources.builder(columns.size(), "form.xlsx", "form.xlsx", "Values")
 * .note(record, column, "统计年鉴").build()}. Immutable once built.
 *
 * @since 1.2
 */
@ProviderType
public final class ValueSources {
    /** No index: every value is where its record and column say, with no note. */
    public static final ValueSources NONE = new ValueSources(0, new String[0][], null, null, null, Map.of(), List.of(),
            false);

    private final int width; // value columns per record in the dense arrays
    private final String[][] origins; // input, file, sheet
    private final int[] origin; // by record * width + column; null: all from origin 0
    private final int[] rows; // 0: the record's row
    private final int[] columns; // 0: the column's position in the dataset
    private final Map<Long, String> notes;
    private final List<SourceConflict> conflicts;
    private final boolean notesComplete; // no note from the records' attributes (a merge: they mix inputs)

    private ValueSources(int width, String[][] origins, int[] origin, int[] rows, int[] columns, Map<Long, String> notes,
            List<SourceConflict> conflicts, boolean notesComplete) {
        this.notesComplete = notesComplete;
        this.width = width;
        this.origins = origins;
        this.origin = origin;
        this.rows = rows;
        this.columns = columns;
        this.notes = notes;
        this.conflicts = conflicts;
    }

    /**
     * @param columns the number of value columns of the dataset (the index of a column is its place in
     *                {@link CityDataset#valueColumns()})
     * @param input   the input as the user named it; {@code null} for the dataset's source
     * @param file    the file read; {@code null} for the dataset's source
     * @param sheet   the worksheet, or {@code null}
     */
    public static Builder builder(int columns, String input, String file, String sheet) {
        return new Builder(columns, input, file, sheet);
    }

    /** @return whether the index says more than positions: some value has a note, or the values come from several inputs */
    public boolean noted() {
        return !notes.isEmpty() || inputs().size() > 1;
    }

    /** @return the values of several inputs that disagreed beyond the merge's tolerance, in the order found */
    public List<SourceConflict> conflicts() {
        return conflicts;
    }

    /** @return the conflicts about one city, year and column */
    public List<SourceConflict> conflicts(City city, Integer year, String column) {
        List<SourceConflict> out = new ArrayList<>();
        for (SourceConflict c : conflicts) {
            if (c.city().adcode().equals(city.adcode()) && java.util.Objects.equals(c.year(), year)
                    && c.column().equals(column)) {
                out.add(c);
            }
        }
        return out;
    }

    /** @return the inputs the values came from, each once, first the dataset's own (a merge's: in precedence order) */
    public List<String> inputs() {
        List<String> out = new ArrayList<>();
        for (String[] o : origins) {
            if (o[0] != null && !out.contains(o[0])) {
                out.add(o[0]);
            }
        }
        return out;
    }

    /** The source of one value; {@code data} gives the defaults (its source, the record's row, the column's place). */
    ValueSource lookup(CityDataset data, int record, int column, String name) {
        long at = (long) record * width + column;
        int i = width == 0 || column >= width ? -1 : (int) at;
        int o = origin != null && i >= 0 && i < origin.length ? origin[i] : 0;
        String[] from = o < origins.length ? origins[o] : null;
        CityRecord r = data.records().get(record);
        long row = rows != null && i >= 0 && i < rows.length && rows[i] != 0 ? rows[i] : r.row();
        Integer defaultColumn = data.columns().get(name);
        int col = columns != null && i >= 0 && i < columns.length && columns[i] != 0 ? columns[i]
                : defaultColumn == null ? 0 : defaultColumn;
        String note = width == 0 ? null : notes.get(at);
        if (note == null && !notesComplete) { // a long table keeps its per-value source and note columns as attributes
            note = r.attributes().get("source:" + name);
            String n = r.attributes().get("note:" + name);
            note = note == null ? n : n == null ? note : note + "; " + n;
        }
        if (note == null && !notesComplete) { // a wide table's row-level source column
            note = r.attributes().get("source");
        }
        String input = from == null || from[0] == null ? data.source() : from[0];
        String file = from == null || from[1] == null ? data.source() : from[1];
        return new ValueSource(input, file, from == null ? null : from[2], row, col, note);
    }

    /** Collects an index; not thread-safe. */
    public static final class Builder {
        private final int width;
        private final List<String[]> origins = new ArrayList<>();
        private final Map<String, Integer> originIndex = new HashMap<>();
        private final Map<String, String> strings = new HashMap<>();
        private int[] origin;
        private int[] rows;
        private int[] columns;
        private final Map<Long, String> notes = new HashMap<>();
        private final List<SourceConflict> conflicts = new ArrayList<>();
        private boolean notesComplete;

        private Builder(int width, String input, String file, String sheet) {
            this.width = width;
            origin(input, file, sheet);
        }

        /** @return the index of an input (file and sheet), added when new; 0 is the builder's own */
        public int origin(String input, String file, String sheet) {
            String key = input + "\n" + file + "\n" + sheet;
            Integer i = originIndex.get(key);
            if (i == null) {
                i = origins.size();
                origins.add(new String[] { input, file, sheet });
                originIndex.put(key, i);
            }
            return i;
        }

        /** The source or note given for one value. */
        public Builder note(int record, int column, String note) {
            check(column);
            if (note != null && !note.isBlank()) {
                String shared = strings.putIfAbsent(note, note);
                notes.put((long) record * width + column, shared == null ? note : shared);
            }
            return this;
        }

        /**
         * Where one value sits when not where its record's row and its column's position say.
         *
         * @param origin an {@link #origin} index
         * @param row    the row, or 0 for the record's
         * @param col    the column, or 0 for the dataset's position of the column
         */
        public Builder at(int record, int column, int origin, long row, int col) {
            check(column);
            int i = Math.toIntExact((long) record * width + column);
            if (origin != 0) {
                this.origin = set(this.origin, i, origin);
            }
            if (row != 0) {
                this.rows = set(this.rows, i, Math.toIntExact(row));
            }
            if (col != 0) {
                this.columns = set(this.columns, i, col);
            }
            return this;
        }

        /**
         * Says that {@link #note} was given for every value that has a note, so that none is taken from the records'
         * {@code source} attributes (a merged dataset, whose attributes come from several inputs).
         */
        public Builder notesComplete() {
            notesComplete = true;
            return this;
        }

        /** A value set aside because an earlier input gave another. */
        public Builder conflict(SourceConflict conflict) {
            conflicts.add(conflict);
            return this;
        }

        private void check(int column) {
            if (column < 0 || column >= width) {
                throw new IndexOutOfBoundsException("column " + column + " of " + width);
            }
        }

        private static int[] set(int[] a, int i, int v) {
            if (a == null) {
                a = new int[Math.max(16, i + 1)];
            } else if (i >= a.length) {
                a = Arrays.copyOf(a, Math.max(i + 1, a.length * 2));
            }
            a[i] = v;
            return a;
        }

        public ValueSources build() {
            return new ValueSources(width, origins.toArray(new String[0][]), origin, rows, columns, Map.copyOf(notes),
                    List.copyOf(conflicts), notesComplete);
        }
    }
}
