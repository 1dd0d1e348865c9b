package org.cityeval.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.ValueSources;
import org.cityeval.api.service.ReportWriter;
import org.cityeval.api.service.ReportWriter.Report;
import org.junit.jupiter.api.Test;

/** The workbook's Sources sheet: where each leaf value of each city came from, when the data say more than cells. */
class XlsxSourcesTest {
    private static final City HZ = new City("330100", "杭州市", "杭州", "杭州市", "Hangzhou", "330000", "浙江省", "浙江",
            "prefecture", true, true, true);
    private final ReportWriter writer = new ReportWriterComponent();

    private static CityDataset form(boolean noted) {
        ValueSources.Builder b = ValueSources.builder(2, "form.xlsx", "form.xlsx", "数值");
        if (noted) {
            b.note(0, 0, "杭州市统计局");
        }
        return new CityDataset("form.xlsx", List.of("d1a", "d1b"),
                List.of(new CityRecord(HZ, 2, Map.of("d1a", 20.0, "d1b", 3.5), Map.of())), Map.of("d1a", 3, "d1b", 5),
                b.build());
    }

    @Test
    void eachLeafValueOfARankedCityNamesItsFileSheetCellAndNote() throws Exception {
        Report report = ReportWriterComponentTest.report(false).withData(form(true));
        Map<String, List<List<String>>> book = ReportWriterComponentTest.readXlsx(writer.write("xlsx", report));
        assertEquals(List.of("Ranking", "Level 1", "Level 2", "Indicators", "Tiers", "Groups", "Sources", "Notes"),
                List.copyOf(book.keySet()));
        List<List<String>> sheet = book.get("Sources");
        assertEquals(List.of("Model", "City", "Adcode", "Year", "Leaf", "Column", "Value", "Input", "File", "Sheet", "Row",
                "Cell", "Source / note", "Set aside"), sheet.get(0));
        assertEquals(List.of("test-model", "杭州市", "330100", "", "d1a", "d1a", "20", "form.xlsx", "form.xlsx", "数值",
                "2", "C2", "杭州市统计局"), sheet.get(1), "the reader leaves out empty trailing cells");
        assertEquals(List.of("test-model", "杭州市", "330100", "", "d1b", "d1b", "3.5", "form.xlsx", "form.xlsx", "数值",
                "2", "E2"), sheet.get(2));
        assertEquals(3, sheet.size(), "one row per value: the other cities have no record");
    }

    @Test
    void dataThatSayNoMoreThanCellsGetNoSheet() throws Exception {
        Report report = ReportWriterComponentTest.report(false).withData(form(false));
        assertFalse(ReportWriterComponentTest.readXlsx(writer.write("xlsx", report)).containsKey("Sources"));
    }
}
