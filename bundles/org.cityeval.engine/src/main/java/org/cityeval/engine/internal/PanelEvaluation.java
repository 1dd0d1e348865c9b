package org.cityeval.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.PanelCity;
import org.cityeval.api.result.PanelResult;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.PanelOptions;

/**
 * A model on several years of a dataset: the time-series imputation of the data's columns, then each year through
 * {@link EvaluationEngine#evaluate} — with panel normalisation its scoring step scores every year's prepared
 * values at once ({@link Stacked}) and keeps the year's — then the series and trends per city.
 */
final class PanelEvaluation {
    private PanelEvaluation() {
    }

    /**
     * Every panel year's prepared raw values per node, stacked year after year; where each year starts; and per
     * node the stacked values as its scoring rule scores them, filled by the first year that scores the node
     * (every year scores the same stacked values, so the later years take that year's points; a scoring rule is
     * a function of its values, its indicator and its parameters).
     */
    record Stacked(double[][] values, Map<Integer, Integer> offsets, Map<Integer, Integer> sizes, double[][] scored,
            List<String> treatment) {
        Stacked(double[][] values, Map<Integer, Integer> offsets, Map<Integer, Integer> sizes, List<String> treatment) {
            this(values, offsets, sizes, new double[values.length][], treatment);
        }

        int offset(Integer year, int size) throws BadInputException {
            Integer o = offsets.get(year);
            if (o == null || sizes.get(year) != size) {
                throw new IllegalStateException("panel year " + year + " was prepared differently");
            }
            return o;
        }
    }

    static PanelResult evaluate(EvaluationEngine engine, EvaluationModel model, CityDataset data,
            EvaluationOptions options, PanelOptions panel) throws BadInputException {
        EvaluationOptions o = options == null ? EvaluationOptions.DEFAULTS : options;
        PanelOptions p = panel == null ? new PanelOptions(List.of(), null, null) : panel;
        TreeSet<Integer> present = new TreeSet<>();
        for (CityRecord r : data.records()) {
            if (r.year() != null) {
                present.add(r.year());
            }
        }
        if (present.isEmpty()) {
            throw new BadInputException(data.source(), null, "--years: the data have no year column");
        }
        List<Integer> years = p.years().isEmpty() ? List.copyOf(present) : p.years();
        for (Integer y : years) {
            if (!present.contains(y)) {
                throw new BadInputException(data.source(), null, "--years: the data have no " + y
                        + " records (they have the years " + present + ")");
            }
        }
        Set<Integer> chosen = new TreeSet<>(years);
        List<CityRecord> records = data.records().stream().filter(r -> chosen.contains(r.year())).toList();
        List<String> imputed = new ArrayList<>();
        List<String> madeRows = new ArrayList<>();
        if (!p.imputation().equals(PanelOptions.NONE)) {
            // the columns the model reads: its indicators' and its bindings' variables
            Set<String> used = new LinkedHashSet<>();
            for (Indicator ind : new EvaluationEngine.Tree(model.root()).nodes) {
                used.add(ind.id());
                if (ind.binding() != null) {
                    used.addAll(ind.binding().variables());
                }
            }
            List<String> columns = data.valueColumns().stream().filter(used::contains).toList();
            records = impute(records, columns, years, p.imputation().equals(PanelOptions.LOCF), imputed, madeRows);
        }
        // cities without a row in some years: absent there (no total, no rank) unless imputation made the row
        List<String> absent = absentYears(records, years);
        CityDataset panelData = new CityDataset(data.source(), data.valueColumns(), records, data.columns());

        Preparation.Columns columns = new Preparation.Columns(panelData); // read once, for every year's preparations
        Stacked stacked = null;
        if (p.normalisation().equals(PanelOptions.PANEL)) {
            stacked = stack(engine, model, panelData, o, years, columns);
        }
        List<EvaluationResult> results = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (stacked != null) {
            warnings.add("normalisation: panel — the leaves' scoring rules use the values of all years "
                    + years.get(0) + "–" + years.get(years.size() - 1) + " at once, so scores compare across years");
            warnings.addAll(stacked.treatment);
        }
        if (!imputed.isEmpty()) {
            warnings.add("missing data (" + p.imputation() + "): " + imputed.size() + " values imputed over the years: "
                    + EvaluationEngine.list(imputed));
        }
        if (!madeRows.isEmpty()) {
            warnings.add("missing data (" + p.imputation() + "): " + madeRows.size() + " rows made for years a city "
                    + "had no row in, every value imputed from its other years: " + EvaluationEngine.list(madeRows));
        }
        if (!absent.isEmpty()) {
            warnings.add("absent years: " + absent.size() + " city-years have no row in the data, so no total or rank"
                    + (p.imputation().equals(PanelOptions.NONE)
                            ? " (--missing interpolate or locf makes them from the city's other years)"
                            : " (outside the years " + p.imputation() + " can fill)")
                    + ": " + EvaluationEngine.list(absent));
        }
        // each year's warnings; one said in several years once, with its years
        Map<String, List<Integer>> said = new LinkedHashMap<>();
        List<EvaluationEngine.PanelYear> scores = new ArrayList<>();
        for (Integer y : years) {
            // under panel normalisation the stacked values were treated over the whole panel: not again per year
            EvaluationOptions yo = new EvaluationOptions(o.missing(), y, o.timeout(), o.clamp(), o.coverageThreshold(),
                    stacked != null ? OutlierTreatment.NONE : o.treatment());
            // the panel keeps each year's cities and warnings; node scores as arrays, no statistics
            EvaluationEngine.PanelYear scored = new EvaluationEngine.PanelYear();
            EvaluationResult r = engine.evaluate(model, panelData, yo, stacked, null, columns, scored);
            results.add(r);
            scores.add(scored);
            for (String w : r.warnings()) {
                if (!w.startsWith("evaluated the ")) {
                    said.computeIfAbsent(w, k -> new ArrayList<>()).add(y);
                }
            }
        }
        said.forEach((w, ys) -> warnings.add((ys.size() == years.size() ? "every year" : ys.stream()
                .map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))) + ": " + w));
        return series(results, scores, years, p, imputed, warnings);
    }

    /** Each year prepared as {@code evaluate} prepares it (missing-data policy included), stacked. */
    private static Stacked stack(EvaluationEngine engine, EvaluationModel model, CityDataset data,
            EvaluationOptions o, List<Integer> years, Preparation.Columns columns) throws BadInputException {
        MissingData missing = EvaluationEngine.missingData(model, o);
        List<Preparation> preps = new ArrayList<>();
        int total = 0;
        Map<Integer, Integer> offsets = new HashMap<>();
        Map<Integer, Integer> sizes = new HashMap<>();
        for (Integer y : years) {
            Preparation prep = Preparation.of(model, data, y, columns);
            engine.applyMissingData(model, prep, missing);
            preps.add(prep);
            offsets.put(y, total);
            sizes.put(y, prep.records.size());
            total += prep.records.size();
        }
        int nodes = preps.get(0).raw.length;
        double[][] values = new double[nodes][];
        for (int node = 0; node < nodes; node++) {
            boolean all = true;
            for (Preparation prep : preps) {
                all &= prep.raw[node] != null;
            }
            if (!all) {
                continue;
            }
            double[] v = new double[total];
            int at = 0;
            for (Preparation prep : preps) {
                System.arraycopy(prep.raw[node], 0, v, at, prep.raw[node].length);
                at += prep.raw[node].length;
            }
            values[node] = v;
        }
        // outlier treatment over the whole panel, as the normalisation: a treatment that depends on the data (the
        // winsorisation's limits, box-cox's x − min + 1) treated year by year would undo the panel's comparability
        List<String> treatment = OutlierTreatment.applyToColumns(model, preps.get(0), o.treatment(), values,
                "over the panel " + years.get(0) + "–" + years.get(years.size() - 1));
        return new Stacked(values, offsets, sizes, treatment);
    }

    /**
     * Fills a city's missing column values from its other years: linearly between the nearest years with a value
     * on both sides (interpolate), or from the latest earlier year with one (locf). A panel year in which the city
     * has no row at all gets one made (a record after the data's, with the nearest earlier row's attributes) when
     * any of its values can be filled: between its first and last year (interpolate) or after its first (locf).
     * Each filled value is listed in {@code imputed} as {@code city year column}; each made row in {@code rows} as
     * {@code city year}.
     */
    static List<CityRecord> impute(List<CityRecord> records, List<String> columns, List<Integer> years, boolean locf,
            List<String> imputed, List<String> rows) {
        Map<String, TreeMap<Integer, CityRecord>> byCity = new LinkedHashMap<>();
        for (CityRecord r : records) {
            byCity.computeIfAbsent(r.city().adcode(), k -> new TreeMap<>()).put(r.year(), r);
        }
        Map<CityRecord, Map<String, Double>> filled = new HashMap<>();
        List<CityRecord> made = new ArrayList<>();
        for (TreeMap<Integer, CityRecord> series : byCity.values()) {
            TreeSet<Integer> at = new TreeSet<>(series.keySet());
            at.addAll(years);
            // the values of the years without a row, by year
            Map<Integer, Map<String, Double>> absent = new TreeMap<>();
            Map<Integer, List<String>> absentLabels = new TreeMap<>();
            CityRecord first = series.firstEntry().getValue();
            for (String col : columns) {
                for (Integer y : at) {
                    CityRecord row = series.get(y);
                    if (row != null && row.values().containsKey(col)) {
                        continue;
                    }
                    Double v = fill(series, y, col, locf);
                    if (v == null) {
                        continue;
                    }
                    String label = first.city().name() + " " + y + " " + col;
                    if (row != null) {
                        filled.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(col, v);
                        imputed.add(label);
                    } else {
                        absent.computeIfAbsent(y, k -> new LinkedHashMap<>()).put(col, v);
                        absentLabels.computeIfAbsent(y, k -> new ArrayList<>()).add(label);
                    }
                }
            }
            for (Map.Entry<Integer, Map<String, Double>> e : absent.entrySet()) {
                Map.Entry<Integer, CityRecord> near = series.lowerEntry(e.getKey());
                CityRecord like = (near != null ? near : series.higherEntry(e.getKey())).getValue();
                made.add(new CityRecord(like.city(), like.row(), e.getKey(), e.getValue(), like.attributes()));
                rows.add(like.city().name() + " " + e.getKey());
                imputed.addAll(absentLabels.get(e.getKey()));
            }
        }
        List<CityRecord> out = new ArrayList<>(records.size() + made.size());
        for (CityRecord r : records) {
            Map<String, Double> add = filled.get(r);
            if (add == null) {
                out.add(r);
            } else {
                Map<String, Double> values = new LinkedHashMap<>(r.values());
                values.putAll(add);
                out.add(new CityRecord(r.city(), r.row(), r.year(), values, r.attributes()));
            }
        }
        out.addAll(made);
        return out;
    }

    /** The value of {@code col} in year {@code y} from the city's rows of other years, or null. */
    private static Double fill(TreeMap<Integer, CityRecord> series, int y, String col, boolean locf) {
        Map.Entry<Integer, CityRecord> before = series.lowerEntry(y);
        while (before != null && !before.getValue().values().containsKey(col)) {
            before = series.lowerEntry(before.getKey());
        }
        if (locf) {
            return before == null ? null : before.getValue().values().get(col);
        }
        Map.Entry<Integer, CityRecord> after = series.higherEntry(y);
        while (after != null && !after.getValue().values().containsKey(col)) {
            after = series.higherEntry(after.getKey());
        }
        if (before == null || after == null) {
            return null;
        }
        double a = before.getValue().values().get(col);
        double b = after.getValue().values().get(col);
        return a + (b - a) * (y - before.getKey()) / (double) (after.getKey() - before.getKey());
    }

    /** {@code city year} for each city with rows in some of the years but not in others. */
    static List<String> absentYears(List<CityRecord> records, List<Integer> years) {
        Map<String, TreeSet<Integer>> byCity = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (CityRecord r : records) {
            byCity.computeIfAbsent(r.city().adcode(), k -> new TreeSet<>()).add(r.year());
            names.putIfAbsent(r.city().adcode(), r.city().name());
        }
        List<String> absent = new ArrayList<>();
        byCity.forEach((adcode, has) -> {
            for (Integer y : years) {
                if (!has.contains(y)) {
                    absent.add(names.get(adcode) + " " + y);
                }
            }
        });
        return absent;
    }

    private static PanelResult series(List<EvaluationResult> results, List<EvaluationEngine.PanelYear> scores,
            List<Integer> years, PanelOptions p, List<String> imputed, List<String> warnings) {
        int n = years.size();
        // cities in the last year's order, then those only in earlier years; where each is in each year's cities
        Map<String, CityResult[]> byCity = new LinkedHashMap<>();
        Map<String, int[]> positions = new HashMap<>();
        for (int i = n - 1; i >= 0; i--) {
            List<CityResult> yearCities = results.get(i).cities();
            for (int at = 0; at < yearCities.size(); at++) {
                CityResult c = yearCities.get(at);
                byCity.computeIfAbsent(c.adcode(), k -> new CityResult[n])[i] = c;
                positions.computeIfAbsent(c.adcode(), k -> new int[n])[i] = at;
            }
        }
        // a year that returned early (a published ranking: no node scores computed) has no arrays: its cities' maps
        boolean arrays = scores.stream().allMatch(s -> s.tree != null);
        int size = arrays ? scores.get(0).tree.size() : 0;
        boolean[] seen = new boolean[size];
        int[] idOrder = new int[size];
        List<PanelCity> cities = new ArrayList<>(byCity.size());
        for (Map.Entry<String, CityResult[]> entry : byCity.entrySet()) {
            CityResult[] row = entry.getValue();
            int[] at = positions.get(entry.getKey());
            CityResult any = null;
            List<Double> totals = new ArrayList<>(n);
            List<Integer> ranks = new ArrayList<>(n);
            List<String> tiers = new ArrayList<>(n);
            // the nodes scored in any year: in the order first met, year by year (each year in the tree's order)
            java.util.Arrays.fill(seen, false);
            int ids = 0;
            Set<String> keys = arrays ? null : new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                CityResult c = row[i];
                any = any == null ? c : any;
                totals.add(c == null ? null : c.score());
                ranks.add(c == null ? null : c.rank());
                tiers.add(c == null ? null : c.tier());
                if (c != null && !arrays) {
                    keys.addAll(c.scores().keySet());
                } else if (c != null) {
                    EvaluationEngine.PanelYear year = scores.get(i);
                    int city = year.order[at[i]];
                    for (int node = 0; node < size; node++) {
                        if (!seen[node] && !Double.isNaN(year.score[node][city])) {
                            seen[node] = true;
                            idOrder[ids++] = node;
                        }
                    }
                }
            }
            Map<String, List<Double>> nodes = new LinkedHashMap<>(ids * 4 / 3 + 1);
            for (String id : arrays ? List.<String>of() : keys) {
                List<Double> s = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    s.add(row[i] == null ? null : row[i].scores().get(id));
                }
                nodes.put(id, s);
            }
            for (int k = 0; k < ids; k++) {
                int node = idOrder[k];
                List<Double> s = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    s.add(row[i] == null ? null : scores.get(i).score(node, at[i]));
                }
                nodes.put(scores.get(0).tree.nodes.get(node).id(), s);
            }
            cities.add(new PanelCity(any.adcode(), any.name(), any.province(), totals, ranks, tiers, nodes,
                    cagr(years, totals), theilSen(years, totals)));
        }
        return new PanelResult(results.get(n - 1).model(), years, p.normalisation(), p.imputation(), cities, imputed,
                warnings);
    }

    /** {@code (last/first)^(1/years between) − 1} over the first and last years with a total; null if undefined. */
    static Double cagr(List<Integer> years, List<Double> values) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0 || first == last || values.get(first) <= 0 || values.get(last) < 0) {
            return null;
        }
        double span = years.get(last) - years.get(first);
        return Numbers.round(Math.pow(values.get(last) / values.get(first), 1 / span) - 1, 6);
    }

    /** Theil–Sen slope: the median of the slopes between every two years with a value; null with fewer than two. */
    static Double theilSen(List<Integer> years, List<Double> values) {
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            for (int j = i + 1; j < values.size(); j++) {
                if (values.get(i) != null && values.get(j) != null) {
                    slopes.add((values.get(j) - values.get(i)) / (years.get(j) - years.get(i)));
                }
            }
        }
        if (slopes.isEmpty()) {
            return null;
        }
        double[] s = slopes.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        int m = s.length;
        double median = m % 2 == 1 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
        return Numbers.round(median, 6);
    }
}
