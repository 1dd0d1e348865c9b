package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.cityeval.io.internal.FormSheets;
import org.cityeval.io.internal.Sheets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 17 item 1 through the distribution: {@code cityeval form} writes a collection form whose value cells carry
 * the allowed ranges as data validation (read back with the project's own XLSX reader and checked against the
 * model's weights and the catalogue's bounds); filled programmatically for 3 of Zhejiang's 11 cities (one of them
 * half) it evaluates with no editing, those cities scored with their coverage (the half-filled one with
 * {@code --missing renormalise}); a value out of range is refused
 * at sheet:row:column, exit 2, nothing written.
 */
class FormTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "ccid-digital-city-2020";
    @TempDir
    static Path work;
    static byte[] form;
    static List<List<String>> values;
    static List<FormSheets.Validation> validations;

    @BeforeAll
    static void writeTheForm() throws Exception {
        Path f = work.resolve("f.xlsx");
        Dist.Run run = Dist.cityeval(work, "form", "--model", MODEL, "--province", "浙江省", "--year", "2023", "--out",
                f.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("11 cities × 1 year(s)"), run.out());
        form = Files.readAllBytes(f);
        values = Sheets.read("f.xlsx", form, "填报");
        validations = FormSheets.validations("f.xlsx", form, "填报");
    }

    @Test
    void theFormListsTheCitiesAndTheColumnsTheModelReads() throws Exception {
        List<String> header = values.get(0);
        assertEquals(List.of("city", "adcode", "year"), header.subList(0, 3));
        assertEquals(12, values.size(), "a header and Zhejiang's 11 cities");
        assertEquals(List.of("杭州市", "330100", "2023"), values.get(1).subList(0, 3));
        // every value column is followed by its source column
        for (int c = 3; c < header.size(); c += 2) {
            assertEquals(header.get(c) + ":source", header.get(c + 1));
        }
        // a bound leaf asks for its catalogue variable, an unbound one for its own id
        assertTrue(header.contains("usage_depth"), header.toString());
        assertFalse(header.contains("e_commerce"), header.toString());
        assertTrue(header.contains("it_development"), header.toString());

        JsonNode tree = JSON.readTree(Dist.cityeval(work, "tree", MODEL, "--format", "json").out());
        int leaves = countLeaves(tree.has("root") ? tree.get("root") : tree);
        assertEquals(leaves, (header.size() - 3) / 2, "one column per leaf (none of CCID's leaves share a variable)");

        List<List<String>> definitions = Sheets.read("f.xlsx", form, "指标说明");
        assertEquals("权重(分)", definitions.get(0).get(8));
        assertTrue(definitions.stream().anyMatch(r -> r.get(0).equals("usage_depth") && r.get(7).startsWith("e_commerce")),
                "the Definitions sheet says which leaf reads the variable");
        assertFalse(Sheets.read("f.xlsx", form, "说明").isEmpty());
    }

    @Test
    void theValidationRangesAreTheWeightsAndTheCataloguesBounds() throws Exception {
        List<String> header = values.get(0);
        List<List<String>> definitions = Sheets.read("f.xlsx", form, "指标说明");
        JsonNode variables = JSON.readTree(Dist.cityeval(work, "variables", "--format", "json").out());
        Map<String, String> bounds = new HashMap<>();
        for (JsonNode v : variables) {
            bounds.put(v.get("variable").get("id").asText(), v.get("variable").path("bounds").asText(null));
        }
        for (int c = 3; c < header.size(); c++) {
            String column = header.get(c);
            FormSheets.Validation v = at(c + 1);
            if (column.endsWith(":source")) {
                assertNull(v, column + " takes any text");
                continue;
            }
            assertNotNull(v, column + " has a validation");
            assertTrue(v.covers(2, c + 1) && v.covers(12, c + 1) && !v.covers(1, c + 1) && !v.covers(13, c + 1),
                    column + ": rows 2 to 12");
            if (bounds.containsKey(column)) { // a catalogue variable: its bounds
                String b = bounds.get(column);
                if ("nonnegative".equals(b)) {
                    assertEquals(List.of("decimal", "greaterThanOrEqual", "0"), List.of(v.type(), v.operator(), v.formula1()), column);
                } else if ("share".equals(b)) {
                    assertEquals(List.of("decimal", "between", "0", "1"),
                            List.of(v.type(), v.operator(), v.formula1(), v.formula2()), column);
                } else {
                    assertEquals("none", v.type(), column);
                }
            } else { // a direct-points leaf: from 0 to its weight, the one the Definitions sheet states
                String weight = definitions.stream().filter(r -> r.get(0).equals(column)).findFirst().orElseThrow()
                        .get(8);
                assertEquals(List.of("decimal", "between"), List.of(v.type(), v.operator()), column);
                assertEquals(0.0, Double.parseDouble(v.formula1()), column);
                assertEquals(Double.parseDouble(weight), Double.parseDouble(v.formula2()), 1e-12, column);
                assertTrue(Double.parseDouble(weight) > 0, column);
            }
        }
        assertTrue(validations.stream().anyMatch(v -> v.type().equals("decimal") && v.operator().equals("between")),
                "at least one range");
    }

    @Test
    void aFilledFormEvaluatesAndAValueOutOfRangeIsRefused() throws Exception {
        List<String> header = values.get(0);
        // 杭州市 (row 2) and 宁波市 (row 3) in full, 温州市 (row 4) half: a partly filled form
        Map<String, String> cells = new HashMap<>();
        fill(cells, 2, 0.2, header.size());
        fill(cells, 3, 0.5, header.size());
        fill(cells, 4, 0.9, 3 + (header.size() - 3) / 2);
        Path filled = work.resolve("filled.xlsx");
        Files.write(filled, withCells(form, cells));

        Dist.Run run = Dist.cityeval(work, "evaluate", "--model", MODEL, "--data", filled.toString(), "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode result = JSON.readTree(run.out());
        Map<String, JsonNode> byCity = new HashMap<>();
        result.get("cities").forEach(c -> byCity.put(c.get("name").asText(), c));
        assertEquals(11, byCity.size());
        for (String city : List.of("杭州市", "宁波市")) {
            assertTrue(byCity.get(city).get("score").isNumber(), city + " is scored: " + byCity.get(city));
        }
        assertEquals(1.0, byCity.get("杭州市").get("coverage").asDouble(), 1e-9);
        assertEquals(1.0, byCity.get("宁波市").get("coverage").asDouble(), 1e-9);
        // 温州市, half filled: its coverage is stated; without a missing-data treatment a domain without data
        // leaves it without a total, with --missing renormalise it is scored from what it has
        double partly = byCity.get("温州市").get("coverage").asDouble();
        assertTrue(partly > 0 && partly < 1, "温州市 is partly filled: coverage " + partly);
        assertTrue(byCity.get("温州市").get("score").isNull(), byCity.get("温州市").toString());
        JsonNode renormalised = JSON.readTree(Dist.cityeval(work, "evaluate", "--model", MODEL, "--data",
                filled.toString(), "--missing", "renormalise", "--format", "json").out());
        for (JsonNode c : renormalised.get("cities")) {
            if (c.get("name").asText().equals("温州市")) {
                assertTrue(c.get("score").isNumber(), c.toString());
                assertEquals(partly, c.get("coverage").asDouble(), 1e-9);
            }
        }
        assertTrue(byCity.get("绍兴市").get("score").isNull());
        assertEquals(0.0, byCity.get("绍兴市").get("coverage").asDouble());
        assertTrue(byCity.get("宁波市").get("score").asDouble() > byCity.get("杭州市").get("score").asDouble(),
                "higher points give a higher total");

        Dist.Run table = Dist.cityeval(work, "evaluate", "--model", MODEL, "--data", filled.toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("coverage"), table.out());

        // one value above its range: refused at sheet:row:column, nothing written
        int column = header.indexOf("it_development") + 1;
        FormSheets.Validation v = at(column);
        cells.put(ref(column, 3), Double.toString(Double.parseDouble(v.formula2()) + 1));
        Path bad = work.resolve("bad.xlsx");
        Files.write(bad, withCells(form, cells));
        Path out = work.resolve("result.json");
        Dist.Run refused = Dist.cityeval(work, "evaluate", "--model", MODEL, "--data", bad.toString(), "--format", "json",
                "--out", out.toString());
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("bad.xlsx:填报:3:" + column + ": "), refused.err());
        assertTrue(refused.err().contains("it_development") && refused.err().contains("outside the form's range"),
                refused.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void twoModelsShareTheColumnOfAVariableTheyBothBind() throws Exception {
        Path f = work.resolve("two.xlsx");
        Dist.Run run = Dist.cityeval(work, "form", "--model", MODEL + ",cstc-smart-2021", "--cities", "Hangzhou,南京",
                "--years", "2022-2023", "--lang", "en", "--out", f.toString());
        assertEquals(0, run.exit(), run.err());
        byte[] two = Files.readAllBytes(f);
        List<List<String>> rows = Sheets.read("two.xlsx", two, "Values");
        List<String> header = rows.get(0);
        assertEquals(1, header.stream().filter(h -> h.equals("coverage_breadth")).count(), header.toString());
        assertEquals(header.size(), new java.util.HashSet<>(header).size(), "no column twice");
        assertEquals(5, rows.size(), "2 cities × 2 years");
        assertEquals(List.of("南京市", "320100", "2022"), rows.get(1).subList(0, 3));
        List<List<String>> definitions = Sheets.read("two.xlsx", two, "Definitions");
        assertEquals(java.util.Set.of(MODEL, "cstc-smart-2021"), definitions.stream()
                .filter(r -> r.get(0).equals("coverage_breadth")).map(r -> r.get(6)).collect(java.util.stream.Collectors.toSet()));

        Dist.Run unknown = Dist.cityeval(work, "form", "--model", "nope", "--out", work.resolve("x.xlsx").toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown model 'nope'; loaded: "), unknown.err());
        assertFalse(Files.exists(work.resolve("x.xlsx")));
    }

    /** Values for the value columns before {@code end} of one row, inside each column's validation. */
    private static void fill(Map<String, String> cells, int row, double frac, int end) {
        List<String> header = values.get(0);
        for (int c = 3; c < end; c++) {
            String ref = ref(c + 1, row);
            if (header.get(c).endsWith(":source")) {
                cells.put(ref, "\"统计年鉴 2024, p. " + row + "\"");
                continue;
            }
            FormSheets.Validation v = at(c + 1);
            double value = switch (v.type() + "/" + v.operator()) {
                case "decimal/between" -> Double.parseDouble(v.formula1())
                        + (Double.parseDouble(v.formula2()) - Double.parseDouble(v.formula1())) * frac;
                case "decimal/greaterThanOrEqual" -> Double.parseDouble(v.formula1()) + 10 * frac;
                default -> 100 * frac + c;
            };
            cells.put(ref, Double.toString(value));
        }
    }

    private static FormSheets.Validation at(int column) {
        FormSheets.Validation found = null;
        for (FormSheets.Validation v : validations) {
            if (v.covers(2, column)) {
                assertNull(found, "one validation per cell");
                found = v;
            }
        }
        return found;
    }

    private static int countLeaves(JsonNode node) {
        JsonNode children = node.path("children");
        if (!children.isArray() || children.isEmpty()) {
            return 1;
        }
        int n = 0;
        for (JsonNode c : children) {
            n += countLeaves(c);
        }
        return n;
    }

    static String ref(int column, int row) {
        StringBuilder letters = new StringBuilder();
        for (int c = column; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return letters.append(row).toString();
    }

    /**
     * The workbook with cells written into its first sheet's XML: each {@code ref → value} appended to its row
     * in column order ({@code "quoted"} values as inline strings, others as numbers), as a program filling the form
     * would.
     */
    static byte[] withCells(byte[] xlsx, Map<String, String> cells) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(xlsx));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    content = fillRows(new String(content, StandardCharsets.UTF_8), cells).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String fillRows(String sheet, Map<String, String> cells) {
        Matcher m = Pattern.compile("<row r=\"(\\d+)\">(.*?)</row>").matcher(sheet);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int row = Integer.parseInt(m.group(1));
            List<String[]> mine = new ArrayList<>();
            cells.forEach((ref, value) -> {
                if (ref.replaceAll("[A-Z]", "").equals(Integer.toString(row))) {
                    mine.add(new String[] { ref, value });
                }
            });
            mine.sort((a, c) -> Integer.compare(column(a[0]), column(c[0])));
            StringBuilder added = new StringBuilder();
            for (String[] cell : mine) {
                if (cell[1].startsWith("\"")) {
                    added.append("<c r=\"").append(cell[0]).append("\" t=\"inlineStr\"><is><t>")
                            .append(cell[1], 1, cell[1].length() - 1).append("</t></is></c>");
                } else {
                    added.append("<c r=\"").append(cell[0]).append("\"><v>").append(cell[1]).append("</v></c>");
                }
            }
            m.appendReplacement(b, Matcher.quoteReplacement("<row r=\"" + row + "\">" + m.group(2) + added + "</row>"));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static int column(String ref) {
        int c = 0;
        for (char ch : ref.toCharArray()) {
            if (ch >= 'A' && ch <= 'Z') {
                c = c * 26 + (ch - 'A' + 1);
            }
        }
        return c;
    }
}
