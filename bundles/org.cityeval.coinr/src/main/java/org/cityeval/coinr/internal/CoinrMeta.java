package org.cityeval.coinr.internal;

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
import org.cityeval.api.model.EvaluationModel;

/**
 * COINr's iMeta read into a tree and checked as COINr's {@code check_iMeta} does: the required columns,
 * unique iCodes, the five Types, Level 1 for indicators, numeric Weights, Direction ±1, every Parent an
 * Aggregate one Level above its children, no cycles, one index (the highest-level Aggregate without a
 * Parent). Then each node gets a cityeval id (the iCode, sanitised only when it must be) and its points:
 * the index has {@link CoinrFormat#POINTS}, and each child its parent's points × its weight ÷ the sum of its
 * siblings' weights (COINr rescales weights to sum to 1 within each aggregation group).
 */
final class CoinrMeta {
    static final String INDICATOR = "Indicator";
    static final String AGGREGATE = "Aggregate";
    static final List<String> TYPES = List.of(INDICATOR, AGGREGATE, "Group", "Denominator", "Other");

    /** The descriptor's indicator id pattern (DescriptorParser.NODE_ID). */
    static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Ids the descriptor parser reserves for data columns (DescriptorParser.RESERVED), compared in lower case. */
    static final Set<String> RESERVED = Set.of(EvaluationModel.ROOT_ID, "adcode", "city", "name", "province", "rank",
            "tier", "city_type", "note", "notes", "source", "year");

    /** An Indicator or Aggregate row. */
    static final class Node {
        final CsvTable.Row row;
        final String code;
        final String name;
        final String type;
        final int level;
        final double weight;
        final String weightText;
        final int direction;
        final String unit;
        final String parentCode;
        final String denominator;
        Node parent;
        final List<Node> children = new ArrayList<>();
        String id;
        int depth;
        double points;

        Node(CsvTable.Row row, String code, String name, String type, int level, double weight, String weightText,
                int direction, String unit, String parentCode, String denominator) {
            this.row = row;
            this.code = code;
            this.name = name;
            this.type = type;
            this.level = level;
            this.weight = weight;
            this.weightText = weightText;
            this.direction = direction;
            this.unit = unit;
            this.parentCode = parentCode;
            this.denominator = denominator;
        }

        boolean indicator() {
            return INDICATOR.equals(type);
        }
    }

    final CsvTable table;
    /** Indicator and Aggregate rows by iCode, in file order. */
    final Map<String, Node> nodes = new LinkedHashMap<>();
    /** Rows of the other Types (Group, Denominator, Other): iCode to Type, in file order. */
    final Map<String, String> others = new LinkedHashMap<>();
    /** Indicators (leaves) in tree order. */
    final List<Node> leaves = new ArrayList<>();
    /** Notes on iCodes that are not usable as cityeval ids. */
    final List<String> renamed = new ArrayList<>();
    /** Whether any row gives a Target. */
    boolean targets;
    Node root;

    private final int levelCol;
    private final int codeCol;
    private final int nameCol;
    private final int directionCol;
    private final int weightCol;
    private final int unitCol;
    private final int targetCol;
    private final int denominatorCol;
    private final int parentCol;
    private final int typeCol;

    private CoinrMeta(CsvTable table) throws BadInputException {
        this.table = table;
        codeCol = table.require("iCode", "the indicator and aggregate codes");
        levelCol = table.require("Level", "1 for indicators, one more per aggregation level");
        parentCol = table.require("Parent", "the iCode of the aggregate one level up");
        typeCol = table.require("Type", "Indicator, Aggregate, Group, Denominator or Other");
        weightCol = table.require("Weight", "weights, relative within each aggregation group");
        directionCol = table.require("Direction", "1 or -1");
        nameCol = table.column("iName");
        unitCol = table.column("Unit");
        targetCol = table.column("Target");
        denominatorCol = table.column("Denominator");
    }

    static CoinrMeta read(CsvTable table) throws BadInputException {
        CoinrMeta meta = new CoinrMeta(table);
        meta.rows();
        meta.link();
        meta.noCycles();
        meta.findRoot();
        meta.checkLevels();
        meta.settle();
        return meta;
    }

    private void rows() throws BadInputException {
        Map<String, Long> firstRow = new HashMap<>();
        for (CsvTable.Row row : table.rows) {
            String code = CsvTable.text(row, codeCol);
            if (code == null) {
                throw table.error(row, codeCol, "no iCode: every row of iMeta has one");
            }
            Long first = firstRow.putIfAbsent(code, row.line());
            if (first != null) {
                throw table.error(row, codeCol, "duplicate iCode '" + code + "' (first at row " + first + ")");
            }
            String type = row.get(typeCol);
            if (!TYPES.contains(type)) {
                throw table.error(row, typeCol, "Type '" + type + "' is not one of " + String.join(", ", TYPES));
            }
            if (targetCol >= 0 && CsvTable.text(row, targetCol) != null && INDICATOR.equals(type)) {
                targets = true;
            }
            if (!INDICATOR.equals(type) && !AGGREGATE.equals(type)) {
                others.put(code, type);
                continue;
            }
            int level = level(row);
            if (INDICATOR.equals(type) && level != 1) {
                throw table.error(row, levelCol, "Level " + level + " for the Indicator '" + code
                        + "': COINr's indicators are all at Level 1, aggregates above them");
            }
            String weightText = row.get(weightCol);
            Double weight;
            try {
                weight = table.number(row, weightCol);
            } catch (BadInputException e) {
                throw table.error(row, weightCol, "Weight '" + weightText + "' of '" + code + "' is not a number");
            }
            if (weight == null) {
                throw table.error(row, weightCol, "no Weight for '" + code + "': every Indicator and Aggregate has one");
            }
            if (weight < 0) {
                throw table.error(row, weightCol, "Weight " + weightText + " of '" + code + "' is negative");
            }
            String d = row.get(directionCol);
            Double direction;
            try {
                direction = table.number(row, directionCol);
            } catch (BadInputException e) {
                direction = null;
            }
            if (direction == null || (direction != 1 && direction != -1)) {
                throw table.error(row, directionCol, "Direction '" + d + "' of '" + code + "' is not 1 or -1");
            }
            String name = CsvTable.text(row, nameCol);
            nodes.put(code, new Node(row, code, name == null ? code : name, type, level, weight, weightText,
                    direction.intValue(), CsvTable.text(row, unitCol), CsvTable.text(row, parentCol),
                    CsvTable.text(row, denominatorCol)));
        }
        if (nodes.isEmpty()) {
            throw BadInputException.at(table.source, table.headerLine, 0, "no rows of Type Indicator or Aggregate");
        }
    }

    private int level(CsvTable.Row row) throws BadInputException {
        String text = row.get(levelCol);
        if (CsvTable.missing(text)) {
            throw table.error(row, levelCol, "no Level: every Indicator and Aggregate has one (1 for indicators)");
        }
        Double level;
        try {
            level = table.number(row, levelCol);
        } catch (BadInputException e) {
            level = null;
        }
        if (level == null || level != Math.rint(level) || level < 1 || level > 1000) {
            throw table.error(row, levelCol, "Level '" + text + "' is not a whole number from 1 up");
        }
        return level.intValue();
    }

    private void link() throws BadInputException {
        for (Node n : nodes.values()) {
            if (n.parentCode == null) {
                continue;
            }
            Node p = nodes.get(n.parentCode);
            if (p == null) {
                String other = others.get(n.parentCode);
                throw table.error(n.row, parentCol, "Parent '" + n.parentCode + "' of '" + n.code + "' is "
                        + (other == null ? "not an iCode of iMeta" : "a row of Type " + other + ", not an Aggregate"));
            }
            if (!AGGREGATE.equals(p.type)) {
                throw table.error(n.row, parentCol, "Parent '" + n.parentCode + "' of '" + n.code + "' is an "
                        + p.type + ", not an Aggregate");
            }
            n.parent = p;
            p.children.add(n);
        }
    }

    private void noCycles() throws BadInputException {
        Set<Node> acyclic = new HashSet<>();
        for (Node start : nodes.values()) {
            List<Node> path = new ArrayList<>();
            Set<Node> seen = new HashSet<>();
            for (Node n = start; n != null && !acyclic.contains(n); n = n.parent) {
                if (!seen.add(n)) {
                    List<String> codes = new ArrayList<>();
                    for (Node c : path.subList(path.indexOf(n), path.size())) {
                        codes.add(c.code);
                    }
                    codes.add(n.code);
                    throw table.error(n.row, parentCol, "a cycle of Parents: " + String.join(" → ", codes));
                }
                path.add(n);
            }
            acyclic.addAll(path);
        }
    }

    private void findRoot() throws BadInputException {
        for (Node n : nodes.values()) {
            if (n.parent == null && AGGREGATE.equals(n.type) && (root == null || n.level > root.level)) {
                root = n;
            }
        }
        for (Node n : nodes.values()) {
            if (n.parent != null || n == root) {
                continue;
            }
            if (root == null) {
                throw table.error(n.row, parentCol, "no Parent for the " + n.type + " '" + n.code
                        + "', and no Aggregate to be the index");
            }
            if (AGGREGATE.equals(n.type) && n.level == root.level) {
                throw table.error(n.row, parentCol, "'" + n.code + "' and '" + root.code + "' are both Aggregates at "
                        + "the highest Level " + root.level + " without a Parent; COINr's index is one of them");
            }
            throw table.error(n.row, parentCol, "no Parent for '" + n.code + "': only the index '" + root.code
                    + "' (Level " + root.level + ") has none");
        }
    }

    private void checkLevels() throws BadInputException {
        for (Node n : nodes.values()) {
            if (n.parent != null && n.parent.level != n.level + 1) {
                throw table.error(n.row, levelCol, "Level " + n.level + " of '" + n.code + "' contradicts its Parent '"
                        + n.parent.code + "' at Level " + n.parent.level + ": a Parent is one Level above its children");
            }
            if (AGGREGATE.equals(n.type) && n.children.isEmpty()) {
                throw table.error(n.row, codeCol, "the Aggregate '" + n.code + "' has no children (no row names it as "
                        + "its Parent)");
            }
        }
    }

    /** Depths, points and ids, in tree order. */
    private void settle() throws BadInputException {
        root.points = CoinrFormat.POINTS;
        List<Node> order = new ArrayList<>();
        walk(root, 0, order);
        Set<String> used = new HashSet<>();
        for (Node n : order) {
            if (valid(n.code) && used.add(n.code)) {
                n.id = n.code;
            }
        }
        for (Node n : order) {
            if (n.id == null) {
                n.id = sanitise(n.code, used);
                renamed.add("COINr iCode '" + n.code + "' is not usable as a cityeval indicator id (letters, digits, "
                        + "'_', '.', '-', at most 64, not a reserved column name such as 'total' or 'name'); it is '"
                        + n.id + "' here, also as the column of its values");
            }
        }
    }

    private void walk(Node n, int depth, List<Node> order) throws BadInputException {
        n.depth = depth;
        if (n != root) {
            order.add(n);
        }
        if (n.indicator()) {
            leaves.add(n);
            return;
        }
        double sum = 0;
        for (Node c : n.children) {
            sum += c.weight;
        }
        if (!(sum > 0)) {
            Node first = n.children.get(0);
            throw table.error(first.row, weightCol, "the Weights of the children of '" + n.code
                    + "' add up to 0; COINr divides by their sum");
        }
        for (Node c : n.children) {
            c.points = n.points * c.weight / sum;
            walk(c, depth + 1, order);
        }
    }

    static boolean valid(String id) {
        return NODE_ID.matcher(id).matches() && !RESERVED.contains(id.toLowerCase(Locale.ROOT));
    }

    /** A valid id close to the code, unused so far; added to {@code used}. */
    static String sanitise(String code, Set<String> used) {
        String s = code.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) || s.charAt(0) > 0x7F) {
            s = "i" + s;
        }
        if (RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            s = s + "_";
        }
        if (s.length() > 64) {
            s = s.substring(0, 64);
        }
        String candidate = s;
        for (int k = 2; !used.add(candidate); k++) {
            String suffix = "_" + k;
            candidate = (s.length() + suffix.length() > 64 ? s.substring(0, 64 - suffix.length()) : s) + suffix;
        }
        return candidate;
    }
}
