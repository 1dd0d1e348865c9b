package org.cityeval.data.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.Variable;
import org.cityeval.api.data.VariableCatalog;
import org.cityeval.api.result.QualityIssue;
import org.cityeval.api.result.QualityReport;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.api.service.DataQuality;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The data-quality report. Four checks, each reported with its threshold in {@link QualityReport#checks()};
 * nothing in the data is changed.
 * <ol>
 * <li>{@code impossible}: a value outside the bounds the {@link VariableCatalog} gives its variable — below 0
 * for {@code nonnegative}, below 0 or above 1 for {@code share} — or a value that is not a finite number.</li>
 * <li>{@code jump}: for each city and variable with values in two consecutive years,
 * {@code |x_t / x_(t-1) - 1| > 0.5}; skipped when {@code x_(t-1) = 0}.</li>
 * <li>{@code disagreement}: for variables the catalogue declares {@code sameAs}, the two values of one city
 * and year differ by more than 5% of the larger: {@code |a - b| / max(|a|, |b|) > 0.05}.</li>
 * <li>{@code outliers}: the JRC rule used by COINr, per variable and year: {@code |skewness| > 2} AND
 * {@code kurtosis > 3.5}, reported with both statistics and the three most extreme cities.</li>
 * <li>{@code source} (only for a data pack whose bundle names its source files, see {@link PackSources}): rows of
 * the source files the pack's derived variables come from that the derivation cannot use or that look wrong —
 * a designation of a place that is not a registry city, an institution whose city does not resolve,
 * duplicates, unknown designations — each with its file and line.</li>
 * </ol>
 * <h2>Which skewness and kurtosis</h2>
 * COINr's {@code check_SkewKurt()} and {@code get_stats()} call COINr's own {@code skew()} and {@code kurt()}
 * (R/treat.R), which are, as their documentation says, taken from {@code e1071::skewness()} and
 * {@code e1071::kurtosis()} with {@code type = 2} — the bias-adjusted sample estimators of Excel's
 * {@code SKEW}/{@code KURT}, SAS and SPSS. With the population central moments
 * {@code m_k = (1/n) Σ (x_i - mean)^k}, {@code g1 = m3 / m2^1.5} and {@code g2 = m4 / m2^2 - 3}:
 * <pre>
 *   skewness G1 = g1 · sqrt(n (n - 1)) / (n - 2)                       (needs n ≥ 3)
 *   kurtosis G2 = ((n + 1) g2 + 6) · (n - 1) / ((n - 2) (n - 3))        (excess kurtosis; needs n ≥ 4)
 * </pre>
 * These are what this check compares with the thresholds, so that a variable flagged here is flagged by
 * COINr on the same values. The population values g1 and g2 are printed beside them. (For the 300-odd
 * cities of a year the two definitions differ by less than 2%; on small samples G1 and G2 are markedly
 * larger than g1 and g2.)
 */
@Component(service = DataQuality.class)
public class DataQualityService implements DataQuality {
    static final double JUMP = 0.5;
    static final double DISAGREEMENT = 0.05;
    static final double SKEW = 2.0;
    static final double KURTOSIS = 3.5;
    static final int EXTREME_CITIES = 3;

    private final VariableCatalog catalog;
    /** The data packs, to find a pack's source files (the extender of this bundle); optional. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DataPackCatalog packs;
    /** The city registry the source files' places resolve against; optional. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile CityRegistry registry;

    @Activate
    public DataQualityService(@Reference VariableCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public QualityReport check(CityDataset data) {
        Map<String, Variable> vars = new LinkedHashMap<>();
        List<String> uncatalogued = new ArrayList<>();
        for (String col : data.valueColumns()) {
            Optional<Variable> v = catalog.find(col);
            if (v.isPresent()) {
                vars.put(col, v.get());
            } else {
                uncatalogued.add(col);
            }
        }
        List<String> checks = new ArrayList<>();
        List<QualityIssue> issues = new ArrayList<>();
        impossible(data, vars, uncatalogued, checks, issues);
        jumps(data, checks, issues);
        disagreements(data, vars, checks, issues);
        conflicts(data, checks, issues);
        outliers(data, checks, issues);
        sources(data, checks, issues);
        return new QualityReport(data.source(), data.records().size(), List.copyOf(checks), List.copyOf(issues));
    }

    // --- (a) impossible values --------------------------------------------------------------------------

    private static void impossible(CityDataset data, Map<String, Variable> vars, List<String> uncatalogued,
            List<String> checks, List<QualityIssue> issues) {
        List<String> bounded = vars.values().stream().filter(v -> v.bounds() != null)
                .map(v -> v.id() + " (" + v.bounds() + ")").toList();
        checks.add("impossible values: a value below 0 where the catalogue bounds the variable as 'nonnegative', "
                + "below 0 or above 1 where it bounds it as 'share', or any value that is not a finite number. "
                + "Bounded here: " + (bounded.isEmpty() ? "none" : String.join(", ", bounded))
                + (uncatalogued.isEmpty() ? "" : "; not in the variable catalogue, so not bounds-checked: "
                        + String.join(", ", uncatalogued)) + ".");
        for (CityRecord r : data.records()) {
            for (String col : data.valueColumns()) {
                Double x = r.values().get(col);
                if (x == null) {
                    continue;
                }
                String bounds = vars.containsKey(col) ? vars.get(col).bounds() : null;
                String why = null;
                if (!Double.isFinite(x)) {
                    why = "value " + x + " is not a finite number";
                } else if ("nonnegative".equals(bounds) && x < 0) {
                    why = "value " + fmt(x) + " is negative; the catalogue bounds " + col + " as nonnegative";
                } else if ("share".equals(bounds) && (x < 0 || x > 1)) {
                    why = "value " + fmt(x) + " is " + (x < 0 ? "below 0" : "above 1") + "; the catalogue bounds "
                            + col + " as a share (0..1)";
                }
                if (why != null) {
                    issues.add(issue("impossible", col, r, r.year(), why + " (row " + r.row() + ")"));
                }
            }
        }
    }

    // --- (b) year-on-year jumps -------------------------------------------------------------------------

    private static void jumps(CityDataset data, List<String> checks, List<QualityIssue> issues) {
        Map<String, TreeMap<Integer, CityRecord>> byCity = new LinkedHashMap<>();
        int withoutYear = 0;
        int duplicates = 0;
        for (CityRecord r : data.records()) {
            if (r.year() == null) {
                withoutYear++;
                continue;
            }
            if (byCity.computeIfAbsent(r.city().adcode(), k -> new TreeMap<>()).putIfAbsent(r.year(), r) != null) {
                duplicates++;
            }
        }
        checks.add(String.format(Locale.ROOT, "year-on-year jumps: for each city and variable with values in two "
                + "consecutive years, |x_t / x_(t-1) - 1| > %s (a change beyond ±%s%%); skipped when x_(t-1) = 0",
                fmt(JUMP), fmt(JUMP * 100))
                + (byCity.isEmpty() ? "; not run: the data have no years" : "")
                + (withoutYear > 0 && !byCity.isEmpty() ? "; " + withoutYear + " record(s) without a year left out" : "")
                + (duplicates > 0 ? "; " + duplicates + " repeated city-year record(s) left out (the first counts)" : "")
                + ".");
        for (TreeMap<Integer, CityRecord> years : byCity.values()) {
            for (String col : data.valueColumns()) {
                for (Map.Entry<Integer, CityRecord> e : years.entrySet()) {
                    CityRecord prev = years.get(e.getKey() - 1);
                    if (prev == null) {
                        continue;
                    }
                    Double a = prev.values().get(col);
                    Double b = e.getValue().values().get(col);
                    if (a == null || b == null || a == 0 || !Double.isFinite(a) || !Double.isFinite(b)) {
                        continue;
                    }
                    double change = b / a - 1;
                    if (Math.abs(change) > JUMP) {
                        issues.add(issue("jump", col, e.getValue(), e.getKey(), String.format(Locale.ROOT,
                                "%s in %d after %s in %d: %+.1f%% (threshold ±%s%%)", fmt(b), e.getKey(), fmt(a),
                                e.getKey() - 1, change * 100, fmt(JUMP * 100))));
                    }
                }
            }
        }
    }

    // --- (c) disagreement between sameAs variables --------------------------------------------------------

    private static void disagreements(CityDataset data, Map<String, Variable> vars, List<String> checks,
            List<QualityIssue> issues) {
        List<String[]> pairs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Variable v : vars.values()) {
            for (String other : v.sameAs()) {
                if (!data.valueColumns().contains(other)) {
                    continue;
                }
                String key = v.id().compareTo(other) < 0 ? v.id() + "\n" + other : other + "\n" + v.id();
                if (seen.add(key)) {
                    pairs.add(new String[] { v.id(), other });
                }
            }
        }
        checks.add(String.format(Locale.ROOT, "disagreement between sources of one quantity (catalogue sameAs): "
                + "|a - b| / max(|a|, |b|) > %s (more than %s%% of the larger) for one city and year. Pairs: %s.",
                fmt(DISAGREEMENT), fmt(DISAGREEMENT * 100),
                pairs.isEmpty() ? "none in these data" : String.join(", ", pairs.stream().map(p -> p[0] + " ~ " + p[1]).toList())));
        for (CityRecord r : data.records()) {
            for (String[] p : pairs) {
                Double a = r.values().get(p[0]);
                Double b = r.values().get(p[1]);
                if (a == null || b == null || !Double.isFinite(a) || !Double.isFinite(b)) {
                    continue;
                }
                double larger = Math.max(Math.abs(a), Math.abs(b));
                if (larger == 0) {
                    continue;
                }
                double rel = Math.abs(a - b) / larger;
                if (rel > DISAGREEMENT) {
                    issues.add(issue("disagreement", p[0], r, r.year(), String.format(Locale.ROOT,
                            "%s = %s but %s = %s: they differ by %.1f%% of the larger (threshold %s%%)", p[0], fmt(a),
                            p[1], fmt(b), rel * 100, fmt(DISAGREEMENT * 100))));
                }
            }
        }
    }

    // --- (c') conflicts between the merged inputs of one dataset -------------------------------------------

    /**
     * A dataset merged from several inputs ({@code --data form.xlsx+pack:china-cities}) keeps the first input's value
     * and lists the later inputs' values beyond the merge's tolerance: each is a {@code conflict}, reported as a
     * disagreement between sources is. Data read from one input have none, and the check is not listed.
     */
    private static void conflicts(CityDataset data, List<String> checks, List<QualityIssue> issues) {
        List<String> inputs = data.sources().inputs();
        if (inputs.size() < 2 && data.sources().conflicts().isEmpty()) {
            return;
        }
        checks.add("conflict between merged sources (" + String.join(", ", inputs) + ", the first wins): a later"
                + " source's value of one city, year and variable differing from the kept one by more than the merge's"
                + " tolerance.");
        for (org.cityeval.api.data.SourceConflict c : data.sources().conflicts()) {
            issues.add(new QualityIssue("conflict", c.column(), c.city().name(), c.city().adcode(), c.year(),
                    String.format(Locale.ROOT, "%s = %s from %s (%s) but %s from %s (%s): they differ by %.1f%% of the"
                            + " larger; the first is kept", c.column(), fmt(c.kept()), c.keptFrom().input(),
                            c.keptFrom().position(), fmt(c.other()), c.from().input(), c.from().position(),
                            c.relativeDifference() * 100)));
        }
    }

    // --- (d) outliers by skewness and kurtosis ----------------------------------------------------------

    /**
     * Moments of a sample.
     *
     * @param n    the number of values
     * @param mean the mean
     * @param sd   the sample standard deviation (n - 1)
     * @param g1   population skewness m3 / m2^1.5
     * @param g2   population excess kurtosis m4 / m2^2 - 3
     * @param skew the bias-adjusted skewness G1 (e1071 type 2, COINr {@code skew()})
     * @param kurt the bias-adjusted excess kurtosis G2 (e1071 type 2, COINr {@code kurt()})
     */
    record Moments(int n, double mean, double sd, double g1, double g2, double skew, double kurt) {
        boolean outliers() {
            return Math.abs(skew) > SKEW && kurt > KURTOSIS;
        }
    }

    /** @return the moments, or {@code null} with fewer than 4 values or no spread */
    static Moments moments(double[] x) {
        int n = x.length;
        if (n < 4) {
            return null;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double m2 = 0, m3 = 0, m4 = 0;
        for (double v : x) {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        if (m2 == 0 || !Double.isFinite(m4)) {
            return null;
        }
        double g1 = m3 / Math.pow(m2, 1.5);
        double g2 = m4 / (m2 * m2) - 3;
        double skew = g1 * Math.sqrt((double) n * (n - 1)) / (n - 2);
        double kurt = ((n + 1) * g2 + 6) * (n - 1) / ((double) (n - 2) * (n - 3));
        return new Moments(n, mean, Math.sqrt(m2 * n / (n - 1)), g1, g2, skew, kurt);
    }

    private static void outliers(CityDataset data, List<String> checks, List<QualityIssue> issues) {
        checks.add(String.format(Locale.ROOT, "outliers (the JRC rule as in COINr's check_SkewKurt/get_stats), per "
                + "variable and year: |skewness| > %s AND kurtosis > %s, with COINr's estimators (e1071 type 2, "
                + "Excel SKEW/KURT: G1 = g1·sqrt(n(n-1))/(n-2), excess kurtosis G2 = ((n+1)g2+6)(n-1)/((n-2)(n-3)), "
                + "g1 = m3/m2^1.5, g2 = m4/m2^2 - 3); needs at least 4 values; the %d cities farthest from the mean "
                + "are named.", fmt(SKEW), fmt(KURTOSIS), EXTREME_CITIES));
        // year -> records, years in ascending order, data without years as one group
        Map<Integer, List<CityRecord>> byYear = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (CityRecord r : data.records()) {
            byYear.computeIfAbsent(r.year(), k -> new ArrayList<>()).add(r);
        }
        for (String col : data.valueColumns()) {
            for (Map.Entry<Integer, List<CityRecord>> e : byYear.entrySet()) {
                List<CityRecord> withValue = e.getValue().stream().filter(r -> {
                    Double v = r.values().get(col);
                    return v != null && Double.isFinite(v);
                }).toList();
                double[] x = withValue.stream().mapToDouble(r -> r.values().get(col)).toArray();
                Moments m = moments(x);
                if (m == null || !m.outliers()) {
                    continue;
                }
                List<CityRecord> extreme = withValue.stream()
                        .sorted(Comparator.comparingDouble((CityRecord r) -> -Math.abs(r.values().get(col) - m.mean())))
                        .limit(EXTREME_CITIES).toList();
                List<String> named = extreme.stream().map(r -> String.format(Locale.ROOT, "%s %s %s (z = %+.1f)",
                        r.city().name(), r.city().adcode(), fmt(r.values().get(col)),
                        (r.values().get(col) - m.mean()) / m.sd())).toList();
                issues.add(new QualityIssue("outliers", col, null, null, e.getKey(), String.format(Locale.ROOT,
                        "n = %d, skewness %.2f, kurtosis %.2f (thresholds |skewness| > %s and kurtosis > %s; "
                                + "population g1 = %.2f, g2 = %.2f); most extreme: %s",
                        m.n(), m.skew(), m.kurt(), fmt(SKEW), fmt(KURTOSIS), m.g1(), m.g2(), String.join("; ", named))));
            }
        }
    }

    // --- (e) the source files of a pack's derived variables ----------------------------------------------

    private void sources(CityDataset data, List<String> checks, List<QualityIssue> issues) {
        DataPackCatalog catalogue = packs;
        CityRegistry cities = registry;
        if (!(catalogue instanceof DataPackExtender extender) || cities == null) {
            return;
        }
        // a pack is read as "bundle/entry" (the workflow's reader names it so)
        DataPackCatalog.DataPack pack = catalogue.packs().stream()
                .filter(p -> data.source().equals(p.bundle() + "/" + p.file())
                        || data.source().equals("pack:" + p.name()))
                .findFirst().orElse(null);
        List<PackSources.SourceFile> files = pack == null ? List.of() : extender.sources(pack.name());
        if (files.isEmpty()) {
            return;
        }
        checks.add("source files of the pack's derived variables: " + String.join(", ", files.stream()
                .map(f -> f.shownAs() + " (" + f.kind() + ")").toList()) + ". Listed with file and line: a row whose "
                + "place is not a city of the registry (not counted), duplicates, unknown designations or levels, "
                + "years that are not years, a designation without its notice's URL.");
        PackSources.Places places = new PackSources.Places(cities.cities());
        for (PackSources.SourceFile f : files) {
            try (java.io.Reader in = new java.io.InputStreamReader(f.url().openStream(),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                issues.addAll(PackSources.DESIGNATIONS.equals(f.kind())
                        ? PackSources.designations(f.shownAs(), in, places)
                        : PackSources.institutions(f.shownAs(), in, places));
            } catch (java.io.IOException e) {
                issues.add(new QualityIssue(PackSources.KIND, null, null, null, null,
                        f.shownAs() + ": cannot be read: " + e.getMessage()));
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static QualityIssue issue(String kind, String variable, CityRecord r, Integer year, String detail) {
        return new QualityIssue(kind, variable, r.city().name(), r.city().adcode(), year, detail);
    }

    /** Plain notation, no trailing zeros, 8 significant digits but never fewer than the integer digits. */
    static String fmt(double x) {
        if (!Double.isFinite(x)) {
            return String.valueOf(x);
        }
        BigDecimal d = BigDecimal.valueOf(x);
        int integerDigits = Math.max(0, d.precision() - d.scale());
        return d.round(new MathContext(Math.max(8, integerDigits))).stripTrailingZeros().toPlainString();
    }
}
