package org.cityeval.cli.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.analysis.DerivedWeights;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.result.QualityIssue;
import org.cityeval.api.result.QualityReport;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.GroupResult;
import org.cityeval.api.result.NodeStatistics;
import org.cityeval.api.result.RankedCity;
import org.cityeval.api.result.ReferenceCheck;
import org.cityeval.api.result.TierCount;
import org.cityeval.api.service.CatalogOverview;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.service.ModelOverview;

/** Terminal and CSV renderings of models and results. */
final class Reports {
    private Reports() {
    }

    static String models(CatalogOverview overview) {
        StringBuilder sb = new StringBuilder();
        TextTable t = new TextTable("id", "institution", "edition", ">year", "indicators per level", "weights");
        for (ModelOverview m : overview.models()) {
            t.row(m.id(), m.institution().preferred(), m.edition(), m.year(), levels(m.levels()),
                    provenanceSummary(m.weights()));
        }
        sb.append(overview.models().isEmpty() ? "No models loaded.\n" : t.render());
        if (!overview.failures().isEmpty()) {
            sb.append("\nNot loaded (").append(overview.failures().size()).append("):\n");
            for (ModelLoadError f : overview.failures()) {
                sb.append("  ").append(f.message()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String levels(List<Integer> counts) {
        StringBuilder sb = new StringBuilder();
        for (int n : counts) {
            sb.append(sb.length() == 0 ? "" : "/").append(n);
        }
        return sb.toString();
    }

    private static String provenanceSummary(Map<String, Integer> weights) {
        StringBuilder sb = new StringBuilder();
        weights.forEach((p, n) -> {
            if (n > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(p);
            }
        });
        return sb.toString();
    }

    static String tree(ModelOverview o, EvaluationModel m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.id()).append(" — ").append(m.title().preferred()).append('\n');
        sb.append(m.institution().preferred()).append(", ").append(m.edition()).append("; scale: ")
                .append(m.scale().kind()).append(" 0–").append(plain(m.scale().max()))
                .append("; indicators per level: ").append(levels(o.levels())).append("\n\n");
        TextTable t = new TextTable("id", ">level", "name", ">weight", "provenance", "scoring");
        for (Indicator c : m.root().children()) {
            treeRows(t, c);
        }
        sb.append(t.render());
        sb.append("\nWeights: ").append(provenanceSummary(o.weights())).append('\n');
        for (String note : m.notes()) {
            sb.append("- ").append(note).append('\n');
        }
        return sb.toString();
    }

    private static void treeRows(TextTable t, Indicator node) {
        String indent = "  ".repeat(node.level() - 1);
        t.row(indent + node.id(), node.level(), indent + name(node.name()), fixed(node.weight().value(), 3),
                node.weight().provenance(), node.scoring() == null ? "" : node.scoring().rule());
        for (Indicator c : node.children()) {
            treeRows(t, c);
        }
    }

    private static String name(LocalizedText t) {
        if (t.zh() != null && t.en() != null) {
            return t.zh() + " " + t.en();
        }
        return t.preferred();
    }

    static String evaluation(EvaluationModel model, EvaluationResult r) {
        StringBuilder sb = new StringBuilder();
        header(sb, model, r);
        ranking(sb, model, r);
        tiers(sb, r);
        warnings(sb, r);
        return sb.toString();
    }

    static String reproduction(EvaluationModel model, EvaluationResult r) {
        StringBuilder sb = new StringBuilder();
        header(sb, model, r);
        sb.append("Reference: ").append(model.reference().source()).append('\n');
        if (model.reference().note() != null) {
            sb.append(model.reference().note()).append('\n');
        }
        sb.append("\nChecks against the printed figures\n");
        if (r.checks().isEmpty()) {
            sb.append("  (the reference data print no figure that can be recomputed)\n");
        }
        for (ReferenceCheck c : r.checks()) {
            sb.append("  ").append(c.passed() ? "OK   " : "DIFF ").append(c.what()).append(": ").append(c.matched())
                    .append(" of ").append(c.compared());
            sb.append(switch (c.what()) {
                case "rank" -> " recomputed ranks equal the printed ones\n";
                case "tier order" -> " printed tiers follow the printed ranks\n";
                default -> " recomputed values equal the printed ones\n";
            });
            for (String mm : c.mismatches()) {
                sb.append("       ").append(mm).append('\n');
            }
        }
        sb.append('\n');
        ranking(sb, model, r);
        tiers(sb, r);
        groups(sb, model, r);
        statistics(sb, model, r);
        warnings(sb, r);
        return sb.toString();
    }

    private static void header(StringBuilder sb, EvaluationModel model, EvaluationResult r) {
        sb.append(model.id()).append(" — ").append(model.title().preferred()).append(" (")
                .append(model.institution().preferred()).append(", ").append(model.year()).append(")\n");
        long ranked = r.cities().stream().filter(c -> c.rank() != null).count();
        if (r.model().dataYear() != null || !"none".equals(r.model().missing())) {
            sb.append("data year: ").append(r.model().dataYear() == null ? "—" : r.model().dataYear())
                    .append("; missing data: ").append(r.model().missing()).append('\n');
        }
        if (r.model().basisLevel() < 0) {
            sb.append(ranked).append(" cities as published: ranks and tiers only, no scores to recompute\n");
            return;
        }
        sb.append(ranked).append(" cities ranked; scores aggregated upward from level ").append(r.model().basisLevel())
                .append("; assumed weights used: ")
                .append(r.model().assumedWeights().isEmpty() ? "none" : r.model().assumedWeights().size() + " (see warnings)")
                .append("\n");
        coverageLines(sb, r);
    }

    /**
     * The coverage header: printed when the data back less than all of the model's weight, for the model or for
     * some city, or when tiers were withheld. A full-coverage result (a reproduction) prints nothing more.
     */
    static void coverageLines(StringBuilder sb, EvaluationResult r) {
        Double cov = r.model().coverage();
        if (cov == null || !partialCoverage(r)) {
            return;
        }
        sb.append("coverage: the data back ").append(pct(cov)).append(" of the model's weight");
        if (r.model().coverageThreshold() != null) {
            sb.append(" (threshold ").append(BigDecimal.valueOf(r.model().coverageThreshold() * 100)
                    .setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()).append("%)");
        }
        List<String> none = r.model().uncovered() == null ? List.of() : r.model().uncovered();
        if (!none.isEmpty()) {
            sb.append("; ").append(none.size()).append(none.size() == 1 ? " leaf has" : " leaves have")
                    .append(" no data: ").append(String.join(", ", none.size() > 8 ? none.subList(0, 8) : none))
                    .append(none.size() > 8 ? ", …" : "");
        }
        sb.append('\n');
        if (r.model().tiersWithheld() != null) {
            sb.append(r.model().tiersWithheld()).append('\n');
        }
    }

    /** True when the model or some city is backed by less than all of the model's weight, or tiers were withheld. */
    static boolean partialCoverage(EvaluationResult r) {
        if (r.model().tiersWithheld() != null || (r.model().coverage() != null && r.model().coverage() < 1 - 1e-9)) {
            return true;
        }
        return r.cities().stream().anyMatch(c -> c.coverage() != null && c.coverage() < 1 - 1e-9);
    }

    /** A share as a percentage with one decimal, e.g. {@code 6.2%}. */
    static String pct(double share) {
        return fixed(share * 100, 1) + "%";
    }

    private static void ranking(StringBuilder sb, EvaluationModel model, EvaluationResult r) {
        boolean scored = r.cities().stream().anyMatch(c -> !c.scores().isEmpty());
        List<Indicator> l1 = scored ? model.root().children() : List.of();
        List<String> cols = new ArrayList<>(List.of(">排名 rank", "城市 city", "省份 province", ">总分 total", "等级 tier"));
        boolean coverage = partialCoverage(r);
        if (coverage) {
            cols.add(">覆盖 coverage");
        }
        for (Indicator i : l1) {
            cols.add(">" + i.name().preferred());
        }
        TextTable t = new TextTable(cols.toArray(String[]::new));
        int p = model.scale().precision();
        for (CityResult c : r.cities()) {
            // units of a COINr index (countries) have no province: List.of takes no null
            List<Object> row = new ArrayList<>(List.of(c.rank() == null ? "—" : c.rank(), c.name(),
                    c.province() == null ? "" : c.province(),
                    c.score() == null ? "—" : fixed(c.score(), p), c.tier() == null
                            ? (r.model().tiersWithheld() != null && c.score() != null ? "withheld" : "") : c.tier()));
            if (coverage) {
                row.add(c.coverage() == null ? "" : pct(c.coverage()));
            }
            for (Indicator i : l1) {
                Double v = c.scores().get(i.id());
                row.add(v == null ? "" : fixed(v, p));
            }
            t.row(row.toArray());
        }
        sb.append("Ranking\n").append(t.render()).append('\n');
    }

    private static void tiers(StringBuilder sb, EvaluationResult r) {
        if (r.tiers().isEmpty()) {
            return;
        }
        TextTable t = new TextTable("tier", "name", "rule", ">cities");
        int total = 0;
        for (TierCount tc : r.tiers()) {
            t.row(tc.id(), tc.name(), tc.rule(), tc.count());
            total += tc.count();
        }
        long ranked = r.cities().stream().filter(c -> c.rank() != null).count();
        sb.append("Tier counts\n").append(t.render());
        if (total < ranked) {
            sb.append("(").append(ranked - total).append(" ranked cities fall in no tier)\n");
        }
        sb.append('\n');
    }

    private static void groups(StringBuilder sb, EvaluationModel model, EvaluationResult r) {
        int p = model.scale().precision() + 2;
        for (var g : model.groups()) {
            List<GroupResult> groups = r.groups().get(g.kind());
            if (groups == null || groups.isEmpty()) {
                continue;
            }
            String title = g.name() == null ? g.kind() : g.name().preferred();
            if (g.tiers() != null || groups.size() > 1) {
                long ranked = r.cities().stream().filter(c -> c.rank() != null).count();
                boolean means = groups.stream().anyMatch(x -> x.mean() != null);
                TextTable t = new TextTable(">#", "group", ">mean", ">cities", ">share", "tier");
                for (GroupResult gr : groups) {
                    t.row(gr.rank(), gr.name(), fixed(gr.mean(), p), gr.count(),
                            fixed(100.0 * gr.count() / Math.max(1, ranked), 1) + "%", gr.tier() == null ? "" : gr.tier());
                }
                sb.append(title).append(" (").append(g.kind()).append(means ? ": mean total of the evaluated cities)\n"
                        : ": cities of the published list, by number)\n").append(t.render());
                if (g.tiers() != null) {
                    StringBuilder counts = new StringBuilder();
                    for (var tier : g.tiers().tiers()) {
                        long n = groups.stream().filter(x -> tier.id().equals(x.tier())).count();
                        counts.append(counts.length() == 0 ? "" : ", ").append(tier.id()).append(' ').append(n);
                    }
                    sb.append("Tier sizes: ").append(counts).append('\n');
                }
                sb.append('\n');
            } else {
                for (GroupResult gr : groups) {
                    sb.append(title).append(title.equals(gr.name()) ? "" : " (" + gr.name() + ")").append(": ")
                            .append(gr.count())
                            .append(" cities, mean ").append(fixed(gr.mean(), p)).append('\n');
                    sb.append("  order: ");
                    List<String> names = new ArrayList<>();
                    for (String adcode : gr.members()) {
                        r.cities().stream().filter(c -> c.adcode().equals(adcode)).findFirst()
                                .ifPresent(c -> names.add(c.name() + " " + fixed(c.score(), model.scale().precision())));
                    }
                    sb.append(String.join(", ", names)).append("\n\n");
                }
            }
        }
    }

    private static void statistics(StringBuilder sb, EvaluationModel model, EvaluationResult r) {
        if (r.statistics().isEmpty()) {
            return;
        }
        int p = model.scale().precision();
        TextTable t = new TextTable("indicator", ">points", ">mean", ">rate", ">above mean", ">best", ">worst",
                ">spread");
        List<Indicator> rows = new ArrayList<>(model.root().children());
        rows.add(model.root());
        for (Indicator i : rows) {
            NodeStatistics s = r.statistics().get(i.id());
            if (s == null) {
                continue;
            }
            t.row(i.name().preferred(), plain(i.weight().value()), fixed(s.mean(), 2), percent(s.rate()),
                    s.aboveMean() + "/" + s.count(), fixed(s.max(), p), fixed(s.min(), p), fixed(s.spread(), p));
        }
        sb.append("Level-1 statistics\n").append(t.render()).append('\n');
        for (Indicator i : model.root().children()) {
            NodeStatistics s = r.statistics().get(i.id());
            if (s == null) {
                continue;
            }
            List<String> top = new ArrayList<>();
            for (RankedCity c : s.top10()) {
                top.add(c.name() + " " + fixed(c.score(), p));
            }
            sb.append("Top 10, ").append(i.name().preferred()).append(": ").append(String.join(", ", top)).append('\n');
        }
        sb.append('\n');
    }

    private static void warnings(StringBuilder sb, EvaluationResult r) {
        if (r.warnings().isEmpty()) {
            return;
        }
        sb.append("Warnings\n");
        for (String w : r.warnings()) {
            sb.append("- ").append(w).append('\n');
        }
    }

    static String coverage(List<Coverage> coverages) {
        StringBuilder sb = new StringBuilder();
        TextTable summary = new TextTable("model", ">cities", ">year", ">leaves backed", ">weight backed");
        for (Coverage c : coverages) {
            long backed = c.leaves().stream().filter(l -> l.cities() > 0).count();
            summary.row(c.model(), c.cities(), c.year() == null ? "" : c.year(), backed + "/" + c.leaves().size(),
                    fixed(c.weightBacked() * 100, 1) + "%");
        }
        sb.append(summary.render());
        for (Coverage c : coverages) {
            sb.append('\n').append(c.model()).append('\n');
            TextTable t = new TextTable("leaf", ">weight", "from", ">cities", "lacking");
            for (Coverage.LeafCoverage l : c.leaves()) {
                t.row(l.id(), fixed(l.weight(), 3), l.source() == null ? "—" : l.source(), l.cities(),
                        String.join(", ", l.missing()));
            }
            sb.append(t.render());
        }
        return sb.toString();
    }

    static String quality(QualityReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Data quality of ").append(r.source()).append(": ").append(r.records())
                .append(" city-year records; nothing was changed\n\nChecks\n");
        for (String c : r.checks()) {
            sb.append("- ").append(c).append('\n');
        }
        Map<String, Long> byKind = new java.util.TreeMap<>();
        r.issues().forEach(i -> byKind.merge(i.kind(), 1L, Long::sum));
        sb.append("\nFindings: ").append(r.issues().size());
        byKind.forEach((k, n) -> sb.append(", ").append(k).append(' ').append(n));
        sb.append("\n\n");
        if (!r.issues().isEmpty()) {
            TextTable t = new TextTable("kind", "variable", "city", ">year", "detail");
            for (QualityIssue i : r.issues()) {
                t.row(i.kind(), i.variable(), i.city() == null ? "" : i.city(), i.year() == null ? "" : i.year(),
                        i.detail());
            }
            sb.append(t.render());
        }
        return sb.toString();
    }

    static String concordance(Concordance c) {
        StringBuilder sb = new StringBuilder("Concordance of ").append(String.join(", ", c.models())).append('\n');
        c.coverage().forEach((m, n) -> {
            sb.append("  ").append(m).append(": ").append(n).append(" cities ranked");
            Double w = c.weightCoverage() == null ? null : c.weightCoverage().get(m);
            if (w != null) {
                sb.append(", data back ").append(pct(w)).append(" of its weight");
            }
            sb.append('\n');
        });
        sb.append("  common to all: ").append(c.common().size()).append(" cities (each pair below is compared on the ")
                .append("cities both rank: n)\n");
        for (Concordance.Failed f : c.failed()) {
            sb.append("  FAILED, left out: ").append(f.model()).append(" (").append(f.kind()).append("): ")
                    .append(f.message()).append('\n');
        }
        sb.append('\n');
        List<String> rankCols = new ArrayList<>(List.of("city"));
        c.models().forEach(m -> rankCols.add(">" + m));
        TextTable ranks = new TextTable(rankCols.toArray(String[]::new));
        for (String adcode : c.common()) {
            List<Object> row = new ArrayList<>(List.of(c.names().getOrDefault(adcode, adcode)));
            row.addAll(c.ranks().get(adcode));
            ranks.row(row.toArray());
        }
        sb.append("Ranks among the ").append(c.common().size()).append(" cities common to all\n").append(ranks.render())
                .append('\n');
        TextTable pairs = new TextTable("model A", "model B", ">n", ">Spearman ρ", ">p", ">Kendall τ-b", ">p", ">RBO@k");
        for (Concordance.PairConcordance p : c.pairs()) {
            pairs.row(p.a(), p.b(), p.n(), fixed(p.spearman().value(), 3), pValue(p.spearman().p()),
                    fixed(p.kendall().value(), 3), pValue(p.kendall().p()),
                    p.rbo() == null ? "—" : fixed(p.rbo(), 3) + "@" + p.rboDepth());
        }
        sb.append("Rank correlations (each pair on the cities both rank)\n").append(pairs.render());
        if (c.kendallW() != null) {
            sb.append("Kendall's W across all models: ").append(fixed(c.kendallW().value(), 3)).append(" (p ")
                    .append(pValue(c.kendallW().p())).append(", on the ").append(c.kendallW().n())
                    .append(" cities common to all)\n");
        }
        for (Concordance.TierTable t : c.tiers()) {
            sb.append("\nTiers: ").append(t.a()).append(" (rows) × ").append(t.b()).append(" (columns)\n");
            List<String> cols = new ArrayList<>(List.of(""));
            t.columnTiers().forEach(x -> cols.add(">" + x));
            TextTable tt = new TextTable(cols.toArray(String[]::new));
            for (int i = 0; i < t.rowsTiers().size(); i++) {
                List<Object> row = new ArrayList<>(List.of(t.rowsTiers().get(i)));
                for (int j = 0; j < t.columnTiers().size(); j++) {
                    row.add(t.counts()[i][j]);
                }
                tt.row(row.toArray());
            }
            sb.append(tt.render()).append("κ ").append(t.kappa() == null ? "—" : fixed(t.kappa(), 3)).append(", weighted κ ")
                    .append(t.weightedKappa() == null ? "—" : fixed(t.weightedKappa(), 3));
            if (t.note() != null) {
                sb.append(" (").append(t.note()).append(')');
            }
            sb.append('\n');
        }
        for (Concordance.Movers m : c.movers()) {
            sb.append("\nLargest moves, ").append(m.a()).append(" → ").append(m.b());
            if (m.n() > 0) {
                sb.append(" (ranks among the ").append(m.n()).append(" cities both rank)");
            }
            sb.append('\n');
            TextTable t = new TextTable("city", ">rank A", ">rank B", ">shift", "why");
            for (Concordance.Mover x : m.cities()) {
                // one line per model: the labelled reasons are long, and each model's are read on their own
                List<String> why = x.explanation() == null || x.explanation().isEmpty() ? List.of("")
                        : x.explanation();
                t.row(x.name(), x.rankA(), x.rankB(), (x.shift() > 0 ? "+" : "") + x.shift(), why.get(0));
                for (int i = 1; i < why.size(); i++) {
                    t.row("", "", "", "", why.get(i));
                }
            }
            sb.append(t.render());
        }
        for (Concordance.DomainCorrelation d : c.crosswalk()) {
            sb.append("\nDomain ").append(d.domain()).append(": ").append(d.nodes()).append('\n');
            if (d.pairs().isEmpty()) {
                sb.append("  (fewer than two of the models have scores for this domain)\n");
            }
            for (Concordance.PairConcordance p : d.pairs()) {
                sb.append("  ").append(p.a()).append(" ~ ").append(p.b()).append(": ρ ")
                        .append(fixed(p.spearman().value(), 3)).append(" (p ").append(pValue(p.spearman().p()))
                        .append(", n ").append(p.spearman().n()).append(")\n");
            }
        }
        if (!c.notes().isEmpty()) {
            sb.append("\nNotes\n");
            c.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    private static String pValue(Double p) {
        if (p == null) {
            return "—";
        }
        return p < 0.001 ? "<0.001" : fixed(p, 3);
    }

    static String uncertainty(UncertaintyResult r) {
        StringBuilder sb = new StringBuilder("Uncertainty of ").append(String.join(", ", r.models())).append(": ")
                .append(r.replications()).append(" replications, seed ").append(r.seed()).append('\n');
        r.choices().forEach(ch -> sb.append("- ").append(ch).append('\n'));
        TextTable t = new TextTable("city", ">nominal", ">median", ">5%", ">95%");
        for (UncertaintyResult.RankBand b : r.cities()) {
            t.row(b.name(), b.nominal(), fixed(b.median(), 1), fixed(b.p5(), 1), fixed(b.p95(), 1));
        }
        sb.append("\nRanks\n").append(t.render());
        if (!r.sensitivity().isEmpty()) {
            TextTable s = new TextTable("choice", ">first-order S", ">total S_T");
            for (UncertaintyResult.Sensitivity x : r.sensitivity()) {
                s.row(x.choice(), fixed(x.first(), 3), fixed(x.total(), 3));
            }
            sb.append("\nSensitivity of the mean absolute rank change (Sobol, Jansen estimators)\n").append(s.render());
        }
        if (!r.notes().isEmpty()) {
            sb.append('\n');
            r.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    static String weights(DerivedWeights r, Path written) {
        StringBuilder sb = new StringBuilder().append(r.method()).append(" weights of the children of ")
                .append(r.node()).append(" in ").append(r.model()).append('\n');
        TextTable t = new TextTable("id", "name", ">current", "provenance", ">derived", ">points");
        for (DerivedWeights.Row w : r.weights()) {
            t.row(w.id(), w.name(), fixed(w.current(), 3), w.provenance(), fixed(w.derived(), 4), fixed(w.points(), 3));
        }
        sb.append(t.render());
        r.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
        if (written != null) {
            sb.append("written to ").append(written).append(" (provenance: derived)\n");
        }
        return sb.toString();
    }

    /** One row per city: identity, rank, tier, total, then every node's score in tree order. */
    static String csv(EvaluationModel model, EvaluationResult r) {
        List<String> ids = new ArrayList<>();
        collect(model.root(), ids);
        StringBuilder sb = new StringBuilder("adcode,name,province,rank,tier");
        for (String id : ids) {
            sb.append(',').append(csvCell(id));
        }
        // the share of the model's weight each city's data back, last so that node columns keep their places
        boolean coverage = r.cities().stream().anyMatch(c -> c.coverage() != null);
        if (coverage) {
            sb.append(",coverage");
        }
        sb.append('\n');
        for (CityResult c : r.cities()) {
            sb.append(csvCell(c.adcode())).append(',').append(csvCell(c.name())).append(',').append(csvCell(c.province()))
                    .append(',').append(c.rank() == null ? "" : c.rank()).append(',')
                    .append(c.tier() == null ? "" : csvCell(c.tier()));
            Map<String, Double> s = c.scores();
            for (String id : ids) {
                Double v = s.get(id);
                sb.append(',').append(v == null ? "" : plain(v));
            }
            if (coverage) {
                sb.append(',').append(c.coverage() == null ? "" : plain(c.coverage()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void collect(Indicator node, List<String> ids) {
        ids.add(node.id());
        for (Indicator c : node.children()) {
            collect(c, ids);
        }
    }

    static String csvCell(String s) {
        if (s == null) {
            return ""; // no province (a COINr unit), no tier
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /**
     * At a fixed number of decimals; "—" for no value. A statistic that is undefined (NaN: a correlation of
     * fewer than two cities) prints "—" too, and an infinite one "∞" — BigDecimal takes neither.
     */
    static String fixed(Double v, int decimals) {
        return v == null || !Double.isFinite(v) ? nonFinite(v)
                : BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    static String plain(double v) {
        return !Double.isFinite(v) ? nonFinite(v) : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String percent(double rate) {
        return !Double.isFinite(rate) ? nonFinite(rate)
                : BigDecimal.valueOf(rate * 100).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static String nonFinite(Double v) {
        return v == null || v.isNaN() ? "—" : v > 0 ? "∞" : "−∞";
    }
}
