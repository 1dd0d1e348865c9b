package org.cityeval.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading a request body within the size limit, and the query string. */
final class Bodies {
    private Bodies() {
    }

    /**
     * Reads at most {@code limit} bytes.
     *
     * @param declared the Content-Length the client declared, or -1
     * @throws HttpError 413 when the declared length or the content is over the limit
     */
    static byte[] read(InputStream in, long declared, long limit) throws IOException {
        if (declared > limit) {
            throw HttpError.tooLarge(limit);
        }
        int max = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        byte[] body = in.readNBytes(max + 1);
        if (body.length > max) {
            throw HttpError.tooLarge(limit);
        }
        return body;
    }

    /**
     * A query parameter, decoded; parsed here rather than with {@code getParameter}, which on a multipart
     * request would read the body.
     *
     * @return the first value, or {@code null}
     */
    static String query(String queryString, String name) {
        if (queryString == null || queryString.isEmpty()) {
            return null;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("the query string is not well encoded: " + HttpError.quote(pair));
            }
        }
        return null;
    }

    /** @return whether the content type is this media type (parameters such as charset ignored) */
    static boolean isMediaType(String contentType, String mediaType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return type.equals(mediaType);
    }

    /**
     * A client's file name reduced to something safe to use as a source name in messages and to pick an
     * importer by extension: the last path segment, no control characters, at most 100 characters.
     *
     * @return the name, or {@code null} when nothing usable is left
     */
    static String fileName(String submitted) {
        if (submitted == null) {
            return null;
        }
        String s = submitted;
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(cut + 1);
        StringBuilder b = new StringBuilder();
        s.codePoints().filter(c -> !Character.isISOControl(c) && c != '"').forEach(b::appendCodePoint);
        s = b.toString().trim();
        if (s.length() > 100) {
            s = s.substring(s.length() - 100);
        }
        return s.isEmpty() || s.equals(".") || s.equals("..") ? null : s;
    }
}
