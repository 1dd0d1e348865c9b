package org.cityeval.io.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.cityeval.api.data.BadInputException;

/**
 * The parts of an {@code .xlsx} file that a dataset needs, read with the JDK alone: {@code java.util.zip}
 * for the package and StAX ({@code javax.xml.stream}) for the XML. The workbook
 * ({@code xl/workbook.xml}) lists the sheets in tab order; its relationships
 * ({@code xl/_rels/workbook.xml.rels}) say where the first worksheet and the shared strings are; the sheet's
 * {@code <c>} elements hold the cells ({@code <v>} value, {@code t} type, {@code <f>} formula, {@code <is>}
 * inline string) and its {@code <mergeCells>} the merged ranges.
 *
 * <h2>Why not a library</h2>
 * The importer must refuse merged and formula cells at their position. Checked on Maven Central (2026-11):
 * <ul>
 * <li>{@code org.dhatim:fastexcel-reader} 0.20.2 (the newest; 41 KB) exposes formulas ({@code Cell.getFormula},
 * {@code CellType.FORMULA}) but has no API for merged cells, and it pulls in aalto-xml 1.4.0 (359 KB),
 * stax2-api 4.3.0 (194 KB), commons-compress 1.28.0 (1.1 MB) and through it commons-lang3 3.18.0 (688 KB),
 * commons-io 2.20.0 (552 KB) and commons-codec 1.19.0 (368 KB): 3.3 MB, without an OSGi manifest of its
 * own, for what this class does in a few hundred lines; and the merged cells would still need this XML
 * reading.</li>
 * <li>Apache POI ({@code poi-ooxml}) reports both, but is about 15 MB with its dependencies (XMLBeans,
 * commons-*, log4j-api) and is not OSGi-friendly.</li>
 * </ul>
 * The format parts read here are small and stable (ECMA-376 / ISO/IEC 29500 SpreadsheetML).
 *
 * <h2>Hostile files</h2>
 * Every ZIP entry is inflated through a counter and refused past {@value #MAX_ENTRY_MB} MB (a "zip bomb"
 * of a few KB can inflate to gigabytes), entries not needed are inflated only to skip them, and the total
 * inflated is capped too. XML is parsed with DTDs and external entities disabled (no XXE, no entity
 * expansion), and a document type declaration is refused outright.
 */
final class XlsxWorkbook {
    static final int MAX_ENTRY_MB = 100;
    private static final long MAX_ENTRY = MAX_ENTRY_MB * 1024L * 1024L;
    /** All entries together, inflated (skipped ones included). */
    private static final long MAX_INFLATED = 4 * MAX_ENTRY;
    private static final int MAX_ENTRIES = 10_000;

    private static final String WORKBOOK = "xl/workbook.xml";
    private static final String WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
    private static final String SHARED_STRINGS = "xl/sharedstrings.xml";

    private static final XMLInputFactory XML = xmlFactory();

    private final String source;
    private final String sheetName;
    private final byte[] sheet;
    private final List<String> sharedStrings;

    private XlsxWorkbook(String source, String sheetName, byte[] sheet, List<String> sharedStrings) {
        this.source = source;
        this.sheetName = sheetName;
        this.sheet = sheet;
        this.sharedStrings = sharedStrings;
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's own, whatever else is installed
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    /**
     * Reads the package: the workbook, its relationships, the shared strings and the first worksheet.
     *
     * @param in the file; read to its end, not closed
     */
    static XlsxWorkbook open(String source, InputStream in) throws BadInputException {
        return open(source, in, null);
    }

    /**
     * Reads the package with the worksheet of that name instead of the first (a workbook of several tables, such
     * as the intermediate datasets' export).
     *
     * @param sheetName the sheet's name as its tab shows it, or {@code null} for the first worksheet
     */
    static XlsxWorkbook open(String source, InputStream in, String sheetName) throws BadInputException {
        BufferedInputStream input = new BufferedInputStream(in);
        Map<String, byte[]> parts = new HashMap<>(); // by lower-case part name: OPC names are case-insensitive
        try {
            checkSignature(source, input);
            ZipInputStream zip = new ZipInputStream(input);
            String sheetPath = null; // known once the workbook and its relationships are read
            long inflated = 0;
            int count = 0;
            for (ZipEntry entry; (entry = nextEntry(source, zip)) != null;) {
                if (++count > MAX_ENTRIES) {
                    throw new BadInputException(source, null, "more than " + MAX_ENTRIES + " parts: not a workbook"
                            + " this importer reads");
                }
                String name = entry.getName().toLowerCase(Locale.ROOT);
                boolean keep = !entry.isDirectory() && (name.equals(WORKBOOK) || name.equals(WORKBOOK_RELS)
                        || name.equals(SHARED_STRINGS) || name.startsWith("xl/worksheets/") && name.endsWith(".xml")
                                && name.indexOf('/', "xl/worksheets/".length()) < 0 && (sheetPath == null
                                        || sheetPath.equals(name)));
                ByteArrayOutputStream out = keep ? new ByteArrayOutputStream() : null;
                inflated += inflate(source, zip, entry.getName(), out, MAX_INFLATED - inflated);
                if (keep) {
                    parts.put(name, out.toByteArray());
                    if (sheetPath == null && parts.containsKey(WORKBOOK) && parts.containsKey(WORKBOOK_RELS)) {
                        sheetPath = firstSheet(source, parts, sheetName)[0];
                        String keepSheet = sheetPath;
                        parts.keySet().removeIf(k -> k.startsWith("xl/worksheets/") && !k.equals(keepSheet));
                    }
                }
            }
        } catch (ZipException e) {
            throw new BadInputException(source, null, "not a readable XLSX file (a damaged ZIP archive: "
                    + e.getMessage() + "); save it again from Excel or WPS");
        } catch (IOException e) {
            // an archive cut short ends in an EOFException with no message: "cannot read the file: null" said nothing
            throw new BadInputException(source, null, "not a readable XLSX file (the ZIP archive is damaged or cut short"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); save it again from Excel or WPS");
        }
        if (!parts.containsKey(WORKBOOK)) {
            throw new BadInputException(source, null, "not an Excel workbook: the archive has no " + WORKBOOK);
        }
        if (!parts.containsKey(WORKBOOK_RELS)) {
            throw new BadInputException(source, null, "damaged workbook: the archive has no " + WORKBOOK_RELS);
        }
        String[] first = firstSheet(source, parts, sheetName);
        byte[] sheet = parts.get(first[0]);
        if (sheet == null) {
            throw new BadInputException(source, null, "damaged workbook: sheet '" + first[1] + "' should be in "
                    + first[0] + ", which the archive does not have");
        }
        byte[] strings = parts.get(first[2]);
        return new XlsxWorkbook(source, first[1], sheet, strings == null ? List.of() : sharedStrings(source, strings));
    }

    /**
     * The next entry of the archive. {@link ZipInputStream} decodes entry names as UTF-8 and throws an
     * unchecked {@link IllegalArgumentException} for bytes that are not: a damaged archive, not a bug.
     */
    private static ZipEntry nextEntry(String source, ZipInputStream zip) throws IOException, BadInputException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source, null, "not a readable XLSX file (a damaged ZIP archive: a part name"
                    + " that is not UTF-8 text); save it again from Excel or WPS");
        }
    }

    private static void checkSignature(String source, BufferedInputStream input) throws IOException, BadInputException {
        input.mark(8);
        byte[] head = input.readNBytes(4);
        input.reset();
        if (head.length == 0) {
            throw new BadInputException(source, null, "empty file: expected an Excel workbook");
        }
        if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return;
        }
        if (head.length == 4 && head[0] == (byte) 0xD0 && head[1] == (byte) 0xCF && head[2] == 0x11
                && head[3] == (byte) 0xE0) {
            throw new BadInputException(source, null, "an Excel 97-2003 workbook (.xls) or an encrypted one: save it"
                    + " as .xlsx (Excel Workbook) without a password, or as CSV");
        }
        throw new BadInputException(source, null, "not an XLSX file (an XLSX file is a ZIP archive; this one does"
                + " not start like one)");
    }

    /**
     * Inflates the current entry into {@code out}, or only counts it when {@code out} is null.
     *
     * @return the number of bytes inflated
     */
    private static long inflate(String source, ZipInputStream zip, String name, ByteArrayOutputStream out,
            long budget) throws IOException, BadInputException {
        byte[] buffer = new byte[16384];
        long total = 0;
        for (int n; (n = zip.read(buffer)) > 0;) {
            total += n;
            if (total > MAX_ENTRY) {
                throw new BadInputException(source, null, "part " + name + " inflates to more than " + MAX_ENTRY_MB
                        + " MB: refused (a damaged file or a zip bomb)");
            }
            if (total > budget) {
                throw new BadInputException(source, null, "the archive inflates to more than "
                        + MAX_INFLATED / (1024 * 1024) + " MB: refused (a damaged file or a zip bomb)");
            }
            if (out != null) {
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    /**
     * The first worksheet in tab order (a chart sheet before it is passed over), or the one named {@code wanted}.
     *
     * @return its part name, its name, and the part name of the shared strings
     */
    private static String[] firstSheet(String source, Map<String, byte[]> parts, String wanted)
            throws BadInputException {
        List<String[]> sheets = new ArrayList<>(); // name, relationship id
        Map<String, String[]> rels = new HashMap<>(); // id -> type, target
        try {
            XMLStreamReader x = xml(parts.get(WORKBOOK));
            while (x.hasNext()) {
                if (next(x) == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("sheet")) {
                    String id = null;
                    for (int i = 0; i < x.getAttributeCount(); i++) {
                        if (x.getAttributeLocalName(i).equals("id") && x.getAttributeNamespace(i) != null
                                && !x.getAttributeNamespace(i).isEmpty()) {
                            id = x.getAttributeValue(i);
                        }
                    }
                    sheets.add(new String[] {x.getAttributeValue(null, "name"), id});
                }
            }
            x = xml(parts.get(WORKBOOK_RELS));
            while (x.hasNext()) {
                if (next(x) == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("Relationship")) {
                    rels.put(x.getAttributeValue(null, "Id"), new String[] {
                        String.valueOf(x.getAttributeValue(null, "Type")), x.getAttributeValue(null, "Target")});
                }
            }
        } catch (XMLStreamException e) {
            throw damaged(source, "the workbook is", e);
        }
        String strings = SHARED_STRINGS;
        for (String[] rel : rels.values()) {
            if (rel[0].endsWith("/sharedStrings") && rel[1] != null) {
                strings = partName(rel[1]);
            }
        }
        for (String[] sheet : sheets) {
            String[] rel = rels.get(sheet[1]);
            if (rel != null && rel[0].endsWith("/worksheet") && rel[1] != null
                    && (wanted == null || wanted.equals(sheet[0]))) {
                return new String[] {partName(rel[1]), sheet[0], strings};
            }
        }
        throw new BadInputException(source, null, wanted == null ? "the workbook has no worksheet"
                : "the workbook has no worksheet '" + wanted + "'");
    }

    /** A relationship target (relative to {@code xl/}, or absolute) as a lower-case part name. */
    private static String partName(String target) {
        String path = target.startsWith("/") ? target.substring(1) : "xl/" + target;
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
            } else if (!s.isEmpty() && !s.equals(".")) {
                segments.add(s);
            }
        }
        return String.join("/", segments).toLowerCase(Locale.ROOT);
    }

    /** The shared string table: {@code <si>} items, each plain {@code <t>} or rich-text runs. */
    private static List<String> sharedStrings(String source, byte[] part) throws BadInputException {
        List<String> strings = new ArrayList<>();
        try {
            XMLStreamReader x = xml(part);
            while (x.hasNext()) {
                if (next(x) == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("si")) {
                    strings.add(richText(x));
                }
            }
        } catch (XMLStreamException e) {
            throw damaged(source, "the shared strings are", e);
        }
        return strings;
    }

    /**
     * The text of an {@code <si>} or {@code <is>} element, the reader at its start: its {@code <t>}, or its
     * runs' {@code <t>} joined; phonetic guides ({@code <rPh>}) left out. Ends at the element's end.
     */
    private static String richText(XMLStreamReader x) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = next(x);
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = x.getLocalName();
                if (name.equals("t")) {
                    text.append(x.getElementText()); // consumes the end tag
                } else if (name.equals("rPh")) {
                    skip(x);
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return unescape(text.toString());
    }

    /** Excel writes characters XML cannot carry (and a literal "_x") as {@code _xHHHH_}. */
    private static String unescape(String s) {
        int at = s.indexOf("_x");
        if (at < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int from = 0;
        for (; at >= 0; at = s.indexOf("_x", at + 1)) {
            if (at < from) {
                continue;
            }
            if (at + 7 <= s.length() && s.charAt(at + 6) == '_' && hex(s, at + 2, at + 6)) {
                out.append(s, from, at).append((char) Integer.parseInt(s.substring(at + 2, at + 6), 16));
                from = at + 7;
            }
        }
        return out.append(s, from, s.length()).toString();
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static XMLStreamReader xml(byte[] part) throws XMLStreamException {
        return XML.createXMLStreamReader(new ByteArrayInputStream(part));
    }

    /** The next event; a document type declaration is refused. */
    private static int next(XMLStreamReader x) throws XMLStreamException {
        int event = x.next();
        if (event == XMLStreamConstants.DTD) {
            throw new XMLStreamException("a document type declaration (DTD), which workbooks do not have");
        }
        return event;
    }

    /** Skips the element the reader is at the start of, to its end. */
    private static void skip(XMLStreamReader x) throws XMLStreamException {
        for (int depth = 1; depth > 0;) {
            int event = next(x);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** @param whatIs e.g. "the workbook is" */
    private static BadInputException damaged(String source, String whatIs, XMLStreamException e) {
        String m = String.valueOf(e.getMessage());
        int cut = m.indexOf("Message: ");
        return new BadInputException(source, null, "damaged workbook: " + whatIs + " not readable XML ("
                + (cut >= 0 ? m.substring(cut + 9) : m).strip() + ")");
    }

    // ------------------------------------------------------------------------------------------- the sheet

    /**
     * Refuses merged cells: the first merged range in reading order, at its first cell. Reads the whole
     * sheet once ({@code <mergeCells>} comes after the cells), so that this is the first error reported.
     */
    void checkNoMergedCells() throws BadInputException {
        String first = null;
        long firstRow = Long.MAX_VALUE;
        int firstCol = Integer.MAX_VALUE;
        try {
            XMLStreamReader x = xml(sheet);
            while (x.hasNext()) {
                if (next(x) == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("mergeCell")) {
                    String ref = String.valueOf(x.getAttributeValue(null, "ref")).toUpperCase(Locale.ROOT);
                    int colon = ref.indexOf(':');
                    String start = colon < 0 ? ref : ref.substring(0, colon);
                    if (colon < 0 || start.equals(ref.substring(colon + 1))) {
                        continue; // a "range" of one cell merges nothing
                    }
                    long row = rowOf(start);
                    int col = columnOf(start);
                    if (row > 0 && col > 0 && (row < firstRow || row == firstRow && col < firstCol)) {
                        first = ref;
                        firstRow = row;
                        firstCol = col;
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw damaged(source, "sheet '" + sheetName + "' is", e);
        }
        if (first != null) {
            throw BadInputException.at(source, firstRow, firstCol,
                    "merged cells " + first + ": unmerge them, one value per cell");
        }
    }

    /** The name of the sheet read, as its tab shows it. */
    String sheetName() {
        return sheetName;
    }

    /**
     * One {@code <dataValidation>} of the sheet, as written: its type ({@code decimal}, {@code whole},
     * {@code list}, {@code none}, ...), operator ({@code between} when the file gives none), the formulas as text
     * and the cell ranges, each {@code {firstColumn, firstRow, lastColumn, lastRow}} (1-based).
     */
    record DataValidation(String type, String operator, String formula1, String formula2, List<long[]> ranges) {
        /** @return whether the cell (1-based) is in one of the ranges */
        boolean covers(long row, int column) {
            for (long[] r : ranges) {
                if (column >= r[0] && column <= r[2] && row >= r[1] && row <= r[3]) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The sheet's data validations ({@code <dataValidations>}, after the cells): what the form that made the
     * workbook said each cell may hold. A range this reader cannot parse is left out.
     */
    List<DataValidation> validations() throws BadInputException {
        List<DataValidation> out = new ArrayList<>();
        try {
            XMLStreamReader x = xml(sheet);
            while (x.hasNext()) {
                if (next(x) != XMLStreamConstants.START_ELEMENT || !x.getLocalName().equals("dataValidation")) {
                    continue;
                }
                String type = x.getAttributeValue(null, "type");
                String operator = x.getAttributeValue(null, "operator");
                String sqref = x.getAttributeValue(null, "sqref");
                String f1 = null;
                String f2 = null;
                for (int depth = 1; depth > 0;) {
                    int event = next(x);
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        String name = x.getLocalName();
                        if (depth == 1 && (name.equals("formula1") || name.equals("formula2"))) {
                            String text = x.getElementText();
                            if (name.equals("formula1")) {
                                f1 = text;
                            } else {
                                f2 = text;
                            }
                        } else {
                            depth++;
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
                List<long[]> ranges = new ArrayList<>();
                for (String part : sqref == null ? new String[0] : sqref.strip().split("\\s+")) {
                    int colon = part.indexOf(':');
                    String a = colon < 0 ? part : part.substring(0, colon);
                    String b = colon < 0 ? part : part.substring(colon + 1);
                    long r1 = rowOf(a);
                    long r2 = rowOf(b);
                    int c1 = columnOf(a);
                    int c2 = columnOf(b);
                    if (r1 > 0 && r2 > 0 && c1 > 0 && c2 > 0) {
                        ranges.add(new long[] { Math.min(c1, c2), Math.min(r1, r2), Math.max(c1, c2), Math.max(r1, r2) });
                    }
                }
                if (!ranges.isEmpty()) {
                    out.add(new DataValidation(type == null ? "none" : type, operator == null ? "between" : operator,
                            f1, f2, ranges));
                }
            }
        } catch (XMLStreamException e) {
            throw damaged(source, "sheet '" + sheetName + "' is", e);
        }
        return out;
    }

    /** The rows of the first worksheet, for {@link TableReader}. */
    TableRows rows() throws BadInputException {
        try {
            return new SheetRows(xml(sheet));
        } catch (XMLStreamException e) {
            throw damaged(source, "sheet '" + sheetName + "' is", e);
        }
    }

    /** The 1-based column of a cell reference ({@code C4} → 3), or 0 when it has no letters. */
    static int columnOf(String ref) {
        int col = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                col = col * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                col = col * 26 + (c - 'a' + 1);
            } else if (c != '$') {
                break;
            }
            if (col > 16384) {
                return 0;
            }
        }
        return col;
    }

    /** The row of a cell reference ({@code C4} → 4), or 0 when it has none. */
    static long rowOf(String ref) {
        long row = 0;
        boolean digits = false;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c >= '0' && c <= '9') {
                row = row * 10 + (c - '0');
                digits = true;
                if (row > 1_048_576) {
                    return 0;
                }
            } else if (digits) {
                return 0;
            }
        }
        return row;
    }

    /** A cell reference from a 1-based column and row: (3, 4) → {@code C4}. */
    static String ref(int col, long row) {
        StringBuilder letters = new StringBuilder();
        for (int c = col; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return letters.append(row).toString();
    }

    /** A worksheet's {@code <row>}s as text cells, gaps filled with empty strings. */
    private final class SheetRows implements TableRows {
        @Override
        public String sheet() {
            return sheetName;
        }

        private final XMLStreamReader x;
        private final List<String> cells = new ArrayList<>();
        private long row;
        private boolean done;

        SheetRows(XMLStreamReader x) {
            this.x = x;
        }

        @Override
        public boolean next() throws BadInputException {
            try {
                while (!done && x.hasNext()) {
                    int event = XlsxWorkbook.next(x);
                    if (event == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("row")) {
                        String r = x.getAttributeValue(null, "r");
                        long number = r == null ? 0 : rowOf(r);
                        row = number > row ? number : row + 1;
                        readRow();
                        return true;
                    }
                    if (event == XMLStreamConstants.END_ELEMENT && x.getLocalName().equals("sheetData")) {
                        done = true;
                    }
                }
                return false;
            } catch (XMLStreamException e) {
                throw damaged(source, "sheet '" + sheetName + "' is", e);
            }
        }

        private void readRow() throws XMLStreamException, BadInputException {
            cells.clear();
            while (true) {
                int event = XlsxWorkbook.next(x);
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (x.getLocalName().equals("c")) {
                        readCell();
                    } else {
                        skip(x);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) { // </row>
                    break;
                }
            }
            int n = cells.size();
            while (n > 0 && cells.get(n - 1).isEmpty()) {
                cells.remove(--n);
            }
        }

        private void readCell() throws XMLStreamException, BadInputException {
            String r = x.getAttributeValue(null, "r");
            int col = r == null ? 0 : columnOf(r);
            if (col == 0) {
                col = cells.size() + 1;
            } else if (col <= cells.size()) {
                throw BadInputException.at(source, row, col, "damaged sheet: cell " + ref(col, row)
                        + " appears twice or out of order");
            }
            String type = x.getAttributeValue(null, "t");
            boolean formula = false;
            String value = null;
            String inline = null;
            while (true) {
                int event = XlsxWorkbook.next(x);
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "f" -> {
                            formula = true;
                            skip(x);
                        }
                        case "v" -> value = x.getElementText();
                        case "is" -> inline = richText(x);
                        default -> skip(x);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) { // </c>
                    break;
                }
            }
            if (formula) {
                throw BadInputException.at(source, row, col, "formula cell " + ref(col, row)
                        + ": save values only (paste as values)");
            }
            while (cells.size() < col - 1) {
                cells.add("");
            }
            cells.add(text(col, type == null ? "n" : type, value, inline));
        }

        private String text(int col, String type, String value, String inline) throws BadInputException {
            switch (type) {
                case "s" -> {
                    int index;
                    try {
                        index = Integer.parseInt(String.valueOf(value).strip());
                    } catch (NumberFormatException e) {
                        index = -1;
                    }
                    if (index < 0 || index >= sharedStrings.size()) {
                        throw BadInputException.at(source, row, col, "damaged workbook: cell " + ref(col, row)
                                + " refers to shared string " + value + ", which does not exist");
                    }
                    return sharedStrings.get(index);
                }
                case "inlineStr" -> {
                    return inline == null ? "" : inline;
                }
                case "b" -> throw BadInputException.at(source, row, col, "boolean cell " + ref(col, row) + " ("
                        + ("1".equals(value) ? "TRUE" : "FALSE") + "): expected a number or text");
                case "n" -> {
                    if (value == null || value.isBlank()) {
                        return "";
                    }
                    try {
                        double d = Double.parseDouble(value.strip());
                        if (Double.isFinite(d)) {
                            return Numbers.text(d);
                        }
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                    throw BadInputException.at(source, row, col, "damaged workbook: number cell " + ref(col, row)
                            + " holds '" + TableReader.quote(value) + "'");
                }
                default -> { // "e" (an error value such as #N/A), "str", "d" (an ISO date): the text as stored
                    return value == null ? "" : value;
                }
            }
        }

        @Override
        public long row() {
            return row;
        }

        @Override
        public List<String> cells() {
            return cells;
        }

        @Override
        public boolean shortRowsPadded() {
            return true;
        }
    }
}
