package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.workflow.CompareRequest;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.OutputFormat;
import org.cityeval.api.workflow.ReportRequest;
import org.cityeval.api.workflow.WorkflowException;
import org.cityeval.api.workflow.WorkflowException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The texts and kinds every front end shows, from the one place that makes them. */
class WorkflowsTest {
    /** A catalog with no model loaded. */
    private static final ModelCatalog EMPTY = (ModelCatalog) Proxy.newProxyInstance(WorkflowsTest.class.getClassLoader(),
            new Class<?>[] { ModelCatalog.class }, (p, m, a) -> switch (m.getName()) {
                case "find" -> Optional.empty();
                case "models" -> List.of();
                default -> throw new UnsupportedOperationException(m.getName());
            });

    private final Workflows.Optionals optionals = new Workflows.Optionals();
    private final Workflows workflows = new Workflows(EMPTY, null, TestData.READER, null, optionals);

    private static WorkflowException refused(Kind kind, org.junit.jupiter.api.function.Executable e) {
        WorkflowException x = assertThrows(WorkflowException.class, e);
        assertEquals(kind, x.kind(), x.getMessage());
        return x;
    }

    @Test
    void anUnknownModelNamesTheLoadedOnes() {
        assertEquals("unknown model 'x'; loaded: none", refused(Kind.NOT_FOUND, () -> workflows.model("x")).getMessage());
        assertEquals("unknown model 'x'; loaded: none", refused(Kind.NOT_FOUND, () -> workflows.reproduce("x")).getMessage());
    }

    @Test
    void dataSourcesAsTheFrontEndsWriteThem(@TempDir Path dir) throws Exception {
        assertEquals(DataSource.pack("china-cities"), DataSource.parse("pack:china-cities"));
        assertEquals("pack:china-cities", DataSource.parse("pack:china-cities").toString());
        assertEquals(DataSource.Kind.FILE, DataSource.parse("data.csv").kind());
        Path file = dir.resolve("d.csv");
        assertEquals(file + ": no such file", refused(Kind.NOT_FOUND, () -> workflows.read(DataSource.file(file))).getMessage());
        Files.writeString(file, "adcode,a\n110000,1\n", StandardCharsets.UTF_8);
        assertEquals(1, workflows.read(DataSource.parse(file.toString())).records().size());
        assertEquals(dir + ": is a folder, not a data file",
                refused(Kind.INVALID, () -> workflows.read(DataSource.file(dir))).getMessage());
        assertEquals(1, workflows.read(DataSource.inline("request.csv", "adcode,a\n110000,1\n".getBytes(StandardCharsets.UTF_8)))
                .records().size());
        assertArrayEquals(Files.readAllBytes(file), workflows.bytes(DataSource.file(file)));
        refused(Kind.INVALID, () -> workflows.bytes(DataSource.pack("p")));
    }

    @Test
    void absentServicesAreNamed() {
        assertEquals("data packs (bundle org.cityeval.data) are not in this runtime",
                refused(Kind.UNAVAILABLE, () -> workflows.read(DataSource.pack("china-cities"))).getMessage());
        assertTrue(refused(Kind.UNAVAILABLE, () -> workflows.read(DataSource.upload("0".repeat(32)))).getMessage()
                .startsWith("the workbench store"));
        assertTrue(refused(Kind.UNAVAILABLE, () -> workflows.compare(CompareRequest.published(List.of("a", "b"))))
                .getMessage().contains("concordance analysis"));
        assertTrue(refused(Kind.UNAVAILABLE, () -> workflows.write(new ReportRequest(List.of("a"), OutputFormat.HTML)))
                .getMessage().startsWith("the report writer is"));
        assertTrue(refused(Kind.UNAVAILABLE, workflows::methods).getMessage().startsWith("weighting methods"));
    }

    @Test
    void uploadsAreReadBackByToken() throws Exception {
        optionals.store = TestData.datasets().store();
        var u = workflows.upload("x.csv", "adcode,a\n110000,1\n310000,2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, workflows.read(DataSource.upload(u.token())).records().size());
        assertTrue(refused(Kind.NOT_FOUND, () -> workflows.read(DataSource.upload("f".repeat(32)))).getMessage()
                .startsWith("no upload 'ffff"));
    }

    @Test
    void formatsAndMissingDataHaveOneParser() {
        assertEquals(OutputFormat.CSV, OutputFormat.parse("CSV", List.of(OutputFormat.TABLE, OutputFormat.CSV)));
        assertEquals("'pdf' is not one of html or xlsx", assertThrows(IllegalArgumentException.class,
                () -> OutputFormat.parse("pdf", List.of(OutputFormat.HTML, OutputFormat.XLSX))).getMessage());
        assertEquals(OutputFormat.XLSX, OutputFormat.ofFileName("Result.XLSX"));
        var m = org.cityeval.api.model.MissingData.parse("group-mean:region", null);
        assertEquals(org.cityeval.api.model.MissingData.Method.GROUP_MEAN, m.kind());
        assertEquals("group-mean", m.method());
        assertThrows(IllegalArgumentException.class, () -> new org.cityeval.api.model.MissingData("guess", null, null));
    }
}
