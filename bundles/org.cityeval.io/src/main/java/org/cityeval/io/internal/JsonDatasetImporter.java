package org.cityeval.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.ValueKeys;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.spi.DatasetImporter;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON city dataset (strict UTF-8, as RFC 8259 requires; a byte order mark is accepted): either a
 * top-level array of row objects, {@code [{"adcode": "110000", "digital_support": 26.2}, ...]}, or the same
 * array under {@code "rows"} in an object, {@code {"rows": [...]}} (no other key is allowed beside it).
 * <p>
 * A row object means what a CSV row means: {@code adcode}, {@code city} (or {@code name}), {@code province},
 * {@code city_type}, {@code tier}, {@code note}, {@code notes} and {@code source} are text attributes (keys
 * compared case-insensitively, stored in lower case); every other key is a numeric value, keyed by the
 * key as first seen. An optional {@code year} (an integer from 1900 to 2100, a number or a string) gives
 * {@link CityRecord#year()}; when the first row has one, every row must, and a city may then appear once
 * per year ({@code duplicate city-year 杭州市 2020 (first at $[0])}). A value is a JSON number or a
 * string read as a CSV cell is ({@code "1,234.5"}, {@code "12.5%"}, full-width digits); {@code null},
 * {@code ""}, {@code "—"}, {@code "N/A"} and the other markers of {@link Numbers} mean "no data". Booleans, objects and arrays are errors. The value columns are
 * the union of the rows' numeric keys in first-seen order; rows need not all have the same keys.
 * <p>
 * A key {@code "V:source"} (or {@code V:note}, {@code V:notes}) holds the source or note of the row's value
 * {@code V}, as a {@code V:source} column does in a table; it is kept in the dataset's
 * {@link org.cityeval.api.data.ValueSources} (row: the row object's index from 1; column: none), and a row that
 * has it without a value {@code V} is an error at its path.
 * <p>
 * {@link CityRecord#row()} is the 1-based index of the row object in the array (the first row is 1), not a
 * line of the file. Problems in the data are reported with a JSON path, e.g.
 * {@code request.json:$[3].digital_support: not a number: 'abc'} or {@code data.json:$.rows[0].adcode: ...}
 * (indices in paths count from 0, as JSON paths do); a file that is not JSON is reported as
 * {@code line:column}.
 */
@Component(service = DatasetImporter.class, property = "cityeval.importer=json")
public class JsonDatasetImporter implements DatasetImporter {
    /** Deepest nesting accepted; a dataset needs 3 ({@code {"rows": [{...}]}}). */
    static final int MAX_DEPTH = 16;
    /** Longest text quoted back in a message. */
    private static final int QUOTE_LIMIT = 80;

    /** What a key holds, decided from its lower-case name as for a CSV column. */
    private enum Kind { ADCODE, CITY, PROVINCE, YEAR, TEXT, VALUE, VALUE_NOTE }

    /*
     * Databind's tree model over a strict parser: duplicate keys fail in the parser (with their line and
     * column), nesting is capped so a hostile request cannot recurse deeply. Built per component instance,
     * as the CSV importer's factory is.
     */
    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    @Override
    public boolean accepts(String sourceName) {
        return sourceName != null && sourceName.regionMatches(true, sourceName.length() - 5, ".json", 0, 5);
    }

    @Override
    public CityDataset read(String sourceName, InputStream in, CityRegistry cities) throws BadInputException {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new BadInputException(sourceName, null, "cannot read the file: " + e.getMessage());
        }
        JsonNode root = parse(sourceName, TextDecoding.utf8(sourceName, bytes));
        if (root == null || root.isMissingNode()) {
            throw new BadInputException(sourceName, null, "empty: no city rows");
        }
        return new Reader(sourceName, cities).read(root);
    }

    /**
     * Parses from characters rather than bytes so that columns in messages count characters, as editors do,
     * not UTF-8 bytes. Returns {@code null} when there is nothing but white space.
     */
    private JsonNode parse(String source, CharBuffer text) throws BadInputException {
        // TextDecoding has dropped a byte order mark (Notepad writes one; RFC 8259 lets parsers ignore it)
        try (JsonParser parser = mapper.createParser(text.array(), text.arrayOffset() + text.position(),
                text.remaining())) {
            try {
                JsonNode root = mapper.readTree(parser);
                if (root != null && parser.nextToken() != null) {
                    throw syntax(source, parser.currentTokenLocation(),
                            "unexpected content after the end of the JSON value");
                }
                return root;
            } catch (JacksonException e) {
                // a constraint violation carries no location; the parser is where it stopped. An unclosed
                // string is reported where it starts: the end of the file would send the user elsewhere.
                JsonLocation loc = String.valueOf(e.getOriginalMessage()).contains("was expecting closing quote")
                        ? parser.currentTokenLocation()
                        : e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw syntax(source, loc, reason(e, parser));
            }
        } catch (IOException e) { // cannot happen for an in-memory char array; kept for the signature
            throw new BadInputException(source, null, "cannot read the file: " + e.getMessage());
        }
    }

    private static BadInputException syntax(String source, JsonLocation loc, String reason) {
        String full = "not valid JSON: " + reason;
        long line = loc == null ? 0 : loc.getLineNr();
        return line > 0 ? BadInputException.at(source, line, Math.max(loc.getColumnNr(), 0), full)
                : new BadInputException(source, null, full);
    }

    /**
     * Jackson's message without the parts meant for programmers (feature names, source descriptions). An
     * unclosed array or object is reported at the end of the input, which alone does not say which one is
     * open, so the reason names where it was opened.
     */
    private static String reason(JacksonException e, JsonParser parser) {
        String m = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException && m.contains("nesting depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels";
        }
        if (e instanceof StreamConstraintsException) {
            // said in the file's terms, never as the library setting behind it (StreamReadConstraints...)
            java.util.regex.Matcher max = java.util.regex.Pattern.compile("maximum (?:allowed )?\\(?(\\d+)").matcher(m);
            String limit = max.find() ? max.group(1) : "the limit";
            String what = m.startsWith("Number") ? "a number" : m.startsWith("String") ? "a string"
                    : m.startsWith("Name") ? "a key" : null;
            return what == null ? "larger than this importer reads" : what + " longer than " + limit + " characters";
        }
        if (m.startsWith("Illegal unquoted character ((CTRL-CHAR, code 10))")
                || m.startsWith("Illegal unquoted character ((CTRL-CHAR, code 13))")) {
            return "line break inside a string; is a closing quote missing?";
        }
        if (m.contains("was expecting closing quote")) {
            return "unexpected end of input: the string that starts here is not closed";
        }
        JsonStreamContext open = parser.getParsingContext();
        if (m.startsWith("Unexpected end-of-input: expected close marker") && open != null
                && (open.inArray() || open.inObject())) {
            JsonLocation start = open.startLocation(ContentReference.unknown());
            return "unexpected end of input: the " + (open.inArray() ? "array" : "object") + " opened at "
                    + start.getLineNr() + ":" + start.getColumnNr() + " is not closed";
        }
        if (m.startsWith("Duplicate field '")) {
            return "duplicate key" + m.substring("Duplicate field".length());
        }
        for (String tail : new String[] {" (start marker at", ": enable `", ": was expecting (JSON String", "\n", " (from `"}) {
            int cut = m.indexOf(tail);
            if (cut > 0) {
                m = m.substring(0, cut);
            }
        }
        return m;
    }

    /** One read of one document. */
    private static final class Reader {
        private final String source;
        private final CityRegistry cities;
        /** Value columns: lower-case key to the spelling first seen, in first-seen order. */
        private final Map<String, String> columns = new LinkedHashMap<>();
        /** Adcode (and year) of each city read so far to the path of its row. */
        private final Map<String, String> firstAt = new HashMap<>();
        /** The {@code V:source} notes: record index, lower-case value key, text. */
        private final List<Object[]> notes = new ArrayList<>();
        /** Whether the rows have years, as the first row says; {@code null} before it. */
        private Boolean withYears;
        private String firstRowPath;

        Reader(String source, CityRegistry cities) {
            this.source = source;
            this.cities = cities;
        }

        CityDataset read(JsonNode root) throws BadInputException {
            JsonNode rows;
            String base;
            if (root.isArray()) {
                rows = root;
                base = "$";
            } else if (root.isObject()) {
                for (Map.Entry<String, JsonNode> e : root.properties()) {
                    if (!e.getKey().equals("rows")) {
                        throw error(path("$", e.getKey()),
                                "unexpected key; a dataset is an array of city rows or {\"rows\": [...]}");
                    }
                }
                rows = root.get("rows");
                base = "$.rows";
                if (rows == null) {
                    throw error("$", "no \"rows\": a dataset is an array of city rows or {\"rows\": [...]}");
                }
                if (!rows.isArray()) {
                    throw error(base, "expected an array of city rows, found " + describe(rows));
                }
            } else {
                throw error("$", "expected an array of city rows or {\"rows\": [...]}, found " + describe(root));
            }
            if (rows.isEmpty()) {
                throw error(base, "empty: no city rows");
            }
            List<CityRecord> records = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                records.add(row(rows.get(i), base + "[" + i + "]", i + 1, i));
            }
            // the columns are known once every row is read: then the records share one key index
            ValueKeys valueKeys = ValueKeys.of(columns.values());
            records.replaceAll(r -> new CityRecord(r.city(), r.row(), r.year(), valueKeys.values(r.values()),
                    r.attributes()));
            List<String> keys = List.copyOf(columns.keySet());
            org.cityeval.api.data.ValueSources.Builder noted = org.cityeval.api.data.ValueSources.builder(keys.size(),
                    source, source, null);
            for (Object[] n : notes) {
                noted.note((Integer) n[0], keys.indexOf((String) n[1]), (String) n[2]);
            }
            return new CityDataset(source, valueKeys.keys(), records, Map.of(), noted.build());
        }

        private CityRecord row(JsonNode row, String at, int index, int record) throws BadInputException {
            if (!row.isObject()) {
                throw error(at, "expected an object (one city row), found " + describe(row));
            }
            // first the identity and text keys, so that a row's city is checked before its values, as in CSV
            Map<String, String> seen = new HashMap<>(); // lower-case key -> key as written
            Map<String, String> attributes = new HashMap<>();
            List<Map.Entry<String, JsonNode>> valueKeys = new ArrayList<>();
            List<Map.Entry<String, JsonNode>> noteKeys = new ArrayList<>();
            String adcodeKey = null;
            String cityKey = null;
            String adcode = "";
            String name = "";
            String province = null;
            String yearKey = null;
            Integer year = null;
            for (Map.Entry<String, JsonNode> e : row.properties()) {
                String raw = e.getKey();
                String where = path(at, raw);
                String key = raw.strip().toLowerCase(Locale.ROOT);
                if (key.isEmpty()) {
                    throw error(where, "empty key");
                }
                String other = seen.putIfAbsent(key, raw);
                if (other != null) { // exact duplicates fail in the parser; these differ in case or spaces
                    throw error(where, "duplicate key '" + raw + "' (also '" + other + "')");
                }
                Kind kind = kindOf(key);
                if (kind == Kind.VALUE) {
                    valueKeys.add(e);
                    continue;
                }
                if (kind == Kind.VALUE_NOTE) {
                    noteKeys.add(e);
                    continue;
                }
                if (kind == Kind.YEAR) {
                    yearKey = raw;
                    year = year(e.getValue(), where);
                    continue;
                }
                String text = text(e.getValue(), where);
                if (!text.isEmpty()) {
                    attributes.put(key, text);
                }
                switch (kind) {
                    case ADCODE -> {
                        adcodeKey = raw;
                        adcode = Numbers.nfkc(text);
                    }
                    case CITY -> {
                        if (cityKey != null) {
                            throw error(where, "keys '" + cityKey + "' and '" + raw + "' both name the city; keep one");
                        }
                        cityKey = raw;
                        name = text;
                    }
                    case PROVINCE -> province = text.isEmpty() ? null : text;
                    default -> {
                        // text attribute only
                    }
                }
            }
            City city = city(at, adcodeKey, cityKey, adcode, name, province);
            if (withYears == null) {
                withYears = year != null;
                firstRowPath = at;
            } else if (withYears != (year != null)) {
                throw error(yearKey == null ? at : path(at, yearKey), withYears ? "no year in this row, but "
                        + firstRowPath + " has one: give every row a year or none"
                        : "a year in this row, but " + firstRowPath + " has none: give every row a year or none");
            }
            String keyPath = path(at, adcode.isEmpty() ? cityKey : adcodeKey);
            String first = firstAt.putIfAbsent(year == null ? city.adcode() : city.adcode() + '/' + year, at);
            if (first != null) {
                throw error(keyPath, (year == null ? "duplicate city " + city.name()
                        : "duplicate city-year " + city.name() + " " + year) + " (first at " + first + ")");
            }
            Map<String, Double> values = new HashMap<>();
            for (Map.Entry<String, JsonNode> e : valueKeys) {
                String column = columns.computeIfAbsent(e.getKey().strip().toLowerCase(Locale.ROOT),
                        k -> e.getKey().strip());
                Double value = number(e.getValue(), path(at, e.getKey()));
                if (value != null) {
                    values.put(column, value);
                }
            }
            for (Map.Entry<String, JsonNode> e : noteKeys) {
                String where = path(at, e.getKey());
                String key = e.getKey().strip().toLowerCase(Locale.ROOT);
                String target = key.substring(0, key.lastIndexOf(':')).strip();
                if (valueKeys.stream().noneMatch(v -> v.getKey().strip().toLowerCase(Locale.ROOT).equals(target))) {
                    throw error(where, "the source of a value '" + target + "' that this row does not have");
                }
                String text = text(e.getValue(), where);
                if (!text.isEmpty()) {
                    notes.add(new Object[] { record, target, text });
                }
            }
            return new CityRecord(city, index, year, values, attributes);
        }

        private City city(String at, String adcodeKey, String cityKey, String adcode, String name, String province)
                throws BadInputException {
            if (adcode.isEmpty() && name.isEmpty()) {
                String where = adcodeKey != null ? path(at, adcodeKey) : cityKey != null ? path(at, cityKey) : at;
                throw error(where, adcodeKey == null && cityKey != null ? "no city in this row"
                        : cityKey == null && adcodeKey != null ? "no adcode in this row"
                        : "no adcode and no city in this row");
            }
            return CityKeys.resolve(cities, adcode, name, province,
                    (key, reason) -> error(path(at, key == CityKeys.Key.ADCODE ? adcodeKey : cityKey), reason));
        }

        private static Kind kindOf(String key) {
            return switch (key) {
                case "adcode", "code" -> Kind.ADCODE;
                case "city", "name", "county" -> Kind.CITY;
                case "province" -> Kind.PROVINCE;
                case "year" -> Kind.YEAR;
                case "city_type", "tier", "note", "notes", "source" -> Kind.TEXT;
                default -> key.indexOf(':') > 0 && (key.endsWith(":source") || key.endsWith(":note")
                        || key.endsWith(":notes")) ? Kind.VALUE_NOTE : Kind.VALUE;
            };
        }

        /** A text attribute: a string (stripped) or a number as written; {@code null} is absent, as "" is. */
        private String text(JsonNode v, String where) throws BadInputException {
            if (v.isNull()) {
                return "";
            }
            if (v.isTextual()) {
                return v.textValue().strip();
            }
            if (v.isNumber()) { // e.g. "adcode": 330100
                return v.asText();
            }
            throw error(where, "expected text, found " + describe(v));
        }

        /**
         * A year: an integer from 1900 to 2100, as a JSON number or a string ({@link Numbers#year}); {@code null}
         * when null or empty.
         */
        private Integer year(JsonNode v, String where) throws BadInputException {
            if (v.isNull()) {
                return null;
            }
            String text;
            if (v.isNumber()) {
                double d = v.doubleValue();
                text = d == Math.rint(d) && Math.abs(d) < 1e6 ? Long.toString((long) d) : v.asText();
            } else if (v.isTextual()) {
                text = v.textValue().strip();
            } else {
                throw error(where, "expected a year, found " + describe(v));
            }
            try {
                return Numbers.year(text);
            } catch (NumberFormatException e) {
                throw error(where, "not a year: '" + quote(text) + "' (a year from " + Numbers.MIN_YEAR + " to "
                        + Numbers.MAX_YEAR + ")");
            }
        }

        /** A numeric value, or {@code null} when missing. */
        private Double number(JsonNode v, String where) throws BadInputException {
            if (v.isNull()) {
                return null;
            }
            if (v.isNumber()) {
                double d = v.doubleValue();
                if (!Double.isFinite(d)) {
                    throw error(where, "number out of range");
                }
                return d;
            }
            if (v.isTextual()) {
                String cell = v.textValue().strip();
                try {
                    return Numbers.parse(cell);
                } catch (NumberFormatException e) {
                    throw error(where, "not a number: '" + quote(cell) + "'");
                }
            }
            throw error(where, "expected a number, found " + describe(v));
        }

        private BadInputException error(String path, String reason) {
            return new BadInputException(source, path, reason);
        }
    }

    /** What a node is, for messages. */
    private static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "a boolean (" + v.asText() + ")";
            case NULL -> "null";
            case NUMBER -> "a number";
            case STRING -> "a string";
            default -> "a " + v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The path of a key in an object: {@code $[3].digital_support} for a plain key, {@code $[3]['a b']} for
     * one with spaces, dots, quotes or other punctuation.
     */
    static String path(String object, String key) {
        boolean plain = !key.isEmpty() && !Character.isDigit(key.codePointAt(0));
        for (int i = 0; plain && i < key.length(); i++) {
            char c = key.charAt(i);
            plain = c == '_' || Character.isLetterOrDigit(c);
        }
        if (plain) {
            return object + "." + key;
        }
        StringBuilder sb = new StringBuilder(object).append("['");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append("']").toString();
    }

    /** Text quoted back in a message, shortened when long. */
    private static String quote(String text) {
        return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "…";
    }
}
