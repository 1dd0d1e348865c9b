package org.cityeval.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Completes the resource registration of {@link WebResources} where the whiteboard's resource support falls
 * short, for every path outside {@code /api}:
 * <ul>
 * <li>{@code /} answers {@code index.html}. (A servlet on the root pattern {@code ""} cannot do it: Felix ranks a
 * path pattern such as {@code /*} above the root pattern, so the resource registration would answer {@code /}
 * with the folder entry {@code web/}: an empty 200.)</li>
 * <li>a folder ({@code /vendor}, {@code /vendor/}) answers 404, not its empty folder entry;</li>
 * <li>text files are sent as UTF-8, with {@code X-Content-Type-Options: nosniff};</li>
 * <li>the icons ({@code /favicon.ico}, {@code /favicon.svg}) get their image types, which the container does not know.</li>
 * </ul>
 * Paths with {@code ..} never get here: Jetty normalises them first and refuses (400) any that would leave the
 * root or hide a {@code ..} or {@code /} in percent-encoding. Only entries below the bundle's {@code web/} are
 * ever served, so classes, {@code META-INF} and the report templates are 404.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.name=cityeval-web",
        "cityeval.http=web" })
public class WebRootFilter implements Filter {
    static final String ROOT = "web";
    static final String INDEX = "web/index.html";

    private final Bundle bundle;

    @Activate
    public WebRootFilter(BundleContext context) {
        this.bundle = context.getBundle();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String path = path(req);
        if (path.equals("/api") || path.startsWith("/api/") || !isRead(req.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (path.equals("/")) {
            index(req, resp);
            return;
        }
        if (path.endsWith("/") || bundle.getEntry(ROOT + path + "/") != null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (isText(path)) {
            resp.setCharacterEncoding("UTF-8");
            if (path.endsWith(".md") || path.endsWith(".txt")) {
                resp.setContentType("text/plain;charset=utf-8"); // the container knows no type for these
            }
        }
        if (path.endsWith(".ico")) {
            resp.setContentType("image/x-icon"); // the container knows no type for the favicon
        } else if (path.endsWith(".svg")) {
            resp.setContentType("image/svg+xml");
        }
        chain.doFilter(request, response);
    }

    /** The path inside the context: {@code /} for the root. */
    static String path(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String context = req.getContextPath() == null ? "" : req.getContextPath();
        String p = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return p.isEmpty() ? "/" : p;
    }

    static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    static boolean isText(String path) {
        return path.matches(".*\\.(html|js|css|md|txt|json)$");
    }

    private void index(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        URL url = bundle.getEntry(INDEX);
        if (url == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] page;
        try (InputStream in = url.openStream()) {
            page = in.readAllBytes();
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentLength(page.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(page);
        }
    }
}
