package org.cityeval.http.internal;

import java.util.function.Function;

/**
 * How much of the server slow or many clients may hold, from framework properties (the launcher passes
 * {@code -Dcityeval.*} system properties on as framework properties):
 * <ul>
 * <li>{@value #MAX_UPLOADS}: uploads received at once (default {@value #DEFAULT_MAX_UPLOADS}). An upload is
 * {@code POST /api/upload} or any request body larger than {@value #SMALL_BODY} bytes or of unknown length. One
 * more is answered 503 with {@code Retry-After} at once, without reading its body, so that slow senders never
 * hold more than this many of the container's threads and the API's small requests are still served;</li>
 * <li>{@value #BODY_TIMEOUT}: seconds an upload's body may take to arrive, from the start of the request (default
 * {@value #DEFAULT_BODY_TIMEOUT}); a body still arriving then has its connection closed and its slot freed. The
 * container's idle timeout ({@code org.apache.felix.http.timeout}, milliseconds) bounds every pause;</li>
 * <li>{@value #RETRY_AFTER}: the seconds the 503 asks a client to wait (default {@value #DEFAULT_RETRY_AFTER});</li>
 * <li>{@value #MAX_SMALL_BODIES}: small request bodies (up to {@value #SMALL_BODY} bytes) being read at once (default
 * {@value #DEFAULT_MAX_SMALL_BODIES}). A small body is counted only while it is read, which takes no time when it
 * comes with its headers, so only clients sending one slowly are refused (503 with {@code Retry-After}); its read
 * has the same deadline as an upload's.</li>
 * </ul>
 *
 * @param maxUploads        uploads received at once
 * @param bodyTimeoutMillis the longest an upload's body may take to arrive
 * @param retryAfterSeconds what the 503's {@code Retry-After} says
 * @param maxSmallBodies    small bodies read at once
 */
record ServerLimits(int maxUploads, long bodyTimeoutMillis, int retryAfterSeconds, int maxSmallBodies) {
    static final String MAX_UPLOADS = "cityeval.http.maxUploads";
    static final String BODY_TIMEOUT = "cityeval.http.bodyTimeout";
    static final String RETRY_AFTER = "cityeval.http.retryAfter";
    static final String MAX_SMALL_BODIES = "cityeval.http.maxSmallBodies";
    static final int DEFAULT_MAX_SMALL_BODIES = 128;
    static final int DEFAULT_MAX_UPLOADS = 16;
    static final int DEFAULT_BODY_TIMEOUT = 120;
    static final int DEFAULT_RETRY_AFTER = 5;
    /** A body up to this many bytes (declared) is a small request, not an upload. */
    static final long SMALL_BODY = 64 * 1024;

    static ServerLimits defaults() {
        return from(name -> null);
    }

    /**
     * @param properties framework properties by name ({@code BundleContext::getProperty})
     * @throws IllegalArgumentException naming the property when a value is unusable
     */
    static ServerLimits from(Function<String, String> properties) {
        return new ServerLimits(positive(MAX_UPLOADS, properties.apply(MAX_UPLOADS), DEFAULT_MAX_UPLOADS, "uploads"),
                positive(BODY_TIMEOUT, properties.apply(BODY_TIMEOUT), DEFAULT_BODY_TIMEOUT, "seconds") * 1000L,
                positive(RETRY_AFTER, properties.apply(RETRY_AFTER), DEFAULT_RETRY_AFTER, "seconds"),
                positive(MAX_SMALL_BODIES, properties.apply(MAX_SMALL_BODIES), DEFAULT_MAX_SMALL_BODIES, "requests"));
    }

    private static int positive(String name, String value, int fallback, String unit) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(name + "=" + value + ": a positive whole number of " + unit + ", e.g. "
                + fallback);
    }
}
