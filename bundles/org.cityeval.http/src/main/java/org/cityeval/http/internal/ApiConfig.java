package org.cityeval.http.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The API's settings, from framework properties (the launcher passes {@code -Dcityeval.*} system properties
 * on as framework properties):
 * <ul>
 * <li>{@value #MAX_UPLOAD}: largest request body in bytes (an upload, or a JSON body carrying data), default
 * 20 MB; a suffix {@code k}, {@code m} or {@code g} (binary) is allowed;</li>
 * <li>{@value #ALLOWED_HOSTS}: host names, besides IP literals, {@code localhost} and the host the server
 * binds, that a request's {@code Host} header may name (comma-separated; {@code *} for any). Guards against
 * DNS rebinding;</li>
 * <li>{@value #ALLOWED_ORIGINS}: origins besides the server's own from which a browser may POST (comma-separated
 * exact origins such as {@code http://localhost:5173}; {@code *} for any). Guards against cross-site
 * requests.</li>
 * </ul>
 *
 * @param maxUpload      largest request body, bytes
 * @param allowedHosts   extra host names for the Host header check, lower case
 * @param allowedOrigins extra origins for the Origin check, lower case
 */
record ApiConfig(long maxUpload, Set<String> allowedHosts, Set<String> allowedOrigins) {
    static final String MAX_UPLOAD = "cityeval.http.maxUpload";
    static final String ALLOWED_HOSTS = "cityeval.http.allowedHosts";
    static final String ALLOWED_ORIGINS = "cityeval.http.allowedOrigins";
    static final long DEFAULT_MAX_UPLOAD = 20L * 1024 * 1024;

    ApiConfig {
        allowedHosts = Set.copyOf(allowedHosts);
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    static ApiConfig defaults() {
        return from(name -> null);
    }

    /**
     * @param properties framework properties by name ({@code BundleContext::getProperty})
     * @throws IllegalArgumentException naming the property when a value is unusable
     */
    static ApiConfig from(Function<String, String> properties) {
        long max = size(MAX_UPLOAD, properties.apply(MAX_UPLOAD), DEFAULT_MAX_UPLOAD);
        Set<String> hosts = list(properties.apply(ALLOWED_HOSTS));
        String bindHost = properties.apply("org.apache.felix.http.host");
        if (bindHost != null && !bindHost.isBlank()) {
            hosts.add(bindHost.trim().toLowerCase(Locale.ROOT));
        }
        return new ApiConfig(max, hosts, list(properties.apply(ALLOWED_ORIGINS)));
    }

    static long size(String name, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
            unit = v.endsWith("k") ? 1024L : v.endsWith("m") ? 1024L * 1024 : 1024L * 1024 * 1024;
            v = v.substring(0, v.length() - 1).trim();
        }
        try {
            long n = Long.parseLong(v);
            if (n > 0 && n <= Long.MAX_VALUE / unit) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(name + "=" + value + ": a positive number of bytes, e.g. 20971520 or 20m");
    }

    private static Set<String> list(String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value != null) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
