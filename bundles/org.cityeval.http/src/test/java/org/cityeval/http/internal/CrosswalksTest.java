package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrosswalksTest {
    private static final String WALK = "{\"domains\": [{\"name\": \"gov\", \"nodes\": {\"a\": \"g1\", \"b\": \"g2\", \"c\": \"g3\"}},"
            + " {\"name\": \"eco\", \"nodes\": {\"a\": \"e1\", \"c\": \"e3\"}}]}";

    @Test
    void keepsDomainsWithTwoOfTheComparedModels() throws IOException {
        Map<String, Map<String, String>> m = Crosswalks.of(ApiJson.MAPPER.readTree(WALK), null, List.of("a", "b"));
        assertEquals(Map.of("gov", Map.of("a", "g1", "b", "g2")), m);
    }

    @Test
    void readsTheDistributionsFileByDefault(@TempDir Path home) throws IOException {
        assertEquals(Map.of(), Crosswalks.of(null, home, List.of("a", "c")));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/crosswalk.json"), WALK, StandardCharsets.UTF_8);
        assertEquals(2, Crosswalks.of(null, home, List.of("a", "c")).size());
        assertEquals(Map.of(), Crosswalks.of(null, null, List.of("a", "c")));
    }

    @Test
    void namesTheJsonPathOfWhatIsWrong() throws IOException {
        HttpError e = assertThrows(HttpError.class, () -> Crosswalks.of(ApiJson.MAPPER.readTree(
                "{\"domains\": [{\"name\": \"x\", \"nodes\": {\"a\": 1}}]}"), null, List.of("a")));
        assertEquals(400, e.status);
        assertTrue(e.getMessage().startsWith("$.crosswalk.domains[0].nodes.a"), e.getMessage());
        assertTrue(assertThrows(HttpError.class, () -> Crosswalks.of(ApiJson.MAPPER.readTree("{\"domains\": 3}"), null,
                List.of())).getMessage().startsWith("$.crosswalk: expected"));
    }
}
