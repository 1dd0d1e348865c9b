package org.cityeval.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.spi.DatasetImporter;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a UTF-8 CSV file with a header row and one row per city. Identity and a few text columns become
 * attributes; every other column is numeric. Every problem is reported as {@code file:row:column: reason}
 * with the physical line of the row (header = 1) and the 1-based column.
 */
@Component(service = DatasetImporter.class, property = "cityeval.importer=csv")
public class CsvDatasetImporter implements DatasetImporter {

    /** What a column holds; decided once from the header so rows need no name look-ups. */
    private enum Kind { ADCODE, CITY, PROVINCE, TEXT, VALUE }

    /*
     * The streaming parser of Jackson's CSV module, not a CsvMapper: rows come as arrays without a schema,
     * no object mapping is needed, and each field's token location gives its physical line. Built per
     * component instance, not statically, so loading the class costs nothing.
     */
    private final CsvFactory factory = new CsvFactory();

    @Override
    public boolean accepts(String sourceName) {
        return sourceName != null && sourceName.regionMatches(true, sourceName.length() - 4, ".csv", 0, 4);
    }

    @Override
    public CityDataset read(String sourceName, InputStream in, CityRegistry cities) throws BadInputException {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new BadInputException(sourceName, null, "cannot read the file: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new BadInputException(sourceName, null, "empty file: expected a header row and one row per city");
        }
        CharBuffer text = StrictUtf8.decode(sourceName, bytes, false);
        int start = text.length() > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0; // BOM written by Excel and Notepad
        try (JsonParser parser = factory.createParser(text.array(), start, text.length() - start)) {
            ((CsvParser) parser).setSchema(CsvSchema.emptySchema());
            return new Reader(sourceName, parser, cities).read();
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            long line = loc == null ? 0 : loc.getLineNr();
            String reason = "not valid CSV: " + e.getOriginalMessage();
            throw line > 0 ? BadInputException.at(sourceName, line, 0, reason)
                    : new BadInputException(sourceName, null, reason);
        } catch (IOException e) { // cannot happen for an in-memory char array; kept for the signature
            throw new BadInputException(sourceName, null, "cannot read the file: " + e.getMessage());
        }
    }

    /** One read of one file: the header, then the rows. */
    private static final class Reader {
        private final String source;
        private final JsonParser parser;
        private final CityRegistry cities;
        private final List<String> fields = new ArrayList<>();
        private long line; // physical line where the current row starts

        private String[] names;
        private String[] keys; // attribute keys: the header name in lower case
        private Kind[] kinds;
        private int adcodeCol = -1;
        private int cityCol = -1;
        private int provinceCol = -1;

        Reader(String source, JsonParser parser, CityRegistry cities) {
            this.source = source;
            this.parser = parser;
            this.cities = cities;
        }

        CityDataset read() throws IOException, BadInputException {
            if (!nextNonBlankRow()) {
                throw new BadInputException(source, null, "empty file: no header row and no data");
            }
            long headerLine = line;
            List<String> valueColumns = header();
            List<CityRecord> records = new ArrayList<>();
            Map<String, Long> firstRow = new HashMap<>();
            while (nextNonBlankRow()) {
                checkWidth();
                City city = city();
                Long first = firstRow.putIfAbsent(city.adcode(), line);
                if (first != null) {
                    throw BadInputException.at(source, line, keyColumn(),
                            "duplicate city " + city.name() + " (first at row " + first + ")");
                }
                records.add(record(city));
            }
            if (records.isEmpty()) {
                throw BadInputException.at(source, headerLine, 0,
                        "empty file: the header is there but no data rows follow");
            }
            return new CityDataset(source, valueColumns, records);
        }

        /** Reads the next row into {@link #fields}, skipping rows whose every field is blank. */
        private boolean nextNonBlankRow() throws IOException, BadInputException {
            while (nextRow()) {
                for (String f : fields) {
                    if (!f.isBlank()) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean nextRow() throws IOException, BadInputException {
            fields.clear();
            JsonToken token;
            while ((token = next()) != null) {
                if (token == JsonToken.VALUE_STRING) {
                    if (fields.isEmpty()) {
                        // the token location of START_ARRAY is stale; the first field's is the row's line
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    fields.add(parser.getText());
                } else if (token == JsonToken.END_ARRAY) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Reports a syntax error where the failing field starts: for an unclosed quote Jackson's own location
         * is the end of the file, which would send the user to the wrong place.
         */
        private JsonToken next() throws IOException, BadInputException {
            long at = parser.currentLocation().getLineNr();
            try {
                return parser.nextToken();
            } catch (JacksonException e) {
                throw BadInputException.at(source, at, fields.size() + 1, "not valid CSV: " + e.getOriginalMessage());
            }
        }

        private List<String> header() throws BadInputException {
            int n = fields.size();
            names = new String[n];
            keys = new String[n];
            kinds = new Kind[n];
            Map<String, Integer> seen = new HashMap<>();
            List<String> valueColumns = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = fields.get(i).strip();
                if (name.isEmpty()) {
                    throw BadInputException.at(source, line, i + 1, "empty column name in the header");
                }
                String key = name.toLowerCase(Locale.ROOT);
                Integer other = seen.putIfAbsent(key, i + 1);
                if (other != null) {
                    throw BadInputException.at(source, line, i + 1,
                            "duplicate column '" + name + "' (also column " + other + ")");
                }
                names[i] = name;
                keys[i] = key;
                switch (key) {
                    case "adcode" -> {
                        kinds[i] = Kind.ADCODE;
                        adcodeCol = i;
                    }
                    case "city", "name" -> {
                        if (cityCol >= 0) {
                            throw BadInputException.at(source, line, i + 1, "columns '" + names[cityCol]
                                    + "' and '" + name + "' both name the city; keep one");
                        }
                        kinds[i] = Kind.CITY;
                        cityCol = i;
                    }
                    case "province" -> {
                        kinds[i] = Kind.PROVINCE;
                        provinceCol = i;
                    }
                    case "city_type", "tier", "note", "notes", "source" -> kinds[i] = Kind.TEXT;
                    default -> {
                        kinds[i] = Kind.VALUE;
                        valueColumns.add(name);
                    }
                }
            }
            if (adcodeCol < 0 && cityCol < 0) {
                throw BadInputException.at(source, line, 0,
                        "no 'adcode' or 'city' column; the header has: " + String.join(", ", names));
            }
            return valueColumns;
        }

        private void checkWidth() throws BadInputException {
            int have = fields.size();
            int want = names.length;
            if (have > want) {
                throw BadInputException.at(source, line, want + 1, "this row has " + have
                        + " fields but the header has " + want + " columns; column " + (want + 1) + " is extra");
            }
            if (have < want) {
                throw BadInputException.at(source, line, have + 1, "this row has " + have
                        + " fields but the header has " + want + " columns; column '" + names[have] + "' is missing");
            }
        }

        /** The column that identified the city in this row, for messages. */
        private int keyColumn() {
            return adcodeCol >= 0 && !fields.get(adcodeCol).isBlank() ? adcodeCol + 1 : cityCol + 1;
        }

        /** The adcode wins when given; a city name given beside it must agree with it (see {@link CityKeys}). */
        private City city() throws BadInputException {
            String adcode = adcodeCol < 0 ? "" : nfkc(fields.get(adcodeCol).strip());
            String name = cityCol < 0 ? "" : fields.get(cityCol).strip();
            if (adcode.isEmpty() && name.isEmpty()) {
                throw BadInputException.at(source, line, (adcodeCol >= 0 ? adcodeCol : cityCol) + 1, cityCol < 0 ? "no adcode in this row"
                        : adcodeCol < 0 ? "no city in this row" : "no adcode and no city in this row");
            }
            String province = provinceCol < 0 || fields.get(provinceCol).isBlank() ? null
                    : fields.get(provinceCol).strip();
            return CityKeys.resolve(cities, adcode, name, province, (key, reason) -> BadInputException.at(source,
                    line, (key == CityKeys.Key.ADCODE ? adcodeCol : cityCol) + 1, reason));
        }

        private CityRecord record(City city) throws BadInputException {
            Map<String, Double> values = new HashMap<>();
            Map<String, String> attributes = new HashMap<>();
            for (int i = 0; i < kinds.length; i++) {
                String cell = fields.get(i).strip();
                if (kinds[i] != Kind.VALUE) {
                    if (!cell.isEmpty()) {
                        attributes.put(keys[i], cell);
                    }
                    continue;
                }
                Double value;
                try {
                    value = Numbers.parse(cell);
                } catch (NumberFormatException e) {
                    throw BadInputException.at(source, line, i + 1,
                            "not a number: '" + cell + "' in column '" + names[i] + "'");
                }
                if (value != null) {
                    values.put(names[i], value);
                }
            }
            return new CityRecord(city, line, values, attributes);
        }
    }

    /** NFKC only when needed: pure ASCII, the common case, is returned as is. */
    static String nfkc(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return Normalizer.normalize(s, Normalizer.Form.NFKC).strip();
            }
        }
        return s;
    }
}
