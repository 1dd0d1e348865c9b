package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.Variable;
import org.cityeval.api.data.VariableCatalog;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.api.workflow.CatalogueVariable;
import org.cityeval.api.workflow.CatalogueVariable.YearCoverage;
import org.cityeval.api.workflow.WorkflowException;
import org.cityeval.api.workflow.WorkflowException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cityeval variables}: which catalogue variables a pack carries, in which years, for how many cities. */
class VariablesWorkflowTest {
    @TempDir
    Path dir;

    private static Variable variable(String id) {
        return new Variable(id, new LocalizedText("变量" + id, "variable " + id), "unit", Direction.POSITIVE, "d", "s", List.of(), null);
    }

    private static CityRecord row(String adcode, int year, Map<String, Double> values) {
        return new CityRecord(TestData.city(adcode, "c" + adcode), 2, year, values, Map.of());
    }

    /** Two years, three cities in 2022, two in 2023; "b" only in 2022; "x" is no catalogue variable. */
    private static final CityDataset PACK = new CityDataset("p.csv", List.of("b", "a", "x"), List.of(
            row("110000", 2022, Map.of("a", 1.0, "b", 2.0, "x", 0.0)),
            row("120000", 2022, Map.of("a", 1.0)),
            row("130000", 2022, Map.of("b", 1.0)),
            row("110000", 2023, Map.of("a", 1.0)),
            row("120000", 2023, Map.of())));

    private Workflows workflows(Workflows.Optionals o) throws Exception {
        Path file = Files.writeString(dir.resolve("p.csv"), "ignored");
        URL url = file.toUri().toURL();
        o.packs = new DataPackCatalog() {
            @Override
            public List<DataPack> packs() {
                return List.of(new DataPack("p", "a pack", "bundle.p", "p.csv"));
            }

            @Override
            public Optional<URL> open(String name) {
                return name.equals("p") ? Optional.of(url) : Optional.empty();
            }
        };
        o.variables = new VariableCatalog() {
            @Override
            public List<Variable> variables() {
                return List.of(variable("a"), variable("b"), variable("z"));
            }

            @Override
            public Optional<Variable> find(String id) {
                return variables().stream().filter(v -> v.id().equals(id)).findFirst();
            }
        };
        return new Workflows(null, null, (name, in) -> PACK, null, o);
    }

    @Test
    void aPacksVariablesInItsColumnOrderWithYearsAndCoverage() throws Exception {
        List<CatalogueVariable> vars = workflows(new Workflows.Optionals()).variables("p");
        assertEquals(List.of("b", "a"), vars.stream().map(CatalogueVariable::id).toList());
        CatalogueVariable b = vars.get(0);
        assertEquals("p", b.pack());
        assertEquals(List.of(2022), b.years());
        assertEquals(List.of(new YearCoverage(2022, 3, 2), new YearCoverage(2023, 2, 0)), b.coverage());
        assertEquals(new YearCoverage(2022, 3, 2), b.latest());
        CatalogueVariable a = vars.get(1);
        assertEquals(List.of(2022, 2023), a.years());
        assertEquals(new YearCoverage(2023, 2, 1), a.latest());
        assertEquals(0.5, a.latest().share());
        assertEquals("variable a", a.variable().name().en());
    }

    @Test
    void everyPackThenTheVariablesNoPackCarries() throws Exception {
        List<CatalogueVariable> vars = workflows(new Workflows.Optionals()).variables(null);
        assertEquals(List.of("b", "a", "z"), vars.stream().map(CatalogueVariable::id).toList());
        CatalogueVariable z = vars.get(2);
        assertNull(z.pack());
        assertEquals(List.of(), z.years());
        assertNull(z.latest());
    }

    @Test
    void anUnknownPackNamesTheInstalledOnes() throws Exception {
        Workflows w = workflows(new Workflows.Optionals());
        WorkflowException e = assertThrows(WorkflowException.class, () -> w.variables("q"));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertEquals("no data pack 'q'; shipped: [p]", e.getMessage());
    }

    @Test
    void withoutTheDataBundleItSaysWhichIsMissing() {
        Workflows w = new Workflows(null, null, TestData.READER, null, new Workflows.Optionals());
        WorkflowException e = assertThrows(WorkflowException.class, () -> w.variables("p"));
        assertEquals(Kind.UNAVAILABLE, e.kind());
        assertEquals("the variable catalogue (bundle org.cityeval.data) is not in this runtime", e.getMessage());
    }
}
