package org.cityeval.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void widthOfChineseLatinAndFullWidth() {
        assertEquals(6, TextTable.width("北京市"));
        assertEquals(3, TextTable.width("abc"));
        assertEquals(4, TextTable.width("１２"));
        assertEquals(0, TextTable.width(""));
        assertEquals(7, TextTable.width("杭州 ab")); // 2 + 2 + 1 + 1 + 1
    }

    @Test
    void widthOfPunctuationMarksAndRareCharacters() {
        assertEquals(2, TextTable.width("（"), "full-width parenthesis");
        assertEquals(2, TextTable.width("、"), "ideographic comma");
        assertEquals(2, TextTable.width("\u3000"), "ideographic space");
        assertEquals(2, TextTable.width("𠀀"), "CJK extension B, a surrogate pair");
        assertEquals(1, TextTable.width("e\u0301"), "a combining accent takes no column");
        assertEquals(2, TextTable.width("a\u200Bb"), "zero-width space");
        assertEquals(1, TextTable.width("ｱ"), "half-width katakana");
        assertEquals(4, TextTable.width("서울"), "Hangul");
    }

    @Test
    void wide() {
        assertTrue(TextTable.wide('北'));
        assertTrue(TextTable.wide(0xFF11)); // １
        assertFalse(TextTable.wide('a'));
        assertFalse(TextTable.wide('—'));
    }

    /** Display cells of a line: a wide character fills two cells, the second holding {@code '\0'}. */
    static List<Character> cells(String line) {
        List<Character> out = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            out.add(ch);
            if (ch >= 0x4E00 && ch <= 0x9FFF) { // the test's data use CJK ideographs only as wide characters
                out.add('\0');
            }
        }
        return out;
    }

    static String text(List<Character> cells, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            char ch = i < cells.size() ? cells.get(i) : ' '; // trailing spaces are stripped from lines
            if (ch != '\0') {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    static int width(String s) {
        return cells(s).size();
    }

    @Test
    void columnsLineUpWithMixedChineseAndLatinCells() {
        String[] header = {"排名 rank", "城市 city", "省份", "总分 total"};
        boolean[] right = {true, false, false, true};
        String[][] rows = {
                {"1", "北京市", "北京市", "85.7"},
                {"2", "Hangzhou", "浙江省", "85.0"},
                {"10", "乌鲁木齐市", "新疆维吾尔自治区", "7.5"},
                {"—", "x", "", "—"},
        };
        TextTable t = new TextTable(">排名 rank", "城市 city", "省份", ">总分 total");
        for (String[] r : rows) {
            t.row((Object[]) r);
        }
        String[] lines = t.render().split("\n");
        assertEquals(2 + rows.length, lines.length);

        // expected widths and starts of the columns, in display cells
        int[] widths = new int[header.length];
        int[] starts = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = width(header[c]);
            for (String[] r : rows) {
                widths[c] = Math.max(widths[c], width(r[c]));
            }
            starts[c] = c == 0 ? 0 : starts[c - 1] + widths[c - 1] + 2;
        }
        int total = starts[header.length - 1] + widths[header.length - 1];

        List<String[]> expected = new ArrayList<>();
        expected.add(header);
        expected.add(null); // the rule line
        for (String[] r : rows) {
            expected.add(r);
        }
        for (int l = 0; l < lines.length; l++) {
            List<Character> cells = cells(lines[l]);
            assertTrue(cells.size() <= total, "line " + l + " is too wide: " + lines[l]);
            // the two separator cells before every column are blank, on every line
            for (int c = 1; c < header.length; c++) {
                assertEquals("  ", text(cells, starts[c] - 2, starts[c]), "separator before column " + c + " on line " + l);
            }
            for (int c = 0; c < header.length; c++) {
                String field = text(cells, starts[c], starts[c] + widths[c]);
                if (expected.get(l) == null) {
                    assertEquals("-".repeat(widths[c]), field, "rule of column " + c);
                    continue;
                }
                String want = expected.get(l)[c];
                String pad = " ".repeat(widths[c] - width(want));
                assertEquals(right[c] ? pad + want : want + pad, field, "column " + c + " on line " + l);
            }
        }
        // the last column is right-aligned, so every line has the same display width
        for (String line : lines) {
            assertEquals(total, width(line), line);
        }
    }

    @Test
    void trailingBlanksAreStripped() {
        String out = new TextTable("a", "b").row("x", "").row("y", "long").render();
        for (String line : out.split("\n")) {
            assertEquals(line.stripTrailing(), line);
        }
        assertTrue(out.endsWith("\n"));
        assertEquals("a  b\n-  ----\nx\ny  long\n", out);
    }

    @Test
    void missingAndNullCellsAreBlankAndExtraCellsIgnored() {
        String out = new TextTable("a", ">b").row("x").row(null, 5, "extra").render();
        assertEquals("a  b\n-  -\nx\n   5\n", out);
    }

    @Test
    void headerOnly() {
        assertEquals("城市  >x\n----  --\n", new TextTable("城市", ">>x").render());
    }
}
