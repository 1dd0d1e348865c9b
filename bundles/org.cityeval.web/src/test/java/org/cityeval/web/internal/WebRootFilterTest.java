package org.cityeval.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the filter adds to the resource registration, with the bundle's entries taken from the test class path
 * (target/classes holds web/ as the jar does) and the servlet objects as small proxies.
 */
class WebRootFilterTest {

    private final WebRootFilter filter = new WebRootFilter(context());

    @Test
    void theRootAnswersIndexHtml() throws Exception {
        Answer a = call("GET", "/");
        assertFalse(a.passedOn);
        assertEquals(200, a.status);
        assertEquals("text/html;charset=utf-8", a.contentType);
        String page = a.body.toString(StandardCharsets.UTF_8);
        assertTrue(page.contains("<select id=\"model\""), page);
        assertTrue(page.contains("vendor/echarts.min.js"));
        assertEquals("nosniff", a.headers.get("X-Content-Type-Options"));
        Answer head = call("HEAD", "/");
        assertEquals(200, head.status);
        assertEquals(0, head.body.size());
    }

    @Test
    void theFaviconIsAnImageAndTheIndexLinksIt() throws Exception {
        Answer ico = call("GET", "/favicon.ico");
        assertTrue(ico.passedOn);
        assertEquals("image/x-icon", ico.contentType);
        assertEquals("image/svg+xml", call("GET", "/favicon.svg").contentType);
        String page = call("GET", "/").body.toString(StandardCharsets.UTF_8);
        assertTrue(page.contains("<link rel=\"icon\" href=\"favicon.svg\"") && page.contains("href=\"favicon.ico\""), page);
        for (String icon : new String[] {"web/favicon.ico", "web/favicon.svg"}) {
            assertTrue(getClass().getClassLoader().getResource(icon) != null, icon + " ships in the bundle");
        }
    }

    @Test
    void foldersAreNotFound() throws Exception {
        for (String folder : new String[] {"/vendor", "/vendor/", "/nothing/"}) {
            Answer a = call("GET", folder);
            assertFalse(a.passedOn, folder);
            assertEquals(404, a.status, folder);
        }
    }

    @Test
    void filesGoToTheResourcesAsUtf8() throws Exception {
        Answer js = call("GET", "/app.js");
        assertTrue(js.passedOn);
        assertEquals("UTF-8", js.encoding);
        Answer notice = call("GET", "/vendor/NOTICE.md");
        assertTrue(notice.passedOn);
        assertEquals("text/plain;charset=utf-8", notice.contentType);
        Answer png = call("GET", "/missing.png");
        assertTrue(png.passedOn, "unknown files: the resource registration answers 404");
        assertNull(png.encoding);
    }

    @Test
    void theApiAndOtherMethodsPassUntouched() throws Exception {
        for (String path : new String[] {"/api", "/api/models", "/api/"}) {
            Answer a = call("GET", path);
            assertTrue(a.passedOn, path);
            assertTrue(a.headers.isEmpty(), path);
        }
        Answer post = call("POST", "/");
        assertTrue(post.passedOn);
    }

    @Test
    void pathsInsideAContext() {
        assertEquals("/", WebRootFilter.path(request("GET", "/cityeval", "/cityeval")));
        assertEquals("/app.js", WebRootFilter.path(request("GET", "/cityeval", "/cityeval/app.js")));
        assertEquals("/", WebRootFilter.path(request("GET", "", "/")));
    }

    // ------------------------------------------------------------------ proxies

    static final class Answer {
        int status = 200;
        String contentType;
        String encoding;
        boolean passedOn;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
    }

    private Answer call(String method, String path) throws Exception {
        Answer a = new Answer();
        FilterChain chain = (req, resp) -> a.passedOn = true;
        filter.doFilter(request(method, "", path), response(a), chain);
        return a;
    }

    private static BundleContext context() {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, args) -> {
                    if (m.getName().equals("getEntry")) {
                        return entry((String) args[0]);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, args) -> {
                    if (m.getName().equals("getBundle") && (args == null || args.length == 0)) {
                        return bundle;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    /** As Bundle.getEntry in a jar: "x/" names a folder only (a file URL would also take "file.js/"). */
    private static URL entry(String path) {
        URL url = WebRootFilterTest.class.getClassLoader().getResource(path);
        try {
            if (url != null && path.endsWith("/") && !Files.isDirectory(Path.of(url.toURI()))) {
                return null;
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return url;
    }

    private static HttpServletRequest request(String method, String context, String uri) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                case "getMethod" -> method;
                case "getRequestURI" -> uri;
                case "getContextPath" -> context;
                default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static HttpServletResponse response(Answer a) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                a.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                    switch (m.getName()) {
                    case "setStatus", "sendError" -> a.status = (Integer) args[0];
                    case "setContentType" -> a.contentType = (String) args[0];
                    case "setCharacterEncoding" -> a.encoding = (String) args[0];
                    case "setHeader" -> a.headers.put((String) args[0], (String) args[1]);
                    case "setContentLength" -> {
                    }
                    case "getOutputStream" -> {
                        return out;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });
    }
}
