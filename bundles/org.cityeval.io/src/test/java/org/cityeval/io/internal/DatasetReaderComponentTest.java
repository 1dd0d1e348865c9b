package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.spi.DatasetImporter;
import org.junit.jupiter.api.Test;

class DatasetReaderComponentTest {

    private static InputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static DatasetReaderComponent reader(List<Map.Entry<Map<String, Object>, DatasetImporter>> importers) {
        DatasetReaderComponent reader = new DatasetReaderComponent();
        reader.cities = new FakeCityRegistry();
        reader.importers = importers;
        return reader;
    }

    @Test
    void picksTheImporterThatAcceptsTheName() throws Exception {
        DatasetReaderComponent reader = reader(
                List.of(Map.entry(Map.of(DatasetReaderComponent.IMPORTER, "csv"), new CsvDatasetImporter())));
        CityDataset ds = reader.read("cities.CSV", csv("adcode,x\n330100,1\n"));
        assertEquals(FakeCityRegistry.HANGZHOU, ds.records().get(0).city());
    }

    @Test
    void highestRankedImporterWins() throws Exception {
        DatasetImporter other = new DatasetImporter() {
            @Override
            public boolean accepts(String name) {
                return true;
            }

            @Override
            public CityDataset read(String name, InputStream in, CityRegistry cities) {
                return new CityDataset("other", List.of(), List.of());
            }
        };
        // SCR sorts lowest ranking first; the last entry is the highest ranked
        DatasetReaderComponent reader = reader(List.of(
                Map.entry(Map.of(DatasetReaderComponent.IMPORTER, "csv"), new CsvDatasetImporter()),
                Map.entry(Map.of(DatasetReaderComponent.IMPORTER, "any"), other)));
        assertEquals("other", reader.read("a.csv", csv("")).source());
    }

    @Test
    void noImporterForTheName() {
        DatasetReaderComponent reader = reader(
                List.of(Map.entry(Map.of(DatasetReaderComponent.IMPORTER, "csv"), new CsvDatasetImporter())));
        BadInputException e = assertThrows(BadInputException.class, () -> reader.read("cities.xlsx", csv("")));
        assertEquals("cities.xlsx: no importer reads this kind of file; known: csv", e.getMessage());
    }

    @Test
    void noImportersAtAll() {
        BadInputException e = assertThrows(BadInputException.class, () -> reader(List.of()).read("a.csv", csv("")));
        assertEquals("a.csv: no importer reads this kind of file; known: none", e.getMessage());
    }
}
