package org.cityeval.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.analysis.Concordance.Mover;
import org.cityeval.api.analysis.Concordance.NodeLabel;
import org.cityeval.api.analysis.Concordance.Reason;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.ModelSummary;
import org.junit.jupiter.api.Test;

/**
 * Movers explained in words: labels instead of node ids when the trees are given, and a parent and its child
 * never named as two reasons (issue 12, item 6).
 */
class MoverReasonsTest {

    private final ConcordanceComponent analysis = new ConcordanceComponent();

    private static final List<String> CITIES = List.of("c01", "c02", "c03", "c04", "c05", "c06");

    @Test
    void labelsReplaceIdsAndIdsStayInTheReasons() {
        Map<String, Map<String, NodeLabel>> trees = Map.of(
                "a", Map.of("d1", new NodeLabel(null, "数字基础", "digital foundation"),
                        "d2", new NodeLabel(null, "融合创新", "integrated innovation"),
                        "d3", new NodeLabel(null, "数字治理", null)),
                "b", Map.of("e1", new NodeLabel(null, "数字经济", "digital economy"),
                        "e2", new NodeLabel(null, "数字民生", "digital livelihood")));
        Concordance c = analysis.compare(List.of(ConcordanceComponentTest.a(), ConcordanceComponentTest.b()),
                Map.of(), 3, List.of(), trees);
        Mover m = c.movers().get(0).cities().get(0);
        // the same nodes and figures as without the trees (ConcordanceComponentTest), now in words
        assertEquals("c11", m.adcode());
        assertEquals(List.of("a: 数字治理 +1.8 sd, 融合创新 (integrated innovation) \u22121.8 sd",
                "b: 数字民生 (digital livelihood) +0.9 sd, 数字经济 (digital economy) +0.2 sd"), m.explanation());
        assertEquals(List.of(new Reason("a", "d3", "数字治理", null, 1.8, List.of()),
                new Reason("a", "d2", "融合创新", "integrated innovation", -1.8, List.of()),
                new Reason("b", "e2", "数字民生", "digital livelihood", 0.9, List.of()),
                new Reason("b", "e1", "数字经济", "digital economy", 0.2, List.of())), m.reasons());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("a parent and its child are never two reasons")),
                c.notes().toString());
    }

    @Test
    void withoutTheTreesTheIdsAndNoReasons() {
        Concordance c = analysis.compare(List.of(ConcordanceComponentTest.a(), ConcordanceComponentTest.b()),
                Map.of(), 3);
        Mover m = c.movers().get(0).cities().get(0);
        assertEquals("a: d3 +1.8 sd, d2 \u22121.8 sd", m.explanation().get(0));
        assertEquals(List.of(), m.reasons());
    }

    @Test
    void aChainOfSingleChildrenIsOneReasonNamedByItsDeepestNode() {
        // p is a level-1 domain whose only child q carries the same data (one proxy): without the tree both
        // are named; with it q names the difference once, p collapsed into it, and r is the second reason
        double[] q = {10, 8, 6, 4, 2, 1};
        double[] r = {1, 2, 3, 4, 5, 9};
        EvaluationResult x = scored("x", "p", q, "q", q, "r", r);
        Concordance bare = analysis.compare(List.of(x, reversed("y")), Map.of(), 1);
        Mover m0 = bare.movers().get(0).cities().get(0);
        assertEquals("c01", m0.adcode());
        assertEquals("x: p +1.4 sd, q +1.4 sd", m0.explanation().get(0));

        Map<String, NodeLabel> tree = Map.of("p", new NodeLabel(null, "数字基础", "digital foundation"),
                "q", new NodeLabel("p", "固定宽带下载速率", "fixed broadband download speed"),
                "r", new NodeLabel(null, "数字经济", "digital economy"));
        Mover m = analysis.compare(List.of(x, reversed("y")), Map.of(), 1, List.of(), Map.of("x", tree))
                .movers().get(0).cities().get(0);
        assertEquals("x: 固定宽带下载速率 (fixed broadband download speed) +1.4 sd, 数字经济 (digital economy) "
                + "\u22121.1 sd", m.explanation().get(0));
        assertEquals(new Reason("x", "q", "固定宽带下载速率", "fixed broadband download speed", 1.4, List.of("p")),
                m.reasons().get(0));
        assertEquals("r", m.reasons().get(1).node());
        assertEquals(2, m.reasons().size()); // y publishes no scores: no reasons of its own
        assertEquals("y: no scores published", m.explanation().get(1));
    }

    @Test
    void aParentWhoseOtherChildrenHaveNoDataIsCollapsedToo() {
        // as under renormalise: p has two children in the tree, but only q has data, so p is q's proxy again;
        // a chain of two (p → m → q) collapses into q, nearest ancestor first
        double[] q = {10, 8, 6, 4, 2, 1};
        double[] r = {1, 2, 3, 4, 5, 9};
        EvaluationResult x = scored("x", "p", q, "m", q, "q", q, "r", r);
        Map<String, NodeLabel> tree = Map.of("p", new NodeLabel(null, "区域协同发展", "Regional coordination"),
                "m", new NodeLabel("p", "城乡数字化协同建设", "Urban-rural digital coordination"),
                "q", new NodeLabel("m", "数字金融覆盖广度", "Coverage breadth"),
                "unbacked", new NodeLabel("p", "跨区域协同创新平台", "Cross-region platforms"),
                "r", new NodeLabel(null, "数字经济", "digital economy"));
        Mover m = analysis.compare(List.of(x, reversed("y")), Map.of(), 1, List.of(), Map.of("x", tree))
                .movers().get(0).cities().get(0);
        assertEquals("x: 数字金融覆盖广度 (Coverage breadth) +1.4 sd, 数字经济 (digital economy) \u22121.1 sd",
                m.explanation().get(0));
        assertEquals(List.of("m", "p"), m.reasons().get(0).collapsed());
    }

    @Test
    void aNodeAndItsAncestorAreNeverTwoReasons() {
        // P has two children q1, q2 (P = q1 + q2); for c01 the z order is q1 +2.0, P +1.5, q2 −1.4, R −1.0:
        // without the tree q1 and P are named; with it P is skipped (q1's parent) and q2 is the second reason
        double[] q1 = {10, 5, 5, 5, 5, 5};
        double[] q2 = {3, 4, 5, 6, 7, 5};
        double[] p = new double[6];
        for (int i = 0; i < 6; i++) {
            p[i] = q1[i] + q2[i];
        }
        double[] rr = {2, 3, 4, 3, 2, 5};
        EvaluationResult w = scored("w", "P", p, "q1", q1, "q2", q2, "R", rr);
        Mover bare = analysis.compare(List.of(w, reversed("y")), Map.of(), 1).movers().get(0).cities().get(0);
        assertEquals("w: q1 +2.0 sd, P +1.5 sd", bare.explanation().get(0));

        Map<String, NodeLabel> tree = Map.of("P", new NodeLabel(null, "基础设施", "infrastructure"),
                "q1", new NodeLabel("P", "光纤", "fibre"), "q2", new NodeLabel("P", "基站", "base stations"),
                "R", new NodeLabel(null, "治理", "governance"));
        Mover m = analysis.compare(List.of(w, reversed("y")), Map.of(), 1, List.of(), Map.of("w", tree))
                .movers().get(0).cities().get(0);
        assertEquals("w: 光纤 (fibre) +2.0 sd, 基站 (base stations) \u22121.4 sd", m.explanation().get(0));
        assertEquals(List.of("q1", "q2"), m.reasons().stream().map(Reason::node).toList());
        assertTrue(m.reasons().stream().allMatch(x -> x.collapsed().isEmpty()));
    }

    // ------------------------------------------------------------------------------------------ data

    /** Cities c01..c06 ranked in that order, with the given node scores (name, values, name, values, …). */
    private static EvaluationResult scored(String id, Object... nodes) {
        List<CityResult> cities = new ArrayList<>();
        for (int i = 0; i < CITIES.size(); i++) {
            Map<String, Double> scores = new LinkedHashMap<>();
            for (int k = 0; k < nodes.length; k += 2) {
                scores.put((String) nodes[k], ((double[]) nodes[k + 1])[i]);
            }
            scores.put("total", 100.0 - i);
            cities.add(new CityResult(CITIES.get(i), "City " + CITIES.get(i), "P", 100.0 - i, i + 1, null, scores));
        }
        return result(id, cities);
    }

    /** The cities in reverse order, without node scores (a published ranking). */
    private static EvaluationResult reversed(String id) {
        List<CityResult> cities = new ArrayList<>();
        for (int i = 0; i < CITIES.size(); i++) {
            String adcode = CITIES.get(CITIES.size() - 1 - i);
            cities.add(new CityResult(adcode, "City " + adcode, "P", null, i + 1, null, Map.of()));
        }
        return result(id, cities);
    }

    private static EvaluationResult result(String id, List<CityResult> cities) {
        ModelSummary model = new ModelSummary(id, id, "institution", "edition", 2024, 100, 1, 3, List.of());
        return new EvaluationResult(model, cities, List.of(), Map.of(), Map.of(), List.of(), List.of());
    }
}
