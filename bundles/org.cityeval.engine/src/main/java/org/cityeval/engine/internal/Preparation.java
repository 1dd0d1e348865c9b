package org.cityeval.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.Binding;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.spi.GroupingRule;

/**
 * What the data give each node of a model's tree, per city, before scoring: the year's records, the
 * columns that name indicators, leaves computed from catalogue variables through their bindings, cities
 * dropped below a coverage threshold, and imputed leaf values. Every step that changes what is evaluated
 * says so in {@link #warnings}.
 */
public final class Preparation {
    final EvaluationEngine.Tree tree;
    public final List<String> warnings = new ArrayList<>();
    public List<CityRecord> records;
    public Integer year;
    /** Per node: raw values (leaves) or points (inner nodes), one per city; null when the data do not give it. */
    public double[][] raw;
    /** Per node: how the data give it ("column", the binding's formula), or null. */
    String[] via;
    /** Per leaf: true when its value comes through its binding. */
    public boolean[] bound;
    /** Catalogue variables bindings need that the data lack, per leaf. */
    List<List<String>> missingVariables;

    private Preparation(EvaluationModel model) {
        this.tree = new EvaluationEngine.Tree(model.root());
    }

    public static Preparation of(EvaluationModel model, CityDataset data, Integer year) throws BadInputException {
        return of(model, data, year, null);
    }

    /**
     * @param columns the data's years, records and columns read once for several preparations of the same data
     *                (a panel's years), or null to read them here
     */
    static Preparation of(EvaluationModel model, CityDataset data, Integer year, Columns columns)
            throws BadInputException {
        Preparation p = new Preparation(model);
        p.columns = columns != null && columns.data == data ? columns : null;
        p.selectYear(data, year);
        p.readColumns(model, data);
        return p;
    }

    /** Where {@link #column} reads from when several preparations share the work; null: the records. */
    private Columns columns;

    /** With years, one year's records: the one asked for, or the latest. */
    private void selectYear(CityDataset data, Integer asked) throws BadInputException {
        TreeSet<Integer> years = columns != null ? columns.years() : years(data);
        if (years.isEmpty()) {
            if (asked != null) {
                throw new BadInputException(data.source(), null, "--year " + asked + ": the data have no year column");
            }
            records = data.records();
            return;
        }
        if (asked != null && !years.contains(asked)) {
            throw new BadInputException(data.source(), null, "--year " + asked + ": the data have the years " + years);
        }
        year = asked != null ? asked : years.last();
        records = columns != null ? columns.records(year) : records(data, year);
        if (years.size() > 1) {
            warnings.add("evaluated the " + year + " records (the data hold " + years.size() + " years, "
                    + years.first() + "–" + years.last() + ")");
        }
    }

    /** The data's years (records without one are not counted). */
    private static TreeSet<Integer> years(CityDataset data) {
        TreeSet<Integer> years = new TreeSet<>();
        Integer last = null;
        for (CityRecord r : data.records()) {
            Integer y = r.year();
            if (y != null && !y.equals(last)) { // rows of a year usually follow one another: one look-up per run
                years.add(y);
                last = y;
            }
        }
        return years;
    }

    private static List<CityRecord> records(CityDataset data, Integer year) {
        return data.records().stream().filter(r -> year.equals(r.year())).toList();
    }

    /**
     * One dataset's years, each year's records, and their columns as arrays, read once for the several
     * preparations of a panel run (each year is prepared for the panel's scoring and for its evaluation) instead of
     * a map look-up per city and column each time. Preparation changes its arrays in place (imputation, outlier
     * treatment), so each gets a copy. Not for concurrent use.
     */
    static final class Columns {
        final CityDataset data;
        private TreeSet<Integer> years;
        private final Map<Integer, List<CityRecord>> records = new HashMap<>();
        private final Map<List<CityRecord>, Map<String, double[]>> values = new java.util.IdentityHashMap<>();

        Columns(CityDataset data) {
            this.data = data;
        }

        TreeSet<Integer> years() {
            if (years == null) {
                years = Preparation.years(data);
            }
            return years;
        }

        List<CityRecord> records(Integer year) {
            return records.computeIfAbsent(year, y -> Preparation.records(data, y));
        }

        /** @return a copy of the column over these records (one of this cache's record lists, or the data's) */
        double[] column(List<CityRecord> of, String id) {
            return values.computeIfAbsent(of, k -> new HashMap<>()).computeIfAbsent(id, k -> read(of, k)).clone();
        }
    }

    private void readColumns(EvaluationModel model, CityDataset data) {
        int size = tree.size();
        raw = new double[size][];
        via = new String[size];
        bound = new boolean[size];
        missingVariables = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>(data.valueColumns());
        Set<String> used = new java.util.HashSet<>();
        for (int node = 0; node < size; node++) {
            missingVariables.add(List.of());
            Indicator ind = tree.nodes.get(node);
            if (columns.contains(ind.id())) {
                raw[node] = column(ind.id());
                via[node] = "column";
                used.add(ind.id());
            } else if (ind.leaf() && ind.binding() != null) {
                Binding b = ind.binding();
                List<String> absent = b.variables().stream().filter(v -> !columns.contains(v)).toList();
                missingVariables.set(node, absent);
                if (absent.isEmpty()) {
                    raw[node] = formula(ind, b);
                    via[node] = describe(b);
                    bound[node] = true;
                    used.addAll(b.variables());
                }
            }
        }
        List<String> ignored = new ArrayList<>();
        for (String c : columns) {
            if (!used.contains(c) && !c.equals(EvaluationEngine.PRINTED_RANK)) {
                ignored.add(c);
            }
        }
        if (!ignored.isEmpty()) {
            warnings.add(ignored.size() + " column" + (ignored.size() == 1 ? " is" : "s are") + " neither an indicator of "
                    + model.id() + " nor a variable its bindings use; ignored: " + EvaluationEngine.list(ignored));
        }
    }

    private double[] column(String id) {
        return columns != null ? columns.column(records, id) : read(records, id);
    }

    private static double[] read(List<CityRecord> records, String id) {
        double[] out = new double[records.size()];
        for (int c = 0; c < out.length; c++) {
            Double v = records.get(c).values().get(id);
            out[c] = v == null ? Double.NaN : v;
        }
        return out;
    }

    private double[] formula(Indicator ind, Binding b) {
        List<double[]> vs = new ArrayList<>();
        for (String v : b.variables()) {
            vs.add(column(v));
        }
        double[] out = new double[records.size()];
        int undefined = 0;
        for (int c = 0; c < out.length; c++) {
            double a = vs.get(0)[c];
            double r = switch (b.formula()) {
                case "value" -> a;
                case "log" -> a > 0 ? Math.log(a) : Double.NaN;
                case "ratio", "per-capita" -> vs.get(1)[c] != 0 ? a / vs.get(1)[c] : Double.NaN;
                default -> { // sum
                    double s = 0;
                    for (double[] v : vs) {
                        s += v[c];
                    }
                    yield s;
                }
            };
            if (Double.isNaN(r) && !anyMissing(vs, c)) {
                undefined++;
            }
            out[c] = r;
        }
        if (undefined > 0) {
            warnings.add("'" + ind.id() + "' = " + describe(b) + " is undefined for " + undefined
                    + " cities (a zero divisor or the log of a non-positive value); they have no value there");
        }
        return out;
    }

    private static boolean anyMissing(List<double[]> vs, int c) {
        for (double[] v : vs) {
            if (Double.isNaN(v[c])) {
                return true;
            }
        }
        return false;
    }

    static String describe(Binding b) {
        return b.formula().equals("value") ? b.variables().get(0) : b.formula() + "(" + String.join(", ", b.variables()) + ")";
    }

    /** True when the data give this node for some city. */
    boolean given(int node) {
        return raw[node] != null;
    }

    /**
     * Share (0..1) of the model's weight the data back for each city: a node given for the city counts
     * with its whole weight, otherwise its children count.
     */
    double[] backedShare() {
        int n = records.size();
        double[] share = new double[n];
        double total = tree.nodes.get(0).weight().value();
        for (int c = 0; c < n; c++) {
            share[c] = backed(0, c) / total;
        }
        return share;
    }

    private double backed(int node, int c) {
        if (raw[node] != null && !Double.isNaN(raw[node][c])) {
            return tree.nodes.get(node).weight().value();
        }
        double s = 0;
        for (int k : tree.children[node]) {
            s += backed(k, c);
        }
        return s;
    }

    /** Drops the cities whose data back less than the threshold of the model's weight. */
    void applyThreshold(MissingData missing) {
        if (missing.minCoverage() == null) {
            return;
        }
        double[] share = backedShare();
        List<Integer> keep = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int c = 0; c < share.length; c++) {
            if (share[c] + 1e-12 >= missing.minCoverage()) {
                keep.add(c);
            } else {
                dropped.add(records.get(c).city().name() + " " + Numbers.plain(Numbers.round(share[c] * 100, 1)) + "%");
            }
        }
        if (dropped.isEmpty()) {
            return;
        }
        warnings.add(dropped.size() + " cities dropped: their data back less than "
                + Numbers.plain(Numbers.round(missing.minCoverage() * 100, 6)) + "% of the model's weight: " + EvaluationEngine.list(dropped));
        List<CityRecord> kept = new ArrayList<>();
        for (int c : keep) {
            kept.add(records.get(c));
        }
        records = kept;
        for (int node = 0; node < raw.length; node++) {
            if (raw[node] != null) {
                double[] r = new double[keep.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = raw[node][keep.get(i)];
                }
                raw[node] = r;
            }
        }
    }

    /**
     * Fills missing leaf values from the other cities: their mean or median, or the mean or median of the cities
     * in the city's group under {@code groups} (its first group; a city without one, or whose group has no value,
     * takes the overall mean or median, as COINr's i_mean_grp / i_median_grp leave no value missing).
     */
    void impute(MissingData missing, GroupingRule groups) {
        MissingData.Method method = missing.kind();
        if (!method.imputes()) {
            return;
        }
        boolean median = method == MissingData.Method.MEDIAN || method == MissingData.Method.GROUP_MEDIAN;
        int n = records.size();
        List<List<String>> groupsOf = method.grouped() ? groupsOf(groups) : null;
        List<String> done = new ArrayList<>();
        int fallbacks = 0;
        for (int node = 1; node < raw.length; node++) {
            double[] v = raw[node];
            if (v == null || !tree.nodes.get(node).leaf()) {
                continue;
            }
            double[] present = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
            if (present.length == 0 || present.length == n) {
                continue;
            }
            double overall = median ? median(present) : mean(present);
            Map<String, Double> byGroup = groupsOf == null ? Map.of() : groupValues(v, groupsOf, median);
            int count = 0;
            for (int c = 0; c < n; c++) {
                if (Double.isNaN(v[c]) && !ancestorGiven(node, c)) {
                    double fill = overall;
                    if (groupsOf != null) {
                        List<String> gs = groupsOf.get(c);
                        Double g = gs.isEmpty() ? null : byGroup.get(gs.get(0));
                        if (g != null) {
                            fill = g;
                        } else {
                            fallbacks++;
                        }
                    }
                    v[c] = fill;
                    count++;
                }
            }
            done.add(tree.nodes.get(node).id() + " " + count);
        }
        if (!done.isEmpty()) {
            warnings.add("imputed missing leaf values by " + method
                    + (method.grouped() ? " within " + (missing.groupBy() == null ? "province" : missing.groupBy())
                            : "") + ": "
                    + EvaluationEngine.list(done) + (fallbacks > 0 ? "; " + fallbacks
                            + " values had no group value and took the overall " + (median ? "median" : "mean")
                            : ""));
        }
    }

    /** Each city's groups under the rule (asked once per city). */
    private List<List<String>> groupsOf(GroupingRule groups) {
        List<List<String>> out = new ArrayList<>(records.size());
        for (CityRecord r : records) {
            List<String> gs = groups.groupsOf(r.city());
            out.add(gs == null ? List.of() : gs);
        }
        return out;
    }

    /** The mean or median of the values present, per group (a city counts in each of its groups). */
    private static Map<String, Double> groupValues(double[] v, List<List<String>> groupsOf, boolean median) {
        Map<String, List<Double>> byGroup = new HashMap<>();
        for (int c = 0; c < v.length; c++) {
            if (!Double.isNaN(v[c])) {
                for (String g : groupsOf.get(c)) {
                    byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(v[c]);
                }
            }
        }
        Map<String, Double> out = new HashMap<>();
        byGroup.forEach((g, xs) -> out.put(g, median
                ? median(xs.stream().mapToDouble(Double::doubleValue).toArray())
                : xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        return out;
    }

    /** A score the data give for a parent is not replaced by one computed from guessed children. */
    private boolean ancestorGiven(int node, int c) {
        for (int a = tree.parent[node]; ; a = tree.parent[a]) {
            if (raw[a] != null && !Double.isNaN(raw[a][c])) {
                return true;
            }
            if (a == 0) {
                return false;
            }
        }
    }

    private static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
