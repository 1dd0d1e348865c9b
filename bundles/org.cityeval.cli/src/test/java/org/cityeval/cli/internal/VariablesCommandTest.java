package org.cityeval.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.cityeval.api.data.Variable;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.workflow.CatalogueVariable;
import org.cityeval.api.workflow.CatalogueVariable.YearCoverage;
import org.cityeval.api.workflow.VariablesWorkflow;
import org.cityeval.api.workflow.WorkflowException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code cityeval variables}: formats what the workflow lists; refusals map to exit codes as elsewhere. */
class VariablesCommandTest {
    private static final Variable GDP = new Variable("gdp_100m_yuan", new LocalizedText("地区生产总值", "Gross domestic product"),
            "亿元 (100 million yuan)", Direction.POSITIVE, "GDP", "bulletins", List.of(), "nonnegative");
    private static final Variable CENSUS = new Variable("census_pop_2020", new LocalizedText("普查人口", "Census population, 2020"),
            "persons", Direction.POSITIVE, "census", "census", List.of(), null);
    private static final Variable LONE = new Variable("lone", new LocalizedText("孤", "lone, with a comma"), "x", Direction.NEGATIVE,
            "", "", List.of(), null);

    private static final VariablesWorkflow WORKFLOW = pack -> {
        if (pack != null && !pack.equals("p")) {
            throw WorkflowException.notFound("no data pack " + WorkflowException.quote(pack) + "; shipped: [p]");
        }
        List<CatalogueVariable> p = List.of(
                new CatalogueVariable(GDP, "p", List.of(2019, 2020, 2021, 2023),
                        List.of(new YearCoverage(2022, 4, 0), new YearCoverage(2023, 4, 3))),
                new CatalogueVariable(CENSUS, "p", List.of(2020),
                        List.of(new YearCoverage(2020, 4, 2), new YearCoverage(2023, 4, 0))));
        return pack == null ? List.of(p.get(0), p.get(1), new CatalogueVariable(LONE, null, List.of(), List.of())) : p;
    };

    private record Run(int code, String out, String err) {
    }

    private static Run run(VariablesWorkflow w, String... args) {
        Cli cli = new Cli(null, new Cli.Workflows(null, null, null, null, null, null)).variables(w);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTableWithLabelsUnitsYearsAndTheLatestCoverage() {
        Run r = run(WORKFLOW, "variables", "--pack", "p");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("pack  id"), r.out());
        assertTrue(lines[2].contains("gdp_100m_yuan") && lines[2].contains("地区生产总值") && lines[2].contains("Gross domestic product")
                && lines[2].contains("亿元 (100 million yuan)") && lines[2].contains("2019-2021 2023")
                && lines[2].endsWith("3/4 (75.0%) in 2023"), lines[2]);
        assertTrue(lines[3].endsWith("2/4 (50.0%) in 2020"), lines[3]);
        assertTrue(r.out().endsWith("2 variable(s); bind a leaf with \"binding\": {\"variables\": [ID]}\n"), r.out());
    }

    @Test
    void everyPackAndTheVariablesNoPackCarries() {
        Run r = run(WORKFLOW, "variables");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("—     lone") && l.contains("no pack") && l.endsWith("—")), r.out());
    }

    @Test
    void csvAndJson() throws Exception {
        Run csv = run(WORKFLOW, "variables", "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        assertEquals(List.of("pack,id,name_zh,name_en,unit,polarity,bounds,years,latest_year,cities,with_value",
                "p,gdp_100m_yuan,地区生产总值,Gross domestic product,亿元 (100 million yuan),positive,nonnegative,2019-2021 2023,2023,4,3",
                "p,census_pop_2020,普查人口,\"Census population, 2020\",persons,positive,,2020,2020,4,2",
                ",lone,孤,\"lone, with a comma\",x,negative,,,,,"), csv.out().lines().toList());

        Run json = run(WORKFLOW, "variables", "--pack", "p", "--format", "json");
        assertEquals(0, json.code(), json.err());
        JsonNode n = Json.MAPPER.readTree(json.out());
        assertEquals(2, n.size());
        assertEquals("gdp_100m_yuan", n.get(0).get("variable").get("id").asText());
        assertEquals("地区生产总值", n.get(0).get("variable").get("name").get("zh").asText());
        assertEquals("positive", n.get(0).get("variable").get("polarity").asText());
        assertEquals("p", n.get(0).get("pack").asText());
        assertEquals(2023, n.get(0).get("coverage").get(1).get("year").asInt());
        assertEquals(3, n.get(0).get("coverage").get(1).get("values").asInt());
    }

    @Test
    void anUnknownPackIsBadInputNamingTheInstalledOnes() {
        Run r = run(WORKFLOW, "variables", "--pack", "nope");
        assertEquals(2, r.code());
        assertEquals("cityeval: no data pack 'nope'; shipped: [p]\n", r.err());
        assertEquals("", r.out());
        Run bad = run(WORKFLOW, "variables", "--format", "xlsx");
        assertEquals(2, bad.code(), bad.err());
    }

    @Test
    void withoutTheWorkflowItSaysWhich() {
        Run r = run(null, "variables");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("not in this runtime"), r.err());
    }
}
