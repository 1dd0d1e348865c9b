package org.cityeval.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.result.TreatedValue;

/**
 * Outlier treatment of a leaf's raw values before scoring, as COINr 1.1.14's {@code Treat()} does it, one
 * indicator at a time after missing-data imputation (NaN stays missing and takes no part):
 * <ul>
 * <li>{@code winsorise} (COINr's default, {@code Treat.numeric} with {@code f1 = winsorise},
 * {@code f2 = log_CT}, {@code f_pass = check_SkewKurt}): a column passes when |skewness| &lt; {@code skew} (2)
 * or kurtosis &lt; {@code kurtosis} (3.5); a failing one is winsorised — while it fails and fewer than
 * {@code winmax} (5) points are winsorised, on the side of the skew (high when skewness ≥ 0) every point
 * holding the most extreme value takes the next value inward, the count being COINr's (the points set at the
 * last high step plus those at the last low step); a column still failing gets {@code then} applied to its
 * <em>original</em> values: {@code log} (default), {@code box-cox} (with {@code lambda}) or {@code none}
 * (keep the winsorised values). Where the statistics are undefined (fewer than 4 values, no spread) the
 * column is left untreated, as COINr does.</li>
 * <li>{@code log}: COINr's {@code log_CT}, ln(x − min + 0.01 (max − min)), for every column.</li>
 * <li>{@code box-cox}: COINr's {@code boxcox(x, lambda)}: y = x − min + 1, then (y^λ − 1)/λ (ln y for λ = 0).</li>
 * <li>{@code none}.</li>
 * </ul>
 * Skewness and kurtosis are COINr's {@code skew()} and {@code kurt()} (e1071 type 2, Excel's SKEW and KURT).
 * The method comes from the run ({@code --treat}), else from the leaf's binding when the value comes through
 * it, else from the leaf (its descriptor's {@code treatment}, or the model's {@code defaults.treatment}).
 */
public final class OutlierTreatment {
    public static final String NONE = "none";
    public static final String WINSORISE = "winsorise";
    public static final String LOG = "log";
    public static final String BOX_COX = "box-cox";
    static final List<String> METHODS = List.of(WINSORISE, LOG, BOX_COX, NONE);

    private OutlierTreatment() {
    }

    /** One column's treatment: the values and, per value, what was done (null: unchanged). */
    public record Treated(double[] values, String[] how, String summary) {
    }

    /**
     * Parses a run's option: {@code winsorise}, {@code winsorise:N} (winmax), {@code log}, {@code box-cox:LAMBDA},
     * {@code none}.
     *
     * @return the treatment, or {@code null} for a null or blank option (the model's own)
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static RuleRef parseOption(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String method = colon < 0 ? t : t.substring(0, colon).trim();
        String arg = colon < 0 ? null : t.substring(colon + 1).trim();
        if (method.equals("winsorize")) {
            method = WINSORISE;
        }
        if (method.equals("boxcox")) {
            method = BOX_COX;
        }
        String forms = "winsorise, winsorise:WINMAX, log, box-cox:LAMBDA or none";
        try {
            switch (method) {
            case WINSORISE:
                return arg == null ? new RuleRef(WINSORISE, Map.of())
                        : new RuleRef(WINSORISE, Map.of("winmax", Long.parseLong(arg)));
            case BOX_COX:
                if (arg == null) {
                    throw new IllegalArgumentException("treatment '" + text + "': box-cox needs its lambda, e.g. box-cox:0.5");
                }
                return new RuleRef(BOX_COX, Map.of("lambda", Double.parseDouble(arg)));
            case LOG, NONE:
                if (arg != null) {
                    throw new IllegalArgumentException("treatment '" + text + "': " + method + " takes no value; use " + forms);
                }
                return new RuleRef(method, Map.of());
            default:
                throw new IllegalArgumentException("treatment '" + text + "' is not known; use " + forms);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("treatment '" + text + "': '" + arg + "' is not a number; use " + forms);
        }
    }

    /** The parameters each method accepts (the descriptor's {@code treatment} is checked against them). */
    public static List<String> parameters(String method) {
        return switch (method) {
        case WINSORISE -> List.of("winmax", "skew", "kurtosis", "then", "lambda");
        case BOX_COX -> List.of("lambda");
        default -> List.of();
        };
    }

    /**
     * Treats every scored leaf the run or the model asks to treat, in place in {@code prep.raw}.
     *
     * @param option   the run's treatment ({@link #parseOption}), or null for the model's own
     * @param warnings receives one line per treated indicator
     * @return the changed values, in model then data order
     */
    static List<TreatedValue> apply(EvaluationModel model, Preparation prep, String option, List<String> warnings)
            throws BadInputException {
        RuleRef run;
        try {
            run = parseOption(option);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(model.id(), null, e.getMessage());
        }
        List<TreatedValue> out = new ArrayList<>();
        EvaluationEngine.Tree tree = prep.tree;
        for (int node = 0; node < tree.size(); node++) {
            Indicator ind = tree.nodes.get(node);
            RuleRef spec = spec(ind, prep.bound[node], run);
            if (spec == null || prep.raw[node] == null) {
                continue;
            }
            Treated t;
            try {
                t = treat(prep.raw[node], spec);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(model.id(), ind.id(), "treatment: " + e.getMessage());
            }
            if (t.summary() != null) {
                warnings.add("treatment of " + ind.id() + ": " + t.summary());
            }
            for (int c = 0; c < t.values().length; c++) {
                if (t.how()[c] != null) {
                    City city = prep.records.get(c).city();
                    out.add(new TreatedValue(ind.id(), city.adcode(), city.name(), prep.raw[node][c], t.values()[c],
                            t.how()[c]));
                }
            }
            prep.raw[node] = t.values();
        }
        return out;
    }

    /**
     * Treats, in place, the columns of a panel's stacked values (one array per node, all years' cities) as
     * {@link #apply} treats one year's: the run's treatment, else the binding's, else the leaf's.
     *
     * @param prep    one year's preparation of the same model and data (which leaves are bound)
     * @param where   how the warnings say where the treatment ran, e.g. "over the panel 2019–2023"
     * @return one line per treated indicator
     */
    static List<String> applyToColumns(EvaluationModel model, Preparation prep, String option, double[][] values,
            String where) throws BadInputException {
        RuleRef run;
        try {
            run = parseOption(option);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(model.id(), null, e.getMessage());
        }
        List<String> lines = new ArrayList<>();
        EvaluationEngine.Tree tree = prep.tree;
        for (int node = 0; node < tree.size(); node++) {
            RuleRef spec = spec(tree.nodes.get(node), prep.bound[node], run);
            if (spec == null || values[node] == null) {
                continue;
            }
            Treated t;
            try {
                t = treat(values[node], spec);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(model.id(), tree.nodes.get(node).id(), "treatment: " + e.getMessage());
            }
            lines.add("treatment of " + tree.nodes.get(node).id() + " " + where + ": "
                    + (t.summary() != null ? t.summary() : spec.rule()));
            values[node] = t.values();
        }
        return lines;
    }

    /** The treatment of a scored leaf: the run's, else the binding's (when the value comes through it), else its own. */
    private static RuleRef spec(Indicator ind, boolean bound, RuleRef run) {
        if (!ind.leaf() || ind.level() == 0) {
            return null;
        }
        RuleRef spec = run;
        if (spec == null && bound && ind.binding() != null) {
            spec = ind.binding().treatment();
        }
        if (spec == null) {
            spec = ind.treatment();
        }
        return spec == null || spec.rule().equals(NONE) ? null : spec;
    }

    /** Treats one column (not changed) as {@code spec} says. */
    public static Treated treat(double[] x, RuleRef spec) {
        Map<String, Object> p = spec.parameters();
        String context = spec.rule();
        switch (spec.rule()) {
        case NONE:
            return new Treated(x.clone(), new String[x.length], null);
        case LOG:
            RuleParameters.allowOnly(p, context);
            return transformed(x, logCT(x), LOG, "log: ln(x − min + 0.01 (max − min))");
        case BOX_COX: {
            RuleParameters.allowOnly(p, context, "lambda");
            double lambda = RuleParameters.requiredNumber(p, "lambda", context, ", e.g. 0.5 (0 is the log)");
            return transformed(x, boxCox(x, lambda), boxCoxName(lambda), boxCoxName(lambda) + " of x − min + 1");
        }
        case WINSORISE:
            return winsorise(x, p);
        default:
            throw new IllegalArgumentException("'" + spec.rule() + "' is not a treatment; use one of "
                    + String.join(", ", METHODS));
        }
    }

    private static String boxCoxName(double lambda) {
        return "box-cox λ=" + Numbers.plain(lambda);
    }

    private static Treated transformed(double[] x, double[] y, String how, String summary) {
        String[] h = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            h[i] = Double.isNaN(x[i]) ? null : how;
        }
        return new Treated(y, h, summary);
    }

    private static Treated winsorise(double[] x, Map<String, Object> p) {
        String context = WINSORISE;
        RuleParameters.allowOnly(p, context, parameters(WINSORISE).toArray(String[]::new));
        Double wm = RuleParameters.number(p, "winmax", context);
        if (wm != null && (wm < 0 || wm != Math.rint(wm))) {
            throw new IllegalArgumentException(context + ": parameter 'winmax' must be a whole number ≥ 0, not "
                    + Numbers.plain(wm));
        }
        int winmax = wm == null ? 5 : wm.intValue();
        Double sk = RuleParameters.number(p, "skew", context);
        Double ku = RuleParameters.number(p, "kurtosis", context);
        double skew = sk == null ? 2 : sk;
        double kurt = ku == null ? 3.5 : ku;
        String then = RuleParameters.choice(p, "then", LOG, context, LOG, BOX_COX, NONE);
        Double lambda = RuleParameters.number(p, "lambda", context);
        if (then.equals(BOX_COX) && lambda == null) {
            throw new IllegalArgumentException(context + ": 'then': 'box-cox' needs the parameter 'lambda'");
        }
        double[] st = new double[2];
        Boolean pass = passes(x, skew, kurt, st);
        if (pass == null || pass) {
            return new Treated(x.clone(), new String[x.length], null);
        }
        double skew0 = st[0];
        double kurt0 = st[1];
        double[] w = x.clone();
        int highCount = 0;
        int lowCount = 0;
        int nwin = 0;
        while (!pass && nwin < winmax) {
            boolean high = st[0] >= 0;
            int count = winsoriseStep(w, high);
            if (high) {
                highCount = count;
            } else {
                lowCount = count;
            }
            nwin = highCount + lowCount;
            pass = passes(w, skew, kurt, st);
            if (pass == null) {
                // COINr: an undefined test during treatment returns the column untreated
                return new Treated(x.clone(), new String[x.length], null);
            }
        }
        String before = "skew " + Numbers.plain(Numbers.round(skew0, 2)) + ", kurtosis "
                + Numbers.plain(Numbers.round(kurt0, 2));
        if (pass || then.equals(NONE)) {
            String[] h = new String[x.length];
            int changed = 0;
            for (int i = 0; i < x.length; i++) {
                if (w[i] != x[i] && !Double.isNaN(x[i])) {
                    h[i] = w[i] < x[i] ? "winsorised high" : "winsorised low";
                    changed++;
                }
            }
            return new Treated(w, h, "winsorised " + changed + " value" + (changed == 1 ? "" : "s") + " (" + before
                    + " → skew " + Numbers.plain(Numbers.round(st[0], 2)) + ", kurtosis "
                    + Numbers.plain(Numbers.round(st[1], 2)) + (pass ? "" : ", still beyond the thresholds") + ")");
        }
        if (then.equals(BOX_COX)) {
            return transformed(x, boxCox(x, lambda), boxCoxName(lambda), boxCoxName(lambda) + " of x − min + 1 ("
                    + before + "; winsorising " + winmax + " points was not enough)");
        }
        return transformed(x, logCT(x), LOG, "log: ln(x − min + 0.01 (max − min)) (" + before + "; winsorising "
                + winmax + " points was not enough)");
    }

    /**
     * One step of COINr's winsorisation: every value equal to the highest (or lowest) is set to the next one in.
     *
     * @return how many values were moved
     */
    public static int winsoriseStep(double[] w, boolean high) {
        double extreme = high ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (double v : w) {
            if (!Double.isNaN(v)) {
                extreme = high ? Math.max(extreme, v) : Math.min(extreme, v);
            }
        }
        double next = high ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int count = 0;
        for (double v : w) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (v == extreme) {
                count++;
            } else {
                next = high ? Math.max(next, v) : Math.min(next, v);
            }
        }
        for (int i = 0; i < w.length; i++) {
            if (w[i] == extreme) {
                w[i] = next;
            }
        }
        return count;
    }

    /** COINr's {@code log_CT}: ln(x − min + 0.01 (max − min)). */
    public static double[] logCT(double[] x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Double.isNaN(x[i]) ? Double.NaN : Math.log(x[i] - min + 0.01 * (max - min));
        }
        return out;
    }

    /** COINr's {@code boxcox(x, lambda, makepos = TRUE)}: y = x − min + 1, (y^λ − 1)/λ, ln y for λ = 0. */
    public static double[] boxCox(double[] x, double lambda) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
            }
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double y = x[i] - min + 1;
            out[i] = Double.isNaN(x[i]) ? Double.NaN : lambda == 0 ? Math.log(y) : (Math.pow(y, lambda) - 1) / lambda;
        }
        return out;
    }

    /**
     * COINr's {@code check_SkewKurt}.
     *
     * @param stats receives skewness and kurtosis
     * @return whether the column passes, or null where the statistics are undefined
     */
    static Boolean passes(double[] x, double skewLimit, double kurtLimit, double[] stats) {
        if (!moments(x, stats)) {
            return null;
        }
        return Math.abs(stats[0]) < skewLimit || stats[1] < kurtLimit;
    }

    /** COINr's {@code skew()} and {@code kurt()} of the values that are not NaN; false with fewer than 4 or no spread. */
    static boolean moments(double[] x, double[] out) {
        int n = 0;
        double mean = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                mean += v;
                n++;
            }
        }
        if (n < 4) {
            return false;
        }
        mean /= n;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                double d = v - mean;
                double d2 = d * d;
                s2 += d2;
                s3 += d2 * d;
                s4 += d2 * d2;
            }
        }
        if (!(s2 > 0) || !Double.isFinite(s4)) {
            return false;
        }
        double g1 = Math.sqrt(n) * s3 / Math.pow(s2, 1.5);
        out[0] = g1 * Math.sqrt((double) n * (n - 1)) / (n - 2);
        double r = n * s4 / (s2 * s2);
        out[1] = ((n + 1) * (r - 3) + 6) * (n - 1) / ((double) (n - 2) * (n - 3));
        return true;
    }
}
