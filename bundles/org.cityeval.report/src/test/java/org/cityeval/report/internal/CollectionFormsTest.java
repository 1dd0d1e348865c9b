package org.cityeval.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;
import org.cityeval.api.data.Variable;
import org.cityeval.api.model.Binding;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Weight;
import org.cityeval.api.workflow.CollectionForm;
import org.cityeval.api.workflow.FormRequest;
import org.cityeval.api.workflow.WorkflowException;
import org.junit.jupiter.api.Test;

/** The form's columns, ranges and workbook, from two small models that share a variable and a leaf id. */
class CollectionFormsTest {
    static final City HANGZHOU = new City("330100", "杭州市", "杭州", "杭州市", "Hangzhou", "330000", "浙江省", "浙江",
            "prefecture_city", true, false, true);
    static final City NINGBO = new City("330200", "宁波市", "宁波", "寧波市", "Ningbo", "330000", "浙江省", "浙江",
            "prefecture_city", true, true, false);
    static final City NANJING = new City("320100", "南京市", "南京", "南京市", "Nanjing", "320000", "江苏省", "江苏",
            "prefecture_city", true, false, true);

    static final CityRegistry REGISTRY = new CityRegistry() {
        @Override
        public List<City> cities() {
            return List.of(NANJING, HANGZHOU, NINGBO);
        }

        @Override
        public Optional<City> byAdcode(String adcode) {
            return cities().stream().filter(c -> c.adcode().equals(adcode)).findFirst();
        }

        @Override
        public City resolve(String key) throws CityResolutionException {
            return cities().stream().filter(c -> c.adcode().equals(key) || c.name().equals(key) || c.shortName().equals(key)
                    || c.pinyin().equalsIgnoreCase(key)).findFirst()
                    .orElseThrow(() -> new CityResolutionException(key, List.of()));
        }

        @Override
        public City resolve(String key, String province) throws CityResolutionException {
            return resolve(key);
        }
    };

    static final Map<String, Variable> VARIABLES = Map.of(
            "gdp", new Variable("gdp", new LocalizedText("地区生产总值", "GDP"), "亿元", Direction.POSITIVE, null, null, null,
                    "nonnegative"),
            "rate", new Variable("rate", new LocalizedText("覆盖率", "Coverage rate"), "share", Direction.POSITIVE, null, null,
                    null, "share"));

    static Indicator leaf(String id, double w, RuleRef scoring, Binding binding) {
        return new Indicator(id, new LocalizedText("指标" + id, "leaf " + id), 1, new Weight(w, Provenance.PUBLISHED, "p. 3"),
                Direction.POSITIVE, null, scoring, null, null, List.of(), binding);
    }

    static EvaluationModel model(String id, Indicator... leaves) {
        double total = 0;
        for (Indicator l : leaves) {
            total += l.weight().value();
        }
        Indicator root = new Indicator("total", new LocalizedText("总分", "total"), 0, new Weight(total, Provenance.PUBLISHED, null),
                null, null, null, new RuleRef("weighted-sum", null), null, List.of(leaves));
        return new EvaluationModel(id, new LocalizedText(id, id), new LocalizedText("x", "x"), "1", 2024,
                new Scale("points", total, 1), root, null, null, null, null);
    }

    static final RuleRef DIRECT = new RuleRef("direct-points", null);
    static final RuleRef ORDINAL = new RuleRef("ordinal", Map.of("levels", List.of(
            Map.of("value", 0, "share", 0.0, "label", Map.of("zh", "无", "en", "none")),
            Map.of("value", 2, "share", 1.0, "label", "built"))));

    static final EvaluationModel A = model("a", leaf("pts", 10, DIRECT, null),
            leaf("econ", 20, new RuleRef("min-max", null), new Binding("value", List.of("gdp"), null, null, "GDP stands in")),
            leaf("platform", 5, ORDINAL, null));
    static final EvaluationModel B = model("b", leaf("pts", 4, DIRECT, null),
            leaf("wealth", 6, null, new Binding("ratio", List.of("gdp", "rate"), null, null, null)));

    static CollectionForm build(FormRequest r) {
        Map<String, EvaluationModel> models = Map.of("a", A, "b", B);
        return CollectionForms.build(r, id -> Optional.ofNullable(models.get(id)), List.of("a", "b"), REGISTRY,
                id -> Optional.ofNullable(VARIABLES.get(id)));
    }

    @Test
    void sharedColumnsOnceWithTheRangeBothAccept() {
        CollectionForm f = build(new FormRequest(List.of("a", "b")).province("浙江").years(List.of(2023, 2022)));
        assertEquals(List.of("pts", "gdp", "platform", "rate"), f.fields().stream().map(CollectionForm.Field::column).toList());
        assertEquals(List.of(NINGBO, HANGZHOU).stream().map(City::adcode).sorted().toList(),
                f.cities().stream().map(City::adcode).toList());
        assertEquals(List.of(2022, 2023), f.years());

        CollectionForm.Field pts = f.fields().get(0);
        assertEquals(0.0, pts.min());
        assertEquals(4.0, pts.max(), "a's leaf accepts 0..10 points, b's 0..4");
        assertEquals(List.of("a", "b"), pts.uses().stream().map(CollectionForm.Use::model).toList());
        assertEquals(10.0 / 35, pts.uses().get(0).share(), 1e-12);

        CollectionForm.Field gdp = f.fields().get(1);
        assertTrue(gdp.variable());
        assertEquals(0.0, gdp.min());
        assertEquals(null, gdp.max());
        assertEquals(List.of("econ", "wealth"), gdp.uses().stream().map(CollectionForm.Use::leaf).toList());
        assertEquals("GDP stands in", gdp.uses().get(0).binding());

        assertEquals(List.of(0.0, 2.0), f.fields().get(2).levels().stream().map(CollectionForm.Level::value).toList());
        assertEquals(1.0, f.fields().get(3).max());
    }

    @Test
    void refusals() {
        WorkflowException e = assertThrows(WorkflowException.class, () -> build(new FormRequest(List.of("zz"))));
        assertEquals(WorkflowException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("unknown model 'zz'; loaded: a, b"), e.getMessage());
        e = assertThrows(WorkflowException.class, () -> build(new FormRequest(List.of("a")).province("火星")));
        assertTrue(e.getMessage().startsWith("unknown province '火星'"), e.getMessage());
        e = assertThrows(WorkflowException.class, () -> build(new FormRequest(List.of("a")).cities(List.of("Paris"))));
        assertTrue(e.getMessage().contains("Paris"), e.getMessage());
        e = assertThrows(WorkflowException.class, () -> build(new FormRequest(List.of("a")).years(List.of(1800))));
        assertTrue(e.getMessage().contains("1900..2100"), e.getMessage());
        EvaluationModel county = new EvaluationModel("c", A.title(), A.institution(), "1", 2024, A.scale(), A.root(), null,
                null, null, null, null, EvaluationModel.UNITS_COUNTY);
        e = assertThrows(WorkflowException.class, () -> CollectionForms.build(new FormRequest(List.of("c")),
                id -> Optional.of(county), List.of("c"), REGISTRY, id -> Optional.empty()));
        assertTrue(e.getMessage().contains("model c evaluates county units"), e.getMessage());
        e = assertThrows(WorkflowException.class, () -> build(new FormRequest(List.of("a")).lang("fr")));
        assertEquals(WorkflowException.Kind.INVALID, e.kind());
    }

    @Test
    void theWorkbookHasTheValidationsAndTheSourceColumns() throws Exception {
        CollectionForm f = build(new FormRequest(List.of("a", "b")).cities(List.of("Hangzhou", "330200")).years(List.of(2023)));
        byte[] xlsx = FormWorkbook.write(f, "en");
        String workbook = part(xlsx, "xl/workbook.xml");
        assertTrue(workbook.indexOf("name=\"Values\"") < workbook.indexOf("name=\"Definitions\"")
                && workbook.indexOf("name=\"Definitions\"") < workbook.indexOf("name=\"Instructions\""), workbook);
        String sheet = part(xlsx, "xl/worksheets/sheet1.xml");
        assertTrue(sheet.contains("state=\"frozen\""), "the header row is frozen");
        for (String header : List.of("city", "adcode", "year", "pts", "pts:source", "gdp", "gdp:source", "platform",
                "platform:source", "rate", "rate:source")) {
            assertTrue(sheet.contains(">" + header + "</t>"), header);
        }
        assertTrue(sheet.contains("<dataValidations count=\"4\">"), sheet);
        assertTrue(sheet.contains("<dataValidation type=\"decimal\" operator=\"between\"")
                && sheet.contains("sqref=\"D2:D3\"><formula1>0</formula1><formula2>4</formula2>"), sheet);
        assertTrue(sheet.contains("operator=\"greaterThanOrEqual\"") && sheet.contains("sqref=\"F2:F3\"><formula1>0</formula1></"), sheet);
        assertTrue(sheet.contains("<dataValidation type=\"list\"") && sheet.contains("sqref=\"H2:H3\"><formula1>&quot;0,2&quot;</formula1>"), sheet);
        assertTrue(sheet.contains("sqref=\"J2:J3\"><formula1>0</formula1><formula2>1</formula2>"), sheet);
        assertTrue(sheet.contains("prompt=\"leaf pts [分 (points)]&#10;0 – 4\""), sheet);
        // the validations come after the cells, as SpreadsheetML orders them
        assertTrue(sheet.indexOf("</sheetData>") < sheet.indexOf("<dataValidations"));
        assertTrue(part(xlsx, "xl/worksheets/sheet2.xml").contains("published"));

        String zh = part(FormWorkbook.write(f, "zh"), "xl/workbook.xml");
        assertTrue(zh.contains("name=\"填报\"") && zh.contains("name=\"指标说明\"") && zh.contains("name=\"说明\""), zh);
    }

    static String part(byte[] xlsx, String name) throws Exception {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                if (e.getName().equals(name)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name);
    }
}
