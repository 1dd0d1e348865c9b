package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.junit.jupiter.api.Test;

/** A collection form read back: {@code V:source} columns are text, values outside the sheet's validation refused. */
class FormRangesTest {
    private final XlsxDatasetImporter importer = new XlsxDatasetImporter();
    private final FakeCityRegistry cities = new FakeCityRegistry();

    private static final String VALIDATIONS = "<dataValidations count=\"3\">"
            + "<dataValidation type=\"decimal\" operator=\"between\" allowBlank=\"1\" sqref=\"D2:D3\">"
            + "<formula1>0</formula1><formula2>2.5</formula2></dataValidation>"
            + "<dataValidation type=\"list\" allowBlank=\"1\" sqref=\"F2:F3\"><formula1>\"0,1,3\"</formula1></dataValidation>"
            + "<dataValidation type=\"decimal\" operator=\"greaterThanOrEqual\" sqref=\"G2 G3\"><formula1>0</formula1>"
            + "</dataValidation></dataValidations>";

    private byte[] form(Object d3, Object f3, Object g3) {
        XlsxBuilder b = new XlsxBuilder()
                .row("city", "adcode", "year", "points", "points:source", "level", "gdp")
                .row("杭州市", "330100", 2023, 2.5, "统计年鉴 p. 4", 3, 10.0)
                .row("台州市", "331000", 2023, d3, null, f3, g3);
        return b.bytes(b.sheetXml().replace("<pageMargins", VALIDATIONS + "<pageMargins"));
    }

    private CityDataset read(byte[] xlsx) throws BadInputException {
        return importer.read("f.xlsx", new ByteArrayInputStream(xlsx), cities);
    }

    @Test
    void valuesInsideTheFormsRangesAreRead() throws Exception {
        CityDataset d = read(form(0.0, 0, 0.0));
        assertEquals(java.util.List.of("points", "level", "gdp"), d.valueColumns());
        assertEquals(2.5, d.records().get(0).values().get("points"));
        // the form's source column is the value's provenance: its note, at the value's own cell (D2)
        assertEquals("统计年鉴 p. 4", d.source(0, "points").orElseThrow().note());
        assertEquals("f.xlsx row 2, column 4 (D2)", d.source(0, "points").orElseThrow().position().replaceFirst(" \\[[^]]*\\]", ""));
        assertEquals(3.0, d.records().get(0).values().get("level"));
        // empty cells stay missing
        assertEquals(2, read(form(null, null, null)).records().size());
    }

    @Test
    void aValueOutsideARangeIsRefusedAtSheetRowColumn() {
        BadInputException e = assertThrows(BadInputException.class, () -> read(form(2.6, 0, 1.0)));
        assertEquals("f.xlsx", e.source());
        assertEquals("数据:3:4", e.position());
        assertTrue(e.getMessage().startsWith("f.xlsx:数据:3:4: 2.6 in column 'points' (cell D3) is outside the form's"
                + " range: from 0 to 2.5"), e.getMessage());

        e = assertThrows(BadInputException.class, () -> read(form(1.0, 2, 1.0)));
        assertEquals("数据:3:6", e.position());
        assertTrue(e.getMessage().contains("one of 0,1,3"), e.getMessage());

        e = assertThrows(BadInputException.class, () -> read(form(1.0, 1, -1.0)));
        assertEquals("数据:3:7", e.position());
        assertTrue(e.getMessage().contains("at least 0"), e.getMessage());
    }

    @Test
    void aValidationByFormulaIsNotChecked() throws Exception {
        XlsxBuilder b = new XlsxBuilder().row("city", "x").row("杭州市", 99.0);
        byte[] xlsx = b.bytes(b.sheetXml().replace("<pageMargins", "<dataValidations count=\"1\"><dataValidation"
                + " type=\"decimal\" operator=\"between\" sqref=\"B2\"><formula1>$C$1</formula1><formula2>$C$2</formula2>"
                + "</dataValidation></dataValidations><pageMargins"));
        assertEquals(99.0, read(xlsx).records().get(0).values().get("x"));
    }
}
