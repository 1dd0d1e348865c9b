package org.cityeval.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Weight;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.ModelSummary;
import org.junit.jupiter.api.Test;

class ReportsTest {

    @Test
    void csvCellLeavesPlainTextAlone() {
        assertEquals("北京市", Reports.csvCell("北京市"));
        assertEquals("abc", Reports.csvCell("abc"));
        assertEquals("", Reports.csvCell(""));
        assertEquals(" padded ", Reports.csvCell(" padded "));
        assertEquals("a;b", Reports.csvCell("a;b"));
    }

    @Test
    void csvCellQuotesSeparatorsQuotesAndLineBreaks() {
        assertEquals("\"a,b\"", Reports.csvCell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Reports.csvCell("say \"hi\""));
        assertEquals("\"\"\"\"", Reports.csvCell("\""));
        assertEquals("\"line\nbreak\"", Reports.csvCell("line\nbreak"));
        assertEquals("\"cr\rhere\"", Reports.csvCell("cr\rhere"));
        assertEquals("\"a,\"\"b\"\"\r\n\"", Reports.csvCell("a,\"b\"\r\n"));
    }

    @Test
    void fixed() {
        assertEquals("73.0", Reports.fixed(73.0, 1));
        assertEquals("85.7", Reports.fixed(26.2 + 25.2 + 17.2 + 17.1, 1));
        assertEquals("85.0", Reports.fixed(85.04, 1));
        assertEquals("85.1", Reports.fixed(85.05, 1));
        assertEquals("2.68", Reports.fixed(2.675, 2));
        assertEquals("59.992", Reports.fixed(59.992, 3));
        assertEquals("2.333", Reports.fixed(7.0 / 3, 3));
        assertEquals("3", Reports.fixed(2.5, 0));
        assertEquals("0.00", Reports.fixed(0.0, 2));
        assertEquals("—", Reports.fixed(null, 2));
    }

    @Test
    void plain() {
        assertEquals("80", Reports.plain(80));
        assertEquals("72.5", Reports.plain(72.5));
        assertEquals("100", Reports.plain(100));
    }

    static Indicator indicator(String id, int level, double weight, List<Indicator> children) {
        return new Indicator(id, new LocalizedText(id, null), level, new Weight(weight, Provenance.PUBLISHED, null),
                Direction.POSITIVE, null, children.isEmpty() ? new RuleRef("direct-points", null) : null,
                children.isEmpty() ? null : new RuleRef("weighted-sum", null), null, children);
    }

    @Test
    void csvHasOneRowPerCityWithEveryNodeInTreeOrder() {
        Indicator a = indicator("a", 1, 60, List.of(indicator("a1", 2, 60, List.of())));
        Indicator b = indicator("b", 1, 40, List.of());
        Indicator root = indicator("total", 0, 100, List.of(a, b));
        EvaluationModel model = new EvaluationModel("m", new LocalizedText("模型", null), new LocalizedText("机构", null),
                "1", 2024, new Scale("points", 100, 1), root, null, List.of(), null, List.of());
        EvaluationResult result = new EvaluationResult(
                new ModelSummary("m", "模型", "机构", "1", 2024, 100, 1, 1, List.of()),
                List.of(new CityResult("110000", "北京市", "北京市", 85.7, 1, "80+, leading",
                                Map.of("total", 85.7, "a", 50.25, "b", 35.45)),
                        new CityResult("999999", "Name, with \"quotes\"", "省", null, null, null, Map.of("a", 10.0))),
                List.of(), Map.of(), Map.of(), List.of(), List.of());

        assertEquals("adcode,name,province,rank,tier,total,a,a1,b\n"
                + "110000,北京市,北京市,1,\"80+, leading\",85.7,50.25,,35.45\n"
                + "999999,\"Name, with \"\"quotes\"\"\",省,,,,10,,\n", Reports.csv(model, result));
    }

    @Test
    void partialCoverageIsPrintedBesideTotalsAndWithheldTiersSayWhy() {
        Indicator a = indicator("a", 1, 60, List.of());
        Indicator b = indicator("b", 1, 40, List.of());
        Indicator root = indicator("total", 0, 100, List.of(a, b));
        EvaluationModel model = new EvaluationModel("m", new LocalizedText("模型", null), new LocalizedText("机构", null),
                "1", 2024, new Scale("points", 100, 1), root, null, List.of(), null, List.of());
        String why = "tiers withheld: the data back 40% of the model's weight, below the 50% threshold";
        EvaluationResult result = new EvaluationResult(
                new ModelSummary("m", "模型", "机构", "1", 2024, 100, 1, 1, List.of(), null, "renormalise", 0.4,
                        List.of("a"), 0.5, why),
                List.of(new CityResult("110000", "北京市", "北京市", 85.0, 1, null, Map.of("total", 85.0, "b", 34.0), 0.4),
                        new CityResult("310000", "上海市", "上海市", null, null, null, Map.of(), 0.0)),
                List.of(), Map.of(), Map.of(), List.of(), List.of(why));
        String table = Reports.evaluation(model, result);
        assertTrue(table.contains("coverage: the data back 40.0% of the model's weight (threshold 50%); 1 leaf has no "
                + "data: a\n" + why + "\n"), table);
        assertTrue(table.contains("覆盖 coverage"), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("北京市") && l.contains("withheld") && l.contains("40.0%")), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("上海市") && !l.contains("withheld") && l.contains("0.0%")), table);

        assertEquals("adcode,name,province,rank,tier,total,a,b,coverage\n"
                + "110000,北京市,北京市,1,,85,,34,0.4\n"
                + "310000,上海市,上海市,,,,,,0\n", Reports.csv(model, result));
    }

    @Test
    void fullCoverageAddsNothingToTheTable() {
        Indicator a = indicator("a", 1, 100, List.of());
        Indicator root = indicator("total", 0, 100, List.of(a));
        EvaluationModel model = new EvaluationModel("m", new LocalizedText("模型", null), new LocalizedText("机构", null),
                "1", 2024, new Scale("points", 100, 1), root, null, List.of(), null, List.of());
        EvaluationResult result = new EvaluationResult(
                new ModelSummary("m", "模型", "机构", "1", 2024, 100, 1, 1, List.of(), null, "none", 1.0, List.of(), 0.5,
                        null),
                List.of(new CityResult("110000", "北京市", "北京市", 85.0, 1, "80+", Map.of("total", 85.0, "a", 85.0), 1.0)),
                List.of(), Map.of(), Map.of(), List.of(), List.of());
        String table = Reports.evaluation(model, result);
        assertFalse(table.contains("coverage"), table);
    }
}
