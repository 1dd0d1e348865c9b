package org.cityeval.workflow.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.ModelSummary;
import org.cityeval.api.result.TierCount;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.WorkflowException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A published ranking from a CSV or XLSX file (docs/data-formats.md, "Published rankings"): a city column, and
 * {@code rank} and/or {@code score}, optional {@code tier}; any other numeric column is a published domain
 * score. Metadata come from a header of {@code # key: value} lines at the top of a CSV, a sidecar
 * {@code NAME.meta.json} beside the file, and metadata given with the request, later ones winning.
 * <p>
 * The table itself is read by the dataset importers (the {@link DatasetReader}), so city names resolve through
 * the city registry, a city twice, a non-number and an unknown city are refused with {@code file:row:column}
 * as in any dataset. The metadata lines are blanked (not removed) before the importer reads the table, so
 * its row numbers stay the file's lines. What is checked here: a rank or score column exists; ranks are whole
 * numbers from 1; every row has its rank (or score, when ranks are computed from scores); scores within
 * [0, scale]; one year; the metadata keys and values.
 */
final class PublishedFiles {
    /** The metadata keys, in the order the docs list them. */
    static final List<String> KEYS = List.of("id", "title", "institution", "year", "scale", "edition", "source", "note");
    static final String RANK = "rank";
    static final String SCORE = "score";
    static final String TIER = "tier";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatasetReader reader;

    PublishedFiles(DatasetReader reader) {
        this.reader = reader;
    }

    /**
     * @param data  the file's (or inline content's) bytes
     * @param given metadata given with the request (win over the file's)
     */
    EvaluationResult read(DataSource source, byte[] data, Map<String, String> given) throws IOException, BadInputException {
        String name = source.name();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".csv") && !lower.endsWith(".xlsx")) {
            throw new BadInputException(name, null, "a published ranking is a .csv or .xlsx file");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, String[]> where = new HashMap<>(); // key -> {source, position}
        byte[] table = data;
        if (lower.endsWith(".csv")) {
            table = header(name, data, meta, where);
        }
        if (source.kind() == DataSource.Kind.FILE) {
            sidecar(source.path(), meta, where);
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new BadInputException(name, null, "unknown metadata '" + e.getKey() + "'; known: "
                        + String.join(", ", KEYS));
            }
            meta.put(e.getKey(), e.getValue());
            where.put(e.getKey(), new String[] {name, "meta." + e.getKey()});
        }
        Meta m = Meta.of(name, meta, where);
        CityDataset dataset = reader.read(name, new ByteArrayInputStream(table));
        return result(name, lower.endsWith(".csv") ? headerColumns(table) : null, dataset, m);
    }

    // ------------------------------------------------------------------------------------------ metadata

    /** Reads and blanks the leading {@code #} lines; returns the bytes the importer reads. */
    static byte[] header(String name, byte[] data, Map<String, String> meta, Map<String, String[]> where)
            throws BadInputException {
        byte[] out = data.clone(); // a byte-order mark stays: it tells the importer the encoding
        int start = data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF
                ? 3 : 0;
        int pos = start;
        int line = 1;
        while (pos < data.length) {
            int end = pos;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            int first = pos;
            while (first < end && (data[first] == ' ' || data[first] == '\t' || data[first] == '\r')) {
                first++;
            }
            if (first == end) { // blank line between metadata lines
                pos = end + 1;
                line++;
                continue;
            }
            if (data[first] != '#') {
                break;
            }
            String text = decode(name, line, Arrays.copyOfRange(data, first + 1, end)).strip();
            if (!text.isEmpty()) { // a bare "#" is a comment line
                int colon = indexOfColon(text);
                if (colon < 0) {
                    throw BadInputException.at(name, line, 1, "a metadata line reads '# key: value' (keys: "
                            + String.join(", ", KEYS) + "), not '# " + text + "'");
                }
                String key = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = text.substring(colon + 1).strip();
                if (!KEYS.contains(key)) {
                    throw BadInputException.at(name, line, 1, "unknown metadata key '" + key + "'; known: "
                            + String.join(", ", KEYS));
                }
                if (meta.containsKey(key)) {
                    throw BadInputException.at(name, line, 1, "metadata '" + key + "' given twice");
                }
                meta.put(key, value);
                where.put(key, new String[] {name, line + ":1"});
            }
            for (int i = pos; i < end; i++) {
                out[i] = ' '; // blanked, so the importer's row numbers stay the file's lines
            }
            pos = end + 1;
            line++;
        }
        return out;
    }

    private static int indexOfColon(String text) {
        int a = text.indexOf(':');
        int b = text.indexOf('\uFF1A'); // full-width colon
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /** UTF-8, else GB18030 (as the importers read text). */
    private static String decode(String name, int line, byte[] bytes) throws BadInputException {
        for (Charset cs : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
            try {
                return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                // next
            }
        }
        throw BadInputException.at(name, line, 1, "this metadata line is neither UTF-8 nor GBK text; save the file "
                + "as UTF-8");
    }

    /** {@code NAME.meta.json} beside {@code NAME.csv}/{@code NAME.xlsx}, when there is one. */
    static void sidecar(Path file, Map<String, String> meta, Map<String, String[]> where) throws IOException,
            BadInputException {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        Path side = file.resolveSibling((dot < 0 ? fileName : fileName.substring(0, dot)) + ".meta.json");
        if (!Files.isRegularFile(side)) {
            return;
        }
        String sideName = side.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(side));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // at the line and column, without the library settings Jackson names (`StreamReadConstraints...`)
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String m = String.valueOf(e.getOriginalMessage()).split("\n", 2)[0].replaceAll(",? ?from `[^`]*`", "")
                    .replaceAll("[:;]? ?(?:enable|disable|use) `[^`]*`[^)]*", "").replaceAll("`[^`]*`", "").trim();
            throw at != null && at.getLineNr() > 0
                    ? BadInputException.at(sideName, at.getLineNr(), Math.max(at.getColumnNr(), 0), "not valid JSON: " + m)
                    : new BadInputException(sideName, null, "not valid JSON: " + m);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(sideName, "$", "the sidecar is a JSON object: {\"title\": ..., \"year\": ...}");
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String key = e.getKey();
            if (!KEYS.contains(key)) {
                throw new BadInputException(sideName, "$." + key, "unknown field; known: " + String.join(", ", KEYS));
            }
            JsonNode v = e.getValue();
            if (!v.isTextual() && !v.isNumber()) {
                throw new BadInputException(sideName, "$." + key, "a text or a number");
            }
            meta.put(key, v.asText()); // the sidecar wins over the file's header
            where.put(key, new String[] {sideName, "$." + key});
        }
    }

    /** The metadata, checked. */
    record Meta(String id, String title, String institution, int year, Double scale, String edition, String source,
            String note) {
        static Meta of(String name, Map<String, String> meta, Map<String, String[]> where) throws BadInputException {
            String id = meta.get("id");
            if (id == null) {
                String base = Path.of(name).getFileName().toString();
                int dot = base.lastIndexOf('.');
                id = (dot < 0 ? base : base.substring(0, dot)).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                        .replaceAll("^[^a-z0-9]+", "");
                if (id.isEmpty()) {
                    id = "published";
                }
                if (id.length() > 64) {
                    id = id.substring(0, 64);
                }
            } else if (!ID.matcher(id).matches()) {
                throw bad(where, "id", "'" + id + "' is not an id: lower-case letters, digits, '.', '_' and '-', "
                        + "starting with a letter or digit");
            }
            int year = 0;
            if (meta.get("year") != null) {
                try {
                    year = Integer.parseInt(meta.get("year").strip());
                } catch (NumberFormatException e) {
                    year = -1;
                }
                if (year < 1900 || year > 2100) {
                    throw bad(where, "year", "'" + meta.get("year") + "' is not a year (1900–2100)");
                }
            }
            Double scale = null;
            if (meta.get("scale") != null) {
                try {
                    scale = Double.parseDouble(meta.get("scale").strip());
                } catch (NumberFormatException e) {
                    scale = Double.NaN;
                }
                if (!Double.isFinite(scale) || scale <= 0) {
                    throw bad(where, "scale", "'" + meta.get("scale") + "' is not a scale: the best possible score, a "
                            + "positive number (e.g. 100)");
                }
            }
            String title = meta.getOrDefault("title", Path.of(name).getFileName().toString());
            return new Meta(id, title, meta.get("institution"), year, scale, meta.get("edition"), meta.get("source"),
                    meta.get("note"));
        }

        private static BadInputException bad(Map<String, String[]> where, String key, String reason) {
            String[] w = where.get(key);
            return new BadInputException(w[0], w[1], reason);
        }
    }

    // --------------------------------------------------------------------------------------------- table

    /** The CSV header's column names, lower-cased, in order (to name cells by number), or null. */
    static List<String> headerColumns(byte[] table) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(table)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (String line : text.split("\n", -1)) {
            String l = line.replace("\uFEFF", "").strip();
            if (l.isEmpty()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < l.length(); i++) {
                char ch = l.charAt(i);
                if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ',' && !quoted) {
                    cells.add(cell.toString().strip().toLowerCase(Locale.ROOT));
                    cell.setLength(0);
                } else {
                    cell.append(ch);
                }
            }
            cells.add(cell.toString().strip().toLowerCase(Locale.ROOT));
            return cells;
        }
        return null;
    }

    private static BadInputException cell(String name, List<String> header, long row, String column, String reason) {
        int index = header == null ? -1 : header.indexOf(column);
        return index >= 0 ? BadInputException.at(name, row, index + 1, reason)
                : BadInputException.at(name, row, 0, "column '" + column + "': " + reason);
    }

    static EvaluationResult result(String name, List<String> header, CityDataset dataset, Meta meta)
            throws BadInputException {
        String rankColumn = null;
        String scoreColumn = null;
        List<String> domains = new ArrayList<>();
        for (String c : dataset.valueColumns()) {
            String l = c.toLowerCase(Locale.ROOT);
            if (l.equals(RANK)) {
                rankColumn = c;
            } else if (l.equals(SCORE)) {
                scoreColumn = c;
            } else {
                domains.add(c);
            }
        }
        if (rankColumn == null && scoreColumn == null) {
            throw new BadInputException(name, "1", "a published ranking needs a 'rank' or a 'score' column (or both), "
                    + "beside the city column; found: " + String.join(", ", dataset.valueColumns()));
        }
        if (dataset.records().isEmpty()) {
            throw new BadInputException(name, null, "no cities");
        }
        Set<Integer> years = new LinkedHashSet<>();
        for (CityRecord r : dataset.records()) {
            years.add(r.year());
        }
        if (years.size() > 1) {
            throw new BadInputException(name, null, "a published ranking is of one year; this file has rows of "
                    + years + ": keep one year's rows");
        }
        List<String> warnings = new ArrayList<>();
        List<CityRecord> rows = new ArrayList<>(dataset.records());
        Map<CityRecord, Integer> ranks = new HashMap<>();
        for (CityRecord r : rows) {
            Double score = scoreColumn == null ? null : r.values().get(scoreColumn);
            if (score != null) {
                if (!Double.isFinite(score) || score < 0) {
                    throw cell(name, header, r.row(), SCORE, "a score is a number from 0, not " + score);
                }
                if (meta.scale() != null && score > meta.scale()) {
                    throw cell(name, header, r.row(), SCORE, "score " + Numbers.plain(score) + " is above the scale ("
                            + Numbers.plain(meta.scale()) + ")");
                }
            }
            if (rankColumn != null) {
                Double rank = r.values().get(rankColumn);
                if (rank == null) {
                    throw cell(name, header, r.row(), RANK, "no rank: every city of a published ranking has one (leave "
                            + "an unranked city out)");
                }
                if (rank != Math.rint(rank) || rank < 1 || rank > 1_000_000) {
                    throw cell(name, header, r.row(), RANK, "a rank is a whole number from 1, not " + Numbers.plain(rank));
                }
                ranks.put(r, (int) Math.rint(rank));
            } else if (score == null) {
                throw cell(name, header, r.row(), SCORE, "no score: without a 'rank' column, every city needs its "
                        + "score (ranks are computed from the scores)");
            }
        }
        if (rankColumn == null) {
            // competition ranks by score, best (highest) first
            String sc = scoreColumn;
            rows.sort(Comparator.comparingDouble((CityRecord r) -> -r.values().get(sc)));
            for (int i = 0; i < rows.size(); i++) {
                CityRecord r = rows.get(i);
                boolean tie = i > 0 && r.values().get(sc).equals(rows.get(i - 1).values().get(sc));
                ranks.put(r, tie ? ranks.get(rows.get(i - 1)) : i + 1);
            }
            warnings.add("ranks computed from the scores (higher is better; equal scores share a rank): the file has "
                    + "no 'rank' column");
        } else {
            rows.sort(Comparator.comparingInt(ranks::get)); // stable: ties keep the file's order
            if (scoreColumn != null) {
                int disagree = 0;
                Double previous = null;
                for (CityRecord r : rows) {
                    Double s = r.values().get(scoreColumn);
                    if (s != null && previous != null && s > previous) {
                        disagree++;
                    }
                    if (s != null) {
                        previous = s;
                    }
                }
                if (disagree > 0) {
                    warnings.add(disagree + " cities score higher than a city ranked above them: ranks are used as "
                            + "printed");
                }
            }
        }
        // tiers, best first: by the best rank among their cities
        Map<String, Integer> tierBest = new LinkedHashMap<>();
        Map<String, Integer> tierCount = new HashMap<>();
        List<CityResult> cities = new ArrayList<>();
        Double best = null;
        for (CityRecord r : rows) {
            String tier = r.attributes().get(TIER);
            if (tier != null && tier.isBlank()) {
                tier = null;
            }
            if (tier != null) {
                tierBest.putIfAbsent(tier, ranks.get(r));
                tierCount.merge(tier, 1, Integer::sum);
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            for (String d : domains) {
                Double v = r.values().get(d);
                if (v != null) {
                    scores.put(d, v);
                }
            }
            Double score = scoreColumn == null ? null : r.values().get(scoreColumn);
            if (score != null) {
                scores.put("total", score);
                best = best == null ? score : Math.max(best, score);
            }
            cities.add(new CityResult(r.city().adcode(), r.city().name(), r.city().province(), score, ranks.get(r), tier,
                    scores));
        }
        List<TierCount> tiers = new ArrayList<>();
        for (String t : tierBest.keySet()) {
            tiers.add(new TierCount(t, t, tierCount.get(t), "as published"));
        }
        double scale = meta.scale() != null ? meta.scale() : best != null ? best : 0;
        warnings.add(0, "published ranking read from " + name + ": " + cities.size() + " cities"
                + (meta.source() == null ? "" : "; source: " + meta.source())
                + (meta.note() == null ? "" : "; " + meta.note()));
        ModelSummary model = new ModelSummary(meta.id(), meta.title(), meta.institution() == null ? "" : meta.institution(),
                meta.edition() == null ? "published" : meta.edition(), meta.year(), scale, 2, 0, List.of(),
                years.iterator().next(), "as published");
        return new EvaluationResult(model, List.copyOf(cities), List.copyOf(tiers), Map.of(), Map.of(), List.of(),
                List.copyOf(warnings));
    }

    /** Short decimal text of a number, for messages. */
    static final class Numbers {
        private Numbers() {
        }

        static String plain(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                    : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }
}
