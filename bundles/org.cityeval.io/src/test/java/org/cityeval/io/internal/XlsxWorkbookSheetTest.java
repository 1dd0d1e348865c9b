package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.data.BadInputException;
import org.junit.jupiter.api.Test;

/** A worksheet chosen by name (a workbook of several tables, such as the intermediate datasets' export). */
class XlsxWorkbookSheetTest {
    static List<List<String>> rows(XlsxWorkbook book) throws Exception {
        TableRows rows = book.rows();
        List<List<String>> out = new ArrayList<>();
        while (rows.next()) {
            out.add(List.copyOf(rows.cells()));
        }
        return out;
    }

    @Test
    void aSheetByNameAndAClearErrorForOneTheWorkbookLacks() throws Exception {
        byte[] xlsx = new XlsxBuilder().chartSheetFirst().row("adcode", "x").row("330100", 1.5).bytes();
        List<List<String>> byName = rows(XlsxWorkbook.open("book.xlsx", new ByteArrayInputStream(xlsx), "数据"));
        assertEquals(List.of(List.of("adcode", "x"), List.of("330100", "1.5")), byName);
        assertEquals(byName, rows(XlsxWorkbook.open("book.xlsx", new ByteArrayInputStream(xlsx))), "the first worksheet");
        BadInputException e = assertThrows(BadInputException.class,
                () -> XlsxWorkbook.open("book.xlsx", new ByteArrayInputStream(xlsx), "raw"));
        assertTrue(e.getMessage().contains("book.xlsx") && e.getMessage().contains("the workbook has no worksheet 'raw'"),
                e.getMessage());
    }
}
