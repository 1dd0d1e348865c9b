package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityeval.http.internal.Router.Route;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router router = new Router(List.of(new Route("GET", "/api/models", c -> "list"),
            new Route("GET", "/api/models/{id}", c -> "one"), new Route("GET", "/api/models/{id}/reproduce", c -> "rep"),
            new Route("POST", "/api/evaluate", c -> "eval")));

    @Test
    void matchesTemplatesAndBindsVariables() {
        assertEquals("/api/models", router.match("GET", "/api/models").route().template());
        Router.Match m = router.match("GET", "/api/models/guomai-psdf-2024/reproduce");
        assertEquals("/api/models/{id}/reproduce", m.route().template());
        assertEquals(Map.of("id", "guomai-psdf-2024"), m.variables());
        assertEquals("/api/models/{id}", router.match("HEAD", "/api/models/x").route().template());
    }

    @Test
    void unknownPathsAre404() {
        for (String p : List.of("/api", "/api/", "/api/models/", "/api/models//reproduce", "/api/models/x/y",
                "/api/evaluate/x", "/etc/passwd", "/api/../etc/passwd")) {
            assertEquals(404, assertThrows(HttpError.class, () -> router.match("GET", p), p).status, p);
        }
    }

    @Test
    void knownPathsWithAnotherMethodAre405() {
        HttpError e = assertThrows(HttpError.class, () -> router.match("GET", "/api/evaluate"));
        assertEquals(405, e.status);
        assertEquals("POST, OPTIONS", e.allow);
        HttpError g = assertThrows(HttpError.class, () -> router.match("POST", "/api/models/x"));
        assertEquals("GET, HEAD, OPTIONS", g.allow);
        assertEquals(Set.of(), router.allowed("/api/nothing"));
    }

    @Test
    void splitsPaths() {
        assertEquals(List.of("api", "models", ""), Router.split("/api/models/"));
        assertEquals(List.of("api"), Router.split("/api"));
    }
}
