package org.cityeval.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.spi.DatasetImporter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a CSV file (RFC 4180: commas, double quotes, fields over several lines) with a header row, in the
 * wide layout (one row per city, or per city and year) or the long layout (one row per observation:
 * {@code city,year,variable,value,source}); {@link TableReader} says what the layouts mean. The encoding
 * is detected: UTF-8 with or without a byte order mark, else GB18030/GBK (see {@link TextDecoding}).
 * <p>
 * Every problem is reported as {@code file:row:column: reason} with the physical line where the row
 * starts (header = 1) and the 1-based field. The file is streamed, never held whole in memory.
 */
@Component(service = DatasetImporter.class, property = "cityeval.importer=csv")
public class CsvDatasetImporter implements DatasetImporter {

    /*
     * The streaming parser of Jackson's CSV module, not a CsvMapper: rows come as arrays without a schema,
     * no object mapping is needed, and each field's token location gives its physical line. Built per
     * component instance, not statically, so loading the class costs nothing.
     */
    private final CsvFactory factory = new CsvFactory();

    /** The values limit, checked row by row ({@link DatasetLimits}; the byte limit is the reader's). */
    private DatasetLimits limits = DatasetLimits.DEFAULTS;

    public CsvDatasetImporter() {
    }

    /** With other limits than the framework's, for tests. */
    CsvDatasetImporter(DatasetLimits limits) {
        this.limits = limits;
    }

    @Activate
    void activate(BundleContext context) {
        limits = DatasetLimits.from(context::getProperty);
    }

    @Override
    public boolean accepts(String sourceName) {
        return sourceName != null && sourceName.regionMatches(true, sourceName.length() - 4, ".csv", 0, 4);
    }

    @Override
    public CityDataset read(String sourceName, InputStream in, CityRegistry cities) throws BadInputException {
        PushbackInputStream input = new PushbackInputStream(in, 1);
        try {
            int first = input.read();
            if (first < 0) {
                throw new BadInputException(sourceName, null, "empty file: expected a header row and one row per city");
            }
            input.unread(first);
        } catch (IOException e) {
            throw new BadInputException(sourceName, null, "cannot read the file: " + e.getMessage());
        }
        TextDecoding.DetectingReader text = TextDecoding.detecting(sourceName, input);
        Rows rows = null;
        try (JsonParser parser = factory.createParser(text)) {
            ((CsvParser) parser).setSchema(CsvSchema.emptySchema());
            rows = new Rows(sourceName, parser);
            return new TableReader(sourceName, rows, cities, limits).read();
        } catch (TextDecoding.Failure e) {
            throw e.error();
        } catch (DatasetLimits.TooLarge e) {
            // the row being read when the byte limit was crossed (the parser reads a little ahead of it)
            throw rows != null && rows.row() > 0 ? BadInputException.at(sourceName, rows.row(), 0, e.getMessage())
                    : new BadInputException(sourceName, null, e.getMessage());
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            long line = loc == null ? 0 : loc.getLineNr();
            String reason = "not valid CSV: " + e.getOriginalMessage();
            throw line > 0 ? BadInputException.at(sourceName, line, 0, reason)
                    : new BadInputException(sourceName, null, reason);
        } catch (IOException e) {
            throw new BadInputException(sourceName, null, "cannot read the file: " + e.getMessage());
        }
    }

    /** The records of a CSV file as rows of fields. */
    private static final class Rows implements TableRows {
        private final String source;
        private final JsonParser parser;
        private final List<String> fields = new ArrayList<>();
        private long line; // physical line where the current row starts

        Rows(String source, JsonParser parser) {
            this.source = source;
            this.parser = parser;
        }

        @Override
        public boolean next() throws IOException, BadInputException {
            fields.clear();
            JsonToken token;
            while ((token = nextToken()) != null) {
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
        private JsonToken nextToken() throws IOException, BadInputException {
            long at = parser.currentLocation().getLineNr();
            try {
                return parser.nextToken();
            } catch (JacksonException e) {
                throw BadInputException.at(source, at, fields.size() + 1, "not valid CSV: " + e.getOriginalMessage());
            }
        }

        @Override
        public long row() {
            return line;
        }

        @Override
        public List<String> cells() {
            return fields;
        }

        @Override
        public boolean shortRowsPadded() {
            return false;
        }
    }
}
