package org.cityeval.io.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The itests' door to the project's own XLSX reader ({@link XlsxWorkbook}, package-private in the io bundle): a
 * worksheet of a workbook the distribution wrote, read back as rows of text cells as the dataset importer reads them.
 */
public final class Sheets {
    private Sheets() {
    }

    /** @param sheet the sheet's name; its rows, each as its cells' text (empty string for an empty cell) */
    public static List<List<String>> read(String source, byte[] xlsx, String sheet) throws Exception {
        XlsxWorkbook book = XlsxWorkbook.open(source, new ByteArrayInputStream(xlsx), sheet);
        TableRows rows = book.rows();
        List<List<String>> out = new ArrayList<>();
        while (rows.next()) {
            out.add(new ArrayList<>(rows.cells()));
        }
        return out;
    }
}
