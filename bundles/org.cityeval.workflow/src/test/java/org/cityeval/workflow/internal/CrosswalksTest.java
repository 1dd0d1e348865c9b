package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cityeval.api.workflow.CompareRequest;
import org.cityeval.api.workflow.WorkflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moved from the web API with the crosswalk reading; the texts it pins are the API's, unchanged. */
class CrosswalksTest {
    private static final String WALK = "{\"domains\": [{\"name\": \"gov\", \"nodes\": {\"a\": \"g1\", \"b\": \"g2\", \"c\": \"g3\"}},"
            + " {\"name\": \"eco\", \"nodes\": {\"a\": \"e1\", \"c\": \"e3\"}}]}";

    private static CompareRequest given(String json) {
        return CompareRequest.published(List.of("a", "b")).crosswalk(json.getBytes(StandardCharsets.UTF_8), "$.crosswalk");
    }

    private static CompareRequest none() {
        return CompareRequest.published(List.of("a", "c"));
    }

    @Test
    void keepsDomainsWithTwoOfTheComparedModels() {
        Map<String, Map<String, String>> m = Crosswalks.of(given(WALK), null, List.of("a", "b"));
        assertEquals(Map.of("gov", Map.of("a", "g1", "b", "g2")), m);
    }

    @Test
    void readsTheDistributionsFileByDefault(@TempDir Path home) throws IOException {
        assertEquals(Map.of(), Crosswalks.of(none(), home, List.of("a", "c")));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/crosswalk.json"), WALK, StandardCharsets.UTF_8);
        assertEquals(2, Crosswalks.of(none(), home, List.of("a", "c")).size());
        assertEquals(Map.of(), Crosswalks.of(none(), null, List.of("a", "c")));
    }

    @Test
    void aFileTheRequestNamesMustBeThere(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("walk.json");
        WorkflowException e = assertThrows(WorkflowException.class, () -> Crosswalks.of(none().crosswalk(file), null,
                List.of("a")));
        assertEquals(WorkflowException.Kind.NOT_FOUND, e.kind());
        assertEquals(file + ": no such file", e.getMessage());
        Files.writeString(file, "{\"domains\": 3}", StandardCharsets.UTF_8);
        assertTrue(assertThrows(WorkflowException.class, () -> Crosswalks.of(none().crosswalk(file), null, List.of("a")))
                .getMessage().startsWith(file + ": $: expected"));
    }

    @Test
    void namesTheJsonPathOfWhatIsWrong() {
        WorkflowException e = assertThrows(WorkflowException.class, () -> Crosswalks.of(given(
                "{\"domains\": [{\"name\": \"x\", \"nodes\": {\"a\": 1}}]}"), null, List.of("a")));
        assertEquals(WorkflowException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().startsWith("$.crosswalk.domains[0].nodes.a"), e.getMessage());
        assertTrue(assertThrows(WorkflowException.class, () -> Crosswalks.of(given("{\"domains\": 3}"), null,
                List.of())).getMessage().startsWith("$.crosswalk: expected"));
    }
}
