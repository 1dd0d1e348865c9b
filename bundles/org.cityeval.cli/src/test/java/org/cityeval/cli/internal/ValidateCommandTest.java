package org.cityeval.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.workflow.ValidateRequest;
import org.cityeval.api.workflow.ValidationReport;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code cityeval validate} only parses and formats (issue 13): the arguments reach the validation workflow as a
 * request, every problem is one line {@code cityeval: FILE at PATH: reason} on standard error, then warnings and
 * notes; exit 2 on a problem, 0 otherwise; {@code --format json} prints the report.
 */
class ValidateCommandTest {
    private final List<ValidateRequest> asked = new ArrayList<>();
    private ValidationReport answer;
    private final Cli cli = new Cli(null, new Cli.Workflows(null, null, null, null, null, null));

    {
        cli.validation = request -> {
            asked.add(request);
            return answer;
        };
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyProblemIsALineThenWarningsAndNotesAndTheExitIs2() {
        answer = new ValidationReport("m.json", List.of(), List.of(
                new ModelLoadError("-", "m.json", "$.year", "1800 is outside 1990..2100"),
                new ModelLoadError("-", "m.json", "$.tree[0].binding.variables[0]",
                        "'co2_per_gdp' is not a variable of pack china-cities; did you mean 'co2_t_per_10k_yuan_gdp'?")),
                List.of(new ModelLoadError("-", "m.json", "$.tree", "2 leaves have no binding")),
                List.of("would update m served by b 1.0.0"));
        Run r = run("validate", "m.json", "--pack", "china-cities", "--rule", "own-log-points", "--rule", "x");
        assertEquals(2, r.code());
        assertEquals("""
                cityeval: m.json at $.year: 1800 is outside 1990..2100
                cityeval: m.json at $.tree[0].binding.variables[0]: 'co2_per_gdp' is not a variable of pack china-cities; \
                did you mean 'co2_t_per_10k_yuan_gdp'?
                """, r.err());
        assertEquals("""
                warning: m.json at $.tree: 2 leaves have no binding
                note: would update m served by b 1.0.0
                """, r.out());
        ValidateRequest q = asked.get(0);
        assertEquals(Path.of("m.json"), q.source().path());
        assertEquals("china-cities", q.pack());
        assertEquals(Set.of("own-log-points", "x"), q.rules());
    }

    @Test
    void aValidDescriptorExitsZeroAndJsonIsTheReport() throws Exception {
        answer = new ValidationReport("m.json", List.of("m"), List.of(), List.of(), List.of());
        Run r = run("validate", "m.json");
        assertEquals(0, r.code());
        assertEquals("m.json: valid; it would load as it is (m)\n", r.out());
        assertEquals(null, asked.get(0).pack());

        Run json = run("validate", "m.json", "--format", "json");
        assertEquals(0, json.code());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertTrue(report.get("valid").asBoolean());
        assertEquals("m", report.get("models").get(0).asText());

        Run bad = run("validate", "m.json", "--format", "xml");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("'xml' is not one of text or json"), bad.err());
    }
}
