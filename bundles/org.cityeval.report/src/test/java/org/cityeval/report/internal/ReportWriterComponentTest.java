package org.cityeval.report.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.analysis.PipelineStages;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.GroupScheme;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.ReferenceData;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Tier;
import org.cityeval.api.model.TierScheme;
import org.cityeval.api.model.Weight;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.GroupResult;
import org.cityeval.api.result.ModelSummary;
import org.cityeval.api.result.PanelCity;
import org.cityeval.api.result.PanelResult;
import org.cityeval.api.result.ReferenceCheck;
import org.cityeval.api.result.TierCount;
import org.cityeval.api.service.ReportWriter;
import org.cityeval.api.service.ReportWriter.Evaluated;
import org.cityeval.api.service.ReportWriter.Report;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The two report formats, read back: the workbook with java.util.zip and a DOM parse of its sheets (cell
 * values by reference), the HTML for its inline scripts and data. A city name full of XML and HTML
 * metacharacters checks the escaping on the way.
 */
class ReportWriterComponentTest {
    /** Every character XML and HTML treat specially, a "</script>" and a control character XML 1.0 cannot carry. */
    private static final String AWKWARD = "A&B <\"Q\"> 'x' </script> \u0001市";
    private static final String AWKWARD_IN_XML = "A&B <\"Q\"> 'x' </script> 市";

    private final ReportWriter writer = new ReportWriterComponent();

    @Test
    void formats() {
        assertEquals(List.of("html", "xlsx"), writer.formats());
        assertThrows(IllegalArgumentException.class, () -> writer.write("pdf", report(false)));
    }

    // ---------------------------------------------------------------- xlsx

    @Test
    void workbookHasTheSheetsInOrder() throws Exception {
        Map<String, List<List<String>>> book = readXlsx(writer.write("xlsx", report(true)));
        assertEquals(List.of("Ranking", "Level 1", "Level 2", "Indicators", "Tiers", "Groups", "Comparison", "Uncertainty",
                "Notes"), List.copyOf(book.keySet()));
        Map<String, List<List<String>>> plain = readXlsx(writer.write("xlsx", report(false)));
        assertFalse(plain.containsKey("Comparison"));
        assertFalse(plain.containsKey("Uncertainty"));
    }

    @Test
    void panelSheetHasTotalsAndRanksPerYearAndTheTrend() throws Exception {
        Report base = report(false);
        PanelResult panel = new PanelResult(base.evaluations().get(0).result().model(), List.of(2019, 2020, 2021),
                "panel", "interpolate", List.of(
                        new PanelCity("330100", "杭州市", "浙江省", List.of(50.0, 60.0, 72.0), List.of(2, 1, 1),
                                Arrays.asList("B", "A", "A"), Map.of(), 0.2, 11.0),
                        new PanelCity("440100", "广州市", "广东省", Arrays.asList(55.0, null, 55.0),
                                Arrays.asList(1, null, 2), Arrays.asList("A", null, "B"), Map.of(), 0.0, 0.0)),
                List.of("广州市 2020 x"), List.of());
        Map<String, List<List<String>>> book = readXlsx(writer.write("xlsx", base.withPanel(panel)));
        assertEquals(List.of("Ranking", "Level 1", "Level 2", "Indicators", "Tiers", "Groups", "Panel", "Notes"),
                List.copyOf(book.keySet()));
        List<List<String>> sheet = book.get("Panel");
        assertEquals(List.of("Adcode", "City", "Province", "Total 2019", "Total 2020", "Total 2021", "Rank 2019",
                "Rank 2020", "Rank 2021", "CAGR", "Theil-Sen slope"), sheet.get(0));
        assertEquals(List.of("330100", "杭州市", "浙江省", "50", "60", "72", "2", "1", "1", "0.2", "11"), sheet.get(1));
        assertEquals(List.of("440100", "广州市", "广东省", "55", "", "55", "1", "", "2", "0", "0"), sheet.get(2));
        assertTrue(sheet.contains(List.of("test-model", "panel", "interpolate", "1")), sheet.toString());
        assertFalse(readXlsx(writer.write("xlsx", base)).containsKey("Panel"), "no panel, no sheet");
    }

    static PanelResult panel(Report base) {
        return new PanelResult(base.evaluations().get(0).result().model(), List.of(2019, 2020, 2021),
                "panel", "interpolate", List.of(
                        new PanelCity("330100", "杭州市", "浙江省", List.of(50.0, 60.0, 72.0), List.of(2, 1, 1),
                                Arrays.asList("B", "A", "A"), Map.of(), 0.2, 11.0),
                        new PanelCity("440100", "广州市", "广东省", Arrays.asList(55.0, null, 55.0),
                                Arrays.asList(1, null, 2), Arrays.asList("A", null, "B"), Map.of(), 0.0, 0.0)),
                List.of("广州市 2020 x"), List.of("absent years: 1 city-years have no row"));
    }

    @Test
    void htmlWithAPanelHasTheTrajectoryChartItsDataAndTheSeriesTable() throws Exception {
        Report base = report(false);
        String html = new String(writer.write("html", base.withPanel(panel(base))), StandardCharsets.UTF_8);
        assertTrue(html.contains("id=\"panel\""), "the panel section");
        assertTrue(html.contains("data-chart=\"trajectory\""), "the rank trajectories' chart");
        assertTrue(html.contains("<a href=\"#panel\">"), "linked from the header");
        // the chart's data: the years and each city's ranks (null where it has none)
        assertTrue(html.contains("\"panel\":{\"years\":[2019,2020,2021],\"cities\":[{\"adcode\":\"330100\","
                + "\"name\":\"杭州市\",\"ranks\":[2,1,1]}"), html.substring(html.indexOf("report-data")));
        assertTrue(html.contains("<td class=\"num\">72.0 <span class=\"rank\">#1</span></td>"), "total and rank");
        assertTrue(html.contains("<td class=\"num\">–</td>"), "广州 has no 2020 total");
        assertTrue(html.contains("<li>absent years: 1 city-years have no row</li>"), "its warnings");
        assertTrue(scripts(html).stream().anyMatch(s -> s.contains("case 'trajectory'")), "report.js draws it");
        String plain = new String(writer.write("html", base), StandardCharsets.UTF_8);
        assertFalse(plain.contains("id=\"panel\""), "no panel, no section");
    }

    @Test
    void stagesWorkbookHasAReadmeAndASheetPerStageInTheCsvLayout() throws Exception {
        PipelineStages stages = new PipelineStages("test-model",
                List.of(new PipelineStages.Unit("330100", "杭州市", "浙江省"), new PipelineStages.Unit("X1", "Free", null)),
                List.of(new PipelineStages.Node("total", null, 0, false, null),
                        new PipelineStages.Node("a", "total", 1, true, "positive")),
                List.of(new PipelineStages.Stage("raw", "leaf values as bound", Map.of("a", Arrays.asList(1.5, null))),
                        new PipelineStages.Stage("aggregated", "every node's points",
                                Map.of("total", List.of(80.0, 20.0), "a", List.of(80.0, 20.0)))));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("Year", "2021");
        options.put("Missing data", "mean");
        byte[] bytes = writer.writeStages(new ReportWriter.StagesWorkbook(stages, "测试模型", "pack:china-cities",
                options));
        Map<String, List<List<String>>> book = readXlsx(bytes);
        assertEquals(List.of("README", "raw", "aggregated"), List.copyOf(book.keySet()));
        List<List<String>> readme = book.get("README");
        assertTrue(readme.contains(List.of("Model", "test-model — 测试模型")), readme.toString());
        assertTrue(readme.contains(List.of("Data", "pack:china-cities")), readme.toString());
        assertTrue(readme.contains(List.of("Year", "2021")) && readme.contains(List.of("Missing data", "mean")));
        assertTrue(readme.contains(List.of("raw", "leaf values as bound")), readme.toString());
        assertEquals(List.of(List.of("adcode", "name", "province", "a"), List.of("330100", "杭州市", "浙江省", "1.5"),
                List.of("X1", "Free")), book.get("raw"), "empty cells where the unit has no province or value");
        assertEquals(List.of("adcode", "name", "province", "total", "a"), book.get("aggregated").get(0), "tree order");
        assertEquals(List.of("X1", "Free", "", "20", "20"), book.get("aggregated").get(2));
        assertArrayEquals(bytes, writer.writeStages(new ReportWriter.StagesWorkbook(stages, "测试模型",
                "pack:china-cities", options)), "reproducible");
    }

    @Test
    void notesSheetSaysWhatTheFiguresRestOn() throws Exception {
        Report base = report(false);
        ReportWriter.Evaluated e = base.evaluations().get(0);
        ModelSummary m = e.result().model();
        ModelSummary low = new ModelSummary(m.id(), m.title(), m.institution(), m.edition(), m.year(), m.scaleMax(),
                m.precision(), m.basisLevel(), m.assumedWeights(), 2023, "renormalise", 0.0617, List.of("d2a"), 0.5,
                "tiers withheld: the data back 6.2% of the model's weight, below the 50% threshold");
        EvaluationResult r = e.result();
        Report report = new Report("t", List.of(new ReportWriter.Evaluated(e.model(), new EvaluationResult(low,
                r.cities(), List.of(), r.groups(), r.statistics(), r.checks(), List.of("a warning")))), null, null,
                "pack:china-cities");
        List<List<String>> notes = readXlsx(writer.write("xlsx", report)).get("Notes");
        assertEquals(List.of("Item", "Value"), notes.get(0));
        assertTrue(notes.contains(List.of("Model", "test-model")), notes.toString());
        assertTrue(notes.contains(List.of("Data source", "pack:china-cities")), notes.toString());
        assertTrue(notes.contains(List.of("Data year", "2023")), notes.toString());
        assertTrue(notes.contains(List.of("Missing-data policy", "renormalise")), notes.toString());
        assertTrue(notes.contains(List.of("Coverage (share of the model's weight the data back)", "6.2%")), notes.toString());
        assertTrue(notes.contains(List.of("Coverage threshold", "50%")), notes.toString());
        assertTrue(notes.contains(List.of("Tiers",
                "tiers withheld: the data back 6.2% of the model's weight, below the 50% threshold")), notes.toString());
        assertTrue(notes.contains(List.of("Leaves without data", "d2a")), notes.toString());
        assertTrue(notes.contains(List.of("Assumed weights used", "d1a")), notes.toString());
        assertTrue(notes.contains(List.of("Warning", "a warning")), notes.toString());
        String html = new String(writer.write("html", report), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(html.contains("tiers withheld: the data back 6.2%"), "the HTML report says why tiers are withheld");
    }

    @Test
    void rankingSheet() throws Exception {
        List<List<String>> ranking = readXlsx(writer.write("xlsx", report(false))).get("Ranking");
        assertEquals(List.of("Rank", "City", "Province", "Total", "Tier", "Adcode", "Model"), ranking.get(0));
        assertEquals(List.of("1", "杭州市", "浙江省", "85.7", "A", "330100", "test-model"), ranking.get(1));
        assertEquals(List.of("2", AWKWARD_IN_XML, "广东省", "70", "B", "440100", "test-model"), ranking.get(2));
        // an unranked city: empty rank, total and tier cells, not "null"
        assertEquals(List.of("", "拉萨市", "西藏自治区", "", "", "540100", "test-model"), ranking.get(3));
        assertEquals(4, ranking.size());
    }

    @Test
    void moversSheetNamesLabelsAndKeepsTheIds() throws Exception {
        Map<String, String> raw = xlsxEntries(writer.write("xlsx", report(true)));
        String all = String.join("\n", raw.values());
        assertTrue(all.contains("test-model: 数字基础 (Digital foundation) +1.2 sd; other: no scores published"));
        assertTrue(all.contains("test-model: d1 (for l1)"), "the ids stay beside the labels");
    }

    @Test
    void numbersAreNumberCellsAndTextIsInline() throws Exception {
        Map<String, String> raw = xlsxEntries(writer.write("xlsx", report(false)));
        String sheet1 = raw.get("xl/worksheets/sheet1.xml");
        assertTrue(sheet1.contains("<c r=\"D2\"><v>85.7</v></c>"), sheet1);
        assertTrue(sheet1.contains("<c r=\"B2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">杭州市</t></is></c>"));
        assertTrue(sheet1.contains("A&amp;B &lt;&quot;Q&quot;&gt; &apos;x&apos; &lt;/script&gt; 市"));
        assertFalse(sheet1.contains("\u0001"));
        // header row bold (style 1) and frozen
        assertTrue(sheet1.contains("<c r=\"A1\" s=\"1\" t=\"inlineStr\">"));
        assertTrue(sheet1.contains("state=\"frozen\""));
        for (String part : List.of("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "docProps/core.xml")) {
            assertNotNull(raw.get(part), part);
            parse(raw.get(part)); // well-formed
        }
        assertTrue(raw.get("[Content_Types].xml").contains("/xl/worksheets/sheet6.xml"));
    }

    @Test
    void levelSheetsHoldNamesIdsAndScores() throws Exception {
        Map<String, List<List<String>>> book = readXlsx(writer.write("xlsx", report(false)));
        List<List<String>> level1 = book.get("Level 1");
        assertEquals(List.of("Rank", "City", "Province", "Adcode", "数字基础", "治理 & 服务"), level1.get(0));
        assertEquals(List.of("", "", "", "id", "d1", "d2"), level1.get(1));
        assertEquals(List.of("1", "杭州市", "浙江省", "330100", "40.2", "45.5"), level1.get(2));
        List<List<String>> level2 = book.get("Level 2");
        assertEquals(List.of("", "", "", "id", "d1a", "d1b", "d2a"), level2.get(1));
        assertEquals(List.of("1", "杭州市", "浙江省", "330100", "20", "20.2", "45.5"), level2.get(2));
        List<List<String>> indicators = book.get("Indicators");
        assertEquals(List.of("test-model", "d1a", "宽带", "Broadband", "2", "d1", "20", "assumed", "equal share"),
                indicators.get(3));
    }

    @Test
    void tiersAndGroups() throws Exception {
        Map<String, List<List<String>>> book = readXlsx(writer.write("xlsx", report(false)));
        assertEquals(List.of("Model", "Tier", "Name", "Count", "Rule"), book.get("Tiers").get(0));
        assertEquals(List.of("test-model", "A", "第一档", "1", "[80, 100]"), book.get("Tiers").get(1));
        List<List<String>> groups = book.get("Groups");
        assertEquals(List.of("Model", "Grouping", "Rank", "Group", "Mean", "Count", "Tier", "Members"), groups.get(0));
        assertEquals(List.of("test-model", "province", "1", "浙江省", "85.7", "1", "第一梯队", "杭州市"), groups.get(1));
        assertEquals(List.of("test-model", "province", "2", "广东省", "70", "1", "第二梯队", AWKWARD_IN_XML), groups.get(2));
    }

    @Test
    void comparisonAndUncertaintySheets() throws Exception {
        Map<String, List<List<String>>> book = readXlsx(writer.write("xlsx", report(true)));
        List<List<String>> cmp = book.get("Comparison");
        assertEquals("Spearman rho", cmp.get(0).get(3));
        assertEquals(List.of("test-model", "other", "2", "0.8", "0.01", "0.6", "0.02", "0.5", "10"), cmp.get(1));
        int rankTable = indexOfRow(cmp, List.of("Adcode", "City", "test-model", "other"));
        assertTrue(rankTable > 0, cmp.toString());
        assertEquals(List.of("330100", "杭州市", "1", "2"), cmp.get(rankTable + 1));
        assertEquals(List.of("440100", AWKWARD_IN_XML, "2", "1"), cmp.get(rankTable + 2));
        int tiers = indexOfRow(cmp, List.of("", "X", "Y"));
        assertEquals(List.of("A", "1", "0"), cmp.get(tiers + 1));
        assertTrue(cmp.stream().anyMatch(r -> r.equals(List.of("kappa", "0.5"))));

        List<List<String>> unc = book.get("Uncertainty");
        assertEquals(List.of("Adcode", "City", "Nominal rank", "Median rank", "P5", "P95"), unc.get(0));
        assertEquals(List.of("330100", "杭州市", "1", "1.5", "1", "3"), unc.get(1));
        int sobol = indexOfRow(unc, List.of("Choice", "First-order S", "Total S_T"));
        assertEquals(List.of("weights", "0.1", "0.2"), unc.get(sobol + 1));
    }

    @Test
    void severalModelsGetTheirOwnLevelSheets() throws Exception {
        Report one = report(false);
        Report two = new Report("两个模型", List.of(one.evaluations().get(0), one.evaluations().get(0)), null, null);
        Map<String, List<List<String>>> book = readXlsx(writer.write("xlsx", two));
        assertTrue(book.containsKey("test-model L1"));
        assertTrue(book.containsKey("test-model L1 (2)"), book.keySet().toString());
        assertEquals(7, book.get("Ranking").size()); // header + 3 cities twice
    }

    @Test
    void sheetNamesAndCellReferences() throws Exception {
        XlsxWriter w = new XlsxWriter("t");
        assertEquals("a_b_c_d_e_f_g", w.sheet("a[b]c:d*e?f/g").name);
        assertEquals(31, w.sheet("x".repeat(40)).name.length());
        assertEquals("Sheet", w.sheet("''").name);
        assertEquals("sheet (2)", w.sheet("sheet").name);
        assertEquals("A", XlsxWriter.column(0));
        assertEquals("Z", XlsxWriter.column(25));
        assertEquals("AA", XlsxWriter.column(26));
        assertEquals("AZ", XlsxWriter.column(51));
        assertEquals("BA", XlsxWriter.column(52));
        assertEquals("0.0001", XlsxWriter.number(1.0E-4));
        assertEquals("100", XlsxWriter.number(100.0));
        assertEquals("😀 &amp;", XlsxWriter.escape("😀 &\uFFFF\uD800"));
    }

    @Test
    void theWorkbookIsReproducible() throws Exception {
        assertArrayEquals(writer.write("xlsx", report(true)), writer.write("xlsx", report(true)));
    }

    // ---------------------------------------------------------------- html

    @Test
    void htmlCarriesEchartsTheMapAndTheChartCodeInline() throws Exception {
        String html = new String(writer.write("html", report(true)), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        // no external script, stylesheet or font: it must open offline
        assertFalse(Pattern.compile("<script[^>]*\\ssrc=", Pattern.CASE_INSENSITIVE).matcher(html).find());
        assertFalse(Pattern.compile("<link[^>]*stylesheet", Pattern.CASE_INSENSITIVE).matcher(html).find());
        assertFalse(html.contains("@import"));
        List<String> scripts = scripts(html);
        assertEquals(5, scripts.size(), "data, echarts, map, charts, report");
        assertTrue(scripts.get(1).contains("Licensed to the Apache Software Foundation"), "ECharts with its licence header");
        assertTrue(scripts.get(1).contains("registerMap"));
        assertTrue(scripts.get(1).length() > 500_000, "the whole of echarts.min.js");
        assertTrue(scripts.get(2).contains("registerMap('china'"), "the province map");
        assertTrue(scripts.get(3).contains("CityevalCharts"));
        assertTrue(scripts.get(4).contains("report-data"));
        // every <script> is closed by its own </script>: nothing inside closes one early
        assertEquals(count(html, "<script"), count(html.toLowerCase(), "</script>"));
    }

    @Test
    void htmlDataIsTheReportAsJson() throws Exception {
        String html = new String(writer.write("html", report(true)), StandardCharsets.UTF_8);
        String json = scripts(html).get(0);
        assertFalse(json.contains("<"), "'<' is escaped inside the data");
        JsonNode data = new ObjectMapper().readTree(json);
        assertEquals("测试报告 <1>", data.get("title").asText());
        JsonNode e = data.get("evaluations").get(0);
        assertEquals("test-model", e.get("model").get("id").asText());
        assertEquals(List.of("d1", "d2"), List.of(e.get("level1").get(0).get("id").asText(), e.get("level1").get(1).get("id").asText()));
        assertEquals(50.0, e.get("level1").get(1).get("weight").asDouble());
        JsonNode cities = e.get("result").get("cities");
        assertEquals(3, cities.size());
        assertEquals(AWKWARD, cities.get(1).get("name").asText());
        assertEquals(40.2, cities.get(0).get("scores").get("d1").asDouble());
        assertTrue(cities.get(2).get("rank").isNull());
        assertEquals("第一梯队", e.get("result").get("groups").get("province").get(0).get("tier").asText());
        assertEquals(0.8, data.get("comparison").get("pairs").get(0).get("spearman").get("value").asDouble());
        assertEquals(1, data.get("comparison").get("tiers").get(0).get("counts").get(0).get(0).asInt());
        assertEquals(3.0, data.get("uncertainty").get("cities").get(0).get("p95").asDouble());
    }

    @Test
    void htmlHasChartsAndTables() throws Exception {
        String html = new String(writer.write("html", report(true)), StandardCharsets.UTF_8);
        for (String id : List.of("chart-ranking-0", "chart-level1-0", "chart-map-0", "chart-heatmap-0", "chart-bump-0",
                "chart-sankey-0", "chart-bands-0", "ranking-0")) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("<td>杭州市</td>"));
        // the movers, explained in words, one line per model (issue 12, item 6)
        assertTrue(html.contains("<td>test-model: 数字基础 (Digital foundation) +1.2 sd<br>other: no scores published</td>"),
                html);
        assertTrue(html.contains("<td class=\"num\">85.7</td>"));
        assertTrue(html.contains("<td class=\"num\">70.0</td>"), "totals at the model's precision");
        assertTrue(html.contains("A&amp;B &lt;&quot;Q&quot;&gt; &#39;x&#39; &lt;/script&gt;"), "city names escaped");
        assertTrue(html.contains("<title>测试报告 &lt;1&gt;</title>"));
        String plain = new String(writer.write("html", report(false)), StandardCharsets.UTF_8);
        assertFalse(plain.contains("id=\"comparison\""));
        assertFalse(plain.contains("id=\"uncertainty\""));
        assertEquals(5, scripts(plain).size());
    }

    // ---------------------------------------------------------------- fixtures and readers

    static Report report(boolean withAnalyses) {
        Indicator d1a = leaf("d1a", "宽带", "Broadband", 20, Provenance.ASSUMED, "equal share");
        Indicator d1b = leaf("d1b", "政务云", "Cloud", 30, Provenance.PUBLISHED, null);
        Indicator d2a = leaf("d2a", "一网通办", "One-stop", 50, Provenance.PUBLISHED, null);
        Indicator d1 = node("d1", "数字基础", "Digital foundation", 1, 50, List.of(d1a, d1b));
        Indicator d2 = node("d2", "治理 & 服务", "Governance", 1, 50, List.of(d2a));
        Indicator root = node("total", "总分", "Total", 0, 100, List.of(d1, d2));
        TierScheme tiers = new TierScheme("score-bands", List.of(
                new Tier("A", new LocalizedText("第一档", "First"), 80.0, null, null, null),
                new Tier("B", new LocalizedText("第二档", "Second"), null, 80.0, null, null)), null);
        EvaluationModel model = new EvaluationModel("test-model", new LocalizedText("测试模型", "Test model"),
                new LocalizedText("测试机构", "Test institute"), "2024", 2024, new Scale("points", 100, 1), root, tiers,
                List.of(new GroupScheme("province", new LocalizedText("省份", "Provinces"), "province", null)),
                new ReferenceData("ref.csv", "Table 1", null), List.of("a note"));

        List<CityResult> cities = List.of(
                new CityResult("330100", "杭州市", "浙江省", 85.7, 1, "A", scores("total", 85.7, "d1", 40.2, "d2", 45.5, "d1a", 20.0, "d1b", 20.2, "d2a", 45.5)),
                new CityResult("440100", AWKWARD, "广东省", 70.0, 2, "B", scores("total", 70.0, "d1", 30.0, "d2", 40.0)),
                new CityResult("540100", "拉萨市", "西藏自治区", null, null, null, scores("d1", 10.0)));
        EvaluationResult result = new EvaluationResult(
                new ModelSummary("test-model", "测试模型", "测试机构", "2024", 2024, 100, 1, 2, List.of("d1a")),
                cities,
                List.of(new TierCount("A", "第一档", 1, "[80, 100]"), new TierCount("B", "第二档", 1, "[0, 80)")),
                Map.of("province", List.of(
                        new GroupResult("浙江省", 85.7, 1, 1, "第一梯队", List.of("330100")),
                        new GroupResult("广东省", 70.0, 1, 2, "第二梯队", List.of("440100")))),
                Map.of(), List.of(new ReferenceCheck("total", 2, 2, List.of())), List.of("拉萨市 is unranked"));

        Concordance comparison = null;
        UncertaintyResult uncertainty = null;
        if (withAnalyses) {
            Map<String, List<Integer>> ranks = new LinkedHashMap<>();
            ranks.put("330100", List.of(1, 2));
            ranks.put("440100", List.of(2, 1));
            comparison = new Concordance(List.of("test-model", "other"), Map.of("test-model", 2, "other", 2),
                    List.of("330100", "440100"), ranks, Map.of("330100", "杭州市", "440100", AWKWARD),
                    List.of(new Concordance.PairConcordance("test-model", "other", new Concordance.Statistic(0.8, 0.01, 2),
                            new Concordance.Statistic(0.6, 0.02, 2), 0.5, 10)),
                    null,
                    List.of(new Concordance.TierTable("test-model", "other", List.of("A", "B"), List.of("X", "Y"),
                            new int[][] {{1, 0}, {0, 1}}, 0.5, 0.6, "by position")),
                    List.of(new Concordance.Movers("test-model", "other", List.of(
                            new Concordance.Mover("330100", "杭州市", 1, 2, -1,
                                    List.of("test-model: 数字基础 (Digital foundation) +1.2 sd", "other: no scores published"),
                                    List.of(new Concordance.Reason("test-model", "d1", "数字基础", "Digital foundation", 1.2,
                                            List.of("l1"))))))),
                    List.of(), List.of("re-ranked among the 2 common cities"));
            uncertainty = new UncertaintyResult(List.of("test-model"), 100, 1, List.of("weights ±25%"),
                    List.of(new UncertaintyResult.RankBand("330100", "杭州市", 1, 1.5, 1, 3),
                            new UncertaintyResult.RankBand("440100", AWKWARD, 2, 2, 1, 3)),
                    List.of(new UncertaintyResult.Sensitivity("weights", 0.1, 0.2)), Map.of(), List.of("100 runs"));
        }
        return new Report("测试报告 <1>", List.of(new Evaluated(model, result)), comparison, uncertainty);
    }

    private static Indicator leaf(String id, String zh, String en, double w, Provenance p, String note) {
        return new Indicator(id, new LocalizedText(zh, en), 2, new Weight(w, p, note), null, null,
                new RuleRef("linear", Map.of()), null, null, List.of());
    }

    private static Indicator node(String id, String zh, String en, int level, double w, List<Indicator> children) {
        return new Indicator(id, new LocalizedText(zh, en), level, new Weight(w, Provenance.PUBLISHED, null), null, null,
                null, new RuleRef("weighted-sum", Map.of()), null, children);
    }

    private static Map<String, Double> scores(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }

    private static Map<String, String> xlsxEntries(byte[] xlsx) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                out.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sheet name → rows of cell values (empty strings for cells not written), in workbook order. */
    static Map<String, List<List<String>>> readXlsx(byte[] xlsx) throws Exception {
        Map<String, String> entries = xlsxEntries(xlsx);
        Document rels = parse(entries.get("xl/_rels/workbook.xml.rels"));
        Map<String, String> targets = new LinkedHashMap<>();
        NodeList rl = rels.getElementsByTagNameNS("*", "Relationship");
        for (int i = 0; i < rl.getLength(); i++) {
            Element r = (Element) rl.item(i);
            targets.put(r.getAttribute("Id"), r.getAttribute("Target"));
        }
        Document wb = parse(entries.get("xl/workbook.xml"));
        NodeList sheets = wb.getElementsByTagNameNS("*", "sheet");
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        for (int i = 0; i < sheets.getLength(); i++) {
            Element s = (Element) sheets.item(i);
            String target = targets.get(s.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id"));
            out.put(s.getAttribute("name"), cells(parse(entries.get("xl/" + target))));
        }
        return out;
    }

    private static List<List<String>> cells(Document sheet) {
        List<List<String>> rows = new ArrayList<>();
        NodeList rowNodes = sheet.getElementsByTagNameNS("*", "row");
        for (int i = 0; i < rowNodes.getLength(); i++) {
            Element row = (Element) rowNodes.item(i);
            int r = Integer.parseInt(row.getAttribute("r"));
            while (rows.size() < r) {
                rows.add(new ArrayList<>());
            }
            List<String> values = rows.get(r - 1);
            NodeList cs = row.getElementsByTagNameNS("*", "c");
            for (int j = 0; j < cs.getLength(); j++) {
                Element c = (Element) cs.item(j);
                String ref = c.getAttribute("r");
                int col = columnIndex(ref.replaceAll("[0-9]", ""));
                assertEquals(String.valueOf(r), ref.replaceAll("[A-Z]", ""), "cell reference in its row");
                String value = "inlineStr".equals(c.getAttribute("t"))
                        ? c.getElementsByTagNameNS("*", "t").item(0).getTextContent()
                        : c.getElementsByTagNameNS("*", "v").item(0).getTextContent();
                while (values.size() <= col) {
                    values.add("");
                }
                values.set(col, value);
            }
        }
        return rows;
    }

    private static int columnIndex(String letters) {
        int n = 0;
        for (char ch : letters.toCharArray()) {
            n = n * 26 + (ch - 'A' + 1);
        }
        return n - 1;
    }

    private static int indexOfRow(List<List<String>> rows, List<String> wanted) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    /** The contents of the inline script elements, in order. */
    private static List<String> scripts(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<script[^>]*>(.*?)</script>", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
