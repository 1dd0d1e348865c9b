package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Weight;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.analysis.DerivedWeights;
import org.cityeval.api.workflow.WorkflowException;
import org.junit.jupiter.api.Test;

/** Issue 12, item 2 and 7: no result that ranks nobody, no export that is all NA. */
class DefaultsTest {
    private static final LocalizedText T = new LocalizedText("t", "t");

    private static Indicator node(String id, int level, double w, Indicator... kids) {
        return new Indicator(id, T, level, new Weight(w, Provenance.PUBLISHED, null), null, null, null, null, null,
                List.of(kids));
    }

    private static final EvaluationModel MODEL = new EvaluationModel("m", T, T, null, 2024, new Scale("points", 100, 1),
            node("total", 0, 100, node("a", 1, 50), node("b", 1, 50)), null, null, null, null);

    private static CityDataset data(Map<String, Double> values) {
        return new CityDataset("d.csv", List.copyOf(values.keySet()),
                List.of(new CityRecord(TestData.city("330100", "杭州市"), 2, values, Map.of())));
    }

    /** An evaluator that knows only coverage: half the weight backed. */
    private static final Evaluator HALF = (Evaluator) Proxy.newProxyInstance(DefaultsTest.class.getClassLoader(),
            new Class<?>[] { Evaluator.class }, (p, m, a) -> switch (m.getName()) {
                case "coverage" -> new Coverage("m", 1, null, 0.5, List.of());
                default -> throw new UnsupportedOperationException(m.getName());
            });

    private final Workflows workflows = new Workflows(null, HALF, TestData.READER, null, new Workflows.Optionals());

    private static EvaluationResult result(Integer rank) {
        return new EvaluationResult(null, List.of(new CityResult("330100", "杭州市", "浙江省", rank == null ? null : 80.0,
                rank, null, Map.of())), List.of(), Map.of(), Map.of(), List.of(), List.of());
    }

    @Test
    void aResultThatRanksNobodyIsRefusedNamingTheOption() {
        WorkflowException e = assertThrows(WorkflowException.class, () -> workflows.ranked(MODEL,
                data(Map.of("a", 30.0)), result(null), EvaluationOptions.DEFAULTS));
        assertEquals(WorkflowException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().startsWith("m ranks none of the 1 cities of d.csv: every city lacks data on the way "
                + "up to the total (the data back 50.0% of the model's weight"), e.getMessage());
        assertTrue(e.getMessage().contains("Add --missing renormalise"), e.getMessage());
    }

    @Test
    void withRenormalisationChosenThereIsNoOptionToSuggest() {
        WorkflowException e = assertThrows(WorkflowException.class, () -> workflows.ranked(MODEL,
                data(Map.of("a", 30.0)), result(null), new EvaluationOptions(MissingData.parse("renormalise", null), null)));
        assertFalse(e.getMessage().contains("--missing"), e.getMessage());
    }

    @Test
    void aRankedResultPasses() {
        EvaluationResult r = result(1);
        assertSame(r, workflows.ranked(MODEL, data(Map.of("a", 30.0)), r, EvaluationOptions.DEFAULTS));
    }

    @Test
    void aWeightConfigurationThatWouldStopTheModelLoadingIsNotWritten(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path home) {
        List<byte[]> checked = new java.util.ArrayList<>();
        ModelCatalog refusing = (ModelCatalog) Proxy.newProxyInstance(DefaultsTest.class.getClassLoader(),
                new Class<?>[] { ModelCatalog.class }, (p, m, a) -> switch (m.getName()) {
                    case "validateConfiguration" -> {
                        checked.add((byte[]) a[2]);
                        yield List.of(new ModelLoadError("b", "d.json", "$.root.children[0]", "weights add up to 2, "
                                + "not the parent's 1"));
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Workflows w = new Workflows(refusing, HALF, TestData.READER, home, new Workflows.Optionals());
        DerivedWeights weights = new DerivedWeights("m", "total", "fixed",
                List.of(new DerivedWeights.Row("a", "a", 50, "assumed", 1, 100)), List.of());
        WorkflowException e = assertThrows(WorkflowException.class, () -> w.writeConfiguration(weights, "n"));
        assertEquals(WorkflowException.Kind.INVALID, e.kind());
        assertEquals("not written: with this configuration m would not load: $.root.children[0]: weights add up to 2, "
                + "not the parent's 1", e.getMessage());
        assertEquals(1, checked.size());
        assertTrue(new String(checked.get(0), java.nio.charset.StandardCharsets.UTF_8).contains("\"a\""));
        assertFalse(java.nio.file.Files.exists(home.resolve("conf/models/m.json")), "nothing written");
    }

    @Test
    void aCoinrExportOfDataWithoutAnyLeafColumnIsRefused() {
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> Workflows.refuseEmptyExport(MODEL, data(Map.of("gdp", 1.0))));
        assertEquals(WorkflowException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().startsWith("d.csv: no value for any indicator of m (COINr's iData has one column per "
                + "leaf indicator, named by its id, e.g. a, b); the export would be all NA."), e.getMessage());
        Workflows.refuseEmptyExport(MODEL, data(Map.of("a", 1.0))); // one leaf given: the rest are NA, as COINr writes
        Workflows.refuseEmptyExport(MODEL, data(Map.of("total", 1.0))); // the model's own table: the tree exports
    }
}
