package org.cityeval.io.internal;

import static org.cityeval.io.internal.XlsxBuilder.num;
import static org.cityeval.io.internal.XlsxBuilder.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.junit.jupiter.api.Test;

class XlsxDatasetImporterTest {
    private final XlsxDatasetImporter importer = new XlsxDatasetImporter();
    private final FakeCityRegistry cities = new FakeCityRegistry();

    private CityDataset read(byte[] xlsx) throws BadInputException {
        return importer.read("data.xlsx", new ByteArrayInputStream(xlsx), cities);
    }

    private CityDataset read(XlsxBuilder xlsx) throws BadInputException {
        return read(xlsx.bytes());
    }

    private String fail(byte[] xlsx) {
        return assertThrows(BadInputException.class, () -> read(xlsx)).getMessage();
    }

    private String fail(XlsxBuilder xlsx) {
        return fail(xlsx.bytes());
    }

    @Test
    void acceptsXlsxNamesOnly() {
        assertTrue(importer.accepts("cities.xlsx"));
        assertTrue(importer.accepts("/data/CITIES.XLSX"));
        assertFalse(importer.accepts("cities.xls"));
        assertFalse(importer.accepts("cities.csv"));
        assertFalse(importer.accepts("xlsx"));
        assertFalse(importer.accepts(null));
    }

    @Test
    void readsAWideSheet() throws Exception {
        CityDataset ds = read(new XlsxBuilder()
                .row("adcode", "city", "year", "gdp", "rate", "note")
                .row(330100, "杭州", 2022, 18753.5, num("0.85699999999999998"), "省会")
                .row(num("110000"), "北京市", num("2022"), "1,234.5", "12.5%", null));
        assertEquals(List.of("gdp", "rate"), ds.valueColumns());
        CityRecord hz = ds.records().get(0);
        assertEquals(FakeCityRegistry.HANGZHOU, hz.city());
        assertEquals(2, hz.row());
        assertEquals(2022, hz.year());
        assertEquals(Map.of("gdp", 18753.5, "rate", 0.857), hz.values(), "17-digit <v> is the same double");
        assertEquals(Map.of("adcode", "330100", "city", "杭州", "note", "省会"), hz.attributes(),
                "a numeric adcode reads as 330100, not 330100.0");
        CityRecord bj = ds.records().get(1);
        assertEquals(Map.of("gdp", 1234.5, "rate", 0.125), bj.values(), "text cells are read as CSV cells");
    }

    @Test
    void gapsTrailingCellsAndBlankRows() throws Exception {
        CityDataset ds = read(new XlsxBuilder()
                .row("city", "a", "b", "c")
                .row("杭州", null, 2) // C2 and D2 absent: missing, not a ragged row
                .rowAt(5, "北京", 1, raw("<c r=\"%s\" s=\"3\"/>"), 3) // rows 3-4 absent, C5 an empty styled cell
                .rowAt(6, null, null, raw("<c r=\"%s\" s=\"2\"/>"))); // only an empty styled cell: blank
        assertEquals(2, ds.records().size());
        assertEquals(Map.of("b", 2.0), ds.records().get(0).values());
        assertEquals(5, ds.records().get(1).row(), "rows are the sheet's");
        assertEquals(Map.of("a", 1.0, "c", 3.0), ds.records().get(1).values());
    }

    @Test
    void inlineAndRichTextStrings() throws Exception {
        CityDataset ds = read(new XlsxBuilder()
                .row("city", raw("<c r=\"%s\" t=\"inlineStr\"><is><t>gdp</t></is></c>"), "note")
                .row(raw("<c r=\"%s\" t=\"inlineStr\"><is><r><t>杭</t></r><r><rPr><b/></rPr><t>州</t></r>"
                        + "<rPh sb=\"0\" eb=\"1\"><t>hang</t></rPh></is></c>"), 1,
                        raw("<c r=\"%s\" t=\"inlineStr\"><is><t>line_x000D_two _x_ &amp; more</t></is></c>")));
        CityRecord r = ds.records().get(0);
        assertEquals(FakeCityRegistry.HANGZHOU, r.city());
        assertEquals("杭州", r.attributes().get("city"), "runs joined, phonetic guide left out");
        assertEquals("line\rtwo _x_ & more", r.attributes().get("note"));
        assertEquals(Map.of("gdp", 1.0), r.values());
    }

    @Test
    void errorValuesAreText() throws Exception {
        CityDataset ds = read(new XlsxBuilder().row("city", "x").row("杭州", raw("<c r=\"%s\" t=\"e\"><v>#N/A</v></c>")));
        assertEquals(Map.of(), ds.records().get(0).values(), "#N/A is a missing-value marker");
        assertEquals("data.xlsx:2:2: not a number: '#DIV/0!' in column 'x'", fail(new XlsxBuilder().row("city", "x")
                .row("杭州", raw("<c r=\"%s\" t=\"e\"><v>#DIV/0!</v></c>"))));
    }

    @Test
    void longLayoutFromASheet() throws Exception {
        CityDataset ds = read(new XlsxBuilder()
                .row("city", "year", "variable", "value", "source")
                .row("杭州", 2022, "gdp", 18753, "统计年鉴")
                .row("杭州", 2022, "rate", 0.857, null)
                .row("北京", 2022, "gdp", 41610.9, "统计年鉴"));
        assertEquals(List.of("gdp", "rate"), ds.valueColumns());
        assertEquals(Map.of("gdp", 18753.0, "rate", 0.857), ds.records().get(0).values());
        assertEquals(Map.of("source:gdp", "统计年鉴"), ds.records().get(0).attributes());
        assertEquals("data.xlsx:5:4: duplicate city-year-variable 北京市 2022 gdp (first at row 4)",
                fail(new XlsxBuilder().row("city", "year", "variable", "value").row("杭州", 2022, "gdp", 1)
                        .row("杭州", 2023, "gdp", 2).row("北京", 2022, "gdp", 3).row("Beijing", 2022, "gdp", 4)));
    }

    @Test
    void firstWorksheetInTabOrderWhereverItIsStored() throws Exception {
        CityDataset ds = read(new XlsxBuilder().chartSheetFirst().sheetPath("worksheets/Data Sheet.xml").reversed()
                .row("city", "x").row("杭州", 1));
        assertEquals(FakeCityRegistry.HANGZHOU, ds.records().get(0).city());
    }

    @Test
    void mergedCells() {
        assertEquals("data.xlsx:3:1: merged cells A3:B3: unmerge them, one value per cell",
                fail(new XlsxBuilder().row("city", "province", "x").row("杭州", "浙江", 1).row("Taizhou", null, 2)
                        .merge("C5:C6").merge("A3:B3")));
    }

    @Test
    void formulaCells() {
        assertEquals("data.xlsx:4:3: formula cell C4: save values only (paste as values)",
                fail(new XlsxBuilder().row("city", "a", "b").row("杭州", 1, 2).row("北京", 3, 4)
                        .row("上海", 5, raw("<c r=\"%s\"><f>B4*2</f><v>10</v></c>"))));
        assertEquals("data.xlsx:2:2: formula cell B2: save values only (paste as values)",
                fail(new XlsxBuilder().row("city", "a").row("杭州", raw("<c r=\"%s\" t=\"str\"><f t=\"shared\" si=\"0\"/>"
                        + "<v>1</v></c>"))));
    }

    @Test
    void booleanCells() {
        assertEquals("data.xlsx:2:2: boolean cell B2 (TRUE): expected a number or text",
                fail(new XlsxBuilder().row("city", "a").row("杭州", raw("<c r=\"%s\" t=\"b\"><v>1</v></c>"))));
    }

    @Test
    void valueBeyondTheHeader() {
        assertEquals("data.xlsx:3:4: a value in column 4 but the header has 3 columns; give the column a name or move"
                + " the value", fail(new XlsxBuilder().row("city", "a", "b").row("杭州", 1, 2).row("北京", 1, 2, 9)));
    }

    @Test
    void emptyHeaderCellBetweenNames() {
        assertEquals("data.xlsx:1:2: empty column name in the header",
                fail(new XlsxBuilder().row("city", null, "b").row("杭州", 1, 2)));
    }

    @Test
    void emptyFiles() {
        assertEquals("data.xlsx: empty file: expected an Excel workbook", fail(new byte[0]));
        assertEquals("data.xlsx: empty file: no header row and no data", fail(new XlsxBuilder()));
        assertEquals("data.xlsx:1: empty file: the header is there but no data rows follow",
                fail(new XlsxBuilder().row("city", "x")));
    }

    @Test
    void notAnXlsxFile() {
        assertEquals("data.xlsx: not an XLSX file (an XLSX file is a ZIP archive; this one does not start like one)",
                fail("city,x\n杭州,1\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("data.xlsx: an Excel 97-2003 workbook (.xls) or an encrypted one: save it as .xlsx (Excel"
                + " Workbook) without a password, or as CSV",
                fail(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}));
        assertEquals("data.xlsx: not an Excel workbook: the archive has no xl/workbook.xml", fail(zip("word/document.xml",
                new byte[] {'<', 'w', '/', '>'})));
    }

    @Test
    void damagedXml() {
        String msg = fail(new XlsxBuilder().row("city", "x").bytes("<worksheet><sheetData><row r=\"1\">"));
        assertTrue(msg.startsWith("data.xlsx: damaged workbook: sheet '数据' is not readable XML ("), msg);
    }

    @Test
    void doctypeIsRefusedAndEntitiesAreNotExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&x;</t></is></c></row>"
                + "</sheetData></worksheet>";
        assertEquals("data.xlsx: damaged workbook: sheet '数据' is not readable XML (a document type declaration"
                + " (DTD), which workbooks do not have)", fail(new XlsxBuilder().bytes(xxe)));
    }

    @Test
    void zipBombIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("xl/media/image1.png"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i <= XlsxWorkbook.MAX_ENTRY_MB; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(out.size() < 1_000_000, "a small file: " + out.size());
        assertEquals("data.xlsx: part xl/media/image1.png inflates to more than 100 MB: refused (a damaged file or a"
                + " zip bomb)", fail(out.toByteArray()));
    }

    @Test
    void cellReferences() {
        assertEquals(3, XlsxWorkbook.columnOf("C4"));
        assertEquals(27, XlsxWorkbook.columnOf("AA10"));
        assertEquals(16384, XlsxWorkbook.columnOf("XFD1"));
        assertEquals(4, XlsxWorkbook.rowOf("C4"));
        assertEquals("C4", XlsxWorkbook.ref(3, 4));
        assertEquals("AA10", XlsxWorkbook.ref(27, 10));
        assertEquals("XFD1048576", XlsxWorkbook.ref(16384, 1_048_576));
    }

    private static byte[] zip(String name, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
