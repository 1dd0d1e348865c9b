package org.cityeval.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte on a socket: the path goes out exactly as given (no client normalises or
 * re-encodes it), any header can be sent, and a body can be sent as slowly as a test likes.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** An answer: status, headers (lower-case names), body. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** Sends a request without a body ({@code Connection: close}) and reads the whole answer. */
    static Answer send(int port, String method, String path, Map<String, String> headers) throws IOException {
        try (Socket socket = open(port)) {
            OutputStream out = socket.getOutputStream();
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put("Connection", "close");
            out.write(head(port, method, path, h));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    /** A socket to 127.0.0.1, with hang guards for connecting and reading. */
    static Socket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) Waits.HANG_GUARD.toMillis());
        socket.setSoTimeout((int) Waits.HANG_GUARD.toMillis());
        return socket;
    }

    /** The request line and headers, with {@code Host} first unless given. */
    static byte[] head(int port, String method, String path, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + port);
        h.putAll(headers);
        h.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads one answer from a connection the server closes after it (or whose body has a Content-Length). */
    static Answer read(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    static Answer parse(byte[] all) {
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (text.isEmpty()) {
            throw new AssertionError("no answer: the server closed the connection");
        }
        String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
        Map<String, List<String>> hs = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                hs.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        String body = end < 0 ? "" : new String(all, end + 4, all.length - end - 4, StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), hs, body);
    }
}
