package org.cityeval.http.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Refuses (403) requests that a web page on another site could make through the user's browser:
 * <ul>
 * <li>a {@code Host} header naming a host other than an IP literal, {@code localhost} or an allowed name: a
 * page on a domain that resolves to 127.0.0.1 (DNS rebinding) would otherwise read the API as its own
 * origin;</li>
 * <li>a request that is not GET, HEAD or OPTIONS whose {@code Origin} is not the server's own: a page may send
 * such a request cross-site (a form post, a simple fetch) without asking first, and though it cannot read the
 * answer the server would do the work.</li>
 * </ul>
 * The API sends no CORS headers, so browsers keep other origins from reading its answers anyway.
 */
final class RequestGuard {
    private final Set<String> allowedHosts;
    private final Set<String> allowedOrigins;

    /**
     * @param allowedHosts   extra host names (lower case), {@code *} for any
     * @param allowedOrigins extra origins (lower case, {@code scheme://host[:port]}), {@code *} for any
     */
    RequestGuard(Set<String> allowedHosts, Set<String> allowedOrigins) {
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** @throws HttpError 403 with the reason */
    void check(String method, String host, String origin) {
        if (host != null && !hostAllowed(hostName(host))) {
            throw new HttpError(403, "the Host header " + HttpError.quote(host) + " is not a name this server answers "
                    + "to; use http://127.0.0.1 or http://localhost (other names: framework property "
                    + ApiConfig.ALLOWED_HOSTS + ")");
        }
        boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if (!safe && origin != null && !originAllowed(origin, host)) {
            throw new HttpError(403, "cross-origin request from " + HttpError.quote(origin) + " refused (other "
                    + "origins: framework property " + ApiConfig.ALLOWED_ORIGINS + ")");
        }
    }

    private boolean hostAllowed(String name) {
        if (name.isEmpty()) {
            return false;
        }
        return allowedHosts.contains("*") || allowedHosts.contains(name) || name.equals("localhost")
                || name.endsWith(".localhost") || isIpLiteral(name);
    }

    private boolean originAllowed(String origin, String host) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains("*") || allowedOrigins.contains(o)) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        return o.equals("http://" + h) || o.equals("https://" + h);
    }

    /** {@code example.org:8080} → {@code example.org}; {@code [::1]:8080} → {@code ::1}; lower case. */
    static String hostName(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? "" : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        h = colon < 0 ? h : h.substring(0, colon);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** A dotted-quad IPv4 or an IPv6 literal: names that no DNS answer can stand behind. */
    static boolean isIpLiteral(String name) {
        if (name.indexOf(':') >= 0) {
            return name.matches("[0-9a-f:.]+(%[0-9a-z]+)?");
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
