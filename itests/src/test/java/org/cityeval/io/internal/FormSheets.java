package org.cityeval.io.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The itests' door to the data validations the project's XLSX reader ({@link XlsxWorkbook}) finds in a sheet: what
 * a collection form says each cell accepts, read back as the importer reads it.
 */
public final class FormSheets {
    private FormSheets() {
    }

    /**
     * One validation as read: type, operator, formulas, and its cell ranges as {@code {firstColumn, firstRow,
     * lastColumn, lastRow}} (1-based).
     */
    public record Validation(String type, String operator, String formula1, String formula2, List<long[]> ranges) {
        public boolean covers(long row, int column) {
            for (long[] r : ranges) {
                if (column >= r[0] && column <= r[2] && row >= r[1] && row <= r[3]) {
                    return true;
                }
            }
            return false;
        }
    }

    public static List<Validation> validations(String source, byte[] xlsx, String sheet) throws Exception {
        XlsxWorkbook book = XlsxWorkbook.open(source, new ByteArrayInputStream(xlsx), sheet);
        List<Validation> out = new ArrayList<>();
        for (XlsxWorkbook.DataValidation v : book.validations()) {
            out.add(new Validation(v.type(), v.operator(), v.formula1(), v.formula2(), v.ranges()));
        }
        return out;
    }
}
