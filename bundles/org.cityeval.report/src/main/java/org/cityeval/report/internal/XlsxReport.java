package org.cityeval.report.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.GroupResult;
import org.cityeval.api.result.PanelCity;
import org.cityeval.api.result.PanelResult;
import org.cityeval.api.result.TierCount;
import org.cityeval.api.service.ReportWriter.Evaluated;
import org.cityeval.api.service.ReportWriter.Report;

/**
 * The Excel workbook of a report. Sheets, in order:
 * <ol>
 * <li>{@code Ranking}: Rank, City, Province, Total, Tier, Adcode, Model — every city of every result;</li>
 * <li>per model and tree level, the cities × that level's nodes (scores in points): {@code Level 1},
 * {@code Level 2}, … for one model, {@code <model> L1}, … for several. Row 1 holds the node names, row 2 the
 * node ids (the column names a dataset uses), cities from row 3;</li>
 * <li>{@code Indicators}: the trees (model, id, names, level, parent, weight, provenance, note);</li>
 * <li>{@code Tiers} (model, tier, name, count, rule) and {@code Groups} (model, grouping, rank, group, mean,
 * count, tier, members);</li>
 * <li>{@code Comparison} when a concordance is given: the pairs, Kendall's W, the rank table of the common
 * cities, the tier cross-tables, the movers and the notes, one titled section after another;</li>
 * <li>{@code Uncertainty} when given: the rank bands and the Sobol indices;</li>
 * <li>{@code Panel} when a panel is given: per city total and rank per year, CAGR and Theil–Sen slope, then the
 * normalisation and the values imputed over the years;</li>
 * <li>{@code Sources} when the data's values carry notes ({@code V:source} columns) or come from several inputs
 * ({@code --data form.xlsx+pack:NAME}): per model, city and leaf, each value read with its input, file, sheet, row,
 * cell, note and the values set aside ({@link XlsxSources});</li>
 * <li>{@code Notes}: per model what its figures rest on — data source, data year, missing-data policy, the share
 * of its weight the data back (and the leaves without data), the coverage threshold and whether tiers were
 * withheld, the assumed weights that entered, and every warning.</li>
 * </ol>
 */
final class XlsxReport {
    private XlsxReport() {
    }

    static byte[] write(Report report) throws IOException {
        XlsxWriter book = new XlsxWriter(report.title() == null ? "cityeval" : report.title());
        List<Evaluated> evaluations = report.evaluations();
        boolean several = evaluations.size() > 1;

        XlsxWriter.Sheet ranking = book.sheet("Ranking").header("Rank", "City", "Province", "Total", "Tier", "Adcode", "Model");
        for (Evaluated e : evaluations) {
            for (CityResult c : cities(e.result())) {
                ranking.row(c.rank(), c.name(), c.province(), c.score(), c.tier(), c.adcode(), modelId(e));
            }
        }

        for (Evaluated e : evaluations) {
            List<TreeNode> nodes = TreeNode.flatten(e.model());
            for (int level = 1; level <= TreeNode.depth(nodes); level++) {
                int l = level;
                List<TreeNode> at = nodes.stream().filter(n -> n.level() == l).toList();
                XlsxWriter.Sheet sheet = book.sheet(several ? modelId(e) + " L" + level : "Level " + level);
                List<Object> names = new ArrayList<>(List.of("Rank", "City", "Province", "Adcode"));
                List<Object> ids = new ArrayList<>(List.of("", "", "", "id"));
                for (TreeNode n : at) {
                    names.add(n.label());
                    ids.add(n.id());
                }
                sheet.header(names.toArray()).header(ids.toArray());
                for (CityResult c : cities(e.result())) {
                    List<Object> row = new ArrayList<>(Arrays.asList(c.rank(), c.name(), c.province(), c.adcode()));
                    for (TreeNode n : at) {
                        row.add(c.scores() == null ? null : c.scores().get(n.id()));
                    }
                    sheet.row(row);
                }
            }
        }

        XlsxWriter.Sheet indicators = book.sheet("Indicators").header("Model", "Id", "Name", "Name (English)", "Level",
                "Parent", "Weight", "Provenance", "Note");
        for (Evaluated e : evaluations) {
            for (TreeNode n : TreeNode.flatten(e.model())) {
                indicators.row(modelId(e), n.id(), n.zh(), n.en(), n.level(), n.parent(), n.weight(), n.provenance(), n.note());
            }
        }

        XlsxWriter.Sheet tiers = book.sheet("Tiers").header("Model", "Tier", "Name", "Count", "Rule");
        for (Evaluated e : evaluations) {
            if (e.result() != null && e.result().tiers() != null) {
                for (TierCount t : e.result().tiers()) {
                    tiers.row(modelId(e), t.id(), t.name(), t.count(), t.rule());
                }
            }
        }

        XlsxWriter.Sheet groups = book.sheet("Groups").header("Model", "Grouping", "Rank", "Group", "Mean", "Count", "Tier",
                "Members");
        for (Evaluated e : evaluations) {
            if (e.result() == null || e.result().groups() == null) {
                continue;
            }
            Map<String, String> names = names(e.result());
            for (Map.Entry<String, List<GroupResult>> kind : e.result().groups().entrySet()) {
                for (GroupResult g : kind.getValue()) {
                    List<String> members = g.members() == null ? List.of()
                            : g.members().stream().map(a -> names.getOrDefault(a, a)).toList();
                    groups.row(modelId(e), kind.getKey(), g.rank(), g.name(), g.mean(), g.count(), g.tier(),
                            String.join("、", members));
                }
            }
        }

        // outlier treatment (winsorised or transformed raw values), only when a run treated any
        if (evaluations.stream().anyMatch(e -> e.result() != null && !e.result().treated().isEmpty())) {
            XlsxWriter.Sheet treated = book.sheet("Treatment").header("Model", "Indicator", "Adcode", "City", "Raw",
                    "Treated", "How");
            for (Evaluated e : evaluations) {
                if (e.result() != null) {
                    for (org.cityeval.api.result.TreatedValue t : e.result().treated()) {
                        treated.row(modelId(e), t.indicator(), t.adcode(), t.city(), t.raw(), t.treated(), t.how());
                    }
                }
            }
        }

        if (report.comparison() != null) {
            comparison(book.sheet("Comparison"), report.comparison());
        }
        if (report.uncertainty() != null) {
            uncertainty(book.sheet("Uncertainty"), report.uncertainty());
        }
        if (report.panel() != null) {
            panel(book.sheet("Panel"), report.panel());
        }
        if (report.data() != null && report.data().sources().noted()) {
            XlsxSources.write(book.sheet("Sources"), report);
        }
        notesSheet(book.sheet("Notes"), report);
        return book.toBytes();
    }

    /**
     * The panel: per city its total and rank per year, CAGR and Theil–Sen slope; then the normalisation, the
     * imputation and the imputed values.
     */
    private static void panel(XlsxWriter.Sheet sheet, PanelResult p) {
        List<Object> head = new ArrayList<>(List.of("Adcode", "City", "Province"));
        for (Integer y : p.years()) {
            head.add("Total " + y);
        }
        for (Integer y : p.years()) {
            head.add("Rank " + y);
        }
        head.add("CAGR");
        head.add("Theil-Sen slope");
        sheet.header(head.toArray());
        for (PanelCity c : p.cities()) {
            List<Object> row = new ArrayList<>(List.of(c.adcode(), c.name(), c.province() == null ? "" : c.province()));
            row.addAll(c.totals());
            row.addAll(c.ranks());
            row.add(c.cagr());
            row.add(c.slope());
            sheet.row(row);
        }
        sheet.blank().title("Model", "Normalisation", "Imputation over the years", "Values imputed")
                .row(p.model() == null ? null : p.model().id(), p.normalisation(), p.imputation(), p.imputed().size());
        for (String v : p.imputed()) {
            sheet.row("", "", "imputed", v);
        }
    }

    private static void comparison(XlsxWriter.Sheet sheet, Concordance c) {
        List<String> models = c.models() == null ? List.of() : c.models();
        sheet.header("Model A", "Model B", "n", "Spearman rho", "p (rho)", "Kendall tau-b", "p (tau)", "RBO", "RBO depth");
        if (c.pairs() != null) {
            for (Concordance.PairConcordance p : c.pairs()) {
                sheet.row(p.a(), p.b(), p.n(),
                        p.spearman() == null ? null : p.spearman().value(), p.spearman() == null ? null : p.spearman().p(),
                        p.kendall() == null ? null : p.kendall().value(), p.kendall() == null ? null : p.kendall().p(),
                        p.rbo(), p.rboDepth());
            }
        }
        if (c.kendallW() != null) {
            sheet.blank().title("Kendall's W", "p", "n (cities common to all)").row(c.kendallW().value(), c.kendallW().p(), c.kendallW().n());
        }
        if (c.coverage() != null && !c.coverage().isEmpty()) {
            sheet.blank().title("Model", "Cities ranked");
            c.coverage().forEach((m, n) -> sheet.row(m, n));
        }

        sheet.blank();
        List<Object> head = new ArrayList<>(List.of("Adcode", "City"));
        head.addAll(models);
        sheet.title(head.toArray());
        if (c.ranks() != null) {
            List<String> order = c.common() != null && !c.common().isEmpty() ? c.common() : new ArrayList<>(c.ranks().keySet());
            for (String adcode : order) {
                List<Object> row = new ArrayList<>();
                row.add(adcode);
                row.add(c.names() == null ? null : c.names().get(adcode));
                List<Integer> ranks = c.ranks().get(adcode);
                if (ranks != null) {
                    row.addAll(ranks);
                }
                sheet.row(row);
            }
        }

        if (c.tiers() != null) {
            for (Concordance.TierTable t : c.tiers()) {
                sheet.blank().title("Tiers: " + t.a() + " (rows) × " + t.b() + " (columns)");
                List<Object> cols = new ArrayList<>();
                cols.add("");
                cols.addAll(t.columnTiers());
                sheet.title(cols.toArray());
                for (int i = 0; i < t.rowsTiers().size(); i++) {
                    List<Object> row = new ArrayList<>();
                    row.add(t.rowsTiers().get(i));
                    if (t.counts() != null && i < t.counts().length) {
                        for (int v : t.counts()[i]) {
                            row.add(v);
                        }
                    }
                    sheet.row(row);
                }
                sheet.row("kappa", t.kappa()).row("weighted kappa", t.weightedKappa());
                if (t.note() != null) {
                    sheet.row("note", t.note());
                }
            }
        }

        if (c.movers() != null) {
            for (Concordance.Movers m : c.movers()) {
                sheet.blank().title("Movers: " + m.a() + " → " + m.b());
                sheet.title("Adcode", "City", "Rank " + m.a(), "Rank " + m.b(), "Shift", "Explanation", "Nodes");
                for (Concordance.Mover x : m.cities()) {
                    sheet.row(x.adcode(), x.name(), x.rankA(), x.rankB(), x.shift(),
                            x.explanation() == null ? null : String.join("; ", x.explanation()), nodes(x));
                }
            }
        }
        if (c.crosswalk() != null && !c.crosswalk().isEmpty()) {
            sheet.blank().title("Domain", "Model A", "Model B", "Spearman rho", "p", "n");
            for (Concordance.DomainCorrelation d : c.crosswalk()) {
                for (Concordance.PairConcordance p : d.pairs()) {
                    sheet.row(d.domain(), p.a(), p.b(), p.spearman() == null ? null : p.spearman().value(),
                            p.spearman() == null ? null : p.spearman().p(), p.spearman() == null ? null : p.spearman().n());
                }
            }
        }
        notes(sheet, c.notes());
    }

    private static void uncertainty(XlsxWriter.Sheet sheet, UncertaintyResult u) {
        sheet.header("Adcode", "City", "Nominal rank", "Median rank", "P5", "P95");
        if (u.cities() != null) {
            for (UncertaintyResult.RankBand b : u.cities()) {
                sheet.row(b.adcode(), b.name(), b.nominal(), b.median(), b.p5(), b.p95());
            }
        }
        if (u.sensitivity() != null && !u.sensitivity().isEmpty()) {
            sheet.blank().title("Choice", "First-order S", "Total S_T");
            for (UncertaintyResult.Sensitivity s : u.sensitivity()) {
                sheet.row(s.choice(), s.first(), s.total());
            }
        }
        sheet.blank().title("Models", u.models() == null ? null : String.join(", ", u.models()))
                .row("Replications", u.replications()).row("Seed", u.seed());
        if (u.choices() != null) {
            for (String choice : u.choices()) {
                sheet.row("Choice", choice);
            }
        }
        notes(sheet, u.notes());
    }

    /** What each model's figures rest on, one titled section per model. */
    private static void notesSheet(XlsxWriter.Sheet sheet, Report report) {
        sheet.header("Item", "Value");
        boolean first = true;
        for (Evaluated e : report.evaluations()) {
            if (!first) {
                sheet.blank();
            }
            first = false;
            EvaluationResult r = e.result();
            sheet.title("Model", modelId(e));
            sheet.row("Data source", report.dataSource() != null ? report.dataSource()
                    : e.model() != null && e.model().reference() != null ? e.model().reference().source() : null);
            if (r == null || r.model() == null) {
                continue;
            }
            sheet.row("Data year", r.model().dataYear());
            sheet.row("Missing-data policy", r.model().missing());
            Double cov = r.model().coverage();
            sheet.row("Coverage (share of the model's weight the data back)", cov == null ? "as published" : percent(cov));
            sheet.row("Coverage threshold", r.model().coverageThreshold() == null ? null
                    : percent(r.model().coverageThreshold()));
            sheet.row("Tiers", r.model().tiersWithheld() != null ? r.model().tiersWithheld() : "assigned");
            List<String> uncovered = r.model().uncovered() == null ? List.of() : r.model().uncovered();
            sheet.row("Leaves without data", uncovered.isEmpty() ? "none" : String.join(", ", uncovered));
            List<String> assumed = r.model().assumedWeights() == null ? List.of() : r.model().assumedWeights();
            sheet.row("Assumed weights used", assumed.isEmpty() ? "none" : String.join(", ", assumed));
            List<String> warnings = r.warnings() == null ? List.of() : r.warnings();
            for (String w : warnings) {
                sheet.row("Warning", w);
            }
        }
    }

    private static String percent(double share) {
        return java.math.BigDecimal.valueOf(share * 100).setScale(1, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "%";
    }

    private static void notes(XlsxWriter.Sheet sheet, List<String> notes) {
        if (notes != null && !notes.isEmpty()) {
            sheet.blank().title("Notes");
            notes.forEach(n -> sheet.row(n));
        }
    }

    private static List<CityResult> cities(EvaluationResult r) {
        return r == null || r.cities() == null ? List.of() : r.cities();
    }

    private static Map<String, String> names(EvaluationResult r) {
        Map<String, String> names = new HashMap<>();
        for (CityResult c : cities(r)) {
            names.put(c.adcode(), c.name());
        }
        return names;
    }

    static String modelId(Evaluated e) {
        if (e.result() != null && e.result().model() != null && e.result().model().id() != null) {
            return e.result().model().id();
        }
        return e.model() == null ? "model" : e.model().id();
    }

    /** The explaining nodes' ids (model: node, with the ancestors collapsed into it), or {@code null}. */
    private static String nodes(Concordance.Mover x) {
        if (x.reasons() == null || x.reasons().isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Concordance.Reason r : x.reasons()) {
            out.add(r.model() + ": " + r.node() + (r.collapsed().isEmpty() ? "" : " (for " + String.join(", ", r.collapsed()) + ")"));
        }
        return String.join("; ", out);
    }
}
