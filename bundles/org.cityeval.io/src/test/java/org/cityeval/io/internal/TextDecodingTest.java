package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.cityeval.api.data.BadInputException;
import org.junit.jupiter.api.Test;

class TextDecodingTest {
    private static final Charset GBK = Charset.forName("GBK");
    private static final Charset GB18030 = Charset.forName("GB18030");

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    /** Reads everything, in small reads so that buffer boundaries are crossed often. */
    private static String decode(byte[] bytes) throws IOException {
        return decode(new ByteArrayInputStream(bytes), 7);
    }

    private static String decode(InputStream in, int chunk) throws IOException {
        TextDecoding.DetectingReader reader = TextDecoding.detecting("data.csv", in);
        StringWriter out = new StringWriter();
        char[] buffer = new char[chunk];
        for (int n; (n = reader.read(buffer, 0, chunk)) >= 0;) {
            out.write(buffer, 0, n);
        }
        assertEquals(-1, reader.read(buffer, 0, chunk), "stays at the end");
        return out.toString();
    }

    private static String charsetOf(byte[] bytes) throws IOException {
        TextDecoding.DetectingReader reader = TextDecoding.detecting("data.csv", new ByteArrayInputStream(bytes));
        reader.transferTo(java.io.Writer.nullWriter());
        return reader.charset();
    }

    private static String failure(byte[] bytes) {
        return assertThrows(TextDecoding.Failure.class, () -> decode(bytes)).error().getMessage();
    }

    @Test
    void asciiIsAscii() throws Exception {
        assertEquals("adcode,x\r\n330100,1\n", decode("adcode,x\r\n330100,1\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("", decode(new byte[0]));
    }

    @Test
    void utf8WithoutBom() throws Exception {
        String text = "city,note\n杭州,\"省会, 浙江\"\n臺州,𠀀\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(text, decode(b));
        assertEquals("UTF-8", charsetOf(b));
    }

    @Test
    void utf8BomIsDropped() throws Exception {
        byte[] b = concat(bytes(0xEF, 0xBB, 0xBF), "city\n杭州\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("city\n杭州\n", decode(b));
        assertEquals("UTF-8", charsetOf(b));
        assertEquals("", decode(bytes(0xEF, 0xBB, 0xBF)));
    }

    @Test
    void gbkAndGb18030() throws Exception {
        String text = "city,note\n杭州,省会—浙江\n北京市,首都\n";
        assertEquals(text, decode(text.getBytes(GBK)));
        assertEquals("GB18030", charsetOf(text.getBytes(GBK)));
        // characters outside GBK take four bytes in GB18030
        String wide = "city,note\n杭州,€ 𠀀 㐀\n";
        assertEquals(wide, decode(wide.getBytes(GB18030)));
    }

    @Test
    void asciiPrefixLongerThanTheWindowThenGbk() throws Exception {
        StringBuilder sb = new StringBuilder("adcode,x\n");
        while (sb.length() < TextDecoding.WINDOW + 1000) {
            sb.append("330100,1\n");
        }
        String text = sb.append("330100,杭州\n").toString();
        assertEquals(text, decode(new ByteArrayInputStream(text.getBytes(GBK)), 8192));
    }

    @Test
    void neitherUtf8NorGb18030() {
        // GBK 杭州 then 0x80, which starts no character in either encoding
        byte[] b = concat("city,x\n".getBytes(StandardCharsets.US_ASCII), "杭州".getBytes(GBK), bytes(',', 0x80, '\n'));
        assertEquals("data.csv:2:2: neither UTF-8 nor GB18030/GBK text: byte 0x80 at offset 12 cannot be decoded;"
                + " save the file as \"CSV UTF-8\"", failure(b));
    }

    @Test
    void fieldsAreCountedOutsideQuotesOnly() {
        byte[] b = concat("city,note,x\r\n杭州,\"a, b\nc\",1\r\n\"x,y\",".getBytes(GBK), bytes(0xFF));
        // row 4 (CRLF and the line break inside the quoted note both count), field 2
        assertEquals("data.csv:4:2: neither UTF-8 nor GB18030/GBK text: byte 0xFF at offset " + (b.length - 1)
                + " cannot be decoded; save the file as \"CSV UTF-8\"", failure(b));
    }

    @Test
    void badByteAfterUtf8Bom() {
        byte[] b = concat(bytes(0xEF, 0xBB, 0xBF), "city,x\n杭州,1\n".getBytes(StandardCharsets.UTF_8),
                "北京".getBytes(GBK), bytes(',', '2', '\n'));
        assertEquals("data.csv:3:1: not UTF-8 text although the file starts with a UTF-8 byte order mark: byte 0xB1"
                + " at offset 19 cannot be decoded; save the file again as \"CSV UTF-8\"", failure(b));
    }

    @Test
    void utf8ThenGbkIsAMixedFile() {
        // eight and more UTF-8 characters before the first bad byte: damaged UTF-8, not GB18030
        byte[] head = "city,note\n杭州,浙江省省会城市\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = concat(head, "北京".getBytes(GBK), bytes(',', 'x', '\n'));
        assertEquals("data.csv:3:1: not UTF-8 text: byte 0xB1 at offset " + head.length + " cannot be decoded, but"
                + " the text before it is UTF-8: the file is damaged or mixes encodings; save it again as"
                + " \"CSV UTF-8\"", failure(b));
    }

    @Test
    void fewUtf8CharactersBeforeABadByteMeanGb18030() throws Exception {
        // two UTF-8 characters are also four valid GB18030 ones: the rule reads the file as GB18030
        byte[] b = concat("x\n杭州\n".getBytes(StandardCharsets.UTF_8), "北京".getBytes(GBK));
        assertEquals("GB18030", charsetOf(b));
        assertEquals("x\n" + new String("杭州".getBytes(StandardCharsets.UTF_8), GB18030) + "\n北京", decode(b));
    }

    @Test
    void badByteAfterTheUtf8Window() {
        StringBuilder sb = new StringBuilder("city,x\n");
        while (sb.length() < TextDecoding.WINDOW) {
            sb.append("杭州,1\n");
        }
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        long lines = sb.chars().filter(c -> c == '\n').count();
        byte[] b = concat(head, bytes('x', ',', 0xC1, '\n'));
        assertEquals("data.csv:" + (lines + 1) + ":2: not UTF-8 text: byte 0xC1 at offset " + (head.length + 2)
                + " cannot be decoded, but the text before it is UTF-8: the file is damaged or mixes encodings;"
                + " save it again as \"CSV UTF-8\"", failure(b));
    }

    @Test
    void truncatedCharacterAtTheEnd() {
        byte[] utf8 = "city\n杭州".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(utf8, utf8.length - 1);
        // not UTF-8 (cut short), and as GB18030 E6 9D|AD E5|B7 leaves the last byte alone
        assertEquals("data.csv:2:1: neither UTF-8 nor GB18030/GBK text: byte 0xB7 at offset 9 cannot be decoded;"
                + " save the file as \"CSV UTF-8\"", failure(cut));
    }

    @Test
    void lineBreaksOfEveryKindAreCounted() {
        // \r\n, \r alone (old Mac), \n; a lone \r followed by text, then \n, is two line breaks
        byte[] b = concat("a\r\nb\rc\nd\re\n\"q\r\nq\",".getBytes(StandardCharsets.US_ASCII), bytes(0x81, 0x20));
        assertEquals("data.csv:7:2: neither UTF-8 nor GB18030/GBK text: byte 0x81 at offset " + (b.length - 2)
                + " cannot be decoded; save the file as \"CSV UTF-8\"", failure(b));
    }

    @Test
    void utf16IsRefused() {
        byte[] b = concat(bytes(0xFF, 0xFE), "city".getBytes(StandardCharsets.UTF_16LE));
        assertEquals("data.csv:1:1: UTF-16 text (byte order mark 0xFF 0xFE, Excel's \"Unicode text\"): save the file"
                + " as \"CSV UTF-8\" or CSV", failure(b));
    }

    @Test
    void jsonIsStrictUtf8AndMayHaveABom() throws Exception {
        byte[] b = concat(bytes(0xEF, 0xBB, 0xBF), "[{\"city\": \"杭州\"}]".getBytes(StandardCharsets.UTF_8));
        java.nio.CharBuffer text = TextDecoding.utf8("r.json", b);
        assertEquals("[{\"city\": \"杭州\"}]", text.toString());
        byte[] gbk = concat("[{\"city\": \"".getBytes(StandardCharsets.UTF_8), "杭州".getBytes(GBK));
        BadInputException e = assertThrows(BadInputException.class, () -> TextDecoding.utf8("r.json", gbk));
        assertEquals("r.json:1:12: not UTF-8 text: byte 0xBA at offset 11 cannot be decoded; JSON must be UTF-8"
                + " (RFC 8259): save the file as UTF-8", e.getMessage());
    }

    @Test
    void readerReadsInAnyChunkSize() throws Exception {
        String text = "city,note\n杭州,省会\n".repeat(5000);
        for (Charset cs : new Charset[] {StandardCharsets.UTF_8, GBK}) {
            for (int chunk : new int[] {1, 3, 4096, 100_000}) {
                try (Reader r = TextDecoding.detecting("d.csv", new ByteArrayInputStream(text.getBytes(cs)))) {
                    StringWriter out = new StringWriter();
                    char[] buffer = new char[chunk];
                    for (int n; (n = r.read(buffer, 0, chunk)) >= 0;) {
                        out.write(buffer, 0, n);
                    }
                    assertEquals(text, out.toString(), cs + " " + chunk);
                }
            }
        }
    }
}
