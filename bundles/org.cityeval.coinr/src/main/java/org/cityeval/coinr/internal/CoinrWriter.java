package org.cityeval.coinr.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;

/**
 * Writes a model and its data as COINr's {@code iMeta.csv} and {@code iData.csv}.
 * <p>
 * iMeta: Level, iCode, iName, Direction, Weight, Unit, Parent, Type. Levels count COINr's way, indicators
 * 1 up to the index; the index row is the root, with the iCode the model was imported with (its notes
 * record it) or {@code Index}, and the model's title as iName. Weights are the points: COINr rescales
 * weights within each aggregation group, so points are the relative weights it needs. Direction is 1 or
 * -1. COINr puts every indicator at Level 1 with each Parent one Level up, so a leaf above the deepest
 * leaves is wrapped in single-child aggregates ({@code <id>_L<level>}, same weight) down to Level 1; a
 * single-child arithmetic mean is the child's score, so the index is unchanged, but the tree read back has
 * these extra nodes.
 * <p>
 * iData: uCode (the unit's adcode), uName (its name), Time when the records have years, then the leaf
 * columns in tree order; {@code NA} for missing. Only leaves are written: COINr computes aggregates.
 * Scoring rules other than min-max do not travel: COINr normalises as its own build steps say.
 */
final class CoinrWriter {
    static final String IMETA_FILE = "iMeta.csv";
    static final String IDATA_FILE = "iData.csv";
    static final String DEFAULT_INDEX_CODE = "Index";

    private record MetaRow(int level, String code, String name, int direction, double weight, String unit,
            String parent, String type) {
    }

    private CoinrWriter() {
    }

    static Map<String, byte[]> write(EvaluationModel model, CityDataset data) {
        Indicator root = model.root();
        Set<String> used = new HashSet<>();
        collectIds(root, used);
        String rootCode = unique(indexCode(model), used);
        int rootLevel = maxDepth(root, 0) + 1;

        List<MetaRow> rows = new ArrayList<>();
        rows.add(new MetaRow(rootLevel, rootCode, text(model.title()), 1, root.weight().value(), null, null,
                CoinrMeta.AGGREGATE));
        List<Indicator> leaves = new ArrayList<>();
        children(root, rootCode, rootLevel, rows, leaves, used);
        rows.sort(Comparator.comparingInt(MetaRow::level)); // stable: tree order within a level

        CsvTable.Writer meta = new CsvTable.Writer();
        meta.text("Level").text("iCode").text("iName").text("Direction").text("Weight").text("Unit").text("Parent")
                .text("Type").end();
        for (MetaRow r : rows) {
            meta.integer(r.level()).text(r.code()).text(r.name()).integer(r.direction()).number(r.weight())
                    .text(r.unit()).text(r.parent()).text(r.type()).end();
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(IMETA_FILE, meta.bytes());
        if (data != null) {
            out.put(IDATA_FILE, data(data, leaves));
        }
        return out;
    }

    private static byte[] data(CityDataset data, List<Indicator> leaves) {
        boolean time = data.records().stream().anyMatch(r -> r.year() != null);
        CsvTable.Writer w = new CsvTable.Writer();
        w.text("uCode").text("uName");
        if (time) {
            w.text("Time");
        }
        for (Indicator leaf : leaves) {
            w.text(leaf.id());
        }
        w.end();
        for (CityRecord r : data.records()) {
            w.text(r.city().adcode()).text(r.city().name());
            if (time) {
                w.integer(r.year());
            }
            for (Indicator leaf : leaves) {
                w.number(r.values().get(leaf.id()));
            }
            w.end();
        }
        return w.bytes();
    }

    private static void children(Indicator parent, String parentCode, int parentLevel, List<MetaRow> rows,
            List<Indicator> leaves, Set<String> used) {
        int level = parentLevel - 1;
        for (Indicator c : parent.children()) {
            int dir = c.direction() == Direction.NEGATIVE ? -1 : 1;
            double w = c.weight().value();
            String name = text(c.name());
            if (c.leaf()) {
                String p = parentCode;
                for (int l = level; l > 1; l--) { // pads a shallow leaf down to Level 1
                    String wrapper = unique(c.id() + "_L" + l, used);
                    rows.add(new MetaRow(l, wrapper, name, 1, w, null, p, CoinrMeta.AGGREGATE));
                    p = wrapper;
                }
                rows.add(new MetaRow(1, c.id(), name, dir, w, c.unit(), p, CoinrMeta.INDICATOR));
                leaves.add(c);
            } else {
                rows.add(new MetaRow(level, c.id(), name, dir, w, c.unit(), parentCode, CoinrMeta.AGGREGATE));
                children(c, c.id(), level, rows, leaves, used);
            }
        }
    }

    /** The index's iCode as the import recorded it in the notes, or {@value #DEFAULT_INDEX_CODE}. */
    static String indexCode(EvaluationModel model) {
        for (String note : model.notes()) {
            if (note.startsWith(CoinrFormat.INDEX_NOTE)) {
                int end = note.indexOf("', iName '", CoinrFormat.INDEX_NOTE.length());
                if (end > CoinrFormat.INDEX_NOTE.length()) {
                    return note.substring(CoinrFormat.INDEX_NOTE.length(), end);
                }
            }
        }
        return DEFAULT_INDEX_CODE;
    }

    private static String unique(String code, Set<String> used) {
        String candidate = code;
        for (int k = 2; !used.add(candidate); k++) {
            candidate = code + "_" + k;
        }
        return candidate;
    }

    private static void collectIds(Indicator n, Set<String> used) {
        for (Indicator c : n.children()) {
            used.add(c.id());
            collectIds(c, used);
        }
    }

    private static int maxDepth(Indicator n, int depth) {
        int max = depth;
        for (Indicator c : n.children()) {
            max = Math.max(max, maxDepth(c, depth + 1));
        }
        return max;
    }

    private static String text(LocalizedText t) {
        if (t == null) {
            return null;
        }
        return t.en() != null && !t.en().isBlank() ? t.en() : t.zh();
    }
}
