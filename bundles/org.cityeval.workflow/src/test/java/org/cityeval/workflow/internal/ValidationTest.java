package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.Variable;
import org.cityeval.api.data.VariableCatalog;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.spi.RuleDeclaration;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.ValidateRequest;
import org.cityeval.api.workflow.ValidationReport;
import org.cityeval.api.workflow.WorkflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: what validation adds to the catalog's check: variables, unbound leaves, a bundle's own rules. */
class ValidationTest {
    /** What the catalog was asked: the rules taken as available beside the runtime's. */
    private final List<Collection<?>> asked = new ArrayList<>();
    /** The bundle serving model "m" now, or null when it is not loaded. */
    private String loadedBy;
    /** A catalog for which every descriptor would load, as model "m". */
    private final ModelCatalog catalog = (ModelCatalog) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { ModelCatalog.class }, (p, m, a) -> switch (m.getName()) {
                case "check" -> {
                    asked.add((Collection<?>) a[2]);
                    yield new ValidationReport((String) a[0], List.of("m"), List.of(), List.of(), List.of());
                }
                case "find" -> Optional.ofNullable(loadedBy == null ? null
                        : new org.cityeval.api.service.LoadedModel(null, loadedBy, "1.0.0", "m.json"));
                default -> throw new UnsupportedOperationException(m.getName());
            });

    private static final VariableCatalog VARIABLES = new VariableCatalog() {
        final List<Variable> all = List.of(variable("co2_per_10k_gdp_t"), variable("resident_pop_10k"),
                variable("gdp_100m_yuan"));

        @Override
        public List<Variable> variables() {
            return all;
        }

        @Override
        public Optional<Variable> find(String id) {
            return all.stream().filter(v -> v.id().equals(id)).findFirst();
        }
    };

    private static Variable variable(String id) {
        return new Variable(id, null, null, null, null, null, List.of(), null);
    }

    private static final String DESCRIPTOR = """
            {"id": "m", "tree": [
              {"id": "a", "weight": {"value": 50, "provenance": "published"}, "scoring": "min-max",
               "binding": {"variables": ["co2_per_gdp"]}},
              {"id": "b", "weight": {"value": 30, "provenance": "published"}, "scoring": "min-max"},
              {"id": "c", "weight": {"value": 20, "provenance": "published"}},
              {"id": "gdp_100m_yuan", "weight": {"value": 0, "provenance": "published"}, "scoring": "min-max"}
            ]}
            """;

    private ValidationReport validate(VariableCatalog variables, ValidateRequest request) throws Exception {
        Validation.Packs packs = name -> {
            if (!name.equals("p")) {
                throw WorkflowException.notFound("no data pack '" + name + "'");
            }
            return new CityDataset("p.csv", List.of("co2_per_10k_gdp_t", "gdp_100m_yuan"), List.of());
        };
        return new Validation(catalog, variables, packs).validate(request);
    }

    private static List<String> paths(List<ModelLoadError> errors) {
        return errors.stream().map(ModelLoadError::jsonPath).toList();
    }

    @Test
    void anUnknownVariableIsAProblemWithTheNearestIdSuggested(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("m.json"), DESCRIPTOR);
        ValidationReport r = validate(VARIABLES, new ValidateRequest(DataSource.file(file)));
        assertEquals(List.of("$.tree[0].binding.variables[0]"), paths(r.problems()), r.problems().toString());
        assertEquals("'co2_per_gdp' is not a variable of the variable catalogue; did you mean 'co2_per_10k_gdp_t'?",
                r.problems().get(0).reason());
        assertEquals(file.toString(), r.problems().get(0).descriptor());
        // without a pack, unbound leaves are only a warning
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).reason().startsWith("3 leaves have no binding"), r.warnings().toString());
        assertEquals(List.of(), r.models(), "a descriptor with a problem would not load");
    }

    @Test
    void withAPackAnUnboundLeafWithoutAColumnIsAProblemUnlessScoredFromGivenPoints(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("m.json"), DESCRIPTOR);
        ValidationReport r = validate(VARIABLES, new ValidateRequest(DataSource.file(file)).pack("p"));
        // a: misspelt variable; b: min-max with no column 'b'; c: direct-points (a points table): a warning;
        // gdp_100m_yuan: the pack has a column of its id
        assertEquals(List.of("$.tree[0].binding.variables[0]", "$.tree[1]"), paths(r.problems()));
        assertTrue(r.problems().get(0).reason().contains("is not a variable of pack p; did you mean 'co2_per_10k_gdp_t'?"));
        assertTrue(r.problems().get(1).reason().startsWith("leaf 'b' has no binding and pack p has no column 'b'"));
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).reason().startsWith("1 leaves have no binding and no column in pack p"));
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> validate(VARIABLES, new ValidateRequest(DataSource.file(file)).pack("q")));
        assertEquals(WorkflowException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void withoutAVariableCatalogueBindingsAreNotCheckedAndANoteSaysSo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("m.json"), DESCRIPTOR);
        ValidationReport r = validate(null, new ValidateRequest(DataSource.file(file)));
        assertTrue(r.valid());
        assertEquals(List.of("m"), r.models());
        assertTrue(r.notes().get(0).startsWith("no variable catalogue in this runtime"), r.notes().toString());
    }

    @Test
    void aJarAddsTheRulesItsComponentDescriptionsDeclare(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("my-model.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("CityEval-Model", "OSGI-INF/cityeval/models/m.json");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            j.putNextEntry(new JarEntry("OSGI-INF/cityeval/models/m.json"));
            j.write(DESCRIPTOR.replace("co2_per_gdp", "co2_per_10k_gdp_t").getBytes(StandardCharsets.UTF_8));
            j.putNextEntry(new JarEntry("OSGI-INF/org.example.LogPoints.xml"));
            j.write("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="org.example.LogPoints">
                      <property name="cityeval.rule" type="String" value="log-points"/>
                      <property name="cityeval.rule.parameters" type="String">base
                    floor</property>
                      <service><provide interface="org.cityeval.api.spi.ScoringRule"/></service>
                      <implementation class="org.example.LogPoints"/>
                    </scr:component>
                    """.getBytes(StandardCharsets.UTF_8));
        }
        ValidationReport r = validate(null, new ValidateRequest(DataSource.file(jar)).rules(Set.of("extra")));
        assertTrue(r.valid(), r.problems().toString());
        assertEquals(List.of("m"), r.models());
        assertEquals(jar.toString(), r.source());
        Collection<?> rules = asked.get(0);
        assertTrue(rules.contains(new RuleDeclaration(ScoringRule.class.getName(), "log-points", Set.of("base", "floor"))),
                rules.toString());
        assertTrue(rules.contains(new RuleDeclaration(ScoringRule.class.getName(), "extra", null)), rules.toString());
    }

    @Test
    void aJarWhoseIdAnotherBundleServesIsWarnedThatItWouldNotLoad(@TempDir Path dir) throws Exception {
        loadedBy = "org.example.other";
        Path jar = dir.resolve("m.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.mine;singleton:=true");
        mf.getMainAttributes().putValue("CityEval-Model", "m.json");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            j.putNextEntry(new JarEntry("m.json"));
            j.write(DESCRIPTOR.getBytes(StandardCharsets.UTF_8));
        }
        ValidationReport r = validate(null, new ValidateRequest(DataSource.file(jar)));
        assertEquals(List.of("$.id"), paths(r.warnings()));
        assertTrue(r.warnings().get(0).reason().contains("served by bundle org.example.other; this bundle "
                + "(org.example.mine) would not load it"), r.warnings().toString());
        loadedBy = "org.example.mine"; // its own update: no warning
        assertEquals(List.of(), validate(null, new ValidateRequest(DataSource.file(jar))).warnings());
    }

    @Test
    void aFolderWithoutAManifestOrAMissingFileIsRefused(@TempDir Path dir) {
        assertEquals(WorkflowException.Kind.INVALID, assertThrows(WorkflowException.class,
                () -> validate(null, new ValidateRequest(DataSource.file(dir)))).kind());
        assertEquals(WorkflowException.Kind.NOT_FOUND, assertThrows(WorkflowException.class,
                () -> validate(null, new ValidateRequest(DataSource.file(dir.resolve("nope.json"))))).kind());
    }

    @Test
    void theNearestIdSharesTheMostWordsThenTheFewestEdits() {
        List<String> ids = List.of("co2_t", "co2_per_10k_gdp_t", "gdp_100m_yuan", "resident_pop_10k");
        assertEquals("co2_per_10k_gdp_t", Suggestions.nearest("co2_per_gdp", ids));
        assertEquals("resident_pop_10k", Suggestions.nearest("resident_pop_10K", ids));
        assertEquals("gdp_100m_yuan", Suggestions.nearest("gdp_100m_yaun", ids));
        assertNull(Suggestions.nearest("hospital_beds", ids));
    }
}
