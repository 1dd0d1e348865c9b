package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Weight;
import org.cityeval.api.workflow.WorkflowException;
import org.junit.jupiter.api.Test;

/** What-if weights: the given siblings share their points in the given proportions, subtrees scaled, assumed. */
class WhatIfWeightsTest {
    private static final LocalizedText T = new LocalizedText("t", "t");

    private static Indicator node(String id, int level, double w, Indicator... kids) {
        return new Indicator(id, T, level, new Weight(w, Provenance.PUBLISHED, null), null, null, null, null, null,
                List.of(kids));
    }

    // total 100 = a 60 (a1 30, a2 30) + b 30 + c 10
    private static final EvaluationModel MODEL = new EvaluationModel("m", T, T, null, 2024, new Scale("points", 100, 1),
            node("total", 0, 100, node("a", 1, 60, node("a1", 2, 30), node("a2", 2, 30)), node("b", 1, 30),
                    node("c", 1, 10)),
            null, null, null, null);

    @Test
    void theGivenSiblingsShareTheirPointsAndBecomeAssumed() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("a", 1.0);
        w.put("b", 3.0); // a and b hold 90 together: a 22.5, b 67.5; c keeps its 10
        EvaluationModel m = WhatIfWeights.apply(MODEL, w);
        assertEquals(22.5, m.node("a").orElseThrow().weight().value(), 1e-12);
        assertEquals(67.5, m.node("b").orElseThrow().weight().value(), 1e-12);
        assertEquals(10, m.node("c").orElseThrow().weight().value(), 1e-12);
        assertEquals(Provenance.ASSUMED, m.node("a").orElseThrow().weight().provenance());
        assertEquals(Provenance.PUBLISHED, m.node("c").orElseThrow().weight().provenance());
        // a's children scaled along: they still add up to a
        assertEquals(11.25, m.node("a1").orElseThrow().weight().value(), 1e-12);
        assertEquals(11.25, m.node("a2").orElseThrow().weight().value(), 1e-12);
        assertEquals(100, m.root().weight().value(), 1e-12);
    }

    @Test
    void noWeightsIsTheModelItself() {
        assertSame(MODEL, WhatIfWeights.apply(MODEL, Map.of()));
    }

    @Test
    void anUnknownNodeOrABadValueIsRefusedNamingIt() {
        WorkflowException e = assertThrows(WorkflowException.class, () -> WhatIfWeights.apply(MODEL, Map.of("x", 1.0)));
        assertTrue(e.getMessage().contains("weights.x") && e.getMessage().contains("'x'"), e.getMessage());
        e = assertThrows(WorkflowException.class, () -> WhatIfWeights.apply(MODEL, Map.of("a", -1.0)));
        assertTrue(e.getMessage().contains("weights.a"), e.getMessage());
        e = assertThrows(WorkflowException.class, () -> WhatIfWeights.apply(MODEL, Map.of("a", 0.0, "b", 0.0)));
        assertTrue(e.getMessage().contains("add up to 0"), e.getMessage());
        e = assertThrows(WorkflowException.class, () -> WhatIfWeights.apply(MODEL, Map.of("total", 1.0)));
        assertTrue(e.getMessage().contains("weights.total"), e.getMessage());
    }

    @Test
    void theResultSaysWhatIfWeightsWereUsedInBothLanguages() {
        org.cityeval.api.result.EvaluationResult r = new org.cityeval.api.result.EvaluationResult(null, List.of(),
                List.of(), Map.of(), Map.of(), List.of(), List.of("x"));
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("a", 2.0);
        w.put("b", 0.5);
        org.cityeval.api.result.EvaluationResult said = WhatIfWeights.said(r, w);
        assertEquals(List.of("what-if weights were used (assumed, not the model's own): a=2, b=0.5", "x"),
                said.warnings());
        assertEquals("evaluation.whatIf", said.messages().get(0).key());
        assertEquals(List.of("a=2, b=0.5"), said.messages().get(0).args());
    }
}
