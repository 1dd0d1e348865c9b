package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Dictionary;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiConfigTest {
    @Test
    void defaultsTo20MegabytesAnHourAndTwentyUploads() {
        ApiConfig c = ApiConfig.defaults();
        assertEquals(20L * 1024 * 1024, c.maxUpload());
    }

    @Test
    void readsFrameworkProperties() {
        Map<String, String> p = Map.of("cityeval.http.maxUpload", "1000", "cityeval.http.allowedHosts", " MyHost.lan , x",
                "org.apache.felix.http.host", "0.0.0.0");
        ApiConfig c = ApiConfig.from(p::get);
        assertEquals(1000, c.maxUpload());
        assertEquals(Set.of("myhost.lan", "x", "0.0.0.0"), c.allowedHosts());
    }

    @Test
    void sizesTakeBinarySuffixes() {
        assertEquals(5 * 1024, ApiConfig.size("p", "5k", 1));
        assertEquals(20L * 1024 * 1024, ApiConfig.size("p", "20M", 1));
        assertEquals(7, ApiConfig.size("p", null, 7));
        for (String bad : new String[] { "0", "-1", "lots", "20 MB", "99999999999999999999" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiConfig.size("cityeval.http.maxUpload", bad, 1), bad);
            assertTrue(e.getMessage().startsWith("cityeval.http.maxUpload=" + bad), e.getMessage());
        }
    }

    @Test
    void registersMultipartWithTheLimit() {
        Dictionary<String, Object> p = ApiComponent.properties(ApiConfig.from(Map.of("cityeval.http.maxUpload", "1000")::get));
        assertEquals("/api/*", p.get("osgi.http.whiteboard.servlet.pattern"));
        assertEquals(Boolean.TRUE, p.get("osgi.http.whiteboard.servlet.multipart.enabled"));
        assertEquals(1000L, p.get("osgi.http.whiteboard.servlet.multipart.maxFileSize"));
        assertEquals("api", p.get("cityeval.http"));
    }
}
