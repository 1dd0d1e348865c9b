package org.cityeval.io.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.cityeval.api.data.BadInputException;

/**
 * Decodes UTF-8 strictly for every text importer. A replacement character silently written into a city
 * name or a number would hide the real problem (usually a GBK file), so the first bad byte is reported
 * with its line, and for formats whose positions are character columns (JSON) its column too (counting
 * characters, not bytes). CSV positions name fields, which are not known before decoding: row only.
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    static CharBuffer decode(String source, byte[] bytes, boolean characterColumns) throws BadInputException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer src = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1); // UTF-8 never yields more chars than bytes
        CoderResult result = decoder.decode(src, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = src.position();
            long line = 1;
            int column = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) { // count characters, not continuation bytes
                    column++;
                }
            }
            throw BadInputException.at(source, line, characterColumns ? column : 0, String.format(Locale.ROOT,
                    "not UTF-8 text: byte 0x%02X at offset %d cannot be decoded; save the file as UTF-8",
                    bytes[at] & 0xFF, at));
        }
        out.flip();
        return out;
    }
}
