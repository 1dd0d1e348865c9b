package org.cityeval.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.model.RuleRef;
import org.junit.jupiter.api.Test;

/**
 * COINr 1.1.14 parity on its ASEM example (51 countries, 49 indicators) for outlier treatment, Box-Cox,
 * generalised mean and Copeland: the reference values are COINr's own, computed by
 * {@code itests/src/test/resources/coinr/asem-reference.R} (its README says which R call wrote which file); the
 * raw data are the COINr bundle's copy of {@code ASEM_iData}/{@code ASEM_iMeta}. Everything to 1e-6.
 */
class CoinrTreatAggregateParityTest {
    static final Path REF = Path.of("../../itests/src/test/resources/coinr");
    static final Path ASEM = Path.of("../org.cityeval.coinr/src/test/resources/coinr-asem");
    static final double TOL = 1e-6;

    /** qTreat(coin, dset = "Raw", winmax = 5, skew_thresh = 2, kurt_thresh = 3.5, f2 = "log_CT"): every value. */
    @Test
    void defaultTreatmentOfTheRawIndicators() throws IOException {
        Map<String, Map<String, String>> raw = byUnit(rows(ASEM.resolve("asem_iData.csv")));
        Map<String, Map<String, String>> treated = byUnit(rows(REF.resolve("asem-treated-values.csv")));
        Map<String, Map<String, String>> points = byUnit(rows(REF.resolve("asem-treatment-points.csv")));
        List<String> units = new ArrayList<>(treated.keySet());
        List<String> indicators = indicators();
        assertEquals(49, indicators.size());
        assertEquals(51, units.size());
        int winsorised = 0;
        int columnsTreated = 0;
        for (String ind : indicators) {
            double[] x = new double[units.size()];
            for (int u = 0; u < x.length; u++) {
                x[u] = number(raw.get(units.get(u)).get(ind));
            }
            OutlierTreatment.Treated t = OutlierTreatment.treat(x, new RuleRef("winsorise", Map.of()));
            columnsTreated += t.summary() == null ? 0 : 1;
            for (int u = 0; u < x.length; u++) {
                String unit = units.get(u);
                double expected = number(treated.get(unit).get(ind));
                String where = ind + " of " + unit;
                if (Double.isNaN(expected)) {
                    assertTrue(Double.isNaN(t.values()[u]), where);
                } else {
                    assertEquals(expected, t.values()[u], TOL * Math.max(1, Math.abs(expected)), where);
                }
                // COINr marks the points of its last winsorising step on each side; each of them changed here too
                String mark = points.get(unit).getOrDefault(ind, "");
                if (mark.equals("winhi")) {
                    assertEquals("winsorised high", t.how()[u], where);
                } else if (mark.equals("winlo")) {
                    assertEquals("winsorised low", t.how()[u], where);
                }
                winsorised += t.how()[u] != null && t.how()[u].startsWith("winsorised") ? 1 : 0;
            }
        }
        // COINr: 18 indicators fail the first check, all pass after winsorising (no log fallback on these data)
        assertEquals(18, columnsTreated);
        assertTrue(winsorised >= 30, "at least COINr's 29 winhi + 1 winlo marks: " + winsorised);
    }

    /** The skewness and kurtosis COINr's check_SkewKurt reports before and after, and its winsorised count. */
    @Test
    void skewAndKurtosisAsCoinrReportsThem() throws IOException {
        Map<String, Map<String, String>> raw = byUnit(rows(ASEM.resolve("asem_iData.csv")));
        List<String> units = new ArrayList<>(raw.keySet());
        for (Map<String, String> d : rows(REF.resolve("asem-treatment-details.csv"))) {
            String ind = d.get("iCode");
            double[] x = new double[units.size()];
            for (int u = 0; u < x.length; u++) {
                x[u] = number(raw.get(units.get(u)).get(ind));
            }
            double[] s = new double[2];
            Boolean pass = OutlierTreatment.passes(x, 2, 3.5, s);
            assertEquals(Boolean.valueOf(d.get("check_SkewKurt0.Pass")), pass, ind);
            assertEquals(number(d.get("check_SkewKurt0.Skew")), s[0], TOL, ind);
            assertEquals(number(d.get("check_SkewKurt0.Kurt")), s[1], TOL, ind);
            if (!pass) {
                double[] y = OutlierTreatment.treat(x, new RuleRef("winsorise", Map.of())).values();
                assertEquals(Boolean.valueOf(d.get("check_SkewKurt1.Pass")), OutlierTreatment.passes(y, 2, 3.5, s), ind);
                assertEquals(number(d.get("check_SkewKurt1.Skew")), s[0], TOL, ind);
                assertEquals(number(d.get("check_SkewKurt1.Kurt")), s[1], TOL, ind);
            }
        }
    }

    /** boxcox(x, lambda, makepos = TRUE, na.rm = TRUE) of raw Goods, Services, FDI for λ = 0, 0.5, 2. */
    @Test
    void boxCox() throws IOException {
        Map<String, Map<String, String>> raw = byUnit(rows(ASEM.resolve("asem_iData.csv")));
        List<Map<String, String>> ref = rows(REF.resolve("asem-boxcox.csv"));
        int checked = 0;
        for (String ind : List.of("Goods", "Services", "FDI")) {
            for (String lambda : List.of("0", "0.5", "2")) {
                double[] x = new double[ref.size()];
                for (int u = 0; u < x.length; u++) {
                    x[u] = number(raw.get(ref.get(u).get("uCode")).get(ind));
                }
                double l = Double.parseDouble(lambda);
                RuleRef spec = new RuleRef("box-cox", Map.of("lambda", l));
                double[] y = OutlierTreatment.treat(x, spec).values();
                for (int u = 0; u < x.length; u++) {
                    double expected = number(ref.get(u).get(ind + "_lambda" + lambda));
                    assertEquals(expected, y[u], TOL * Math.max(1, Math.abs(expected)), ind + " λ " + lambda + " of "
                            + ref.get(u).get("uCode"));
                    checked++;
                }
            }
        }
        assertEquals(9 * 51, checked);
    }

    /**
     * a_genmean(row, w = 1, p) for p = 0.5 and −1 and a_copeland(X, w = 1) of each level-2 group's indicators
     * normalised onto [1, 100]: through the rules' batch forms (as evaluate, compare and the uncertainty analysis
     * run them) and their scalar form.
     */
    @Test
    void generalisedMeanAndCopelandPerGroup() throws IOException {
        List<Map<String, String>> norm = rows(REF.resolve("asem-normalised-1to100.csv"));
        Map<String, Map<String, String>> ref = byUnit(rows(REF.resolve("asem-aggregates-L2.csv")));
        int units = norm.size();
        GeneralisedMeanAggregation genmean = new GeneralisedMeanAggregation();
        CopelandAggregation copeland = new CopelandAggregation();
        int checked = 0;
        for (Map.Entry<String, List<String>> g : groups().entrySet()) {
            List<String> ics = g.getValue();
            int k = ics.size();
            double[][] kids = new double[k][units];
            double[][] x = new double[units][k];
            double[] w = new double[k];
            java.util.Arrays.fill(w, 1);
            for (int u = 0; u < units; u++) {
                for (int j = 0; j < k; j++) {
                    kids[j][u] = number(norm.get(u).get(ics.get(j)));
                    x[u][j] = kids[j][u];
                }
            }
            for (String p : List.of("0.5", "-1")) {
                double[] out = new double[units];
                // COINr's a_genmean gives NA where an indicator is missing: missing data not renormalised
                genmean.bind(Map.of("p", Double.parseDouble(p))).aggregate(kids, w, 1, false, units, out);
                for (int u = 0; u < units; u++) {
                    String unit = norm.get(u).get("uCode");
                    double expected = number(ref.get(unit).get(g.getKey() + "_genmean_p" + p));
                    String where = g.getKey() + " p " + p + " of " + unit;
                    if (Double.isNaN(expected)) {
                        assertTrue(Double.isNaN(out[u]), where);
                    } else {
                        assertEquals(expected, out[u], TOL, where);
                        assertEquals(expected, genmean.aggregate(x[u], w, 1, Map.of("p", Double.parseDouble(p))), TOL,
                                where);
                    }
                    checked++;
                }
            }
            double[] c = CopelandAggregation.copeland(x, w);
            double[] points = new double[units];
            // COINr compares every unit on the indicators both have: renormalise, every unit takes part
            copeland.bind(Map.of()).aggregate(kids, w, 100, true, units, points);
            for (int u = 0; u < units; u++) {
                String unit = norm.get(u).get("uCode");
                double expected = number(ref.get(unit).get(g.getKey() + "_copeland"));
                assertEquals(expected, c[u], TOL, g.getKey() + " Copeland of " + unit);
                assertEquals(100 * (expected + units - 1) / (2.0 * (units - 1)), points[u], TOL, unit);
                checked++;
            }
        }
        assertEquals(8 * 51 * 3, checked);
    }

    /** The indicators of iMeta, in order. */
    static List<String> indicators() throws IOException {
        List<String> out = new ArrayList<>();
        for (Map<String, String> r : rows(ASEM.resolve("asem_iMeta.csv"))) {
            if (r.get("Type").equals("Indicator")) {
                out.add(r.get("iCode"));
            }
        }
        return out;
    }

    /** Level-2 group → its indicators, in iMeta's order. */
    static Map<String, List<String>> groups() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map<String, String> r : rows(ASEM.resolve("asem_iMeta.csv"))) {
            if (r.get("Type").equals("Indicator")) {
                out.computeIfAbsent(r.get("Parent"), x -> new ArrayList<>()).add(r.get("iCode"));
            }
        }
        return out;
    }

    static double number(String s) {
        return s == null || s.isEmpty() || s.equals("NA") ? Double.NaN : Double.parseDouble(s);
    }

    static Map<String, Map<String, String>> byUnit(List<Map<String, String>> rows) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            out.put(r.get("uCode"), r);
        }
        return out;
    }

    /** A CSV file with a header, quoted fields allowed. */
    static List<Map<String, String>> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = fields(line);
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), i < f.size() ? f.get(i) : "");
            }
            out.add(m);
        }
        return out;
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }
}
