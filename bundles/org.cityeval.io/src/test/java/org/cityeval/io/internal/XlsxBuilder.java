package org.cityeval.io.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes small .xlsx files for tests, from XML strings with java.util.zip, laid out as Excel lays them
 * out: content types, package relationships, workbook and its relationships, the shared strings and one
 * worksheet. Cells: a {@link String} is a shared string, a {@link Number} a numeric cell ({@code <v>} as
 * {@link Double#toString}, or as given with {@link #num(String)}), {@code null} no cell, and
 * {@link #raw(String)} any {@code <c>} element as written ({@code %s} stands for its reference).
 */
final class XlsxBuilder {
    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> stringIndex = new LinkedHashMap<>();
    private final StringBuilder rows = new StringBuilder();
    private final List<String> merges = new ArrayList<>();
    private final Map<String, byte[]> extra = new LinkedHashMap<>();
    private int row;
    private String workbookSheets = "<sheet name=\"数据\" sheetId=\"1\" r:id=\"rId1\"/>";
    private String extraRels = "";
    private String sheetPath = "worksheets/sheet1.xml";
    private boolean reversed;

    /** A cell given as XML. */
    record Raw(String xml) {
    }

    /** A numeric cell with its {@code <v>} text as given. */
    record Num(String text) {
    }

    static Raw raw(String xml) {
        return new Raw(xml);
    }

    static Num num(String text) {
        return new Num(text);
    }

    /** Appends the next row (rows are numbered from 1). */
    XlsxBuilder row(Object... cells) {
        return rowAt(row + 1, cells);
    }

    /** Appends a row with this number (must be after the previous one). */
    XlsxBuilder rowAt(int number, Object... cells) {
        row = number;
        rows.append("<row r=\"").append(number).append("\">");
        for (int i = 0; i < cells.length; i++) {
            Object c = cells[i];
            String ref = XlsxWorkbook.ref(i + 1, number);
            if (c == null) {
                continue;
            }
            if (c instanceof Raw r) {
                rows.append(r.xml().replace("%s", ref));
            } else if (c instanceof Num n) {
                rows.append("<c r=\"").append(ref).append("\"><v>").append(n.text()).append("</v></c>");
            } else if (c instanceof Number n) {
                rows.append("<c r=\"").append(ref).append("\" s=\"1\"><v>").append(Double.toString(n.doubleValue()))
                        .append("</v></c>");
            } else {
                int index = stringIndex.computeIfAbsent(c.toString(), s -> {
                    strings.add(s);
                    return strings.size() - 1;
                });
                rows.append("<c r=\"").append(ref).append("\" t=\"s\"><v>").append(index).append("</v></c>");
            }
        }
        rows.append("</row>");
        return this;
    }

    XlsxBuilder merge(String range) {
        merges.add(range);
        return this;
    }

    /** Puts a chart sheet before the worksheet in tab order. */
    XlsxBuilder chartSheetFirst() {
        workbookSheets = "<sheet name=\"图表\" sheetId=\"2\" r:id=\"rId9\"/>" + workbookSheets;
        extraRels += "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/chartsheet\" Target=\"chartsheets/sheet1.xml\"/>";
        extra.put("xl/chartsheets/sheet1.xml", "<chartsheet/>".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Stores the worksheet under another name, as the relationships say. */
    XlsxBuilder sheetPath(String path) {
        sheetPath = path;
        return this;
    }

    /** Writes the parts in reverse order: worksheets and shared strings before the workbook. */
    XlsxBuilder reversed() {
        reversed = true;
        return this;
    }

    /** Adds any other part. */
    XlsxBuilder part(String name, byte[] content) {
        extra.put(name, content);
        return this;
    }

    String sheetXml() {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheetData>").append(rows).append("</sheetData>");
        if (!merges.isEmpty()) {
            s.append("<mergeCells count=\"").append(merges.size()).append("\">");
            for (String m : merges) {
                s.append("<mergeCell ref=\"").append(m).append("\"/>");
            }
            s.append("</mergeCells>");
        }
        return s.append("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\""
                + " footer=\"0.3\"/></worksheet>").toString();
    }

    String sharedStringsXml() {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"")
                .append(strings.size()).append("\" uniqueCount=\"").append(strings.size()).append("\">");
        for (String str : strings) {
            s.append("<si><t xml:space=\"preserve\">").append(escape(str)).append("</t></si>");
        }
        return s.append("</sst>").toString();
    }

    byte[] bytes() {
        return bytes(sheetXml());
    }

    /** The file with this worksheet XML instead of the built one. */
    byte[] bytes(String sheetXml) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                + ".spreadsheetml.sheet.main+xml\"/></Types>");
        parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                + "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets>" + workbookSheets + "</sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                + "worksheet\" Target=\"" + sheetPath + "\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                + "sharedStrings\" Target=\"sharedStrings.xml\"/>" + extraRels + "</Relationships>");
        parts.put("xl/" + sheetPath, sheetXml);
        parts.put("xl/sharedStrings.xml", sharedStringsXml());
        List<Map.Entry<String, String>> order = new ArrayList<>(parts.entrySet());
        if (reversed) {
            java.util.Collections.reverse(order);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> p : order) {
                zip.putNextEntry(new ZipEntry(p.getKey()));
                zip.write(p.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            for (Map.Entry<String, byte[]> p : extra.entrySet()) {
                zip.putNextEntry(new ZipEntry(p.getKey()));
                zip.write(p.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
