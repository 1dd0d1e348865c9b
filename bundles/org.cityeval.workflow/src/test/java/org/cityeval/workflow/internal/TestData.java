package org.cityeval.workflow.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.store.internal.FileWorkbenchStore;
import org.cityeval.store.internal.StoreLimits;

/** Cities, a CSV-only reader and an in-memory store for the workflow tests. */
final class TestData {
    private TestData() {
    }

    static City city(String adcode, String name) {
        return new City(adcode, name, name, name, name, adcode.substring(0, 2) + "0000", "省", "省", "prefecture", false,
                false, false);
    }

    /** Reads "adcode,col...\nvalues" from a name ending in .csv; anything else is refused as the importers do. */
    static final DatasetReader READER = (name, in) -> {
        if (!name.endsWith(".csv")) {
            throw new BadInputException(name, null, "no importer reads this kind of file; known: csv");
        }
        String[] lines;
        try {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        } catch (IOException e) {
            throw new BadInputException(name, null, "unreadable");
        }
        String[] header = lines[0].split(",");
        List<CityRecord> records = new ArrayList<>();
        for (int r = 1; r < lines.length; r++) {
            String[] cells = lines[r].split(",");
            Map<String, Double> values = new LinkedHashMap<>();
            for (int c = 1; c < cells.length; c++) {
                values.put(header[c], Double.parseDouble(cells[c]));
            }
            records.add(new CityRecord(city(cells[0], "city" + cells[0]), r + 1, values, Map.of()));
        }
        return new CityDataset(name, List.of(header).subList(1, header.length), records);
    };

    static DatasetStore datasets() {
        return new DatasetStore(FileWorkbenchStore.inMemory(StoreLimits.MEMORY, java.time.Clock.systemUTC()), READER);
    }
}
