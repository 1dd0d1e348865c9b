package org.cityeval.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The route table: method and path template ({@code /api/models/{id}}) to handler. A template segment in
 * braces matches one non-empty path segment. {@code HEAD} is served by the {@code GET} route.
 */
final class Router {
    /** What a route does with a call. */
    @FunctionalInterface
    interface Handler {
        /** @return the answer: a {@link Download}, or any value written as JSON with status 200 */
        Object handle(Call call) throws Exception;
    }

    /** One route. */
    record Route(String method, String template, Handler handler) {
        List<String> segments() {
            return split(template);
        }
    }

    /** A matched route with the values of its path variables. */
    record Match(Route route, Map<String, String> variables) {
    }

    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    List<Route> routes() {
        return routes;
    }

    /**
     * @param path the full path, {@code /api/...}
     * @throws HttpError 404 when no template matches the path, 405 (with the allowed methods) when one
     *                   does but not for this method
     */
    Match match(String method, String path) {
        String m = method.equals("HEAD") ? "GET" : method;
        List<String> segments = split(path);
        for (Route r : routes) {
            if (r.method().equals(m)) {
                Map<String, String> vars = bind(r.segments(), segments);
                if (vars != null) {
                    return new Match(r, vars);
                }
            }
        }
        Set<String> allowed = allowed(path);
        if (allowed.isEmpty()) {
            throw HttpError.notFound("no such resource: " + HttpError.quote(path));
        }
        throw new HttpError(405, "method " + HttpError.quote(method) + " is not used by this API on " + HttpError.quote(path)
                + "; use " + String.join(" or ", allowed),
                String.join(", ", allowed));
    }

    /** @return the methods some route serves on this path, HEAD and OPTIONS included; empty for none */
    Set<String> allowed(String path) {
        List<String> segments = split(path);
        Set<String> out = new LinkedHashSet<>();
        for (Route r : routes) {
            if (bind(r.segments(), segments) != null) {
                out.add(r.method());
                if (r.method().equals("GET")) {
                    out.add("HEAD");
                }
            }
        }
        if (!out.isEmpty()) {
            out.add("OPTIONS");
        }
        return out;
    }

    private static Map<String, String> bind(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String p = path.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (p.isEmpty()) {
                    return null;
                }
                vars.put(t.substring(1, t.length() - 1), p);
            } else if (!t.equals(p)) {
                return null;
            }
        }
        return vars;
    }

    /** {@code /api/models/x} → [api, models, x]; a trailing slash gives a last empty segment. */
    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        String p = path.startsWith("/") ? path.substring(1) : path;
        int from = 0;
        while (true) {
            int slash = p.indexOf('/', from);
            if (slash < 0) {
                out.add(p.substring(from));
                return out;
            }
            out.add(p.substring(from, slash));
            from = slash + 1;
        }
    }
}
