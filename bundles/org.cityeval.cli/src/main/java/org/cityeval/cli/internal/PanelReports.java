package org.cityeval.cli.internal;

import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.result.PanelCity;
import org.cityeval.api.result.PanelResult;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.PanelOptions;

/** A panel evaluation as text: city × year score and rank, CAGR and Theil–Sen slope; and as long CSV. */
final class PanelReports {
    private PanelReports() {
    }

    /** A panel's choices and the run's options, from {@code --years}, {@code --normalise} and the run options. */
    record Choice(PanelOptions panel, EvaluationOptions options) {
    }

    /**
     * {@code --missing renormalise,interpolate}: interpolate or locf is the panel's time-series imputation, the
     * rest the run's missing-data policy.
     */
    static Choice choice(String years, String normalise, Cli.RunOptions run) {
        if (run.year != null) {
            throw new Cli.UserError(Cli.BAD_INPUT, "--year and --years: one year, or a panel of several, not both");
        }
        String missing = run.missing;
        String timeSeries = null;
        List<String> policy = new ArrayList<>();
        for (String part : missing == null ? new String[0] : missing.split(",")) {
            String p = part.trim();
            if (p.equalsIgnoreCase(PanelOptions.INTERPOLATE) || p.equalsIgnoreCase(PanelOptions.LOCF)) {
                if (timeSeries != null) {
                    throw new Cli.UserError(Cli.BAD_INPUT, "--missing '" + missing + "': interpolate or locf, not both");
                }
                timeSeries = p;
            } else if (!p.isEmpty()) {
                policy.add(p);
            }
        }
        PanelOptions panel;
        try {
            // messages name the option: "years '…'", "normalise '…'"
            panel = new PanelOptions(PanelOptions.parseYears(years), normalise, timeSeries);
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(Cli.BAD_INPUT, "--" + e.getMessage());
        }
        run.missing = policy.isEmpty() ? null : String.join(",", policy);
        try {
            return new Choice(panel, run.options());
        } finally {
            run.missing = missing;
        }
    }

    static String table(EvaluationModel model, PanelResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(model.id()).append(" — ").append(model.title().preferred()).append(" (")
                .append(model.institution().preferred()).append(", ").append(model.year()).append(")\n");
        List<Integer> years = r.years();
        sb.append("panel: ").append(years.size()).append(" years ").append(years.get(0)).append('–')
                .append(years.get(years.size() - 1)).append("; normalisation: ").append(r.normalisation())
                .append("; missing data: ").append(r.model().missing())
                .append(r.imputation().equals("none") ? "" : ", over the years: " + r.imputation() + " ("
                        + r.imputed().size() + " values imputed)")
                .append("; ").append(r.cities().size()).append(" cities\n\n");
        List<String> columns = new ArrayList<>(List.of(">#", "city", "province"));
        for (Integer y : years) {
            columns.add(">" + y);
        }
        columns.add(">CAGR");
        columns.add(">slope/yr");
        TextTable t = new TextTable(columns.toArray(String[]::new));
        for (PanelCity c : r.cities()) {
            List<Object> row = new ArrayList<>(List.of(rank(c.ranks().get(years.size() - 1)), c.name(),
                    c.province() == null ? "" : c.province()));
            for (int i = 0; i < years.size(); i++) {
                Double s = c.totals().get(i);
                Integer k = c.ranks().get(i);
                row.add(s == null ? "—" : Reports.plain(s) + " (" + rank(k) + ")");
            }
            row.add(c.cagr() == null ? "—" : percent(c.cagr()));
            row.add(c.slope() == null ? "—" : Reports.plain(Math.round(c.slope() * 100) / 100.0));
            t.row(row.toArray());
        }
        sb.append("score (rank) per year; CAGR of the total from its first to its last year; Theil–Sen slope\n");
        sb.append(t.render());
        if (!r.warnings().isEmpty()) {
            sb.append("\nWarnings\n");
            r.warnings().forEach(w -> sb.append("  - ").append(w).append('\n'));
        }
        return sb.toString();
    }

    /** One line per city and year. */
    static String csv(PanelResult r) {
        StringBuilder sb = new StringBuilder("adcode,city,year,score,rank,tier,cagr,slope\n");
        for (PanelCity c : r.cities()) {
            for (int i = 0; i < r.years().size(); i++) {
                sb.append(c.adcode()).append(',').append(quote(c.name())).append(',').append(r.years().get(i))
                        .append(',').append(value(c.totals().get(i))).append(',').append(value(c.ranks().get(i)))
                        .append(',').append(c.tiers().get(i) == null ? "" : quote(c.tiers().get(i))).append(',')
                        .append(value(c.cagr())).append(',').append(value(c.slope())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String rank(Integer k) {
        return k == null ? "—" : k.toString();
    }

    private static String percent(double share) {
        return Reports.plain(Math.round(share * 10000) / 100.0) + "%";
    }

    private static String value(Object v) {
        return v == null ? "" : v instanceof Double d ? Reports.plain(d) : v.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
