package org.cityeval.coinr.internal;

import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.spi.ModelFormat;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * COINr's input format: {@code iMeta} (the tree: Level, iCode, iName, Direction, Weight, Parent, Type, …)
 * and {@code iData} (one row per unit: uCode, uName, Time, group columns, denominators, indicators). COINr is
 * the composite-indicator package of the European Commission's JRC for R.
 * <p>
 * <b>Reading</b> gives a cityeval descriptor that computes COINr's default index: the index (the
 * highest-level Aggregate without a Parent) is the root of {@link #POINTS} points at precision
 * {@link #PRECISION}; every other Indicator and Aggregate is an indicator whose id is its iCode (sanitised
 * only when it is not a valid id or is reserved, with a note); weights are points, the parent's points × the
 * iMeta Weight ÷ the sum of the siblings' Weights (COINr's weights are relative within an aggregation
 * group), provenance {@code published}; Direction 1/-1 is {@code positive}/{@code negative}; leaves are
 * scored by {@code min-max} over the units' observed range (COINr's default normalisation onto [0, 100],
 * here onto the leaf's points), inner nodes by {@code weighted-sum}, and the model's missing-data treatment
 * is {@code renormalise} (COINr's default arithmetic mean with the weights renormalised over the children
 * that have data). A node's COINr score is its points ÷ its weight × 100; the total is COINr's index.
 * Rows of Type Group, Denominator and Other are not indicators; the notes list them. Denominators and
 * targets are not applied (COINr applies them only in explicit steps, not in its default index).
 * <p>
 * The units are COINr's, not registry cities: each becomes a {@link City} with adcode = uCode,
 * name = uName (uCode when absent), short name = uCode, and no province, pinyin, level or flags
 * ({@code null}/{@code false}). Values are the indicator columns ({@code NA}, {@code NaN} or empty =
 * missing), keyed by the indicator's id; group and {@code Other} columns are attributes; denominators and
 * aggregate columns are left out. The record's year is {@code Time}.
 * <p>
 * Files are looked up as {@code iMeta}/{@code iData}, or {@code iMeta.csv}/{@code iData.csv} as
 * {@link #write} names them; {@code sources} gives their names for messages under the same keys and may
 * give the model id under {@link #MODEL_ID} (default {@code coinr-<index iCode in lower case>}).
 * <p>
 * <b>Writing</b> is the inverse, see {@link CoinrWriter}.
 */
@Component(property = ModelFormat.NAME + "=" + CoinrFormat.FORMAT)
public class CoinrFormat implements ModelFormat {
    public static final String FORMAT = "coinr";
    public static final String IMETA = "iMeta";
    public static final String IDATA = "iData";
    /** Key in {@code sources} of the model id to give the imported model. */
    public static final String MODEL_ID = "modelId";
    static final double POINTS = 100;
    static final int PRECISION = 2;
    static final String INSTITUTION = "COINr import";
    /** How the notes record the index's iCode, so that writing can restore it. */
    static final String INDEX_NOTE = "COINr index: iCode '";
    private static final Pattern MODEL_ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2100;

    private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Override
    public Imported read(Map<String, byte[]> files, Map<String, String> sources) throws BadInputException {
        Map<String, String> names = sources == null ? Map.of() : sources;
        String metaSource = source(files, names, IMETA);
        String dataSource = source(files, names, IDATA);
        CoinrMeta meta = CoinrMeta.read(CsvTable.read(metaSource, file(files, IMETA, metaSource,
                "the indicator tree (Level, iCode, Parent, Weight, Direction, Type)")));
        Units units = units(CsvTable.read(dataSource, file(files, IDATA, dataSource,
                "one row per unit (uCode, uName, indicator columns)")), meta);
        String modelId = modelId(names.get(MODEL_ID), meta.root.code);
        return new Imported(descriptor(meta, units, modelId, metaSource, dataSource), units.dataset);
    }

    @Override
    public Map<String, byte[]> write(EvaluationModel model, CityDataset data) {
        return CoinrWriter.write(model, data);
    }

    // ---------------------------------------------------------------- files

    private static String source(Map<String, byte[]> files, Map<String, String> sources, String key) {
        String name = sources.get(key);
        if (name == null) {
            name = sources.get(key + ".csv");
        }
        if (name != null && !name.isBlank()) {
            return name;
        }
        return files != null && !files.containsKey(key) && files.containsKey(key + ".csv") ? key + ".csv" : key;
    }

    private static byte[] file(Map<String, byte[]> files, String key, String source, String what)
            throws BadInputException {
        byte[] bytes = files == null ? null : files.get(key);
        if (bytes == null && files != null) {
            bytes = files.get(key + ".csv");
        }
        if (bytes == null) {
            throw new BadInputException(source, null, "missing: COINr's " + key + " file, " + what);
        }
        return bytes;
    }

    private static String modelId(String given, String indexCode) throws BadInputException {
        if (given != null && !given.isBlank()) {
            if (!MODEL_ID_PATTERN.matcher(given).matches()) {
                throw new BadInputException(MODEL_ID, null, "model id '" + given
                        + "' must be lower-case letters, digits, '.' or '-' (at most 64)");
            }
            return given;
        }
        String slug = indexCode.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        String id = "coinr" + (slug.isEmpty() ? "" : "-" + slug);
        return id.length() > 64 ? id.substring(0, 64).replaceAll("-+$", "") : id;
    }

    // ---------------------------------------------------------------- iData

    /** The units read from iData, with what the notes say about its columns. */
    private static final class Units {
        CityDataset dataset;
        Integer year;
        final List<String> attributeColumns = new ArrayList<>();
        final List<String> aggregateColumns = new ArrayList<>();
        final List<String> denominatorColumns = new ArrayList<>();
        final List<String> unknownColumns = new ArrayList<>();
        final List<String> withoutColumn = new ArrayList<>();
        final List<String> flat = new ArrayList<>();
    }

    private static Units units(CsvTable table, CoinrMeta meta) throws BadInputException {
        Units u = new Units();
        int codeCol = table.require("uCode", "the unit codes");
        int nameCol = table.column("uName");
        int timeCol = table.column("Time");
        List<Integer> valueCols = new ArrayList<>();
        List<String> valueIds = new ArrayList<>();
        List<Integer> attributeCols = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (int i = 0; i < table.header.length; i++) {
            String column = table.header[i];
            if (i == codeCol || i == nameCol || i == timeCol) {
                continue;
            }
            CoinrMeta.Node node = meta.nodes.get(column);
            String type = node != null ? node.type : meta.others.get(column);
            if (type == null) {
                u.unknownColumns.add(column);
                attributeCols.add(i);
            } else if (node != null && node.indicator()) {
                valueCols.add(i);
                valueIds.add(node.id);
                present.add(column);
            } else if (node != null) {
                u.aggregateColumns.add(column);
            } else if (type.equals("Denominator")) {
                u.denominatorColumns.add(column);
            } else {
                u.attributeColumns.add(column);
                attributeCols.add(i);
            }
        }
        for (CoinrMeta.Node leaf : meta.leaves) {
            if (!present.contains(leaf.code)) {
                u.withoutColumn.add(leaf.code);
            }
        }

        List<CityRecord> records = new ArrayList<>();
        Map<String, Long> firstRow = new HashMap<>();
        Integer time = null;
        long timeRow = 0;
        List<Set<Double>> distinct = new ArrayList<>();
        for (int k = 0; k < valueCols.size(); k++) {
            distinct.add(new HashSet<>());
        }
        for (CsvTable.Row row : table.rows) {
            Integer year = null;
            if (timeCol >= 0) {
                year = time(table, row, timeCol);
                if (time == null) {
                    time = year;
                    timeRow = row.line();
                } else if (!time.equals(year)) {
                    throw table.error(row, timeCol, "Time " + year + " here but " + time + " in row " + timeRow
                            + ": panel data; COINr builds one coin per Time (new_coin's split_to), so give the rows of "
                            + "one Time");
                }
            }
            String code = CsvTable.text(row, codeCol);
            if (code == null) {
                throw table.error(row, codeCol, "no uCode: every unit has one");
            }
            Long first = firstRow.putIfAbsent(code, row.line());
            if (first != null) {
                throw table.error(row, codeCol, "duplicate uCode '" + code + "' (first at row " + first + ")");
            }
            String name = CsvTable.text(row, nameCol);
            City city = new City(code, name == null ? code : name, code, null, null, null, null, null, null, false,
                    false, false);
            Map<String, Double> values = new LinkedHashMap<>();
            for (int k = 0; k < valueCols.size(); k++) {
                Double v = table.number(row, valueCols.get(k));
                if (v != null) {
                    values.put(valueIds.get(k), v);
                    distinct.get(k).add(v);
                }
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i : attributeCols) {
                String text = CsvTable.text(row, i);
                if (text != null) {
                    attributes.put(table.header[i], text);
                }
            }
            records.add(new CityRecord(city, row.line(), year, values, attributes));
        }
        if (records.isEmpty()) {
            throw BadInputException.at(table.source, table.headerLine, 0, "no units: the header is there but no rows");
        }
        for (int k = 0; k < valueCols.size(); k++) {
            if (distinct.get(k).size() < 2) {
                u.flat.add(table.header[valueCols.get(k)]);
            }
        }
        u.year = time;
        u.dataset = new CityDataset(table.source, valueIds, records);
        return u;
    }

    private static int time(CsvTable table, CsvTable.Row row, int column) throws BadInputException {
        Double t = table.number(row, column);
        if (t == null) {
            throw table.error(row, column, "no Time: when iData has a Time column every row has one");
        }
        if (t != Math.rint(t) || t < MIN_YEAR || t > MAX_YEAR) {
            throw table.error(row, column, "Time " + row.get(column) + " is not a year from " + MIN_YEAR + " to "
                    + MAX_YEAR + ", which a cityeval model needs");
        }
        return t.intValue();
    }

    // ---------------------------------------------------------------- descriptor

    private byte[] descriptor(CoinrMeta meta, Units units, String modelId, String metaSource, String dataSource) {
        ObjectNode d = json.createObjectNode();
        d.put("id", modelId);
        d.putObject("title").put("en", meta.root.name);
        d.putObject("institution").put("en", INSTITUTION);
        int year = units.year != null ? units.year : Year.now().getValue();
        d.put("year", year);
        ObjectNode scale = d.putObject("scale");
        scale.put("kind", "points");
        scale.put("max", POINTS);
        scale.put("precision", PRECISION);
        d.putObject("missing").put("method", "renormalise");
        ArrayNode tree = d.putArray("tree");
        for (CoinrMeta.Node c : meta.root.children) {
            tree.add(node(c));
        }
        ArrayNode notes = d.putArray("notes");
        for (String note : notes(meta, units, metaSource, dataSource, year)) {
            notes.add(note);
        }
        try {
            return json.writeValueAsBytes(d);
        } catch (JsonProcessingException e) { // a tree of plain nodes always serialises
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode node(CoinrMeta.Node n) {
        ObjectNode o = json.createObjectNode();
        o.put("id", n.id);
        o.putObject("name").put("en", n.name);
        o.put("level", n.depth);
        ObjectNode w = o.putObject("weight");
        w.put("value", n.points);
        w.put("provenance", "published");
        w.put("note", "COINr iMeta weight " + n.weightText);
        o.put("direction", n.direction < 0 ? "negative" : "positive");
        if (n.unit != null) {
            o.put("unit", n.unit);
        }
        if (n.indicator()) {
            o.putObject("scoring").put("rule", "min-max");
        } else {
            o.putObject("aggregation").put("rule", "weighted-sum");
            ArrayNode kids = o.putArray("children");
            for (CoinrMeta.Node c : n.children) {
                kids.add(node(c));
            }
        }
        return o;
    }

    private static List<String> notes(CoinrMeta meta, Units units, String metaSource, String dataSource, int year) {
        List<String> notes = new ArrayList<>();
        CoinrMeta.Node root = meta.root;
        notes.add("Imported from COINr's iMeta (" + metaSource + ") and iData (" + dataSource + "): "
                + meta.leaves.size() + " indicators, " + (meta.nodes.size() - meta.leaves.size()) + " aggregates, "
                + units.dataset.records().size() + " units.");
        notes.add(INDEX_NOTE + root.code + "', iName '" + root.name + "', Level " + root.level + "; it is the root '"
                + EvaluationModel.ROOT_ID + "' of " + CsvTable.plain(POINTS) + " points here, and its iName the title.");
        notes.add("Weights: COINr's are relative within each aggregation group; each indicator's points are its "
                + "parent's points × its iMeta Weight ÷ the sum of its siblings' Weights.");
        notes.add("Scores: COINr's default index. Leaves are scored by min-max over the units' observed range onto "
                + "their points (COINr: onto [0, 100]), reversed for Direction -1; inner nodes add their children's "
                + "points, and a node with missing children scores its weight × the weighted mean score rate of the "
                + "children that have data ('renormalise'; COINr: the weighted arithmetic mean with the weights "
                + "renormalised over the available children). A node's COINr score is its points ÷ its weight × 100; "
                + "the total is COINr's index.");
        if (!meta.others.isEmpty()) {
            Map<String, List<String>> byType = new LinkedHashMap<>();
            meta.others.forEach((code, type) -> byType.computeIfAbsent(type, t -> new ArrayList<>()).add(code));
            List<String> parts = new ArrayList<>();
            byType.forEach((type, codes) -> parts.add(type + ": " + String.join(", ", codes)));
            notes.add("iMeta rows that are not indicators: " + String.join("; ", parts) + ".");
        }
        List<String> denominated = new ArrayList<>();
        for (CoinrMeta.Node leaf : meta.leaves) {
            if (leaf.denominator != null) {
                denominated.add(leaf.id + " (÷ " + leaf.denominator + ")");
            }
        }
        if (!denominated.isEmpty()) {
            notes.add("Denominators are not applied: COINr divides by them only in an explicit Denominate() step, "
                    + "outside its default index; iMeta names them for " + String.join(", ", denominated) + ".");
        }
        if (meta.targets) {
            notes.add("Targets in iMeta are not used: only COINr's distance-to-target normalisation uses them.");
        }
        notes.addAll(meta.renamed);
        notes.add("Units are COINr's, not registry cities: adcode = uCode, name = uName, short name = uCode, "
                + "no province.");
        if (!units.attributeColumns.isEmpty()) {
            notes.add("iData columns kept as unit attributes (Group, Other): "
                    + String.join(", ", units.attributeColumns) + ".");
        }
        if (!units.denominatorColumns.isEmpty()) {
            notes.add("iData denominator columns, not read: " + String.join(", ", units.denominatorColumns) + ".");
        }
        if (!units.aggregateColumns.isEmpty()) {
            notes.add("iData columns of aggregates, not read (aggregates are computed): "
                    + String.join(", ", units.aggregateColumns) + ".");
        }
        if (!units.unknownColumns.isEmpty()) {
            notes.add("iData columns that iMeta does not describe, kept as unit attributes (COINr would refuse "
                    + "them): " + String.join(", ", units.unknownColumns) + ".");
        }
        if (!units.withoutColumn.isEmpty()) {
            notes.add("Indicators without an iData column, so without data: " + String.join(", ", units.withoutColumn)
                    + ".");
        }
        if (!units.flat.isEmpty()) {
            notes.add("Indicators with fewer than two distinct values, which min-max cannot scale (COINr gives NaN): "
                    + String.join(", ", units.flat) + ".");
        }
        if (units.year == null) {
            notes.add("iData has no Time column; the year " + year + " is the year of the import.");
        }
        return notes;
    }
}
