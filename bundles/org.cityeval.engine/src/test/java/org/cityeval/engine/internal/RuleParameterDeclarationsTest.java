package org.cityeval.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Issue 13: every built-in rule declares the parameters it accepts ({@code cityeval.rule.parameters}), so that
 * validation finds a misspelt one; the declarations, read from the DS descriptions the build generated, are
 * what each rule reads.
 */
class RuleParameterDeclarationsTest {
    private static final Pattern RULE = Pattern.compile("name=\"cityeval.rule\" type=\"String\" value=\"([^\"]+)\"");
    private static final Pattern PARAMETERS = Pattern.compile(
            "name=\"cityeval.rule.parameters\" type=\"String\"(?: value=\"([^\"]*)\"/>|>([^<]*)</property>)");

    @Test
    void everyBuiltInRuleDeclaresItsParameters() throws Exception {
        Map<String, List<String>> declared = new TreeMap<>();
        try (Stream<Path> files = Files.list(Paths.get("target/classes/OSGI-INF"))) {
            for (Path xml : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                String text = Files.readString(xml);
                Matcher rule = RULE.matcher(text);
                if (!rule.find()) {
                    continue;
                }
                Matcher p = PARAMETERS.matcher(text);
                assertTrue(p.find(), xml + " declares no cityeval.rule.parameters");
                String values = p.group(1) != null ? p.group(1) : p.group(2);
                declared.put(rule.group(1), values.isBlank() ? List.of() : List.of(values.strip().split("\\s*\\R\\s*")));
            }
        }
        assertEquals(19, declared.size(), declared.toString());
        assertEquals(List.of("p"), declared.get("genmean"));
        assertEquals(List.of(), declared.get("copeland"));
        assertEquals(List.of("min", "max"), declared.get("min-max"));
        assertEquals(List.of("target", "lower", "upper"), declared.get("distance-to-target"));
        assertEquals(List.of("rounding", "ties", "units"), declared.get("rank-shares"));
        assertEquals(List.of(), declared.get("direct-points"));
        assertEquals(List.of(), declared.get("weighted-sum"));
    }
}
