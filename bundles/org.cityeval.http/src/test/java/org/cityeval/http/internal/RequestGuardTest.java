package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class RequestGuardTest {
    private final RequestGuard guard = new RequestGuard(Set.of("myhost.lan"), Set.of("http://localhost:5173"));

    private void allowed(String method, String host, String origin) {
        assertDoesNotThrow(() -> guard.check(method, host, origin), method + " " + host + " " + origin);
    }

    private void refused(String method, String host, String origin) {
        assertEquals(403, assertThrows(HttpError.class, () -> guard.check(method, host, origin)).status,
                method + " " + host + " " + origin);
    }

    @Test
    void hostsMustBeLiteralsLocalhostOrAllowed() {
        allowed("GET", "127.0.0.1:8080", null);
        allowed("GET", "localhost:8080", null);
        allowed("GET", "LOCALHOST", null);
        allowed("GET", "[::1]:8080", null);
        allowed("GET", "192.168.1.5", null);
        allowed("GET", "myhost.lan:8080", null);
        allowed("GET", null, null);
        refused("GET", "evil.example:8080", null);
        refused("GET", "127.0.0.1.evil.example", null);
        refused("GET", "localhost.evil.example", null);
        refused("GET", "", null);
    }

    @Test
    void unsafeRequestsMustComeFromTheSameOrigin() {
        allowed("POST", "127.0.0.1:8080", null);
        allowed("POST", "127.0.0.1:8080", "http://127.0.0.1:8080");
        allowed("POST", "localhost:8080", "http://localhost:5173");
        refused("POST", "127.0.0.1:8080", "http://evil.example");
        refused("POST", "127.0.0.1:8080", "http://127.0.0.1:9999");
        refused("POST", "127.0.0.1:8080", "null");
        allowed("GET", "127.0.0.1:8080", "http://evil.example");
        allowed("OPTIONS", "127.0.0.1:8080", "http://evil.example");
    }

    @Test
    void anyHostOrOriginWhenConfiguredSo() {
        RequestGuard open = new RequestGuard(Set.of("*"), Set.of("*"));
        assertDoesNotThrow(() -> open.check("POST", "evil.example", "http://evil.example"));
    }

    @Test
    void recognisesIpLiterals() {
        assertTrue(RequestGuard.isIpLiteral("10.0.0.1"));
        assertTrue(RequestGuard.isIpLiteral("::1"));
        assertTrue(RequestGuard.isIpLiteral("fe80::1%eth0"));
        assertFalse(RequestGuard.isIpLiteral("1.2.3"));
        assertFalse(RequestGuard.isIpLiteral("256.1.1.1"));
        assertFalse(RequestGuard.isIpLiteral("1.2.3.4.evil"));
        assertEquals("::1", RequestGuard.hostName("[::1]:80"));
        assertEquals("example.org", RequestGuard.hostName("Example.ORG.:80"));
    }
}
