package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.ValueSource;
import org.junit.jupiter.api.Test;

/** Each imported value keeps its file, sheet, row, column and the note of its {@code V:source} column. */
class ValueProvenanceTest {
    private final FakeCityRegistry cities = new FakeCityRegistry();

    private CityDataset csv(String text) throws BadInputException {
        return new CsvDatasetImporter().read("form.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                cities);
    }

    @Test
    void aSourceColumnBesideAValueColumnNotesEachValue() throws Exception {
        CityDataset ds = csv("""
                city,year,gdp,gdp:source,patents,Patents:Note
                杭州,2023,18753,浙江统计年鉴2024 表3-1,,
                北京,2023,43760,,5.1,北京市知识产权局
                """);
        assertEquals(List.of("gdp", "patents"), ds.valueColumns(), "source columns are not values");
        assertFalse(ds.records().get(0).attributes().containsKey("gdp:source"), "kept beside the records, not in them");
        ValueSource hz = ds.source(FakeCityRegistry.HANGZHOU, 2023, "gdp").orElseThrow();
        assertEquals(new ValueSource("form.csv", "form.csv", null, 2, 3, "浙江统计年鉴2024 表3-1"), hz);
        assertEquals("form.csv row 2, column 3 (C2)", hz.position());
        ValueSource bj = ds.source(FakeCityRegistry.BEIJING, 2023, "gdp").orElseThrow();
        assertNull(bj.note(), "an empty source cell gives no note");
        assertEquals(3, bj.row());
        assertEquals("北京市知识产权局", ds.source(FakeCityRegistry.BEIJING, 2023, "patents").orElseThrow().note());
        assertTrue(ds.source(FakeCityRegistry.HANGZHOU, 2023, "patents").isEmpty(), "no value, no source");
        assertTrue(ds.source(FakeCityRegistry.HANGZHOU, 2022, "gdp").isEmpty(), "no such year");
    }

    @Test
    void aSourceColumnOfNoValueColumnIsRefusedAtItsHeader() {
        String message = assertThrows(BadInputException.class, () -> csv("""
                city,gdp,gpd:source
                杭州,1,年鉴
                """)).getMessage();
        assertEquals("form.csv:1:3: column 'gpd:source' gives the source of a column 'gpd' that is not in the header",
                message);
    }

    @Test
    void aWorkbookValueNamesItsSheetAndCell() throws Exception {
        byte[] xlsx = new XlsxBuilder()
                .row("adcode", "city", "year", "gdp", "gdp:source")
                .row(330100, "杭州", 2023, 18753.5, "杭州市统计局")
                .row(110000, "北京市", 2023, 43760.7, null).bytes();
        CityDataset ds = new XlsxDatasetImporter().read("f.xlsx", new ByteArrayInputStream(xlsx), cities);
        ValueSource s = ds.source(FakeCityRegistry.HANGZHOU, 2023, "gdp").orElseThrow();
        assertEquals(new ValueSource("f.xlsx", "f.xlsx", "数据", 2, 4, "杭州市统计局"), s);
        assertEquals("f.xlsx [数据] row 2, column 4 (D2)", s.position());
    }

    @Test
    void aLongTableKeepsEachValuesOwnRowAndSource() throws Exception {
        CityDataset ds = csv("""
                city,year,variable,value,source
                杭州,2023,gdp,18753,年鉴A
                北京,2023,gdp,43760,年鉴B
                杭州,2023,patents,7.5,知识产权局
                """);
        ValueSource p = ds.source(FakeCityRegistry.HANGZHOU, 2023, "patents").orElseThrow();
        assertEquals(4, p.row(), "its own row, not the record's first");
        assertEquals(4, p.column(), "the value column");
        assertEquals("知识产权局", p.note());
        assertEquals(2, ds.source(FakeCityRegistry.HANGZHOU, 2023, "gdp").orElseThrow().row());
        assertEquals("年鉴B", ds.source(FakeCityRegistry.BEIJING, 2023, "gdp").orElseThrow().note());
    }

    @Test
    void aWideTablesRowSourceIsEveryValuesNote() throws Exception {
        CityDataset ds = csv("""
                city,gdp,source
                杭州,1,城市年鉴
                """);
        assertEquals("城市年鉴", ds.source(FakeCityRegistry.HANGZHOU, null, "gdp").orElseThrow().note());
    }

    @Test
    void aJsonRowsSourceKeyNotesItsValue() throws Exception {
        JsonDatasetImporter json = new JsonDatasetImporter();
        CityDataset ds = json.read("rows.json", new ByteArrayInputStream("""
                [{"city": "杭州", "gdp": 18753, "GDP:source": "统计公报"}, {"city": "北京", "gdp": 43760}]
                """.getBytes(StandardCharsets.UTF_8)), cities);
        assertEquals(List.of("gdp"), ds.valueColumns());
        assertEquals(new ValueSource("rows.json", "rows.json", null, 1, 0, "统计公报"),
                ds.source(FakeCityRegistry.HANGZHOU, null, "gdp").orElseThrow());
        assertNull(ds.source(FakeCityRegistry.BEIJING, null, "gdp").orElseThrow().note());
        String message = assertThrows(BadInputException.class, () -> json.read("rows.json", new ByteArrayInputStream(
                "[{\"city\": \"杭州\", \"gdp\": 1, \"gpd:source\": \"x\"}]".getBytes(StandardCharsets.UTF_8)), cities))
                .getMessage();
        assertEquals("rows.json:$[0]['gpd:source']: the source of a value 'gpd' that this row does not have", message);
    }
}
