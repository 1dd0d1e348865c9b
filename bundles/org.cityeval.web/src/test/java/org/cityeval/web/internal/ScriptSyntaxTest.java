package org.cityeval.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard's scripts parse: {@code node --check} on each (node is on every build machine,
 * npm needs it; the test is skipped where it is not).
 */
class ScriptSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"web/app.js", "web/charts.js", "web/i18n.js", "web/stats.js", "web/whatif.js", "web/dom.js"}) // report.js: BrowserTest opens a report and runs it
    void parses(String script) throws Exception {
        Path file = Path.of("src/main/resources", script);
        Process p;
        try {
            p = new ProcessBuilder(List.of("node", "--check", file.toString())).redirectErrorStream(true).start();
        } catch (IOException noNode) {
            assumeTrue(false, "node is not on the PATH");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }
}
