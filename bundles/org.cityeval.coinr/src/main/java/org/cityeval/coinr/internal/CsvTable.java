package org.cityeval.coinr.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.cityeval.api.data.BadInputException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * A CSV file as COINr's {@code write.csv} writes it: a header row, then rows of the same width; strict
 * UTF-8, an optional BOM, {@code NA} for missing. Rows keep their physical line (header = 1) and columns
 * count from 1, so that every problem is reported as {@code file:row:column}.
 */
final class CsvTable {
    /** Numbers as R writes them (and people type them): no hex, no 'd'/'f' suffix, no "Infinity". */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** One data row. */
    record Row(long line, String[] fields) {
        String get(int column) {
            return fields[column].strip();
        }
    }

    final String source;
    final String[] header;
    final long headerLine;
    final List<Row> rows;
    private final Map<String, Integer> index = new HashMap<>();

    private CsvTable(String source, String[] header, long headerLine, List<Row> rows) throws BadInputException {
        this.source = source;
        this.header = header;
        this.headerLine = headerLine;
        this.rows = rows;
        for (int i = 0; i < header.length; i++) {
            if (header[i].isEmpty()) {
                throw BadInputException.at(source, headerLine, i + 1, "empty column name in the header");
            }
            Integer other = index.putIfAbsent(header[i], i);
            if (other != null) {
                throw BadInputException.at(source, headerLine, i + 1,
                        "duplicate column '" + header[i] + "' (also column " + (other + 1) + ")");
            }
        }
    }

    /** @return the 0-based index of the column, or -1 */
    int column(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** @return the 0-based index of a column COINr requires */
    int require(String name, String what) throws BadInputException {
        int i = column(name);
        if (i < 0) {
            throw BadInputException.at(source, headerLine, 0, "no column '" + name + "' (" + what
                    + "); the header has: " + String.join(", ", header));
        }
        return i;
    }

    BadInputException error(Row row, int column, String reason) {
        return BadInputException.at(source, row.line(), column + 1, reason);
    }

    /** {@code NA} (R's missing value), {@code NaN} (R's not-a-number, also missing there) or an empty cell. */
    static boolean missing(String cell) {
        return cell.isEmpty() || cell.equals("NA") || cell.equals("NaN");
    }

    /** @return the number in the cell, or {@code null} when the cell is missing */
    Double number(Row row, int column) throws BadInputException {
        String cell = row.get(column);
        if (missing(cell)) {
            return null;
        }
        if (!NUMBER.matcher(cell).matches()) {
            throw error(row, column, "not a number: '" + cell + "' in column '" + header[column] + "'");
        }
        double d = Double.parseDouble(cell);
        if (Double.isInfinite(d)) {
            throw error(row, column, "number out of range: '" + cell + "' in column '" + header[column] + "'");
        }
        return d;
    }

    /** @return the text in the cell, or {@code null} when the cell is missing ({@code NA} or empty) */
    static String text(Row row, int column) {
        if (column < 0) {
            return null;
        }
        String cell = row.get(column);
        return cell.isEmpty() || cell.equals("NA") ? null : cell;
    }

    static CsvTable read(String source, byte[] bytes) throws BadInputException {
        CharBuffer text = decode(source, bytes);
        int start = text.length() > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
        List<Row> rows = new ArrayList<>();
        try (JsonParser parser = new CsvFactory().createParser(text.array(), start, text.length() - start)) {
            ((CsvParser) parser).setSchema(CsvSchema.emptySchema());
            List<String> fields = new ArrayList<>();
            long line = 0;
            JsonToken token;
            while (true) {
                long at = parser.currentLocation().getLineNr();
                try {
                    token = parser.nextToken();
                } catch (JacksonException e) {
                    throw BadInputException.at(source, at, fields.size() + 1, "not valid CSV: " + e.getOriginalMessage());
                }
                if (token == null) {
                    break;
                }
                if (token == JsonToken.VALUE_STRING) {
                    if (fields.isEmpty()) {
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    fields.add(parser.getText());
                } else if (token == JsonToken.END_ARRAY) {
                    if (fields.stream().anyMatch(f -> !f.isBlank())) {
                        rows.add(new Row(line, fields.toArray(String[]::new)));
                    }
                    fields.clear();
                }
            }
        } catch (IOException e) { // an in-memory char array: cannot happen
            throw new BadInputException(source, null, "cannot read: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new BadInputException(source, null, "empty file: expected a header row and data rows");
        }
        Row head = rows.remove(0);
        String[] header = new String[head.fields().length];
        for (int i = 0; i < header.length; i++) {
            header[i] = head.get(i);
        }
        for (Row r : rows) {
            int have = r.fields().length;
            if (have > header.length) {
                throw BadInputException.at(source, r.line(), header.length + 1, "this row has " + have
                        + " fields but the header has " + header.length + " columns");
            }
            if (have < header.length) {
                throw BadInputException.at(source, r.line(), have + 1, "this row has " + have
                        + " fields but the header has " + header.length + " columns; column '" + header[have]
                        + "' is missing");
            }
        }
        return new CsvTable(source, header, head.line(), rows);
    }

    private static CharBuffer decode(String source, byte[] bytes) throws BadInputException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer src = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(src, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = src.position();
            long line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw BadInputException.at(source, line, 0, String.format(Locale.ROOT,
                    "not UTF-8 text: byte 0x%02X at offset %d cannot be decoded; save the file as UTF-8",
                    bytes[at] & 0xFF, at));
        }
        out.flip();
        return out;
    }

    // ---------------------------------------------------------------- writing

    /** Builds a CSV file the way R's {@code write.csv(..., row.names = FALSE)} does: text quoted, NA bare. */
    static final class Writer {
        private final StringBuilder out = new StringBuilder();
        private boolean first = true;

        Writer text(String s) {
            sep();
            if (s == null) {
                out.append("NA");
            } else {
                out.append('"').append(s.replace("\"", "\"\"")).append('"');
            }
            return this;
        }

        Writer number(Double d) {
            sep();
            out.append(d == null || d.isNaN() ? "NA" : plain(d));
            return this;
        }

        Writer integer(Integer i) {
            sep();
            out.append(i == null ? "NA" : i.toString());
            return this;
        }

        Writer na() {
            sep();
            out.append("NA");
            return this;
        }

        Writer end() {
            out.append('\n');
            first = true;
            return this;
        }

        private void sep() {
            if (!first) {
                out.append(',');
            }
            first = false;
        }

        byte[] bytes() {
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The shortest decimal that reads back as the same double, without an exponent (1.25, not 1.25E0). */
    static String plain(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
