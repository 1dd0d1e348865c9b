package org.cityeval.io.internal;

import static org.cityeval.io.internal.XlsxBuilder.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.spi.DatasetImporter;
import org.junit.jupiter.api.Test;

/**
 * The list of bad input, one test per kind, each with the exact {@code file:row:column} it is
 * reported at: every kind is a {@link BadInputException} (which the CLI turns into exit code 2), and the
 * importers write nothing.
 */
class BadInputKindsTest {
    private static final Charset GBK = Charset.forName("GBK");
    private final FakeCityRegistry cities = new FakeCityRegistry();

    private String fail(DatasetImporter importer, String name, byte[] bytes) {
        return assertThrows(BadInputException.class,
                () -> importer.read(name, new ByteArrayInputStream(bytes), cities)).getMessage();
    }

    private String csv(String text) {
        return csv(text.getBytes(StandardCharsets.UTF_8));
    }

    private String csv(byte[] bytes) {
        return fail(new CsvDatasetImporter(), "data.csv", bytes);
    }

    private String xlsx(XlsxBuilder sheet) {
        return fail(new XlsxDatasetImporter(), "data.xlsx", sheet.bytes());
    }

    private String json(String text) {
        return fail(new JsonDatasetImporter(), "data.json", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encoding() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("city,x\n杭州,1\n北京,".getBytes(GBK));
        b.write(0x80); // no character of UTF-8 or GB18030 starts with 0x80
        b.writeBytes(",\n".getBytes(GBK));
        assertEquals("data.csv:3:2: neither UTF-8 nor GB18030/GBK text: byte 0x80 at offset 19 cannot be decoded;"
                + " save the file as \"CSV UTF-8\"", csv(b.toByteArray()));
    }

    @Test
    void numberFormat() {
        assertEquals("data.csv:3:2: not a number: '1,23' in column 'gdp'", csv("city,gdp\n杭州,1\n北京,\"1,23\"\n"));
        assertEquals("data.xlsx:3:2: not a number: '12.5 元' in column 'gdp'",
                xlsx(new XlsxBuilder().row("city", "gdp").row("杭州", 1).row("北京", "12.5 元")));
    }

    @Test
    void unknownCity() {
        assertEquals("data.csv:3:1: unknown city '纽约'", csv("city,x\n杭州,1\n纽约,2\n"));
        assertEquals("data.xlsx:2:2: unknown adcode '999999'",
                xlsx(new XlsxBuilder().row("x", "adcode").row(1, 999999)));
    }

    @Test
    void ambiguousCity() {
        assertEquals("data.csv:2:2: ambiguous city 'Taizhou': could be 泰州市 (江苏省, 321200) or 台州市 (浙江省, 331000);"
                + " use the adcode", csv("x,city\n1,Taizhou\n"));
    }

    @Test
    void duplicateCityYearVariable() {
        assertEquals("data.csv:4:4: duplicate city-year-variable 杭州市 2022 gdp (first at row 2)",
                csv("city,year,variable,value\n杭州,2022,gdp,1\n北京,2022,gdp,2\nHangzhou,2022,gdp,3\n"));
    }

    @Test
    void duplicateCityYear() {
        assertEquals("data.csv:4:1: duplicate city-year 杭州市 2022 (first at row 2)",
                csv("city,year,gdp\n杭州,2022,1\n杭州,2023,2\n杭州,2022,3\n"));
        assertEquals("data.json:$[1].city: duplicate city-year 杭州市 2022 (first at $[0])",
                json("[{\"city\": \"杭州\", \"year\": 2022}, {\"city\": \"杭州\", \"year\": \"2022\"}]"));
    }

    @Test
    void missingColumn() {
        // no column to point at: the position is the header row
        assertEquals("data.csv:1: no 'adcode' or 'city' column; the header has: year, gdp", csv("year,gdp\n2022,1\n"));
        assertEquals("data.csv:1:3: a 'variable' column but no 'value' column: a long table has one value per row, in"
                + " a column named 'value'", csv("city,year,variable\n杭州,2022,gdp\n"));
    }

    @Test
    void raggedRows() {
        assertEquals("data.csv:3:3: this row has 3 fields but the header has 2 columns; column 3 is extra",
                csv("city,x\n杭州,1\n北京,2,3\n"));
        assertEquals("data.csv:2:3: this row has 2 fields but the header has 3 columns; column 'y' is missing",
                csv("city,x,y\n杭州,1\n"));
        assertEquals("data.xlsx:2:3: a value in column 3 but the header has 2 columns; give the column a name or move"
                + " the value", xlsx(new XlsxBuilder().row("city", "x").row("杭州", 1, 2)));
    }

    @Test
    void emptyFile() {
        // no row at all to point at in the first case
        assertEquals("data.csv: empty file: expected a header row and one row per city", csv(new byte[0]));
        assertEquals("data.csv:1: empty file: the header is there but no data rows follow", csv("city,x\r\n,\r\n"));
        assertEquals("data.xlsx: empty file: no header row and no data", xlsx(new XlsxBuilder()));
    }

    @Test
    void xlsxMergedCells() {
        assertEquals("data.xlsx:3:1: merged cells A3:B3: unmerge them, one value per cell",
                xlsx(new XlsxBuilder().row("city", "note", "x").row("杭州", "a", 1).row("北京", null, 2).merge("A3:B3")));
    }

    @Test
    void xlsxFormulaCell() {
        assertEquals("data.xlsx:4:3: formula cell C4: save values only (paste as values)",
                xlsx(new XlsxBuilder().row("city", "a", "b").row("杭州", 1, 2).row("北京", 3, 4)
                        .row("上海", 5, raw("<c r=\"%s\"><f>B4*2</f><v>10</v></c>"))));
    }
}
