package org.cityeval.report.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A minimal SpreadsheetML (XLSX) writer on the JDK alone: inline strings and numbers, a bold header style,
 * frozen header rows and column widths, and data validation (number ranges, lists, input and error messages) for
 * the cells of a collection form. No shared-string table, no formulas: what a results workbook needs,
 * and small enough to check by reading it back. The archive is reproducible (fixed entry times).
 */
final class XlsxWriter {
    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
    /** 2026-11-21T00:00:00Z, the build's output timestamp: the same input gives the same bytes. */
    private static final long ENTRY_TIME = 1_795_219_200_000L;
    private static final int MAX_COLUMN_WIDTH = 60;

    private final String title;
    private final List<Sheet> sheets = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    XlsxWriter(String title) {
        this.title = title;
    }

    /** Adds a sheet; the name is made valid for Excel (≤ 31 characters, no {@code []:*?/\}) and unique. */
    Sheet sheet(String name) {
        Sheet s = new Sheet(uniqueName(name));
        sheets.add(s);
        return s;
    }

    /** One worksheet: rows of cells, the first {@code headerRows} bold and frozen. */
    static final class Sheet {
        final String name;
        final List<Object[]> rows = new ArrayList<>();
        final Set<Integer> bold = new HashSet<>();
        final List<Validation> validations = new ArrayList<>();
        int frozenRows;

        private Sheet(String name) {
            this.name = name;
        }

        /**
         * Data validation on a block of cells: {@code validate(v, 3, 3, 2, 40)} is column D, rows 2 to 40.
         *
         * @param columns 0-based first and last column; rows 1-based first and last row
         */
        Sheet validate(Validation v, int firstColumn, int lastColumn, long firstRow, long lastRow) {
            if (lastRow >= firstRow && lastColumn >= firstColumn) {
                validations.add(v.at(column(firstColumn) + firstRow + ":" + column(lastColumn) + lastRow));
            }
            return this;
        }

        /** A header row: bold; the leading run of header rows is frozen. */
        Sheet header(Object... cells) {
            if (frozenRows == rows.size()) {
                frozenRows++;
            }
            bold.add(rows.size());
            rows.add(cells);
            return this;
        }

        /** A bold row further down (a section title), not frozen. */
        Sheet title(Object... cells) {
            bold.add(rows.size());
            rows.add(cells);
            return this;
        }

        /** A data row: a {@link Number} is a number cell, {@code null} an empty cell, anything else text. */
        Sheet row(Object... cells) {
            rows.add(cells);
            return this;
        }

        Sheet row(List<?> cells) {
            return row(cells.toArray());
        }

        Sheet blank() {
            rows.add(new Object[0]);
            return this;
        }
    }

    /**
     * One {@code <dataValidation>}: {@code type} {@code decimal} (with {@code operator} {@code between},
     * {@code greaterThanOrEqual} or {@code lessThanOrEqual}), {@code list} (formula1 a quoted, comma-separated
     * list) or {@code none} (an input message only). Empty cells are always allowed.
     */
    record Validation(String type, String operator, String formula1, String formula2, String promptTitle,
            String prompt, String errorTitle, String error, String sqref) {

        /** Numbers from {@code min} to {@code max}, either bound may be {@code null}; neither: any text. */
        static Validation decimal(Double min, Double max) {
            if (min != null && max != null) {
                return new Validation("decimal", "between", number(min), number(max), null, null, null, null, null);
            }
            if (min != null) {
                return new Validation("decimal", "greaterThanOrEqual", number(min), null, null, null, null, null, null);
            }
            if (max != null) {
                return new Validation("decimal", "lessThanOrEqual", number(max), null, null, null, null, null, null);
            }
            return new Validation("none", null, null, null, null, null, null, null, null);
        }

        /** One of the values (at most 255 characters together, Excel's limit for an inline list). */
        static Validation list(List<String> values) {
            String joined = String.join(",", values);
            if (joined.length() > 255 || values.stream().anyMatch(v -> v.contains(",") || v.contains("\""))) {
                throw new IllegalArgumentException("a list validation holds at most 255 characters, without commas"
                        + " or quotes in its values: " + joined);
            }
            return new Validation("list", null, '"' + joined + '"', null, null, null, null, null, null);
        }

        /** With the message shown when the cell is selected and the one shown when a value is refused. */
        Validation messages(String promptTitle, String prompt, String errorTitle, String error) {
            return new Validation(type, operator, formula1, formula2, clip(promptTitle, 32), clip(prompt, 255),
                    clip(errorTitle, 32), clip(error, 225), sqref);
        }

        private Validation at(String ref) {
            return new Validation(type, operator, formula1, formula2, promptTitle, prompt, errorTitle, error, ref);
        }

        private static String clip(String s, int max) {
            return s == null ? null : truncate(s, max);
        }
    }

    byte[] toBytes() throws IOException {
        if (sheets.isEmpty()) {
            sheet("Sheet1");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, "[Content_Types].xml", contentTypes());
            put(zip, "_rels/.rels", rootRels());
            put(zip, "docProps/core.xml", coreProperties());
            put(zip, "xl/workbook.xml", workbook());
            put(zip, "xl/_rels/workbook.xml.rels", workbookRels());
            put(zip, "xl/styles.xml", styles());
            for (int i = 0; i < sheets.size(); i++) {
                put(zip, "xl/worksheets/sheet" + (i + 1) + ".xml", worksheet(sheets.get(i)));
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String xml) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(ENTRY_TIME);
        zip.putNextEntry(e);
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private String contentTypes() {
        StringBuilder b = new StringBuilder(declaration())
                .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
                .append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
                .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
                .append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
                .append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>")
                .append("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>");
        for (int i = 0; i < sheets.size(); i++) {
            b.append("<Override PartName=\"/xl/worksheets/sheet").append(i + 1)
                    .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        return b.append("</Types>").toString();
    }

    private static String rootRels() {
        return declaration() + "<Relationships xmlns=\"" + PKG_REL_NS + "\">"
                + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"" + PKG_REL_NS
                + "/metadata/core-properties\" Target=\"docProps/core.xml\"/>" + "</Relationships>";
    }

    private String coreProperties() {
        return declaration() + "<cp:coreProperties"
                + " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">" + "<dc:title>" + escape(title) + "</dc:title>"
                + "<dc:creator>cityeval</dc:creator>" + "</cp:coreProperties>";
    }

    private String workbook() {
        StringBuilder b = new StringBuilder(declaration()).append("<workbook xmlns=\"").append(MAIN_NS)
                .append("\" xmlns:r=\"").append(REL_NS).append("\"><sheets>");
        for (int i = 0; i < sheets.size(); i++) {
            b.append("<sheet name=\"").append(escape(sheets.get(i).name)).append("\" sheetId=\"").append(i + 1)
                    .append("\" r:id=\"rId").append(i + 1).append("\"/>");
        }
        return b.append("</sheets></workbook>").toString();
    }

    private String workbookRels() {
        StringBuilder b = new StringBuilder(declaration()).append("<Relationships xmlns=\"").append(PKG_REL_NS).append("\">");
        for (int i = 0; i < sheets.size(); i++) {
            b.append("<Relationship Id=\"rId").append(i + 1).append("\" Type=\"").append(REL_NS)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(i + 1).append(".xml\"/>");
        }
        b.append("<Relationship Id=\"rId").append(sheets.size() + 1).append("\" Type=\"").append(REL_NS)
                .append("/styles\" Target=\"styles.xml\"/>");
        return b.append("</Relationships>").toString();
    }

    /** Style 0: normal; style 1: bold. */
    private static String styles() {
        return declaration() + "<styleSheet xmlns=\"" + MAIN_NS + "\">"
                + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
                + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
                + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                + "</styleSheet>";
    }

    private static String worksheet(Sheet s) {
        StringBuilder b = new StringBuilder(declaration()).append("<worksheet xmlns=\"").append(MAIN_NS)
                .append("\" xmlns:r=\"").append(REL_NS).append("\">");
        if (s.frozenRows > 0) {
            b.append("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"").append(s.frozenRows)
                    .append("\" topLeftCell=\"A").append(s.frozenRows + 1)
                    .append("\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
        }
        int[] widths = widths(s);
        if (widths.length > 0) {
            b.append("<cols>");
            for (int c = 0; c < widths.length; c++) {
                b.append("<col min=\"").append(c + 1).append("\" max=\"").append(c + 1).append("\" width=\"")
                        .append(widths[c]).append("\" customWidth=\"1\"/>");
            }
            b.append("</cols>");
        }
        b.append("<sheetData>");
        for (int r = 0; r < s.rows.size(); r++) {
            Object[] cells = s.rows.get(r);
            String style = s.bold.contains(r) ? " s=\"1\"" : "";
            b.append("<row r=\"").append(r + 1).append("\">");
            for (int c = 0; c < cells.length; c++) {
                Object v = cells[c];
                String ref = column(c) + (r + 1);
                if (v instanceof Number n && finite(n)) {
                    b.append("<c r=\"").append(ref).append('"').append(style).append("><v>").append(number(n))
                            .append("</v></c>");
                } else if (v != null && !(v instanceof Number)) {
                    b.append("<c r=\"").append(ref).append('"').append(style)
                            .append(" t=\"inlineStr\"><is><t xml:space=\"preserve\">").append(escape(v.toString()))
                            .append("</t></is></c>");
                }
            }
            b.append("</row>");
        }
        b.append("</sheetData>");
        if (!s.validations.isEmpty()) {
            b.append("<dataValidations count=\"").append(s.validations.size()).append("\">");
            for (Validation v : s.validations) {
                b.append("<dataValidation type=\"").append(v.type()).append('"');
                if (v.operator() != null) {
                    b.append(" operator=\"").append(v.operator()).append('"');
                }
                b.append(" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\"");
                attribute(b, "errorTitle", v.errorTitle());
                attribute(b, "error", v.error());
                attribute(b, "promptTitle", v.promptTitle());
                attribute(b, "prompt", v.prompt());
                b.append(" sqref=\"").append(v.sqref()).append("\">");
                if (v.formula1() != null) {
                    b.append("<formula1>").append(escape(v.formula1())).append("</formula1>");
                }
                if (v.formula2() != null) {
                    b.append("<formula2>").append(escape(v.formula2())).append("</formula2>");
                }
                b.append("</dataValidation>");
            }
            b.append("</dataValidations>");
        }
        return b.append("</worksheet>").toString();
    }

    private static void attribute(StringBuilder b, String name, String value) {
        if (value != null) {
            // a line break in an attribute is normalised to a space by XML parsers unless written as a reference
            b.append(' ').append(name).append("=\"").append(escape(value).replace("\r", "").replace("\n", "&#10;"))
                    .append('"');
        }
    }

    private static int[] widths(Sheet s) {
        int columns = s.rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] w = new int[columns];
        Arrays.fill(w, 8);
        for (Object[] row : s.rows) {
            for (int c = 0; c < row.length; c++) {
                if (row[c] != null) {
                    String text = row[c] instanceof Number n ? number(n) : row[c].toString();
                    w[c] = Math.max(w[c], Math.min(MAX_COLUMN_WIDTH, displayWidth(text) + 2));
                }
            }
        }
        return w;
    }

    /** Chinese characters take two columns. */
    private static int displayWidth(String text) {
        return text.codePoints().map(cp -> cp >= 0x1100 && Character.isIdeographic(cp) || cp >= 0xFF00 && cp <= 0xFFEF ? 2 : 1)
                .sum();
    }

    private static boolean finite(Number n) {
        return !(n instanceof Double d && !Double.isFinite(d)) && !(n instanceof Float f && !Float.isFinite(f));
    }

    static String number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.toString();
        }
        BigDecimal d = new BigDecimal(n.toString()).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** Column letters: 0 → A, 25 → Z, 26 → AA. */
    static String column(int index) {
        StringBuilder b = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            b.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return b.toString();
    }

    /**
     * Escapes text for XML content and attributes, and drops what XML 1.0 cannot carry at all (control
     * characters other than tab, line feed and carriage return; lone surrogates; U+FFFE, U+FFFF).
     */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
            case '&' -> b.append("&amp;");
            case '<' -> b.append("&lt;");
            case '>' -> b.append("&gt;");
            case '"' -> b.append("&quot;");
            case '\'' -> b.append("&apos;");
            default -> {
                if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    b.append(ch).append(s.charAt(++i));
                } else if (ch == '\t' || ch == '\n' || ch == '\r'
                        || ch >= 0x20 && ch < 0xFFFE && !Character.isSurrogate(ch)) {
                    b.append(ch);
                }
            }
            }
        }
        return b.toString();
    }

    private String uniqueName(String wanted) {
        String base = wanted == null ? "" : wanted.replaceAll("[\\[\\]:*?/\\\\]", "_").strip();
        base = base.replaceAll("^'+|'+$", "");
        if (base.isEmpty()) {
            base = "Sheet";
        }
        base = truncate(base, 31);
        String name = base;
        for (int n = 2; !names.add(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = " (" + n + ")";
            name = truncate(base, 31 - suffix.length()) + suffix;
        }
        return name;
    }

    private static String truncate(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
    }

    private static String declaration() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    }
}
