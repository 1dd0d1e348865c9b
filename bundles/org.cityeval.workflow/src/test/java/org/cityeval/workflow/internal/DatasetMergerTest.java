package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.SourceConflict;
import org.cityeval.api.data.ValueSource;
import org.cityeval.api.data.ValueSources;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.WorkflowException;
import org.junit.jupiter.api.Test;

class DatasetMergerTest {
    private static final City HZ = TestData.city("330100", "杭州市");
    private static final City NB = TestData.city("330200", "宁波市");

    /** A filled form: 杭州's gdp with a note, in sheet 数值 columns D and E. */
    private static CityDataset form() {
        ValueSources notes = ValueSources.builder(2, null, null, "数值").note(0, 0, "杭州统计年鉴2024").build();
        return new CityDataset("form.xlsx", List.of("gdp", "patents"),
                List.of(new CityRecord(HZ, 4, 2023, Map.of("gdp", 20000.0, "patents", 9.0), Map.of())),
                Map.of("gdp", 4, "patents", 5), notes);
    }

    /** A pack: 杭州 and 宁波, gdp (杭州's differs by far more than 5%) and population. */
    private static CityDataset pack() {
        return new CityDataset("org.cityeval.data.china/data/china-cities.csv", List.of("gdp", "population"),
                List.of(new CityRecord(HZ, 10, 2023, Map.of("gdp", 18753.0, "population", 1252.0),
                        Map.of("source:gdp", "国家统计局")),
                        new CityRecord(NB, 11, 2023, Map.of("gdp", 16452.0), Map.of())),
                Map.of("gdp", 3, "population", 4));
    }

    private static CityDataset merged(double tolerance) {
        return DatasetMerger.merge(List.of(form(), pack()), List.of("form.xlsx", "pack:china-cities"), tolerance);
    }

    @Test
    void theFirstSourceWinsAndLaterOnesFillTheGaps() {
        CityDataset m = merged(0.05);
        assertEquals("form.xlsx+pack:china-cities", m.source());
        assertEquals(List.of("gdp", "patents", "population"), m.valueColumns());
        assertEquals(2, m.records().size());
        CityRecord hz = m.records().get(0);
        assertEquals(Map.of("gdp", 20000.0, "patents", 9.0, "population", 1252.0), hz.values());
        assertEquals(Map.of("gdp", 16452.0), m.records().get(1).values());
    }

    @Test
    void eachValueKeepsItsInputFileSheetCellAndNote() {
        CityDataset m = merged(0.05);
        assertEquals(new ValueSource("form.xlsx", "form.xlsx", "数值", 4, 4, "杭州统计年鉴2024"),
                m.source(HZ, 2023, "gdp").orElseThrow());
        assertEquals(new ValueSource("form.xlsx", "form.xlsx", "数值", 4, 5, null), m.source(HZ, 2023, "patents").orElseThrow());
        assertEquals(new ValueSource("pack:china-cities", "org.cityeval.data.china/data/china-cities.csv", null, 10, 4,
                null), m.source(HZ, 2023, "population").orElseThrow(), "the pack's gdp note is not the form's");
        assertEquals(new ValueSource("pack:china-cities", "org.cityeval.data.china/data/china-cities.csv", null, 11, 3,
                null), m.source(NB, 2023, "gdp").orElseThrow());
        assertEquals(List.of("form.xlsx", "pack:china-cities"), m.sources().inputs());
    }

    @Test
    void valuesDifferingBeyondTheToleranceAreConflicts() {
        CityDataset m = merged(0.05);
        List<SourceConflict> conflicts = m.sources().conflicts();
        assertEquals(1, conflicts.size());
        SourceConflict c = conflicts.get(0);
        assertEquals("gdp", c.column());
        assertEquals(20000.0, c.kept());
        assertEquals(18753.0, c.other());
        assertEquals("form.xlsx", c.keptFrom().input());
        assertEquals("pack:china-cities", c.from().input());
        assertEquals("国家统计局", c.from().note(), "the set-aside value keeps its own note");
        assertEquals(10, c.from().row());
        assertEquals(List.of(c), m.sources().conflicts(HZ, 2023, "gdp"));
        assertTrue(merged(0.10).sources().conflicts().isEmpty(), "6.2% is within a 10% tolerance");
    }

    @Test
    void dataWithoutYearsDoNotMeetDataWithYears() {
        CityDataset noYear = new CityDataset("a.csv", List.of("gdp"),
                List.of(new CityRecord(HZ, 2, Map.of("gdp", 1.0), Map.of())));
        WorkflowException e = assertThrows(WorkflowException.class, () -> DatasetMerger.merge(List.of(noYear, pack()),
                List.of("a.csv", "pack:china-cities"), 0.05));
        assertEquals("cannot merge a.csv (no year column) with pack:china-cities (values by year): add a 'year' column"
                + " to a.csv so that its values meet the same city and year", e.getMessage());
    }

    @Test
    void aMergedSourceIsNamedByItsPartsAndFlattened() {
        DataSource a = DataSource.parse("form.xlsx");
        DataSource p = DataSource.parse("pack:china-cities");
        DataSource m = DataSource.merged(List.of(a, DataSource.merged(List.of(p, DataSource.parse("b.csv")))));
        assertEquals(DataSource.Kind.MERGED, m.kind());
        assertEquals("form.xlsx+pack:china-cities+b.csv", m.toString());
        assertEquals(List.of(a, p, DataSource.parse("b.csv")), m.parts());
        assertEquals(a, DataSource.merged(List.of(a)), "one source is itself");
        assertNull(m.path());
    }

    @Test
    void aResultOnMergedDataSaysSoWithTheCountOfValuesSetAside() {
        org.cityeval.api.result.EvaluationResult r = new org.cityeval.api.result.EvaluationResult(null, List.of(),
                List.of(), Map.of(), Map.of(), List.of(), List.of("w"));
        org.cityeval.api.result.EvaluationResult said = DatasetMerger.said(r, merged(0.05));
        assertEquals(List.of("w", "data merged from form.xlsx + pack:china-cities, the first source winning: 1 value(s)"
                + " of later sources set aside as they differ by more than 5% (cityeval quality lists them; cityeval"
                + " provenance shows where a value came from)"), said.warnings());
        org.cityeval.api.result.Message m = said.messages().get(said.messages().size() - 1);
        assertEquals("evaluation.merged", m.key());
        assertEquals(List.of("form.xlsx + pack:china-cities", "1"), m.args());
        assertEquals(r, DatasetMerger.said(r, form()), "one input: nothing to say");
    }
}
