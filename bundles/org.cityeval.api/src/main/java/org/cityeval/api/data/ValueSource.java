package org.cityeval.api.data;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where one value of a dataset came from: the file (and sheet) it was read from, its cell, and the source or note
 * the file gave for it (a {@code V:source} column beside value column {@code V}, or a long table's {@code source}
 * column). Example: {@code dataset.source(city, 2023, "gdp")} gives
 * {@code form.xlsx [Values] row 4, column 7: 浙江统计年鉴2024 表3-1}.
 *
 * @param input  the input the value was read from as the user named it ({@code form.xlsx}, {@code pack:china-cities})
 * @param file   the file it was read from (for a pack, the file inside its bundle)
 * @param sheet  the worksheet of a workbook, or {@code null}
 * @param row    the row in the file or sheet (the header is row 1), or 0 when the file has no rows (JSON)
 * @param column the column (1 = the first, column A), or 0 when not known
 * @param note   the source or note the file gave for this value, or {@code null}
 * @since 1.2
 */
@ProviderType
public record ValueSource(String input, String file, String sheet, long row, int column, String note) {

    /** @return {@code file [sheet] row R, column C (A1)}, as messages and the provenance views print it */
    public String position() {
        StringBuilder s = new StringBuilder(file);
        if (sheet != null) {
            s.append(" [").append(sheet).append(']');
        }
        if (row > 0) {
            s.append(" row ").append(row);
        }
        if (column > 0) {
            s.append(", column ").append(column).append(" (").append(cell(column, row)).append(')');
        }
        return s.toString();
    }

    /** @return the spreadsheet name of a cell, e.g. {@code G4} for column 7, row 4 */
    public static String cell(int column, long row) {
        StringBuilder letters = new StringBuilder();
        for (int c = column; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return row > 0 ? letters.toString() + row : letters.toString();
    }

    /** @return this source, as read from the named input */
    public ValueSource withInput(String input) {
        return new ValueSource(input, file, sheet, row, column, note);
    }
}
