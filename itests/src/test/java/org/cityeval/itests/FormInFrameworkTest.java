package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cityeval.api.workflow.CollectionForm;
import org.cityeval.api.workflow.FormRequest;
import org.cityeval.api.workflow.FormWorkflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The form workflow in a real Felix with the distribution's bundles: what the form asks for (cities, columns, the
 * leaves and weights behind each), and the Gogo command {@code cityeval:form} writing the workflow's workbook.
 */
class FormInFrameworkTest {
    @RegisterExtension
    static final OsgiRuntime runtime = OsgiRuntime.perClass();

    @Test
    void theFormDescribesWhatTheModelReads() throws Exception {
        FormWorkflow forms = runtime.service(FormWorkflow.class);
        CollectionForm form = forms.form(new FormRequest(List.of("ccid-digital-city-2020")).province("浙江")
                .years(List.of(2023)));
        assertEquals(11, form.cities().size());
        assertTrue(form.cities().stream().allMatch(c -> c.province().equals("浙江省")));
        assertEquals(List.of(2023), form.years());
        CollectionForm.Field usage = form.fields().stream().filter(f -> f.column().equals("usage_depth")).findFirst()
                .orElseThrow();
        assertTrue(usage.variable());
        assertEquals("e_commerce", usage.uses().get(0).leaf());
        assertNotNull(usage.uses().get(0).binding(), "the binding's note says why the variable stands in");
        CollectionForm.Field it = form.fields().stream().filter(f -> f.column().equals("it_development")).findFirst()
                .orElseThrow();
        assertEquals(0.0, it.min());
        assertEquals(it.uses().get(0).weight(), it.max(), "direct points: up to the leaf's weight");
        assertEquals("assumed", it.uses().get(0).provenance().toString());
        double shares = form.fields().stream().flatMap(f -> f.uses().stream()).mapToDouble(CollectionForm.Use::share).sum();
        assertEquals(1.0, shares, 1e-9, "the leaves' shares of the total add up to the whole model");
    }

    @Test
    void theGogoCommandWritesTheWorkflowsWorkbook(@TempDir Path dir) throws Exception {
        var tracker = new org.osgi.util.tracker.ServiceTracker<Object, Object>(runtime.context(),
                runtime.context().createFilter("(&(osgi.command.scope=cityeval)(osgi.command.function=form))"), null);
        tracker.open(true);
        Object shell = tracker.waitForService(Waits.HANG_GUARD.toMillis());
        assertNotNull(shell, "hang guard: no Gogo command cityeval:form");
        Path out = dir.resolve("f.xlsx");
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        Object exit;
        System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = shell.getClass().getMethod("form", String[].class).invoke(shell, (Object) new String[] { "--model",
                    "ccid-digital-city-2020", "--province", "浙江省", "--year", "2023", "--out", out.toString() });
        } finally {
            System.setOut(original);
        }
        assertEquals(0, exit, captured.toString(StandardCharsets.UTF_8));
        byte[] expected = runtime.service(FormWorkflow.class).workbook(new FormRequest(List.of("ccid-digital-city-2020"))
                .province("浙江省").years(List.of(2023)));
        assertArrayEquals(expected, Files.readAllBytes(out));
        tracker.close();
    }
}
