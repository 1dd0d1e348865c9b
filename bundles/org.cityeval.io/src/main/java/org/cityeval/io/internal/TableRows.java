package org.cityeval.io.internal;

import java.io.IOException;
import java.util.List;

import org.cityeval.api.data.BadInputException;

/**
 * Rows of a table as text, for {@link TableReader}: a CSV file's records or a worksheet's rows. Cell
 * {@code i} of {@link #cells()} is column {@code i + 1} in messages.
 */
interface TableRows {

    /**
     * Moves to the next row, blank or not.
     *
     * @return false at the end of the table
     * @throws BadInputException for input that cannot be read as rows (bad bytes, a formula cell...)
     */
    boolean next() throws IOException, BadInputException;

    /** @return the physical row of the current row in the file or sheet (the first is 1) */
    long row();

    /**
     * @return the current row's cells, not stripped; the list may be reused for the next row. A sheet pads
     *         gaps with empty strings and leaves out empty cells after the last value.
     */
    List<String> cells();

    /**
     * @return true when a short row is normal (a sheet leaves out empty trailing cells) and only values
     *         beyond the header are errors; false when every row must have as many fields as the header
     */
    boolean shortRowsPadded();

    /** @return the worksheet's name, or {@code null} for a file of one table (CSV) */
    default String sheet() {
        return null;
    }
}
