package org.cityeval.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.cityeval.api.data.BadInputException;

/**
 * Turns the bytes of a text file into characters, for every importer that reads text. Nothing is ever
 * decoded with replacement characters: a {@code �} silently written into a city name or a number would
 * hide the real problem, so the first byte that cannot be decoded is reported with its position.
 *
 * <h2>Tabular text (CSV): {@link #detecting}</h2>
 * The encoding is detected, by this rule:
 * <ol>
 * <li>a UTF-8 byte order mark ({@code EF BB BF}, written by Excel's "CSV UTF-8" and by Notepad) means
 * UTF-8; the mark is dropped, and any byte that is not UTF-8 after it is an error;</li>
 * <li>bytes that are valid UTF-8 are UTF-8 (pure ASCII is both, and reads the same either way);</li>
 * <li>otherwise the file is decoded, strictly, as GB18030, the national standard that contains GBK (and
 * GB2312): what Excel and WPS write for "CSV" on a Chinese Windows;</li>
 * <li>if that fails too, the file is refused: {@code neither UTF-8 nor GB18030/GBK text: byte 0x80 at
 * offset 17}, at the physical line of the byte and, for CSV, its field (quote-aware: {@code ,} and
 * {@code "} never occur inside a UTF-8 or GB18030 multi-byte character, so fields can be counted in the
 * raw bytes).</li>
 * </ol>
 * A UTF-16 byte order mark ("Unicode text" from Excel) is refused with its own message.
 * <p>
 * The reader streams (a large CSV is never held in memory whole), so "valid UTF-8" is decided when the
 * first non-ASCII byte is met, on a window of {@value #WINDOW} bytes from there (or the rest of the file,
 * when shorter; everything before that byte is ASCII, which reads the same in both encodings). For files
 * whose non-ASCII part fits in the window this is exactly the rule above. Two refinements:
 * <ul>
 * <li>when the window is UTF-8 and a byte after it is not, the file is refused ("the text before it is
 * UTF-8: the file is damaged or mixes encodings") rather than re-read from the start as GB18030;</li>
 * <li>likewise when a byte in the window is not UTF-8 but at least {@value #MIXED_AFTER} non-ASCII UTF-8
 * characters come before it. GBK text passes for one UTF-8 character now and then (by a rough estimate one
 * Chinese character in seven does), but for that many in a row only about once in a million files, while
 * reading such a file as GB18030 would turn its UTF-8 part into mojibake (unknown cities, garbled notes)
 * and report a later, misleading error, or none.</li>
 * </ul>
 *
 * <h2>JSON: {@link #utf8}</h2>
 * JSON is UTF-8 by definition (RFC 8259 §8.1): strict UTF-8, no detection. A byte order mark is accepted
 * and dropped (RFC 8259 allows parsers to ignore it; Notepad writes one). Errors give line and
 * character column.
 */
final class TextDecoding {
    /** Bytes examined from the first non-ASCII byte to decide between UTF-8 and GB18030. */
    static final int WINDOW = 1 << 20;
    /** Non-ASCII UTF-8 characters before a bad byte that make a file "damaged UTF-8", not GB18030. */
    static final int MIXED_AFTER = 8;

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final int CHUNK = 1 << 16;

    private TextDecoding() {
    }

    /**
     * A failure found while a {@link #detecting} reader is read, carried through the parser as an
     * {@link IOException}; the importer unwraps {@link #error()}.
     */
    static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient BadInputException error;

        Failure(BadInputException error) {
            super(error.getMessage());
            this.error = error;
        }

        BadInputException error() {
            return error;
        }
    }

    /**
     * A streaming reader that applies the detection rule of this class. Positions in its errors are the
     * physical line of the bad byte and the CSV field it is in.
     *
     * @param source the file name for messages
     * @param in     the bytes; read to the end, not closed
     */
    static DetectingReader detecting(String source, InputStream in) {
        return new DetectingReader(source, in);
    }

    /**
     * Decodes a whole JSON text as strict UTF-8, without a leading byte order mark.
     *
     * @return the characters; {@code array()} from {@code arrayOffset() + position()} for {@code remaining()}
     */
    static CharBuffer utf8(String source, byte[] bytes) throws BadInputException {
        int start = hasUtf8Bom(bytes, bytes.length) ? 3 : 0;
        CharsetDecoder decoder = strict(StandardCharsets.UTF_8);
        ByteBuffer src = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1); // UTF-8 never yields more chars than bytes
        CoderResult result = decoder.decode(src, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = src.position();
            long line = 1;
            int column = 1;
            for (int i = start; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) { // count characters, not continuation bytes
                    column++;
                }
            }
            throw BadInputException.at(source, line, column, "not UTF-8 text: " + describe(bytes[at], at)
                    + " cannot be decoded; JSON must be UTF-8 (RFC 8259): save the file as UTF-8");
        }
        out.flip();
        return out;
    }

    private static boolean hasUtf8Bom(byte[] b, int n) {
        return n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String describe(byte b, long offset) {
        return String.format(Locale.ROOT, "byte 0x%02X at offset %d", b & 0xFF, offset);
    }

    /** The reader of {@link #detecting}. Not thread-safe, as readers are not. */
    static final class DetectingReader extends Reader {
        private enum Mode { START, ASCII, BOM_UTF8, UTF8, GB18030 }

        private final String source;
        private final InputStream in;
        private ByteBuffer bytes = ByteBuffer.allocate(CHUNK).flip(); // read mode: position..limit unread
        private boolean eof;
        private boolean flushed;
        private Mode mode = Mode.START;
        private CharsetDecoder decoder;
        private String charsetName = "UTF-8";

        // Where the next unread byte is: absolute offset, physical line, CSV field (1-based), quoting state.
        private long base; // absolute offset of bytes[0]
        private long line = 1;
        private int field = 1;
        private boolean quoted;
        private boolean afterCr;

        DetectingReader(String source, InputStream in) {
            this.source = source;
            this.in = in;
        }

        /** @return the encoding the text was read in: UTF-8 or GB18030 */
        String charset() {
            return charsetName;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (mode == Mode.START) {
                start();
            }
            CharBuffer out = CharBuffer.wrap(cbuf, off, len);
            while (out.position() == off) {
                if (flushed) {
                    return -1;
                }
                if (mode == Mode.ASCII) {
                    if (!bytes.hasRemaining()) {
                        if (eof) {
                            return -1;
                        }
                        fill();
                        continue;
                    }
                    if (!ascii(out)) {
                        decide();
                    }
                    continue;
                }
                int from = bytes.position();
                CoderResult result = decoder.decode(bytes, out, eof);
                track(from, bytes.position());
                if (result.isError()) {
                    throw failure(bytes.position());
                }
                if (result.isUnderflow()) {
                    if (eof) {
                        result = decoder.flush(out);
                        if (result.isError()) {
                            throw failure(bytes.position());
                        }
                        flushed = true;
                    } else {
                        fill();
                    }
                }
            }
            return out.position() - off;
        }

        @Override
        public void close() {
            // the caller owns the stream
        }

        /** Reads the first bytes and looks for a byte order mark. */
        private void start() throws IOException {
            while (!eof && bytes.remaining() < 3) {
                fill();
            }
            byte[] b = bytes.array();
            int n = bytes.limit();
            if (hasUtf8Bom(b, n)) {
                bytes.position(3);
                base = 0;
                use(Mode.BOM_UTF8, StandardCharsets.UTF_8);
                return;
            }
            if (n >= 2 && (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE || b[0] == (byte) 0xFE && b[1] == (byte) 0xFF)) {
                throw new Failure(BadInputException.at(source, 1, 1, String.format(Locale.ROOT,
                        "UTF-16 text (byte order mark 0x%02X 0x%02X, Excel's \"Unicode text\"): save the file as"
                                + " \"CSV UTF-8\" or CSV", b[0] & 0xFF, b[1] & 0xFF)));
            }
            mode = Mode.ASCII;
        }

        private void use(Mode m, Charset charset) {
            mode = m;
            decoder = strict(charset);
            charsetName = charset == GB18030 ? "GB18030" : "UTF-8";
        }

        /**
         * Copies ASCII bytes to {@code out} as characters, keeping positions.
         *
         * @return false when stopped at a non-ASCII byte
         */
        private boolean ascii(CharBuffer out) {
            byte[] b = bytes.array();
            char[] o = out.array();
            int at = out.arrayOffset() + out.position();
            int start = bytes.position();
            int end = Math.min(bytes.limit(), start + out.remaining());
            int i = start;
            for (; i < end; i++) {
                byte c = b[i];
                if (c < 0) {
                    break;
                }
                o[at++] = (char) c;
                if (c <= ',') { // positions change only at \n \r " and ,
                    step(c);
                } else {
                    afterCr = false;
                }
            }
            out.position(out.position() + i - start);
            bytes.position(i);
            return i == end || b[i] >= 0;
        }

        /**
         * At the first non-ASCII byte: decides between UTF-8 and GB18030 on a window of bytes from here.
         */
        private void decide() throws IOException {
            // the window must be in the buffer: grow it, then read until full or at the end of the input
            if (bytes.capacity() < WINDOW) {
                ByteBuffer bigger = ByteBuffer.allocate(WINDOW);
                base += bytes.position();
                bigger.put(bytes);
                bytes = bigger.flip();
            }
            while (!eof && bytes.remaining() < WINDOW) {
                fill();
            }
            byte[] b = bytes.array();
            int from = bytes.position();
            int to = bytes.limit();
            CharsetDecoder utf8 = strict(StandardCharsets.UTF_8);
            ByteBuffer window = ByteBuffer.wrap(b, from, to - from);
            CharBuffer scratch = CharBuffer.allocate(CHUNK);
            CoderResult result;
            int nonAscii = 0;
            do {
                scratch.clear();
                result = utf8.decode(window, scratch, eof);
                scratch.flip();
                for (int i = 0; i < scratch.limit(); i++) {
                    char c = scratch.get(i);
                    if (c > 0x7F && !Character.isLowSurrogate(c)) {
                        nonAscii++;
                    }
                }
            } while (result.isOverflow());
            if (!result.isError()) {
                use(Mode.UTF8, StandardCharsets.UTF_8);
                return;
            }
            if (nonAscii >= MIXED_AFTER) {
                int bad = window.position();
                track(from, bad); // positions of the bad byte; nothing after it is read any more
                bytes.position(bad);
                throw failure(bad);
            }
            use(Mode.GB18030, GB18030);
        }

        /** Compacts the buffer and reads more bytes into it (at least one, or sets {@link #eof}). */
        private void fill() throws IOException {
            base += bytes.position();
            bytes.compact();
            try {
                while (bytes.hasRemaining()) {
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        eof = true;
                        break;
                    }
                    bytes.position(bytes.position() + n);
                    if (n > 0) {
                        break;
                    }
                }
            } finally {
                bytes.flip();
            }
        }

        /** Moves line, field and quoting state over the bytes {@code [from, to)} of the buffer. */
        private void track(int from, int to) {
            byte[] b = bytes.array();
            for (int i = from; i < to; i++) {
                byte c = b[i];
                if (c >= 0 && c <= ',') {
                    step(c);
                } else {
                    afterCr = false;
                }
            }
        }

        /** Moves the positions over one ASCII byte up to ','. */
        private void step(byte c) {
            if (c == '\n') {
                if (!afterCr) {
                    line++;
                }
                afterCr = false;
                if (!quoted) {
                    field = 1;
                }
                return;
            }
            afterCr = c == '\r';
            if (afterCr) {
                line++;
                if (!quoted) {
                    field = 1;
                }
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                field++;
            }
        }

        /** The error for the byte at {@code index} of the buffer, where positions have been tracked to. */
        private Failure failure(int index) {
            long offset = base + index;
            if (index >= bytes.limit()) { // a character cut off by the end of the file
                index = bytes.limit() - 1;
                offset = base + index;
            }
            String at = describe(bytes.get(index), offset);
            String reason = switch (mode) {
                case BOM_UTF8 -> "not UTF-8 text although the file starts with a UTF-8 byte order mark: " + at
                        + " cannot be decoded; save the file again as \"CSV UTF-8\"";
                case GB18030 -> "neither UTF-8 nor GB18030/GBK text: " + at
                        + " cannot be decoded; save the file as \"CSV UTF-8\"";
                default -> "not UTF-8 text: " + at + " cannot be decoded, but the text before it is UTF-8:"
                        + " the file is damaged or mixes encodings; save it again as \"CSV UTF-8\"";
            };
            return new Failure(BadInputException.at(source, line, field, reason));
        }
    }
}
