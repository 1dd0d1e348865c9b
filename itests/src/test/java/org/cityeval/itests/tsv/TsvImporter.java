package org.cityeval.itests.tsv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;
import org.cityeval.api.spi.DatasetImporter;

/**
 * A third-party importer, packaged by the test into a bundle of its own: tab-separated values with an
 * {@code adcode} or {@code city} first column. It shows that a bundle adds a format to a running runtime.
 */
public class TsvImporter implements DatasetImporter {
    @Override
    public boolean accepts(String sourceName) {
        return sourceName.toLowerCase().endsWith(".tsv");
    }

    @Override
    public CityDataset read(String sourceName, InputStream in, CityRegistry cities) throws BadInputException {
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = r.readLine().split("\t");
            List<String> columns = List.of(header).subList(1, header.length);
            List<CityRecord> records = new ArrayList<>();
            String line;
            long row = 1;
            while ((line = r.readLine()) != null) {
                row++;
                String[] cells = line.split("\t");
                Map<String, Double> values = new HashMap<>();
                for (int i = 1; i < cells.length; i++) {
                    try {
                        values.put(header[i], Double.parseDouble(cells[i]));
                    } catch (NumberFormatException e) {
                        throw BadInputException.at(sourceName, row, i + 1, "not a number: '" + cells[i] + "'");
                    }
                }
                try {
                    records.add(new CityRecord(cities.resolve(cells[0]), row, values, Map.of()));
                } catch (CityResolutionException e) {
                    throw BadInputException.at(sourceName, row, 1, e.getMessage());
                }
            }
            return new CityDataset(sourceName, columns, records);
        } catch (IOException e) {
            throw new BadInputException(sourceName, null, e.getMessage());
        }
    }
}
